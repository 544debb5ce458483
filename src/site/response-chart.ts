// Renders a service's daily response times as an inline SVG line chart, with
// no client-side JavaScript.
//
// The chart draws the daily median (p50) as a solid line and the daily 95th
// percentile (p95) as a dashed line, so the two differ without colour. A day
// without data leaves a gap. Every colour is `currentColor`, set as a
// presentation attribute that any CSS rule overrides, so a page themes the
// chart by setting `color` on the classes `chart-p50`, `chart-p95`,
// `chart-axis` and `chart-grid`, for example in dark mode.

import type { ResponseDay } from '../domain/response-times.ts';
import { hashText } from '../domain/hash.ts';

export interface ResponseChartOptions {
  /** The calendar dates to show, oldest first, such as the last 90 local dates. */
  dates: readonly string[];
  /** The width of the viewBox. The SVG itself is 100 % wide and keeps the aspect ratio. */
  width?: number;
  /** The height of the viewBox. */
  height?: number;
  /** The chart's accessible name, such as `Public API response time`. */
  title: string;
  /** The BCP 47 locale for dates and numbers. */
  locale?: string;
  /**
   * The prefix of the ids of `<title>` and `<desc>`, which must be unique on
   * the page. Without it, the prefix comes from `title`.
   */
  id?: string;
}

export interface ResponseChart {
  svg: string;
  /** One plain-text sentence that describes the data, also used as the SVG's `<desc>`. */
  summary: string;
}

interface Point {
  x: number;
  y: number;
}

const DEFAULT_WIDTH = 600;
const DEFAULT_HEIGHT = 200;
// NOTE: text is sized in viewBox units and scales with the chart, so the
// default 600-unit width draws 11-unit text at about 6 px on a 320 px screen.
const FONT_SIZE = 11;
// An estimate of the average glyph width at FONT_SIZE in a sans-serif font, for layout only.
const CHARACTER_WIDTH = 6.2;
const MARGIN_TOP = 26;
const MARGIN_RIGHT = 8;
const MARGIN_BOTTOM = 22;
const MAX_TICK_INTERVALS = 4;

const LEGEND = { p50: 'Median (p50)', p95: '95th percentile (p95)' };
const P50_STYLE = 'stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"';
const P95_STYLE = 'stroke="currentColor" stroke-width="1.5" stroke-dasharray="5 3" stroke-linejoin="round"';

/**
 * Renders the p50 and p95 response times of the days in `options.dates` as
 * an SVG chart with a one-sentence summary. Returns null when none of those
 * days has data, so the page can show a note in place of an empty frame.
 */
