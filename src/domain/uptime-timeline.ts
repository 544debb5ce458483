// One service's history as sorted, non-overlapping segments, each with the
// worst impact and the maintenance state in force. Day bars and uptime
// windows measure ranges of this timeline, so overlapping incidents count
// once and no range has to scan the incident list again.

import type { Incident, Maintenance, ServiceImpact, ServiceStatus } from './schema/index.ts';
import { impactSpans, resolvedAt, servicesOf } from './incident.ts';
import { maintenanceStateAt } from './maintenance.ts';
import { worseStatus } from './severity.ts';

/** A service's worst state during a range, leaving out maintenance. */
export type DayImpact = Exclude<ServiceStatus, 'under_maintenance'>;

/** A stretch of a service's history in which its worst impact and maintenance state held still. */
export interface TimelineSegment {
  /** Epoch milliseconds, inclusive. */
  from: number;
  /** Epoch milliseconds, exclusive. */
  to: number;
  /** The worst impact of any incident, or null when none affects the service. */
  impact: ServiceImpact | null;
  /** True while an active maintenance window covers the service. */
  maintenance: boolean;
}

/** A half-open range of time [from, to) in epoch milliseconds. */
export interface EpochInterval {
  from: number;
  to: number;
}

/** The time one incident affected one service, with the impact it had then. */
export interface ImpactInterval extends EpochInterval {
  slug: string;
  impact: ServiceImpact;
}

/** One service's history between `from` and `now`, ready to measure. */
export interface ServiceTimeline {
  serviceId: string;
  /** The start of tracking in epoch milliseconds, or -Infinity when the service has no `since`. */
  since: number;
  /** The earliest instant covered, in epoch milliseconds. */
  from: number;
  /** The end of observed time, in epoch milliseconds. */
  now: number;
  /** Segments with an impact or maintenance, sorted by time. Gaps between them are operational. */
  segments: TimelineSegment[];
  /** Impact intervals clipped to the covered time, sorted by start, then slug. */
  impacts: ImpactInterval[];
}

/** Totals over one range of a service's timeline. */
export interface Measurement {
  /** Time in the range that counts towards uptime, in milliseconds. */
  observedMs: number;
  /** Outage time multiplied by the weight of its impact, in milliseconds. */
  downtimeMs: number;
  worst: DayImpact;
  /** True when an active maintenance window touched the range. */
  maintenance: boolean;
}

/** Impact weights and maintenance handling for a measurement. */
export interface MeasureSettings {
  weights: Readonly<Record<ServiceImpact, number>>;
  countMaintenance: boolean;
}

/** Groups incidents by every service they touched, leaving out incidents resolved at or before `from`. */
export function indexIncidentsByService(incidents: readonly Incident[], from: Date): Map<string, Incident[]> {
  const index = new Map<string, Incident[]>();
  for (const incident of incidents) {
    const resolved = resolvedAt(incident);
    if (resolved && resolved <= from) continue;

    for (const serviceId of servicesOf(incident)) {
      const list = index.get(serviceId) ?? [];
      list.push(incident);
      index.set(serviceId, list);
    }
  }
  return index;
}

/**
 * Returns the time a maintenance window excludes from uptime, as known at
 * `now`: from its actual start to its actual end, or to `now` while it runs.
 * Returns null for a cancelled window and for one that has not started.
 */
export function maintenanceInterval(window: Maintenance, now: Date): EpochInterval | null {
  const state = maintenanceStateAt(window, now);
  // NOTE: a window cancelled after its work began also returns null, so its
  // time counts as normal time, although the status page showed the service
  // under maintenance until the cancellation.
  if (state.status === 'cancelled') return null;

  const from = state.start.getTime();
  const to = Math.min(state.end.getTime(), now.getTime());
  return to > from ? { from, to } : null;
}

/** Groups the time of active maintenance windows by service, leaving out windows that ended at or before `from`. */
export function indexMaintenanceByService(
  windows: readonly Maintenance[],
  from: Date,
  now: Date,
): Map<string, EpochInterval[]> {
  const index = new Map<string, EpochInterval[]>();
  for (const window of windows) {
    const interval = maintenanceInterval(window, now);
    if (!interval || interval.to <= from.getTime()) continue;

    for (const serviceId of new Set(window.services)) {
      const list = index.get(serviceId) ?? [];
      list.push(interval);
      index.set(serviceId, list);
    }
  }
  return index;
}

/** Input to buildServiceTimeline. The incidents may include ones that never affect this service. */
export interface TimelineInput {
  serviceId: string;
  incidents: readonly Incident[];
  /** Maintenance time for this service, as indexMaintenanceByService returns it. */
  maintenance: readonly EpochInterval[];
  /** The earliest instant any range will be measured from. */
  from: Date;
  now: Date;
  /** When tracking of the service began. Time before it is no data. */
  since?: Date;
}

/**
 * Builds a service's timeline by a sweep over the boundaries of its impact
 * intervals and maintenance windows. At each instant the worst impact among
 * the incidents open then applies, so overlapping incidents count once.
 */
