import { formatDuration } from '../domain/time.ts';

export { formatDuration };

/**
 * Formats an instant in the site's time zone with the zone named, such as
 * `Dec 4, 2026, 3:00 PM GMT+1`, so a visitor elsewhere is never misled.
 */
export function formatDateTime(instant: Date, timeZone: string, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}

/** Formats the date part only, such as `Dec 4, 2026`. */
export function formatDate(instant: Date, timeZone: string, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(instant);
}

/** Formats a `YYYY-MM` month key as `December 2026`. */
export function formatMonth(month: string, locale = 'en'): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(
    new Date(Date.UTC(year!, monthNumber! - 1, 15)),
  );
}
