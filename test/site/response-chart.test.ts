import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ResponseDay } from '../../src/domain/response-times.ts';
import { addDays } from '../../src/domain/uptime-days.ts';
import { renderResponseChart, roundTicks, type ResponseChartOptions } from '../../src/site/response-chart.ts';

interface SvgNode {
  [key: string]: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Parse these elements as arrays even when there is one, so counts are simple.
  isArray: (name) => ['g', 'polyline', 'circle', 'line', 'text'].includes(name),
});

const DATES = Array.from({ length: 90 }, (_, index) => addDays('2026-01-01', index));

function day(date: string, p50Ms: number, p95Ms = p50Ms * 2): ResponseDay {
  return { date, count: 288, minMs: Math.floor(p50Ms / 2), p50Ms, p95Ms, maxMs: p95Ms * 2 };
}

function render(days: ResponseDay[], options: Partial<ResponseChartOptions> = {}) {
  return renderResponseChart(days, { dates: DATES, title: 'Public API response time', ...options });
}

function parseSvg(svg: string): SvgNode {
  return (parser.parse(svg) as { svg: SvgNode }).svg;
}

function groups(svg: SvgNode, className: string): SvgNode[] {
  return (svg.g as SvgNode[]).filter((group) => group.class === className);
}

/** Returns the points of each polyline of a series, as [x, y] pairs. */
function polylines(svg: SvgNode, className: string): Array<Array<[number, number]>> {
  const [group] = groups(svg, className);
  return ((group?.polyline ?? []) as SvgNode[]).map((polyline) =>
    String(polyline.points)
      .split(' ')
      .map((pair) => pair.split(',').map(Number) as [number, number]),
  );
}

function texts(group: SvgNode): string[] {
  return ((group.text ?? []) as SvgNode[]).map((text) => String(text['#text']));
}

