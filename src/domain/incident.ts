import type { Incident, IncidentStatus, ServiceImpact, IncidentImpact } from './schema/index.ts';
import { impactOf, statusRank, worseImpact } from './severity.ts';

type AffectedMap = Record<string, ServiceImpact>;

/** A stretch of time during which an incident's `affected` map held still. */
export interface ImpactSpan {
  from: Date;
  /** The end of the span; for an ongoing incident, the time asked about. */
  to: Date;
  affected: AffectedMap;
}

/** Returns when the incident was resolved, or undefined while it is open. */
export function resolvedAt(incident: Incident): Date | undefined {
  const last = incident.updates.at(-1);
  if (last?.status === 'resolved') return last.at;
  return incident.resolved;
}

/** Returns the incident's status as of `at`, counting only updates posted by then. */
export function incidentStatusAt(incident: Incident, at: Date): IncidentStatus {
  const resolved = resolvedAt(incident);
  if (resolved && resolved <= at) return 'resolved';

  const posted = incident.updates.filter((update) => update.at <= at);
  return posted.at(-1)?.status ?? 'investigating';
}

/** Returns true when the incident has started and is not resolved at `at`. */
export function isActiveAt(incident: Incident, at: Date): boolean {
  return incident.started <= at && incidentStatusAt(incident, at) !== 'resolved';
}

/**
 * Splits an incident's life into spans with one `affected` map each. The
 * top-level map applies from `started`; an update's map replaces it from
 * that update on. Open incidents run until `until`.
 */
export function impactSpans(incident: Incident, until: Date): ImpactSpan[] {
  const end = minDate(resolvedAt(incident) ?? until, until);
  if (end <= incident.started) return [];

  const spans: ImpactSpan[] = [];
  let from = incident.started;
  let affected: AffectedMap = incident.affected;

  for (const update of incident.updates) {
    if (!update.affected) continue;
    if (update.at >= end) break;
    if (update.at > from) spans.push({ from, to: update.at, affected });
    from = maxDate(from, update.at);
    affected = update.affected;
  }
  spans.push({ from, to: end, affected });

  return spans;
}

/** Returns the `affected` map in force at `at`, empty outside the incident. */
export function affectedAt(incident: Incident, at: Date): AffectedMap {
  if (!isActiveAt(incident, at)) return {};

  let affected: AffectedMap = incident.affected;
  for (const update of incident.updates) {
    if (update.at > at) break;
    if (update.affected) affected = update.affected;
  }
  return affected;
}

/** Returns every service the incident touched at any point, in first-seen order. */
export function servicesOf(incident: Incident): string[] {
  const ids = new Set(Object.keys(incident.affected));
  for (const update of incident.updates) {
    for (const id of Object.keys(update.affected ?? {})) ids.add(id);
  }
  return [...ids];
}

/** Returns the worst impact each service had over the incident's life. */
export function worstAffected(incident: Incident): AffectedMap {
  const worst: AffectedMap = {};
  const maps = [incident.affected, ...incident.updates.map((update) => update.affected ?? {})];
  for (const map of maps) {
    for (const [id, impact] of Object.entries(map)) {
      const current = worst[id];
      if (!current || statusRank(impact) > statusRank(current)) worst[id] = impact;
    }
  }
  return worst;
}

/**
 * Returns the incident's impact: the one its authors set, or else the worst
 * impact any service reached during the incident.
 */
export function incidentImpact(incident: Incident): IncidentImpact {
  if (incident.impact) return incident.impact;

  let impact: IncidentImpact = 'none';
  for (const serviceImpact of Object.values(worstAffected(incident))) {
    impact = worseImpact(impact, impactOf(serviceImpact));
  }
  return impact;
}

/** Returns how long the incident lasted, or has lasted so far at `now`. */
export function incidentDuration(incident: Incident, now: Date): number {
  const end = resolvedAt(incident) ?? now;
  return Math.max(0, end.getTime() - incident.started.getTime());
}

/** Returns the time of the latest update, or `started` when there is none. */
export function lastChangedAt(incident: Incident): Date {
  return incident.updates.at(-1)?.at ?? resolvedAt(incident) ?? incident.started;
}

function minDate(a: Date, b: Date): Date {
  return a < b ? a : b;
}

function maxDate(a: Date, b: Date): Date {
  return a > b ? a : b;
}
