// Uptime per service, per group and for the whole site: day bars for the
// history strip and percentages over fixed windows. Pure: the clock is the
// `now` option, and days follow the site's IANA time zone.

import type { Incident, Maintenance, ServiceImpact, SiteConfig } from './schema/index.ts';
import { isTimeZone, localDate } from './time.ts';
import { addDays, localDays, startOfLocalDay, type LocalDay } from './uptime-days.ts';
import {
  buildServiceTimeline,
  indexIncidentsByService,
  indexMaintenanceByService,
  measureTimeline,
  type DayImpact,
  type MeasureSettings,
  type ServiceTimeline,
} from './uptime-timeline.ts';

export type { DayImpact } from './uptime-timeline.ts';

/**
 * Default share of time in each impact that counts as downtime. Degraded
 * performance counts none, but still colours the day.
 */
export const DEFAULT_IMPACT_WEIGHTS: Readonly<Record<ServiceImpact, number>> = {
  major_outage: 1,
  partial_outage: 0.3,
  degraded_performance: 0,
};

/** The windows that uptime percentages cover: the last 24 hours, then whole local days ending today. */
export const UPTIME_WINDOWS = ['24h', '7d', '30d', '90d', '1y'] as const;
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number];

const DAYS_IN_WINDOW: Record<Exclude<UptimeWindow, '24h'>, number> = { '7d': 7, '30d': 30, '90d': 90, '1y': 365 };
const DAY_MS = 86_400_000;

// The largest double below 100. Uptime with any downtime never reaches 100.
const MAX_UPTIME_WITH_DOWNTIME = 100 - 2 ** -46;

/** Observed time, downtime and uptime over a range. */
export interface UptimeTotals {
  observedMs: number;
  /** Outage time multiplied by the weight of its impact, in milliseconds. */
  downtimeMs: number;
  /** Uptime in percent from 0 to 100, or null when no time was observed. */
  uptime: number | null;
}

/** One bar of a service's uptime history. */
export interface UptimeDay extends UptimeTotals {
  /** The calendar date in the site's time zone, `YYYY-MM-DD`. */
  date: string;
  start: Date;
  end: Date;
  /** The worst impact during the day, including time under maintenance. */
  worst: DayImpact;
  /** True when an active maintenance window for the service touched the day. */
  maintenance: boolean;
  /** Slugs of the incidents that affected the service during the day, by start time. */
  incidents: string[];
  /** True when the day ended before tracking of the service began. */
  noData: boolean;
}

/** Settings for computeUptime. */
export interface UptimeOptions {
  now: Date;
  /** How many day records each service gets, ending with today. */
  days: number;
  /** Share of time in each impact that counts as downtime, from 0 to 1. Defaults to DEFAULT_IMPACT_WEIGHTS. */
  weights?: Readonly<Record<ServiceImpact, number>>;
  /** Count time under maintenance as normal time, with its downtime, in place of leaving it out. */
  countMaintenance?: boolean;
  /** When tracking began, per service id. A service without an entry has no earlier limit. */
  since?: Readonly<Record<string, Date>>;
}

/** The input of computeUptime, which a Repository satisfies. */
export interface UptimeSource {
  config: Pick<SiteConfig, 'timezone' | 'services'>;
  incidents: readonly Incident[];
  maintenance: readonly Maintenance[];
}

/** One service's day records and window percentages. */
export interface ServiceUptime {
  serviceId: string;
  /** `options.days` records, oldest first. */
  days: UptimeDay[];
  windows: Record<UptimeWindow, UptimeTotals>;
}

/** Uptime for every service, each group and the whole site. */
export interface SiteUptime {
  services: Map<string, ServiceUptime>;
  /** Aggregates keyed by group id, for services that name a group. */
  groups: Map<string, Record<UptimeWindow, UptimeTotals>>;
  site: Record<UptimeWindow, UptimeTotals>;
}

/**
 * Computes day records and window percentages for every service in the
 * config, and aggregates them per group and for the site.
 */
