// Time handling shared by the schemas, the status rules and the site.
// Every instant in content carries an explicit offset, so a file means the
// same moment on every machine; display happens in the site's time zone.

const ZONED_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const NAIVE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/;

export type TimeParseResult =
  | { ok: true; date: Date }
  | { ok: false; message: string; fix: string };

/**
 * Parses an ISO 8601 time that names its offset, such as `2026-03-02T10:15Z`
 * or `2026-03-02 11:15:00+01:00`. A time without an offset is rejected with
 * a suggested correction, because guessing its zone would shift it silently.
 */
export function parseZonedTime(text: string): TimeParseResult {
  const trimmed = text.trim();
  const match = ZONED_TIME.exec(trimmed);

  if (match) {
    const [, year, month, day, hour, minute, , , offset] = match;
    const offsetProblem = checkOffset(offset!);
    if (offsetProblem) return offsetProblem;

    const date = new Date(`${trimmed.slice(0, trimmed.length - offset!.length).replace(' ', 'T')}${normaliseOffset(offset!)}`);
    const calendarIsValid =
      Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31 &&
      Number(hour) <= 23 && Number(minute) <= 59;
    if (!calendarIsValid || Number.isNaN(date.getTime()) || !sameCalendarDay(year!, month!, day!)) {
      return {
        ok: false,
        message: `\`${trimmed}\` is not a real date and time`,
        fix: 'check the month, day, hour and minute',
      };
    }
    return { ok: true, date };
  }

  const naive = NAIVE_TIME.exec(trimmed);
  if (naive) {
    const clock = naive[2] ?? '00:00';
    return {
      ok: false,
      message: `\`${trimmed}\` has no time zone offset`,
      fix: `add \`Z\` for UTC or an offset, for example \`${naive[1]}T${clock}Z\` or \`${naive[1]}T${clock}+01:00\``,
    };
  }

  return {
    ok: false,
    message: `\`${trimmed}\` is not an ISO 8601 time`,
    fix: 'write it as `YYYY-MM-DDTHH:MM` followed by `Z` or an offset, for example `2026-03-02T14:30Z`',
  };
}

// JavaScript's Date parser wants `+hh:mm`; ISO 8601 also allows `+hh` and `+hhmm`.
function normaliseOffset(offset: string): string {
  if (/^z$/i.test(offset)) return 'Z';
  const digits = offset.slice(1).replace(':', '').padEnd(4, '0');
  return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
}

// Real offsets run from -12:00 to +14:00.
function checkOffset(offset: string): TimeParseResult | undefined {
  if (/^z$/i.test(offset)) return undefined;
  const [hours, minutes] = normaliseOffset(offset).slice(1).split(':').map(Number);
  const maxHours = offset.startsWith('-') ? 12 : 14;
  if (hours! <= maxHours && minutes! < 60) return undefined;
  return {
    ok: false,
    message: `the offset \`${offset}\` is not a real time zone offset`,
    fix: 'use an offset between `-12:00` and `+14:00`, such as `+01:00`, or `Z` for UTC',
  };
}

// Date rolls 2026-02-30 over to March; comparing the day catches that.
function sameCalendarDay(year: string, month: string, day: string): boolean {
  const probe = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return probe.getUTCMonth() === Number(month) - 1 && probe.getUTCDate() === Number(day);
}

/** Returns true when `text` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && sameCalendarDay(match[1]!, match[2]!, match[3]!);
}

/** Returns true when `zone` is an IANA time zone name in this runtime's Intl data. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Returns the calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${value('year')}-${value('month')}-${value('day')}`;
}

/** Returns the month (`YYYY-MM`) of an instant in a time zone. */
export function localMonth(instant: Date, timeZone: string): string {
  return localDate(instant, timeZone).slice(0, 7);
}

/**
 * Formats a duration in minutes as people read it on a status page:
 * `45 min`, `2 h 5 min`, `3 d 4 h`.
 */
export function formatDuration(milliseconds: number): string {
  const totalMinutes = Math.max(0, Math.round(milliseconds / 60_000));
  if (totalMinutes < 1) return 'less than a minute';
  if (totalMinutes < 60) return `${totalMinutes} min`;

  const totalHours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (totalHours < 24) return minutes === 0 ? `${totalHours} h` : `${totalHours} h ${minutes} min`;

  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}