export function buildServiceTimeline(input: TimelineInput): ServiceTimeline {
  const since = input.since?.getTime() ?? -Infinity;
  const now = input.now.getTime();
  const start = Math.max(input.from.getTime(), since);

  const impacts = collectImpacts(input.serviceId, input.incidents, input.now, start);
  const maintenance = input.maintenance
    .map((interval) => ({ from: Math.max(interval.from, start), to: Math.min(interval.to, now) }))
    .filter((interval) => interval.to > interval.from);

  return {
    serviceId: input.serviceId,
    since,
    from: input.from.getTime(),
    now,
    segments: sweepSegments(impacts, maintenance),
    impacts,
  };
}

/**
 * Adds up the observed time, weighted downtime, worst impact and maintenance
 * of the range [start, end), clipped to tracked time before `now`. Unless
 * `countMaintenance` is set, time under maintenance is neither observed nor
 * downtime, but its impacts still set `worst`.
 */
export function measureTimeline(timeline: ServiceTimeline, start: number, end: number, settings: MeasureSettings): Measurement {
  const from = Math.max(start, timeline.since);
  const to = Math.min(end, timeline.now);
  const measurement: Measurement = { observedMs: 0, downtimeMs: 0, worst: 'operational', maintenance: false };
  if (to <= from) return measurement;

  if (from < timeline.from) {
    throw new RangeError(
      `range start ${new Date(from).toISOString()} is before the timeline's start ${new Date(timeline.from).toISOString()}: build the timeline from an earlier instant`,
    );
  }

  measurement.observedMs = to - from;
  const { segments } = timeline;
  for (let index = firstSegmentEndingAfter(segments, from); index < segments.length; index += 1) {
    const segment = segments[index]!;
    if (segment.from >= to) break;

    const overlap = Math.min(segment.to, to) - Math.max(segment.from, from);
    const excluded = segment.maintenance && !settings.countMaintenance;
    if (segment.maintenance) measurement.maintenance = true;
    if (excluded) measurement.observedMs -= overlap;
    if (segment.impact) {
      measurement.worst = worseStatus<DayImpact>(measurement.worst, segment.impact);
      if (!excluded) measurement.downtimeMs += overlap * settings.weights[segment.impact];
    }
  }
  return measurement;
}

// Binary search: segments are sorted and do not overlap, so their ends ascend.
function firstSegmentEndingAfter(segments: readonly { to: number }[], from: number): number {
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (segments[middle]!.to <= from) low = middle + 1;
    else high = middle;
  }
  return low;
}

function collectImpacts(serviceId: string, incidents: readonly Incident[], now: Date, start: number): ImpactInterval[] {
  const impacts: ImpactInterval[] = [];
  for (const incident of incidents) {
    for (const span of impactSpans(incident, now)) {
      const impact = span.affected[serviceId];
      const from = Math.max(span.from.getTime(), start);
      const to = span.to.getTime();
      if (impact && to > from) impacts.push({ slug: incident.slug, from, to, impact });
    }
  }
  // A fixed order keeps the output independent of the order of the incident list.
  return impacts.sort((a, b) => a.from - b.from || compareText(a.slug, b.slug) || a.to - b.to);
}

// Counters per kind: index 0 counts maintenance windows, 1 to 3 count
// incidents with each impact from degraded_performance to major_outage.
const IMPACT_BY_COUNTER: (ServiceImpact | null)[] = [null, 'degraded_performance', 'partial_outage', 'major_outage'];

function sweepSegments(impacts: readonly ImpactInterval[], maintenance: readonly EpochInterval[]): TimelineSegment[] {
  const events: { at: number; counter: number; delta: number }[] = [];
  for (const interval of impacts) {
    const counter = IMPACT_BY_COUNTER.indexOf(interval.impact);
    events.push({ at: interval.from, counter, delta: 1 }, { at: interval.to, counter, delta: -1 });
  }
  for (const interval of maintenance) {
    events.push({ at: interval.from, counter: 0, delta: 1 }, { at: interval.to, counter: 0, delta: -1 });
  }
  events.sort((a, b) => a.at - b.at);

  const counts = [0, 0, 0, 0];
  const segments: TimelineSegment[] = [];
  let index = 0;
  while (index < events.length) {
    // Apply every event at this instant before reading the state that follows it.
    const at = events[index]!.at;
    while (index < events.length && events[index]!.at === at) {
      const event = events[index]!;
      counts[event.counter]! += event.delta;
      index += 1;
    }
    const next = events[index]?.at;
    if (next === undefined) break;

    const impact = worstCounted(counts);
    const maintenanceActive = counts[0]! > 0;
    if (impact === null && !maintenanceActive) continue;

    const previous = segments.at(-1);
    if (previous && previous.to === at && previous.impact === impact && previous.maintenance === maintenanceActive) {
      previous.to = next;
    } else {
      segments.push({ from: at, to: next, impact, maintenance: maintenanceActive });
    }
  }
  return segments;
}

function worstCounted(counts: readonly number[]): ServiceImpact | null {
  for (let counter = counts.length - 1; counter >= 1; counter -= 1) {
    if (counts[counter]! > 0) return IMPACT_BY_COUNTER[counter]!;
  }
  return null;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