export function computeUptime(source: UptimeSource, options: UptimeOptions): SiteUptime {
  const timeZone = source.config.timezone;
  const settings = validateOptions(options, timeZone);
  const { now } = options;

  const days = localDays(now, options.days, timeZone);
  const windowStarts = uptimeWindowStarts(now, timeZone);
  const from = new Date(Math.min(days[0]!.start.getTime(), ...Object.values(windowStarts).map((start) => start.getTime())));

  const incidentsByService = indexIncidentsByService(source.incidents, from);
  const maintenanceByService = indexMaintenanceByService(source.maintenance, from, now);

  const services = new Map<string, ServiceUptime>();
  for (const service of source.config.services) {
    const timeline = buildServiceTimeline({
      serviceId: service.id,
      incidents: incidentsByService.get(service.id) ?? [],
      maintenance: maintenanceByService.get(service.id) ?? [],
      from,
      now,
      since: options.since?.[service.id],
    });
    services.set(service.id, {
      serviceId: service.id,
      days: uptimeDays(timeline, days, settings),
      windows: uptimeWindows(timeline, windowStarts, settings),
    });
  }

  const members = new Map<string, ServiceUptime[]>();
  for (const service of source.config.services) {
    if (service.group === undefined) continue;
    const list = members.get(service.group) ?? [];
    list.push(services.get(service.id)!);
    members.set(service.group, list);
  }

  const groups = new Map<string, Record<UptimeWindow, UptimeTotals>>();
  for (const [groupId, list] of members) groups.set(groupId, aggregateWindows(list.map((entry) => entry.windows)));

  return { services, groups, site: aggregateWindows([...services.values()].map((entry) => entry.windows)) };
}

/** Measures each local day of a service's timeline and lists the incidents that touched it. */
export function uptimeDays(timeline: ServiceTimeline, days: readonly LocalDay[], settings: MeasureSettings): UptimeDay[] {
  const slugsByDay = days.map(() => new Set<string>());
  const dayStarts = days.map((day) => day.start.getTime());

  // Each impact interval marks the days it overlaps, found by binary search,
  // so the work grows with the intervals and not with intervals times days.
  for (const interval of timeline.impacts) {
    for (let index = lastDayStartingAtOrBefore(dayStarts, interval.from); index < days.length; index += 1) {
      const day = days[index]!;
      if (day.start.getTime() >= interval.to) break;
      if (day.end.getTime() > interval.from) slugsByDay[index]!.add(interval.slug);
    }
  }

  return days.map((day, index) => {
    const measurement = measureTimeline(timeline, day.start.getTime(), day.end.getTime(), settings);
    return {
      date: day.date,
      start: day.start,
      end: day.end,
      observedMs: measurement.observedMs,
      downtimeMs: measurement.downtimeMs,
      uptime: uptimePercent(measurement.downtimeMs, measurement.observedMs),
      worst: measurement.worst,
      maintenance: measurement.maintenance,
      incidents: [...slugsByDay[index]!],
      noData: day.end.getTime() <= timeline.since,
    };
  });
}

/**
 * Returns the start of each uptime window: 24 hours before `now` for `24h`,
 * and local midnight N − 1 days before today for the N-day windows, so that
 * `1y` covers 365 local days ending today.
 */
export function uptimeWindowStarts(now: Date, timeZone: string): Record<UptimeWindow, Date> {
  const today = localDate(now, timeZone);
  const dayWindowStart = (days: number) => startOfLocalDay(addDays(today, 1 - days), timeZone);
  return {
    '24h': new Date(now.getTime() - DAY_MS),
    '7d': dayWindowStart(DAYS_IN_WINDOW['7d']),
    '30d': dayWindowStart(DAYS_IN_WINDOW['30d']),
    '90d': dayWindowStart(DAYS_IN_WINDOW['90d']),
    '1y': dayWindowStart(DAYS_IN_WINDOW['1y']),
  };
}

