// Calendar days in the site's time zone as pairs of instants. A local day is
// 24 hours long except on DST change days (23 h or 25 h in Europe/Berlin), so
// day boundaries come from the zone's UTC offset, never from adding 24 hours.

import { localDate } from './time.ts';

const HOUR_MS = 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One calendar day in a time zone, bounded by instants. */
export interface LocalDay {
  /** The calendar date, `YYYY-MM-DD`. */
  date: string;
  /** The first instant of the day: local midnight, or the end of a DST gap that skips midnight. */
  start: Date;
  /** The first instant of the next day. */
  end: Date;
}

/** Returns the calendar date `days` days after `date`, or before it when `days` is negative. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * Returns the first instant whose calendar date in `timeZone` is `date`.
 * That is local midnight, unless a DST change skips midnight (as in
 * America/Santiago). Then the day starts when the clocks jump.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = parseIsoDate(date);
  const midnight = Date.UTC(year, month - 1, day);

  // Midnight's offset is the offset of the day before or of the day after,
  // unless the zone changes its offset twice within about two days.
  const offsets = new Set([zoneOffsetMs(midnight - 36 * HOUR_MS, timeZone), zoneOffsetMs(midnight + 36 * HOUR_MS, timeZone)]);
  const candidates = [...offsets].map((offset) => midnight - offset);

  // When clocks go back over midnight, midnight happens twice and the day starts at the first.
  const exact = candidates.filter((instant) => instant + zoneOffsetMs(instant, timeZone) === midnight);
  if (exact.length > 0) return new Date(Math.min(...exact));

  // Midnight falls in a DST gap, so search for the first instant at or after
  // local midnight. Local time only moves forward between the two candidates.
  let before = Math.min(...candidates);
  let after = Math.max(...candidates);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (middle + zoneOffsetMs(middle, timeZone) >= midnight) after = middle;
    else before = middle;
  }
  return new Date(after);
}

/** Lists the `count` calendar days in `timeZone` that end with the day containing `now`, oldest first. */
export function localDays(now: Date, count: number, timeZone: string): LocalDay[] {
  const today = localDate(now, timeZone);
  const boundaries: Date[] = [];
  for (let index = 0; index <= count; index += 1) {
    boundaries.push(startOfLocalDay(addDays(today, index - count + 1), timeZone));
  }

  const days: LocalDay[] = [];
  for (let index = 0; index < count; index += 1) {
    days.push({
      date: addDays(today, index - count + 1),
      start: boundaries[index]!,
      end: boundaries[index + 1]!,
    });
  }
  return days;
}

/** Returns the zone's UTC offset at an instant in milliseconds, positive east of Greenwich. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = wallClockFormatter(timeZone).formatToParts(new Date(instant));
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wallClock = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour') % 24,
    value('minute'),
    value('second'),
  );
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallClock - wholeSecond;
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

// Creating an Intl.DateTimeFormat is slow (in one rough measurement on Node 20,
// about 8 times the cost of a format call), and a year of day bars needs over
// a thousand offsets.
function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function parseIsoDate(date: string): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`invalid date \`${date}\`: expected YYYY-MM-DD`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
