// Formats a maintenance window's times for one line of the change summary.

/**
 * Formats `start – end` in the site's time zone with the zone named, such as
 * `Mar 20, 2026, 10:00 PM – 11:30 PM EDT`. The end leaves out the date when
 * it falls on the same local day as the start.
 */
export function formatWindow(start: Date, end: Date, timeZone: string): string {
  const full = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  if (day.format(start) !== day.format(end)) return `${full.format(start)} – ${full.format(end)}`;

  const time = new Intl.DateTimeFormat('en', { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  const startText = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(start);
  return `${startText} – ${time.format(end)}`;
}