describe('renderResponseChart', () => {
  const fullDays = DATES.map((date, index) => day(date, 50 + (index % 10) * 10));

  it('returns null without data in dates', () => {
    expect(render([])).toBeNull();
    expect(render([day('2025-06-01', 60)])).toBeNull();
    expect(render(fullDays, { dates: [] })).toBeNull();
  });

  it('writes valid XML', () => {
    const chart = render(fullDays)!;
    expect(XMLValidator.validate(chart.svg)).toBe(true);
  });

  it('has title and desc for aria-labelledby', () => {
    const chart = render(fullDays)!;
    const svg = parseSvg(chart.svg);
    const title = svg.title as SvgNode;
    const desc = svg.desc as SvgNode;

    expect(title['#text']).toBe('Public API response time');
    expect(desc['#text']).toBe(chart.summary);
    expect(svg.role).toBe('img');
    expect(String(svg['aria-labelledby']).split(' ')).toEqual([title.id, desc.id]);
  });

  it('scales through its viewBox', () => {
    const svg = parseSvg(render(fullDays, { width: 800, height: 240 })!.svg);
    expect(svg.viewBox).toBe('0 0 800 240');
    expect(svg.width).toBe('100%');
    expect(svg.height).toBeUndefined();
  });

  it('derives ids from title or id option', () => {
    const byTitle = parseSvg(render(fullDays, { title: 'Website' })!.svg);
    const other = parseSvg(render(fullDays, { title: 'Public API' })!.svg);
    const byId = parseSvg(render(fullDays, { id: 'chart-7' })!.svg);

    expect((byTitle.title as SvgNode).id).not.toBe((other.title as SvgNode).id);
    expect((byId.title as SvgNode).id).toBe('chart-7-title');
    expect((byId.desc as SvgNode).id).toBe('chart-7-desc');
  });

  it('keeps ids distinct for non-Latin titles', () => {
    const first = parseSvg(render(fullDays, { title: 'Платежи' })!.svg);
    const second = parseSvg(render(fullDays, { title: 'Поиск' })!.svg);
    const id = String((first.title as SvgNode).id);

    expect(id).toMatch(/^[a-z][a-z0-9_-]*$/);
    expect(id).not.toBe((second.title as SvgNode).id);
  });

  it('draws one point per day with data', () => {
    const svg = parseSvg(render(fullDays)!.svg);
    const p50 = polylines(svg, 'chart-p50');
    const p95 = polylines(svg, 'chart-p95');

    expect(p50).toHaveLength(1);
    expect(p50[0]).toHaveLength(90);
    expect(p95).toHaveLength(1);
    expect(p95[0]).toHaveLength(90);
  });

  it('splits the line at a gap', () => {
    const withGap = fullDays.filter((entry) => entry.date !== DATES[30] && entry.date !== DATES[31]);
    const svg = parseSvg(render(withGap)!.svg);

    for (const className of ['chart-p50', 'chart-p95']) {
      const lines = polylines(svg, className);
      expect(lines.map((points) => points.length)).toEqual([30, 58]);
      // The second line starts to the right of where the first one ends.
      expect(lines[1]![0]![0]).toBeGreaterThan(lines[0]!.at(-1)![0]);
    }
  });

  it('marks a single day with a dot', () => {
    const lonely = [day(DATES[10]!, 80), ...fullDays.slice(40)];
    const svg = parseSvg(render(lonely)!.svg);
    const [group] = groups(svg, 'chart-p50');

    expect(polylines(svg, 'chart-p50').map((points) => points.length)).toEqual([1, 50]);
    expect(group!.circle).toHaveLength(1);
  });

  it('ignores days outside dates', () => {
    const svg = parseSvg(render([day('2025-12-31', 5000), ...fullDays.slice(0, 3)])!.svg);
    expect(polylines(svg, 'chart-p50').map((points) => points.length)).toEqual([3]);
  });

  it('tells the lines apart without colour', () => {
    const svg = parseSvg(render(fullDays)!.svg);
    const [p50] = groups(svg, 'chart-p50');
    const [p95] = groups(svg, 'chart-p95');

    expect(p50!['stroke-dasharray']).toBeUndefined();
    expect(p95!['stroke-dasharray']).toBeTruthy();
    expect(p50!['stroke-width']).not.toBe(p95!['stroke-width']);
  });

  it('draws p95 above p50', () => {
    const svg = parseSvg(render(fullDays)!.svg);
    const p50 = polylines(svg, 'chart-p50')[0]!;
    const p95 = polylines(svg, 'chart-p95')[0]!;
    // SVG y grows downwards, so a higher value has a smaller y.
    p50.forEach(([, y], index) => expect(p95[index]![1]).toBeLessThan(y));
  });

  it('starts y ticks at 0 with round steps', () => {
    const svg = parseSvg(render(fullDays)!.svg);
    const labels = groups(svg, 'chart-axis').flatMap(texts).filter((text) => text.endsWith(' ms'));
    const ticks = labels.map((label) => Number(label.replace(/[^0-9]/g, '')));

    expect(ticks[0]).toBe(0);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(5);
    // The highest p95 is 280 ms, so the top tick must be above it.
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(280);
    const step = ticks[1]!;
    ticks.forEach((tick, index) => expect(tick).toBe(index * step));
  });

  it('labels first, middle and last date', () => {
    const svg = parseSvg(render(fullDays)!.svg);
    const labels = groups(svg, 'chart-axis').flatMap(texts).filter((text) => !text.endsWith(' ms'));
    expect(labels).toEqual(['Jan 1', 'Feb 14', 'Mar 31']);
  });

  it('formats dates for the locale', () => {
    const chart = render(fullDays, { locale: 'de' })!;
    const labels = groups(parseSvg(chart.svg), 'chart-axis').flatMap(texts).filter((text) => !text.endsWith(' ms'));
    expect(labels[0]).toBe('1. Jan.');
  });

  it('has a legend naming both lines', () => {
    const svg = parseSvg(render(fullDays)!.svg);
    const [legend] = groups(svg, 'chart-legend');
    expect(texts(legend!)).toEqual(['Median (p50)', '95th percentile (p95)']);
  });

  it('escapes text', () => {
    const title = 'A <b>&"quoted"\' title';
    const chart = render(fullDays, { title })!;

    expect(chart.svg).not.toContain('<b>');
    expect(chart.svg).toContain('A &lt;b&gt;&amp;&quot;quoted&quot;&apos; title');
    expect(XMLValidator.validate(chart.svg)).toBe(true);
    expect((parseSvg(chart.svg).title as SvgNode)['#text']).toBe(title);
  });

  it('keeps ids safe whatever the id option', () => {
    const svg = parseSvg(render(fullDays, { id: '"><script>' })!.svg);
    expect(String((svg.title as SvgNode).id)).toMatch(/^[a-z][a-z0-9_-]*-title$/);
  });

  it('rounds coordinates to one decimal', () => {
    const chart = render(fullDays, { width: 613 })!;
    const attributes = [...chart.svg.matchAll(/ (?:points|x|y|x1|y1|x2|y2|cx|cy)="([^"]+)"/g)].map((match) => match[1]!);
    const numbers = attributes.flatMap((value) => value.split(/[ ,]/));

    expect(numbers.length).toBeGreaterThan(180);
    for (const number of numbers) expect(number).toMatch(/^\d+(\.\d)?$/);
  });

  it('rejects a width of zero', () => {
    expect(() => render(fullDays, { width: 0 })).toThrow(RangeError);
  });
});

