// iCalendar (RFC 5545) files of maintenance windows: `maintenance.ics` with
// every recent and upcoming window, and `maintenance/<slug>.ics` with one.
//
// Each window is one VEVENT. Calendar clients match events by UID and keep
// the copy with the highest SEQUENCE, so both follow fixed rules:
// - UID is `<slug>@<host>`, plus the base path when the site is not at the
//   root of its host, so it never changes while the file keeps its name.
// - SEQUENCE is the number of the window's updates posted by the build time.
//   Appending an update raises it. Editing the title or schedule without an
//   update does not, so post an update when a window is rescheduled.
//
// An event's times follow from the schedule and the posted updates, never
// from the clock alone, so a rebuild without a new update produces the same
// event. The one exception is DTSTAMP of a window without updates, which is
// the build time because the files hold no other time of the last change.

import { maintenanceStateAt } from '../domain/maintenance.ts';
import type { Maintenance, SiteConfig } from '../domain/schema/index.ts';
import { formatDateTime } from './format-time.ts';
import { MAINTENANCE_STATUS_LABELS } from './labels.ts';
import { absoluteUrl, paths } from './urls.ts';

/** How long a window stays in `maintenance.ics` after it ends. */
export const CALENDAR_PAST_DAYS = 90;

/** Paths of the calendar files, relative to the site's base path. */
export const calendarPaths = {
  all: () => 'maintenance.ics',
  window: (slug: string) => `maintenance/${slug}.ics`,
};

/** The settings the calendar files use. A SiteConfig satisfies it. */
export type CalendarConfig = Pick<SiteConfig, 'title' | 'url' | 'base' | 'timezone' | 'language' | 'services'>;

/** The content of one VEVENT, before escaping. */
export interface CalendarEvent {
  uid: string;
  /** The latest posted update, or the build time for a window without one. */
  stamp: Date;
  start: Date;
  /** Undefined for a window that ended when it started: a zero-length event has no DTEND. */
  end: Date | undefined;
  summary: string;
  description: string;
  url: string;
  status: 'CONFIRMED' | 'CANCELLED';
  sequence: number;
}

const DAY_MS = 86_400_000;
const MAX_LINE_OCTETS = 75;
const PRODUCT_ID = '-//Sitrep//Maintenance calendar//EN';

/**
 * Builds `maintenance.ics`: one event for each window that ends at most
 * CALENDAR_PAST_DAYS before `now`, or later, soonest start first.
 */
export function maintenanceCalendar(config: CalendarConfig, maintenance: readonly Maintenance[], now: Date): string {
  const since = now.getTime() - CALENDAR_PAST_DAYS * DAY_MS;
  const events = maintenance
    .map((window) => calendarEvent(window, config, now))
    .filter((event) => (event.end ?? event.start).getTime() >= since)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid));

  // Clients poll a subscribed calendar at the interval it requests.
  const refresh = ['REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H'];
  return calendarFile(`${config.title} maintenance`, events, refresh);
}

/** Builds `maintenance/<slug>.ics`, which contains only that window. */
export function windowCalendar(window: Maintenance, config: CalendarConfig, now: Date): string {
  return calendarFile(`${config.title} maintenance: ${window.title}`, [calendarEvent(window, config, now)], []);
}

/**
 * Describes a window as an event, as of `now`. A cancelled or scheduled
 * window keeps its scheduled times. Work under way starts when it began,
 * which an early `in_progress` update may move forward, and ends at the
 * scheduled end, even when it overruns. Finished work spans the time it
 * took place.
 */
export function calendarEvent(window: Maintenance, config: CalendarConfig, now: Date): CalendarEvent {
  const state = maintenanceStateAt(window, now);
  const posted = window.updates.filter((update) => update.at <= now);
  const latest = posted.at(-1);

  let start = window.start;
  let end = window.end;
  if (state.status !== 'scheduled' && state.status !== 'cancelled') start = state.start;
  if (state.status === 'completed') end = state.end;

  const cancelled = state.status === 'cancelled';
  const names = window.services.map((id) => config.services.find((service) => service.id === id)?.name ?? id);
  const url = absoluteUrl(config.url, config.base, paths.maintenance(window.slug));

  const description = [`Services: ${names.join(', ')}`];
  if (latest) {
    const when = formatDateTime(latest.at, config.timezone, config.language);
    description.push(`${MAINTENANCE_STATUS_LABELS[latest.status]} (${when}): ${latest.message}`);
  }
  description.push(`Details: ${url}`);

  return {
    uid: eventUid(window.slug, config),
    stamp: latest?.at ?? now,
    start,
    end: end > start ? end : undefined,
    summary: cancelled ? `Maintenance: ${window.title} (cancelled)` : `Maintenance: ${window.title}`,
    description: description.join('\n'),
    url,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: posted.length,
  };
}

/**
 * Returns a window's UID: `<slug>@<host>`, or `<slug>@<host>/<base>` for a
 * site below the root of its host, so that two Sitrep sites on one host do
 * not share UIDs.
 */
export function eventUid(slug: string, config: Pick<SiteConfig, 'url' | 'base'>): string {
  const host = new URL(config.url).host;
  const base = config.base.replace(/^\/+|\/+$/g, '');
  return base ? `${slug}@${host}/${base}` : `${slug}@${host}`;
}

/**
 * Escapes a TEXT value (RFC 5545, section 3.3.11): a backslash, semicolon
 * or comma gets a backslash, and each line break becomes `\n`. Control
 * characters other than tab, which TEXT does not allow, are dropped, and a
 * lone UTF-16 surrogate becomes U+FFFD.
 */
export function escapeText(text: string): string {
  return wellFormed(text)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line (RFC 5545, section 3.1): no physical line is longer
 * than 75 octets of UTF-8, and each continuation starts with a space. It
 * breaks between code points, never inside a character's bytes.
 */
export function foldLine(line: string): string {
  let folded = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8Length(character.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      folded += '\r\n ';
      octets = 1;
    }
    folded += character;
    octets += size;
  }
  return folded;
}

/** Formats an instant as a UTC DATE-TIME value: `20260310T110000Z`. */
export function formatUtc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function calendarFile(name: string, events: readonly CalendarEvent[], extra: readonly string[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    `NAME:${escapeText(name)}`,
    `X-WR-CALNAME:${escapeText(name)}`,
    ...extra,
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function eventLines(event: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `DTSTART:${formatUtc(event.start)}`,
    ...(event.end ? [`DTEND:${formatUtc(event.end)}`] : []),
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    // URI values are not TEXT, so they take no backslash escapes.
    `URL:${event.url}`,
    `STATUS:${event.status}`,
    `SEQUENCE:${event.sequence}`,
    // Maintenance on someone else's service does not make a subscriber busy.
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