export function renderResponseChart(days: readonly ResponseDay[], options: ResponseChartOptions): ResponseChart | null {
  const width = checkSize(options.width ?? DEFAULT_WIDTH, 'width');
  const height = checkSize(options.height ?? DEFAULT_HEIGHT, 'height');
  const locale = options.locale ?? 'en';
  const dates = options.dates;

  const byDate = new Map(days.map((day) => [day.date, day]));
  const dayPerDate = dates.map((date) => byDate.get(date));
  const withData = dayPerDate.filter((day): day is ResponseDay => day !== undefined);
  if (withData.length === 0) return null;

  const summary = summarise(withData, dates.length, locale);
  const idPrefix = slugify(options.id ?? `response-chart-${options.title}`);
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;

  // The y scale starts at 0 and ends at the first round tick at or above the highest p95.
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const ticks = roundTicks(Math.max(...withData.map((day) => day.p95Ms)));
  const tickLabels = ticks.map((tick) => `${numbers.format(tick)} ms`);
  const longestLabel = Math.max(...tickLabels.map((label) => label.length));

  const plot = {
    left: Math.round(longestLabel * CHARACTER_WIDTH + 8),
    top: MARGIN_TOP,
    right: width - MARGIN_RIGHT,
    bottom: height - MARGIN_BOTTOM,
  };
  const plotWidth = Math.max(1, plot.right - plot.left);
  const plotHeight = Math.max(1, plot.bottom - plot.top);
  const topTick = ticks.at(-1)!;

  // Each date owns an equal band of the plot, and its point sits at the band's centre.
  const xOf = (index: number) => plot.left + (plotWidth * (index + 0.5)) / dates.length;
  const yOf = (milliseconds: number) => plot.bottom - (plotHeight * milliseconds) / topTick;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="response-chart" viewBox="0 0 ${width} ${height}" width="100%" ` +
      `role="img" aria-labelledby="${titleId} ${descId}" font-size="${FONT_SIZE}">`,
    `<title id="${titleId}">${escapeXml(options.title)}</title>`,
    `<desc id="${descId}">${escapeXml(summary)}</desc>`,
  ];

  // Grid lines and y tick labels. The line at 0 is the x axis.
  const gridLines = ticks.slice(1).map((tick) => horizontalLine(plot.left, plot.right, yOf(tick)));
  parts.push(`<g class="chart-grid" stroke="currentColor" stroke-opacity="0.15">${gridLines.join('')}</g>`);
  parts.push(`<g class="chart-axis" stroke="currentColor" stroke-opacity="0.5">${horizontalLine(plot.left, plot.right, plot.bottom)}</g>`);

  const axisLabels = ticks.map(
    (tick, index) => `<text x="${round(plot.left - 6)}" y="${round(yOf(tick) + FONT_SIZE / 3)}" text-anchor="end">${escapeXml(tickLabels[index]!)}</text>`,
  );

  // The first, middle and last dates label the x axis.
  const labelled = [...new Set([0, Math.floor((dates.length - 1) / 2), dates.length - 1])];
  for (const index of labelled) {
    // The outer labels align with the plot's edges so they stay inside the viewBox.
    let anchor = 'middle';
    let x = xOf(index);
    if (dates.length > 1 && index === 0) {
      anchor = 'start';
      x = plot.left;
    } else if (dates.length > 1 && index === dates.length - 1) {
      anchor = 'end';
      x = plot.right;
    }
    const label = formatShortDate(dates[index]!, locale);
    axisLabels.push(`<text x="${round(x)}" y="${round(height - 6)}" text-anchor="${anchor}">${escapeXml(label)}</text>`);
  }
  parts.push(`<g class="chart-axis" fill="currentColor">${axisLabels.join('')}</g>`);

  // p95 goes first so the median line is drawn on top of it.
  const segments = (value: (day: ResponseDay) => number) => splitAtGaps(dayPerDate, (day, index) => ({ x: xOf(index), y: yOf(value(day)) }));
  parts.push(renderSeries('chart-p95', P95_STYLE, segments((day) => day.p95Ms)));
  parts.push(renderSeries('chart-p50', P50_STYLE, segments((day) => day.p50Ms)));

  parts.push(renderLegend(plot.left), '</svg>');
  return { svg: parts.join(''), summary };
}

/**
 * Returns 3 to 5 tick values from 0 up to at least `maxValue`, spaced by a
 * round whole number of milliseconds: 1, 2, 2.5 or 5 times a power of ten,
 * leaving out 2.5 ms itself.
 */
export function roundTicks(maxValue: number): number[] {
  // Below 4 ms the step would drop under 1 ms, so the scale stops at 0–4 ms.
  const top = Math.max(maxValue, MAX_TICK_INTERVALS);
  const rawStep = top / MAX_TICK_INTERVALS;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const multiples = magnitude >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];

  // The smallest round step that fits `top` in 4 intervals. Neighbouring
  // multiples are at most 2.5 times apart, so `top` also needs at least 2.
  const multiple = multiples.find((candidate) => candidate * magnitude * MAX_TICK_INTERVALS >= top)!;
  const step = multiple * magnitude;

  const intervals = Math.ceil(top / step);
  return Array.from({ length: intervals + 1 }, (_, index) => index * step);
}

// Splits the days into runs of consecutive dates with data, because a date
// without data ends a run. `dayPerDate` is undefined at each date without data.
function splitAtGaps(dayPerDate: readonly (ResponseDay | undefined)[], pointOf: (day: ResponseDay, index: number) => Point): Point[][] {
  const segments: Point[][] = [];
  let current: Point[] = [];
  dayPerDate.forEach((day, index) => {
    if (day) {
      current.push(pointOf(day, index));
      return;
    }
    if (current.length > 0) segments.push(current);
    current = [];
  });
  if (current.length > 0) segments.push(current);
  return segments;
}

// A run of one day draws nothing as a line, so it also gets a dot.
function renderSeries(className: string, style: string, segments: readonly Point[][]): string {
  const shapes = segments.map((points) => {
    const line = `<polyline points="${points.map((point) => `${round(point.x)},${round(point.y)}`).join(' ')}"/>`;
    if (points.length > 1) return line;
    const [point] = points;
    return `${line}<circle cx="${round(point!.x)}" cy="${round(point!.y)}" r="2" fill="currentColor" stroke="none"/>`;
  });
  return `<g class="${className}" fill="none" ${style}>${shapes.join('')}</g>`;
}

function renderLegend(left: number): string {
  const y = 12;
  const sampleLength = 18;
  const p95Left = left + sampleLength + 6 + LEGEND.p50.length * CHARACTER_WIDTH + 16;
  const sample = (x: number) => `<line x1="${round(x)}" y1="${y - 4}" x2="${round(x + sampleLength)}" y2="${y - 4}"/>`;
  const label = (x: number, text: string) => `<text x="${round(x + sampleLength + 6)}" y="${y}">${escapeXml(text)}</text>`;
  return (
    '<g class="chart-legend" fill="currentColor">' +
    `<g class="chart-p50" fill="none" ${P50_STYLE}>${sample(left)}</g>${label(left, LEGEND.p50)}` +
    `<g class="chart-p95" fill="none" ${P95_STYLE}>${sample(p95Left)}</g>${label(p95Left, LEGEND.p95)}` +
    '</g>'
  );
}

// NOTE: this sentence and the legend are English whatever the locale. Only dates and numbers follow `locale`.
function summarise(withData: readonly ResponseDay[], dateCount: number, locale: string): string {
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const milliseconds = (value: number) => `${numbers.format(value)} ms`;

  const medians = withData.map((day) => day.p50Ms);
  const lowest = Math.min(...medians);
  const highest = Math.max(...medians);
  // The first day with the highest p95, so ties name the earliest date.
  const peak = withData.reduce((best, day) => (day.p95Ms > best.p95Ms ? day : best));

  const period = dateCount === 1 ? 'On the last day' : `Over the last ${dateCount} days`;
  const coverage = withData.length < dateCount ? `, with data for ${withData.length} of them,` : '';
  const median =
    lowest === highest
      ? `the median response time was ${milliseconds(lowest)}`
      : `the median response time ranged from ${milliseconds(lowest)} to ${milliseconds(highest)}`;
  const peakText =
    withData.length === 1
      ? `the 95th percentile was ${milliseconds(peak.p95Ms)} on ${formatLongDate(peak.date, locale)}`
      : `the 95th percentile peaked at ${milliseconds(peak.p95Ms)} on ${formatLongDate(peak.date, locale)}`;
  return `${period}${coverage} ${median}, and ${peakText}.`;
}

function horizontalLine(x1: number, x2: number, y: number): string {
  return `<line x1="${round(x1)}" y1="${round(y)}" x2="${round(x2)}" y2="${round(y)}"/>`;
}

// A calendar date names no instant, so it is formatted at noon UTC in UTC.
function dateOf(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

function formatShortDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(dateOf(date));
}

function formatLongDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(dateOf(date));
}

function checkSize(value: number, name: string): number {
  if (Number.isFinite(value) && value > 0) return value;
  throw new RangeError(`invalid chart ${name} \`${value}\`: expected a positive number`);
}

// Keeps ids to characters that are safe in an XML attribute and an
// aria-labelledby list, which separates ids by spaces. Text with characters
// outside ASCII also gets a hash, so that two titles in another script do
// not both become the same bare prefix.
function slugify(text: string): string {
  let slug = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (/[^\x00-\x7f]/.test(text)) slug = `${slug}-${hashText(text).toString(36)}`.replace(/^-+/, '');
  return /^[a-z]/.test(slug) ? slug : `response-chart-${slug}`;
}

/** Escapes text for XML content and double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

// One decimal place is finer than a pixel at any likely size and keeps the SVG small.
function round(value: number): number {
  return Math.round(value * 10) / 10;
}