describe('renderResponseChart summary', () => {
  it('names median range and p95 peak', () => {
    const days = [day('2026-03-01', 52, 120), day('2026-03-02', 140, 300), day('2026-03-03', 90, 610), day('2026-03-04', 60, 610)];
    const dates = Array.from({ length: 90 }, (_, index) => addDays('2026-01-04', index));
    const chart = renderResponseChart(days, { dates, title: 'API' })!;

    expect(chart.summary).toBe(
      'Over the last 90 days, with data for 4 of them, the median response time ranged from 52 ms to 140 ms, ' +
        'and the 95th percentile peaked at 610 ms on Mar 3, 2026.',
    );
  });

  it('leaves out coverage when complete', () => {
    const dates = ['2026-03-01', '2026-03-02'];
    const chart = renderResponseChart([day('2026-03-01', 50, 100), day('2026-03-02', 60, 1200)], { dates, title: 'API' })!;
    expect(chart.summary).toBe(
      'Over the last 2 days the median response time ranged from 50 ms to 60 ms, and the 95th percentile peaked at 1,200 ms on Mar 2, 2026.',
    );
  });

  it('describes a single day', () => {
    const chart = renderResponseChart([day('2026-03-01', 50, 100)], { dates: ['2026-03-01'], title: 'API' })!;
    expect(chart.summary).toBe('On the last day the median response time was 50 ms, and the 95th percentile was 100 ms on Mar 1, 2026.');
  });
});

describe('roundTicks', () => {
  const cases: Array<[number, number[]]> = [
    [0, [0, 1, 2, 3, 4]],
    [9, [0, 5, 10]],
    [99, [0, 25, 50, 75, 100]],
    [480, [0, 200, 400, 600]],
    [610, [0, 200, 400, 600, 800]],
    [1001, [0, 500, 1000, 1500]],
    [12_345, [0, 5000, 10_000, 15_000]],
  ];

  it.each(cases)('covers %s ms', (maxValue, expected) => {
    expect(roundTicks(maxValue)).toEqual(expected);
  });

  it('gives 3 to 5 whole-number ticks', () => {
    for (let maxValue = 0; maxValue <= 20_000; maxValue += 7) {
      const ticks = roundTicks(maxValue);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(maxValue);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });
});
