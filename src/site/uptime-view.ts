import type { UptimeDay } from '../domain/uptime.ts';
import { formatUptime } from '../domain/uptime.ts';
import { formatDate } from './format-time.ts';

/** The bar colours, from best to worst, with the legend's words for each. */
export const BAR_KINDS = {
  operational: 'No downtime',
  under_maintenance: 'Maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  'no-data': 'No data',
} as const;

export type BarKind = keyof typeof BAR_KINDS;

/**
 * Returns the kind of a day's bar: its worst impact, maintenance when only
 * maintenance touched it, or no data before tracking began.
 */
export function barKind(day: UptimeDay): BarKind {
  if (day.noData || (day.uptime === null && !day.maintenance)) return 'no-data';
  if (day.worst === 'operational' && day.maintenance) return 'under_maintenance';
  return day.worst;
}

/**
 * Returns a bar's class list, or undefined for a plain operational day:
 * most bars are, and leaving their class out keeps the home page light.
 */
export function barClass(day: UptimeDay): string | undefined {
  const kind = barKind(day);
  const classes = [kind === 'operational' ? '' : `bar-${kind}`, day.maintenance ? 'bar-maintenance' : ''].filter(Boolean);
  return classes.length > 0 ? classes.join(' ') : undefined;
}

/**
 * Describes a day in words, for the bar's accessible name and tooltip:
 * `Mar 10, 2026: 99.50% uptime, partial outage, 1 incident: API errors, maintenance`.
 * `titleOf` turns an incident's slug into its title.
 */
export function describeDay(day: UptimeDay, timeZone: string, locale: string, titleOf: (slug: string) => string = (slug) => slug): string {
  const date = formatDate(day.start, timeZone, locale);
  if (barKind(day) === 'no-data') return `${date}: no data`;
  if (day.uptime === null) return `${date}: maintenance all day`;

  const parts = [`${date}: ${formatPercent(day.uptime)} uptime`];
  if (day.worst !== 'operational') parts.push(BAR_KINDS[day.worst].toLowerCase());
  if (day.incidents.length > 0) {
    const count = `${day.incidents.length} incident${day.incidents.length === 1 ? '' : 's'}`;
    parts.push(`${count}: ${day.incidents.map(titleOf).join('; ')}`);
  }
  if (day.maintenance) parts.push('maintenance');
  return parts.join(', ');
}

/** Formats an uptime percentage for display: `99.95%`, or `no data`. */
export function formatPercent(percent: number | null): string {
  const text = formatUptime(percent);
  return text === null ? 'no data' : `${text}%`;
}
