import type { Incident, Maintenance, Postmortem, Repository } from './schema/index.ts';
import { localDate } from './time.ts';
import { startOfLocalDay } from './uptime-days.ts';

/**
 * Returns a copy of the repository with every time moved by `offsetMs`.
 * The shipped example uses it so that its ongoing incident and its
 * maintenance windows stay ongoing and upcoming whenever it is built.
 */
export function shiftRepository(repository: Repository, offsetMs: number): Repository {
  const shift = (date: Date) => new Date(date.getTime() + offsetMs);
  const shiftOptional = (date: Date | undefined) => (date ? shift(date) : undefined);

  const incidents = repository.incidents.map(
    (incident): Incident => ({
      ...incident,
      started: shift(incident.started),
      resolved: shiftOptional(incident.resolved),
      updates: incident.updates.map((update) => ({ ...update, at: shift(update.at) })),
    }),
  );

  const maintenance = repository.maintenance.map(
    (window): Maintenance => ({
      ...window,
      start: shift(window.start),
      end: shift(window.end),
      updates: window.updates.map((update) => ({ ...update, at: shift(update.at) })),
    }),
  );

  const postmortems = repository.postmortems.map(
    (postmortem): Postmortem => ({ ...postmortem, published: shift(postmortem.published) }),
  );

  // A rollup's date moves to the local date its midday falls on after the shift.
  const timeZone = repository.config.timezone;
  const shiftDate = (date: string) => localDate(shift(new Date(startOfLocalDay(date, timeZone).getTime() + 12 * 3_600_000)), timeZone);
  const responseTimes = new Map(
    [...repository.responseTimes].map(([id, series]) => [id, series.map((day) => ({ ...day, date: shiftDate(day.date) }))]),
  );

  return { ...repository, incidents, maintenance, postmortems, responseTimes };
}

/**
 * Returns how far to move the example's times so that its anchor lands on
 * the hour of `now`. Whole hours keep the minutes as written, so a window
 * set for 22:00 still shows 22:00 in zones with whole-hour offsets. The
 * anchor ends up at most 59 minutes before `now`.
 */
export function demoOffset(anchor: Date, now: Date): number {
  const hour = 3_600_000;
  return Math.floor((now.getTime() - anchor.getTime()) / hour) * hour;
}