/** Measures a service's timeline over each window, from its start up to `now`. */
export function uptimeWindows(
  timeline: ServiceTimeline,
  starts: Readonly<Record<UptimeWindow, Date>>,
  settings: MeasureSettings,
): Record<UptimeWindow, UptimeTotals> {
  const measure = (window: UptimeWindow): UptimeTotals => {
    const { observedMs, downtimeMs } = measureTimeline(timeline, starts[window].getTime(), timeline.now, settings);
    return { observedMs, downtimeMs, uptime: uptimePercent(downtimeMs, observedMs) };
  };
  return { '24h': measure('24h'), '7d': measure('7d'), '30d': measure('30d'), '90d': measure('90d'), '1y': measure('1y') };
}

/**
 * Aggregates services as one: uptime = 1 − total weighted downtime / total
 * observed time across them. A service thus weighs in with its observed
 * time, and a service with no data changes nothing.
 */
export function aggregateUptime(totals: Iterable<UptimeTotals>): UptimeTotals {
  let observedMs = 0;
  let downtimeMs = 0;
  for (const entry of totals) {
    observedMs += entry.observedMs;
    downtimeMs += entry.downtimeMs;
  }
  return { observedMs, downtimeMs, uptime: uptimePercent(downtimeMs, observedMs) };
}

/** Aggregates each window over a list of services, as aggregateUptime does. */
export function aggregateWindows(windows: readonly Readonly<Record<UptimeWindow, UptimeTotals>>[]): Record<UptimeWindow, UptimeTotals> {
  const aggregate = (window: UptimeWindow) => aggregateUptime(windows.map((entry) => entry[window]));
  return { '24h': aggregate('24h'), '7d': aggregate('7d'), '30d': aggregate('30d'), '90d': aggregate('90d'), '1y': aggregate('1y') };
}

/**
 * Returns uptime in percent, clamped to 0–100, or null when nothing was
 * observed. Any downtime keeps the result below 100, even where floating
 * point would round it up.
 */
export function uptimePercent(downtimeMs: number, observedMs: number): number | null {
  if (observedMs <= 0) return null;

  const percent = Math.min(100, Math.max(0, 100 * (1 - downtimeMs / observedMs)));
  return downtimeMs > 0 ? Math.min(percent, MAX_UPTIME_WITH_DOWNTIME) : percent;
}

/**
 * Formats an uptime percentage with two decimals, clamped to 0.00–100.00.
 * A value below 100 shows at most `99.99`, never `100.00`. Returns null for
 * null, which means no data.
 */
export function formatUptime(percent: number | null): string | null {
  if (percent === null || Number.isNaN(percent)) return null;

  const clamped = Math.min(100, Math.max(0, percent));
  const text = clamped.toFixed(2);
  return text === '100.00' && clamped < 100 ? '99.99' : text;
}

function validateOptions(options: UptimeOptions, timeZone: string): MeasureSettings {
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone \`${timeZone}\`: use an IANA name such as \`Europe/Berlin\``);
  if (Number.isNaN(options.now.getTime())) throw new RangeError('invalid `now`: expected a valid Date');
  if (!Number.isInteger(options.days) || options.days < 1) {
    throw new RangeError(`invalid \`days\` ${options.days}: expected a whole number of at least 1`);
  }

  const weights = options.weights ?? DEFAULT_IMPACT_WEIGHTS;
  for (const impact of Object.keys(DEFAULT_IMPACT_WEIGHTS) as ServiceImpact[]) {
    const weight = weights[impact];
    if (typeof weight !== 'number' || !(weight >= 0 && weight <= 1)) {
      throw new RangeError(`invalid weight ${String(weight)} for \`${impact}\`: expected a number from 0 to 1`);
    }
  }

  for (const [serviceId, since] of Object.entries(options.since ?? {})) {
    if (Number.isNaN(since.getTime())) throw new RangeError(`invalid \`since\` for service \`${serviceId}\`: expected a valid Date`);
  }

  return { weights, countMaintenance: options.countMaintenance ?? false };
}

// Binary search over ascending day starts. Returns 0 when `at` is before the first day.
function lastDayStartingAtOrBefore(dayStarts: readonly number[], at: number): number {
  let low = 0;
  let high = dayStarts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (dayStarts[middle]! <= at) low = middle + 1;
    else high = middle;
  }
  return Math.max(0, low - 1);
}
