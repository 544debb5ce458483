import type { Incident, Maintenance } from './schema/index.ts';
import { localMonth } from './time.ts';
import { isPastAt } from './maintenance.ts';

/** One line of the history page: an incident or a maintenance window. */
export type HistoryEntry =
  | { kind: 'incident'; at: Date; item: Incident }
  | { kind: 'maintenance'; at: Date; item: Maintenance };

/**
 * Lists every incident that has started and every maintenance window that
 * is over by `now`, newest first. Incidents sort by their start, windows
 * by their scheduled start.
 */
export function historyEntries(incidents: readonly Incident[], maintenance: readonly Maintenance[], now: Date): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...incidents.filter((incident) => incident.started <= now).map((item) => ({ kind: 'incident' as const, at: item.started, item })),
    ...maintenance.filter((window) => isPastAt(window, now)).map((item) => ({ kind: 'maintenance' as const, at: item.start, item })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || a.item.slug.localeCompare(b.item.slug));
}

/** Groups entries by the month they fall in, in the site's time zone, keeping their order. */
export function groupByMonth<T extends { at: Date }>(entries: readonly T[], timeZone: string): Array<{ month: string; entries: T[] }> {
  const groups: Array<{ month: string; entries: T[] }> = [];
  for (const entry of entries) {
    const month = localMonth(entry.at, timeZone);
    const last = groups.at(-1);
    if (last?.month === month) last.entries.push(entry);
    else groups.push({ month, entries: [entry] });
  }
  return groups;
}
