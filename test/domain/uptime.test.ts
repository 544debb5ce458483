import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Incident, IncidentUpdate, Maintenance, MaintenanceUpdate, ServiceImpact } from '../../src/domain/schema/index.ts';
import {
  aggregateUptime,
  computeUptime,
  DEFAULT_IMPACT_WEIGHTS,
  formatUptime,
  UPTIME_WINDOWS,
  uptimePercent,
  type SiteUptime,
  type UptimeDay,
  type UptimeOptions,
} from '../../src/domain/uptime.ts';
import { localDays, startOfLocalDay } from '../../src/domain/uptime-days.ts';
import { affectedAt } from '../../src/domain/incident.ts';
import { maintenanceStateAt } from '../../src/domain/maintenance.ts';
import { statusRank } from '../../src/domain/severity.ts';

const MINUTE = 60_000;
const BERLIN = 'Europe/Berlin';

type AffectedMap = Record<string, ServiceImpact>;

interface IncidentSpec {
  slug: string;
  started: string;
  /** Omitted for an ongoing incident. */
  resolved?: string;
  affected: AffectedMap;
  /** Updates that replace the affected map from their time on. */
  changes?: { at: string; affected: AffectedMap }[];
}

function incident(spec: IncidentSpec): Incident {
  const updates: IncidentUpdate[] = [{ at: new Date(spec.started), status: 'investigating', message: 'Investigating.' }];
  for (const change of spec.changes ?? []) {
    updates.push({ at: new Date(change.at), status: 'identified', message: 'Impact changed.', affected: change.affected });
  }
  if (spec.resolved) updates.push({ at: new Date(spec.resolved), status: 'resolved', message: 'Resolved.' });

  return {
    slug: spec.slug,
    title: spec.slug,
    affected: spec.affected,
    started: new Date(spec.started),
    resolved: spec.resolved ? new Date(spec.resolved) : undefined,
    updates,
    automated: false,
    body: '',
  };
}

function outage(slug: string, started: string, resolved: string, impact: ServiceImpact = 'major_outage'): Incident {
  return incident({ slug, started, resolved, affected: { api: impact } });
}

function maintenance(
  slug: string,
  services: string[],
  start: string,
  end: string,
  updates: [MaintenanceUpdate['status'], string][] = [],
): Maintenance {
  return {
    slug,
    title: slug,
    services,
    start: new Date(start),
    end: new Date(end),
    updates: updates.map(([status, at]) => ({ status, at: new Date(at), message: status })),
    body: '',
  };
}

interface RunInput {
  now: string;
  incidents?: Incident[];
  maintenance?: Maintenance[];
  services?: { id: string; group?: string }[];
  days?: number;
  timeZone?: string;
  options?: Partial<UptimeOptions>;
}

function run(input: RunInput): SiteUptime {
  const services = (input.services ?? [{ id: 'api' }]).map((service) => ({ ...service, name: service.id }));
  return computeUptime(
    {
      config: { timezone: input.timeZone ?? BERLIN, services },
      incidents: input.incidents ?? [],
      maintenance: input.maintenance ?? [],
    },
    { now: new Date(input.now), days: input.days ?? 30, ...input.options },
  );
}

function dayOf(result: SiteUptime, date: string, serviceId = 'api'): UptimeDay {
  const day = result.services.get(serviceId)?.days.find((entry) => entry.date === date);
  if (!day) throw new Error(`day ${date} not found for service ${serviceId}`);
  return day;
}

function minutes(milliseconds: number): number {
  return milliseconds / MINUTE;
}

describe('startOfLocalDay', () => {
  const cases: [string, string, string][] = [
    ['2026-03-10', BERLIN, '2026-03-09T23:00:00.000Z'],
    ['2026-03-29', BERLIN, '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', BERLIN, '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', BERLIN, '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', BERLIN, '2026-10-25T23:00:00.000Z'],
    ['2026-03-10', 'UTC', '2026-03-10T00:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    // Chile moves clocks from 00:00 to 01:00, so the day starts at 01:00.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    // Chile moves clocks back from 00:00 to 23:00, so 00:00 comes only an hour later.
    ['2026-04-05', 'America/Santiago', '2026-04-05T04:00:00.000Z'],
  ];

  it.each(cases)('%s in %s', (date, timeZone, expected) => {
    expect(startOfLocalDay(date, timeZone).toISOString()).toBe(expected);
  });

  it('rejects invalid date', () => {
    expect(() => startOfLocalDay('2026-3-1', BERLIN)).toThrow(RangeError);
  });
});

describe('localDays', () => {
  it('spring DST day is 23 hours', () => {
    const days = localDays(new Date('2026-03-30T12:00Z'), 3, BERLIN);
    expect(days.map((day) => day.date)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(days.map((day) => minutes(day.end.getTime() - day.start.getTime()))).toEqual([1440, 1380, 1440]);
  });

  it('autumn DST day is 25 hours', () => {
    const days = localDays(new Date('2026-10-26T12:00Z'), 3, BERLIN);
    expect(days.map((day) => day.date)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(days.map((day) => minutes(day.end.getTime() - day.start.getTime()))).toEqual([1440, 1500, 1440]);
  });

  it('today follows the time zone', () => {
    // 23:30 UTC on 10 March is already 11 March in Berlin.
    const days = localDays(new Date('2026-03-10T23:30Z'), 1, BERLIN);
    expect(days[0]!.date).toBe('2026-03-11');
  });
});

describe('uptime days', () => {
  interface DayCase {
    name: string;
    now: string;
    incidents: Incident[];
    date: string;
    downtimeMinutes: number;
    observedMinutes: number;
    worst: UptimeDay['worst'];
  }

  const cases: DayCase[] = [
    {
      name: 'outage inside one day',
      now: '2026-03-12T12:00Z',
      incidents: [outage('a', '2026-03-10T10:00Z', '2026-03-10T10:30Z')],
      date: '2026-03-10',
      downtimeMinutes: 30,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // 23:30 to 00:45 Berlin time: 30 minutes before midnight.
      name: 'across midnight, first day',
      now: '2026-03-12T12:00Z',
      incidents: [outage('a', '2026-03-10T22:30Z', '2026-03-10T23:45Z')],
      date: '2026-03-10',
      downtimeMinutes: 30,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // 45 minutes after midnight, although the UTC date is still 10 March.
      name: 'across midnight, second day',
      now: '2026-03-12T12:00Z',
      incidents: [outage('a', '2026-03-10T22:30Z', '2026-03-10T23:45Z')],
      date: '2026-03-11',
      downtimeMinutes: 45,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // 01:30 CET to 03:30 CEST is one hour.
      name: 'spring DST day',
      now: '2026-04-01T12:00Z',
      incidents: [outage('a', '2026-03-29T00:30Z', '2026-03-29T01:30Z')],
      date: '2026-03-29',
      downtimeMinutes: 60,
      observedMinutes: 1380,
      worst: 'major_outage',
    },
    {
      // 23:00 CET on 28 March to 03:00 CEST on 29 March: 60 minutes before midnight.
      name: 'across spring DST midnight, first day',
      now: '2026-04-01T12:00Z',
      incidents: [outage('a', '2026-03-28T22:00Z', '2026-03-29T01:00Z')],
      date: '2026-03-28',
      downtimeMinutes: 60,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // 00:00 CET to 03:00 CEST reads as 3 hours but lasts 120 minutes.
      name: 'across spring DST midnight, second day',
      now: '2026-04-01T12:00Z',
      incidents: [outage('a', '2026-03-28T22:00Z', '2026-03-29T01:00Z')],
      date: '2026-03-29',
      downtimeMinutes: 120,
      observedMinutes: 1380,
      worst: 'major_outage',
    },
    {
      // 02:00 CEST to 02:00 CET is two hours.
      name: 'autumn DST day',
      now: '2026-10-28T12:00Z',
      incidents: [outage('a', '2026-10-25T00:00Z', '2026-10-25T02:00Z')],
      date: '2026-10-25',
      downtimeMinutes: 120,
      observedMinutes: 1500,
      worst: 'major_outage',
    },
    {
      // 23:30 CET on 25 October to 00:30 CET on 26 October.
      name: 'autumn DST day end',
      now: '2026-10-28T12:00Z',
      incidents: [outage('a', '2026-10-25T22:30Z', '2026-10-25T23:30Z')],
      date: '2026-10-25',
      downtimeMinutes: 30,
      observedMinutes: 1500,
      worst: 'major_outage',
    },
    {
      name: 'major outage',
      now: '2026-03-12T12:00Z',
      incidents: [outage('a', '2026-03-10T10:00Z', '2026-03-10T11:40Z', 'major_outage')],
      date: '2026-03-10',
      downtimeMinutes: 100,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // 100 minutes at 30 %.
      name: 'partial outage',
      now: '2026-03-12T12:00Z',
      incidents: [outage('a', '2026-03-10T10:00Z', '2026-03-10T11:40Z', 'partial_outage')],
      date: '2026-03-10',
      downtimeMinutes: 30,
      observedMinutes: 1440,
      worst: 'partial_outage',
    },
    {
      name: 'degraded performance',
      now: '2026-03-12T12:00Z',
      incidents: [outage('a', '2026-03-10T10:00Z', '2026-03-10T11:40Z', 'degraded_performance')],
      date: '2026-03-10',
      downtimeMinutes: 0,
      observedMinutes: 1440,
      worst: 'degraded_performance',
    },
    {
      // 20 min degraded (0) + 20 min partial (6) + 20 min major (20).
      name: 'escalating impact',
      now: '2026-03-12T12:00Z',
      incidents: [
        incident({
          slug: 'a',
          started: '2026-03-10T10:00Z',
          resolved: '2026-03-10T11:00Z',
          affected: { api: 'degraded_performance' },
          changes: [
            { at: '2026-03-10T10:20Z', affected: { api: 'partial_outage' } },
            { at: '2026-03-10T10:40Z', affected: { api: 'major_outage' } },
          ],
        }),
      ],
      date: '2026-03-10',
      downtimeMinutes: 26,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // 10 min major, then 50 min degraded.
      name: 'easing impact',
      now: '2026-03-12T12:00Z',
      incidents: [
        incident({
          slug: 'a',
          started: '2026-03-10T10:00Z',
          resolved: '2026-03-10T11:00Z',
          affected: { api: 'major_outage' },
          changes: [{ at: '2026-03-10T10:10Z', affected: { api: 'degraded_performance' } }],
        }),
      ],
      date: '2026-03-10',
      downtimeMinutes: 10,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // The update's map no longer names api, so its impact ends at 10:30.
      name: 'service dropped by update',
      now: '2026-03-12T12:00Z',
      incidents: [
        incident({
          slug: 'a',
          started: '2026-03-10T10:00Z',
          resolved: '2026-03-10T11:00Z',
          affected: { api: 'major_outage' },
          changes: [{ at: '2026-03-10T10:30Z', affected: { web: 'major_outage' } }],
        }),
      ],
      date: '2026-03-10',
      downtimeMinutes: 30,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // 10:00–11:00 major (60) + 11:00–12:00 partial (18). The overlap counts once.
      name: 'overlapping major and partial',
      now: '2026-03-12T12:00Z',
      incidents: [
        outage('a', '2026-03-10T10:00Z', '2026-03-10T11:00Z', 'major_outage'),
        outage('b', '2026-03-10T10:30Z', '2026-03-10T12:00Z', 'partial_outage'),
      ],
      date: '2026-03-10',
      downtimeMinutes: 78,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // 10:00–11:30 is 90 minutes, not 60 + 60.
      name: 'overlapping major outages',
      now: '2026-03-12T12:00Z',
      incidents: [
        outage('a', '2026-03-10T10:00Z', '2026-03-10T11:00Z'),
        outage('b', '2026-03-10T10:30Z', '2026-03-10T11:30Z'),
      ],
      date: '2026-03-10',
      downtimeMinutes: 90,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      // 3 h partial (54) + 1 h major inside it (60).
      name: 'major inside partial',
      now: '2026-03-12T12:00Z',
      incidents: [
        outage('a', '2026-03-10T09:00Z', '2026-03-10T13:00Z', 'partial_outage'),
        outage('b', '2026-03-10T10:00Z', '2026-03-10T11:00Z', 'major_outage'),
      ],
      date: '2026-03-10',
      downtimeMinutes: 114,
      observedMinutes: 1440,
      worst: 'major_outage',
    },
    {
      name: 'other service only',
      now: '2026-03-12T12:00Z',
      incidents: [incident({ slug: 'a', started: '2026-03-10T10:00Z', resolved: '2026-03-10T11:00Z', affected: { web: 'major_outage' } })],
      date: '2026-03-10',
      downtimeMinutes: 0,
      observedMinutes: 1440,
      worst: 'operational',
    },
    {
      // Started at 11:00 UTC, still open at 12:00 UTC. Today began at 23:00 UTC.
      name: 'ongoing incident',
      now: '2026-03-12T12:00Z',
      incidents: [incident({ slug: 'a', started: '2026-03-12T11:00Z', affected: { api: 'major_outage' } })],
      date: '2026-03-12',
      downtimeMinutes: 60,
      observedMinutes: 780,
      worst: 'major_outage',
    },
  ];

  it.each(cases)('$name', ({ now, incidents, date, downtimeMinutes, observedMinutes, worst }) => {
    const day = dayOf(run({ now, incidents }), date);
    expect(minutes(day.downtimeMs)).toBeCloseTo(downtimeMinutes, 6);
    expect(minutes(day.observedMs)).toBe(observedMinutes);
    expect(day.uptime).toBeCloseTo(100 * (1 - downtimeMinutes / observedMinutes), 9);
    expect(day.worst).toBe(worst);
    expect(day.noData).toBe(false);
  });

  it('records are oldest first', () => {
    const result = run({ now: '2026-03-12T12:00Z', days: 3 });
    const days = result.services.get('api')!.days;
    expect(days.map((day) => day.date)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(days[0]!.start.toISOString()).toBe('2026-03-09T23:00:00.000Z');
    expect(days[2]!.end.toISOString()).toBe('2026-03-12T23:00:00.000Z');
  });

  it('quiet day is 100 percent', () => {
    const day = dayOf(run({ now: '2026-03-12T12:00Z' }), '2026-03-10');
    expect(day.uptime).toBe(100);
    expect(day.worst).toBe('operational');
    expect(day.incidents).toEqual([]);
    expect(day.maintenance).toBe(false);
  });

  it('incidents listed per day', () => {
    const result = run({
      now: '2026-03-12T12:00Z',
      incidents: [
        outage('late', '2026-03-10T15:00Z', '2026-03-10T16:00Z'),
        outage('overnight', '2026-03-10T22:30Z', '2026-03-10T23:45Z'),
        outage('early', '2026-03-10T08:00Z', '2026-03-10T09:00Z', 'degraded_performance'),
      ],
    });
    expect(dayOf(result, '2026-03-10').incidents).toEqual(['early', 'late', 'overnight']);
    expect(dayOf(result, '2026-03-11').incidents).toEqual(['overnight']);
    expect(dayOf(result, '2026-03-12').incidents).toEqual([]);
  });

  it('ongoing incident lists today', () => {
    const result = run({
      now: '2026-03-12T12:00Z',
      incidents: [incident({ slug: 'open', started: '2026-03-11T20:00Z', affected: { api: 'partial_outage' } })],
    });
    // 3 h on 11 March (20:00–23:00 UTC) and 13 h today, each at 30 %.
    expect(minutes(dayOf(result, '2026-03-11').downtimeMs)).toBeCloseTo(54, 6);
    expect(minutes(dayOf(result, '2026-03-12').downtimeMs)).toBeCloseTo(234, 6);
    expect(dayOf(result, '2026-03-12').incidents).toEqual(['open']);
  });

  it('custom weights apply', () => {
    const result = run({
      now: '2026-03-12T12:00Z',
      incidents: [outage('a', '2026-03-10T10:00Z', '2026-03-10T11:40Z', 'partial_outage')],
      options: { weights: { ...DEFAULT_IMPACT_WEIGHTS, partial_outage: 0.5 } },
    });
    expect(minutes(dayOf(result, '2026-03-10').downtimeMs)).toBeCloseTo(50, 6);
  });
});

describe('uptime maintenance', () => {
  // Maintenance 10:00–11:00 UTC, major outage 10:30–11:30 UTC on 10 March.
  const now = '2026-03-12T12:00Z';
  const outageDuringWork = outage('a', '2026-03-10T10:30Z', '2026-03-10T11:30Z');
  const completedWork = maintenance('work', ['api'], '2026-03-10T10:00Z', '2026-03-10T11:00Z', [
    ['in_progress', '2026-03-10T10:00Z'],
    ['completed', '2026-03-10T11:00Z'],
  ]);

  it('excluded by default', () => {
    const day = dayOf(run({ now, incidents: [outageDuringWork], maintenance: [completedWork] }), '2026-03-10');
    // Only 11:00–11:30 counts, and the hour of work is not observed.
    expect(minutes(day.downtimeMs)).toBe(30);
    expect(minutes(day.observedMs)).toBe(1380);
    expect(day.maintenance).toBe(true);
    expect(day.worst).toBe('major_outage');
  });

  it('counted when requested', () => {
    const day = dayOf(
      run({ now, incidents: [outageDuringWork], maintenance: [completedWork], options: { countMaintenance: true } }),
      '2026-03-10',
    );
    expect(minutes(day.downtimeMs)).toBe(60);
    expect(minutes(day.observedMs)).toBe(1440);
    expect(day.maintenance).toBe(true);
  });

  it('cancelled window ignored', () => {
    const cancelled = maintenance('work', ['api'], '2026-03-10T10:00Z', '2026-03-10T11:00Z', [['cancelled', '2026-03-10T09:00Z']]);
    const day = dayOf(run({ now, incidents: [outageDuringWork], maintenance: [cancelled] }), '2026-03-10');
    expect(minutes(day.downtimeMs)).toBe(60);
    expect(minutes(day.observedMs)).toBe(1440);
    expect(day.maintenance).toBe(false);
  });

  it('cancelled mid-work ignored', () => {
    const aborted = maintenance('work', ['api'], '2026-03-10T10:00Z', '2026-03-10T11:00Z', [
      ['in_progress', '2026-03-10T10:00Z'],
      ['cancelled', '2026-03-10T10:45Z'],
    ]);
    const day = dayOf(run({ now, incidents: [outageDuringWork], maintenance: [aborted] }), '2026-03-10');
    expect(minutes(day.downtimeMs)).toBe(60);
    expect(minutes(day.observedMs)).toBe(1440);
    expect(day.maintenance).toBe(false);
  });

  it('other service unaffected', () => {
    const elsewhere = maintenance('work', ['web'], '2026-03-10T10:00Z', '2026-03-10T11:00Z');
    const day = dayOf(run({ now, incidents: [outageDuringWork], maintenance: [elsewhere] }), '2026-03-10');
    expect(minutes(day.downtimeMs)).toBe(60);
    expect(day.maintenance).toBe(false);
  });

  it('overrunning window runs to now', () => {
    // Scheduled 09:00–10:00 UTC today, still in progress at 12:00 UTC.
    const overrunning = maintenance('work', ['api'], '2026-03-12T09:00Z', '2026-03-12T10:00Z', [['in_progress', '2026-03-12T09:00Z']]);
    const day = dayOf(run({ now, maintenance: [overrunning] }), '2026-03-12');
    expect(minutes(day.observedMs)).toBe(780 - 180);
    expect(day.maintenance).toBe(true);
  });

  it('future window not counted', () => {
    const planned = maintenance('work', ['api'], '2026-03-12T20:00Z', '2026-03-12T21:00Z');
    const day = dayOf(run({ now, maintenance: [planned] }), '2026-03-12');
    expect(minutes(day.observedMs)).toBe(780);
    expect(day.maintenance).toBe(false);
  });
});

describe('uptime since', () => {
  // api was added 10 days before now, web has no `since`.
  const result = run({
    now: '2026-03-12T12:00Z',
    services: [{ id: 'api' }, { id: 'web' }],
    incidents: [
      incident({ slug: 'before', started: '2026-03-01T10:00Z', resolved: '2026-03-01T11:00Z', affected: { api: 'major_outage', web: 'major_outage' } }),
    ],
    options: { since: { api: new Date('2026-03-02T12:00Z') } },
  });

  it('days before are no data', () => {
    const day = dayOf(result, '2026-03-01');
    expect(day.noData).toBe(true);
    expect(day.uptime).toBeNull();
    expect(day.observedMs).toBe(0);
    expect(day.downtimeMs).toBe(0);
    expect(day.incidents).toEqual([]);
    expect(day.worst).toBe('operational');
  });

  it('first day partly observed', () => {
    const day = dayOf(result, '2026-03-02');
    // From 12:00 UTC to midnight Berlin time (23:00 UTC).
    expect(day.noData).toBe(false);
    expect(minutes(day.observedMs)).toBe(660);
    expect(day.uptime).toBe(100);
  });

  it('windows start at since', () => {
    const windows = result.services.get('api')!.windows;
    expect(minutes(windows['30d'].observedMs)).toBe(10 * 1440);
    expect(minutes(windows['1y'].observedMs)).toBe(10 * 1440);
    expect(windows['30d'].downtimeMs).toBe(0);
    expect(windows['30d'].uptime).toBe(100);
  });

  it('service without since', () => {
    const day = dayOf(result, '2026-03-01', 'web');
    expect(day.noData).toBe(false);
    expect(minutes(day.downtimeMs)).toBe(60);
    expect(minutes(day.observedMs)).toBe(1440);
  });

  it('since after now', () => {
    const future = run({ now: '2026-03-12T12:00Z', options: { since: { api: new Date('2026-04-01T00:00Z') } } });
    const windows = future.services.get('api')!.windows;
    expect(windows['7d'].uptime).toBeNull();
    expect(future.site['7d'].uptime).toBeNull();
    expect(dayOf(future, '2026-03-12').noData).toBe(true);
  });
});

describe('uptime windows', () => {
  const now = '2026-03-12T12:00Z';

  it('24h is rolling', () => {
    const result = run({
      now,
      incidents: [
        // Ends 25 hours before now: outside.
        outage('old', '2026-03-11T10:00Z', '2026-03-11T11:00Z'),
        // 11:30–12:30 UTC yesterday: the 30 minutes after 12:00 are inside.
        outage('edge', '2026-03-11T11:30Z', '2026-03-11T12:30Z'),
      ],
    });
    const window = result.services.get('api')!.windows['24h'];
    expect(minutes(window.downtimeMs)).toBe(30);
    expect(minutes(window.observedMs)).toBe(1440);
  });

  it('7d starts at local midnight', () => {
    // The window starts on 6 March at 00:00 Berlin time, 23:00 UTC on 5 March.
    const result = run({ now, incidents: [outage('edge', '2026-03-05T22:30Z', '2026-03-05T23:30Z')] });
    const window = result.services.get('api')!.windows['7d'];
    expect(minutes(window.downtimeMs)).toBe(30);
    // Six whole days plus 13 hours of today.
    expect(minutes(window.observedMs)).toBe(6 * 1440 + 780);
  });

  it('1y covers 365 local days', () => {
    // Today is 13 March 2027 in Berlin and has not begun to be observed, so
    // the window runs from 14 March 2026 00:00 CET for 364 whole days.
    const result = run({ now: '2027-03-12T23:00Z', incidents: [outage('a', '2026-06-01T10:00Z', '2026-06-01T10:01Z')] });
    const window = result.services.get('api')!.windows['1y'];
    expect(minutes(window.observedMs)).toBe(364 * 1440);
    expect(minutes(window.downtimeMs)).toBe(1);
    expect(window.uptime).toBeLessThan(100);
    expect(formatUptime(window.uptime)).toBe('99.99');
  });

  it('every window present', () => {
    const windows = run({ now }).services.get('api')!.windows;
    expect(Object.keys(windows)).toEqual([...UPTIME_WINDOWS]);
    for (const window of UPTIME_WINDOWS) expect(windows[window].uptime).toBe(100);
  });

  it('old incidents change nothing', () => {
    const recent = [outage('recent', '2026-03-10T10:00Z', '2026-03-10T11:00Z')];
    const old = [outage('old-1', '2024-01-10T10:00Z', '2024-01-10T11:00Z'), outage('old-2', '2025-03-10T10:00Z', '2025-03-11T11:00Z')];
    expect(run({ now, incidents: [...old, ...recent] })).toEqual(run({ now, incidents: recent }));
  });
});

describe('uptime aggregates', () => {
  // api is down for 60 minutes, web and db are fine, over the last 24 hours.
  const result = run({
    now: '2026-03-12T12:00Z',
    services: [
      { id: 'api', group: 'core' },
      { id: 'web', group: 'core' },
      { id: 'db' },
    ],
    incidents: [outage('a', '2026-03-12T06:00Z', '2026-03-12T07:00Z')],
  });

  it('group sums its services', () => {
    const core = result.groups.get('core')!['24h'];
    expect(minutes(core.downtimeMs)).toBe(60);
    expect(minutes(core.observedMs)).toBe(2 * 1440);
    expect(core.uptime).toBeCloseTo(100 * (1 - 60 / 2880), 9);
  });

  it('site sums every service', () => {
    expect(minutes(result.site['24h'].observedMs)).toBe(3 * 1440);
    expect(result.site['24h'].uptime).toBeCloseTo(100 * (1 - 60 / 4320), 9);
  });

  it('ungrouped service has no group', () => {
    expect([...result.groups.keys()]).toEqual(['core']);
  });

  it('no data aggregates to null', () => {
    expect(aggregateUptime([]).uptime).toBeNull();
    expect(aggregateUptime([{ observedMs: 0, downtimeMs: 0, uptime: null }]).uptime).toBeNull();
  });
});

describe('formatUptime', () => {
  const cases: [number | null, string | null][] = [
    [100, '100.00'],
    [99.999, '99.99'],
    [99.995, '99.99'],
    [99.9949, '99.99'],
    [97.916666, '97.92'],
    [50, '50.00'],
    [0.001, '0.00'],
    [0, '0.00'],
    [-0.5, '0.00'],
    [100.5, '100.00'],
    [null, null],
  ];

  it.each(cases)('%s', (percent, expected) => {
    expect(formatUptime(percent)).toBe(expected);
  });
});

describe('uptimePercent', () => {
  it('null without observed time', () => {
    expect(uptimePercent(0, 0)).toBeNull();
  });

  it('tiny downtime stays below 100', () => {
    const percent = uptimePercent(1, 1e18);
    expect(percent).toBeLessThan(100);
    expect(formatUptime(percent)).toBe('99.99');
  });

  it('clamped at 0', () => {
    expect(uptimePercent(2, 1)).toBe(0);
  });
});

describe('computeUptime input checks', () => {
  it('rejects unknown time zone', () => {
    expect(() => run({ now: '2026-03-12T12:00Z', timeZone: 'Europe/Atlantis' })).toThrow(RangeError);
  });

  it('rejects zero days', () => {
    expect(() => run({ now: '2026-03-12T12:00Z', days: 0 })).toThrow(RangeError);
  });

  it('rejects weight above 1', () => {
    const weights = { ...DEFAULT_IMPACT_WEIGHTS, partial_outage: 1.5 };
    expect(() => run({ now: '2026-03-12T12:00Z', options: { weights } })).toThrow(RangeError);
  });

  it('rejects invalid now', () => {
    expect(() => run({ now: 'not a time' })).toThrow(RangeError);
  });
});

// Random histories around the autumn DST change in Berlin: 70 days before
// `now`, shown as 60 day records.
const PROPERTY_NOW = new Date('2026-11-01T12:00Z');
const ORIGIN_MS = PROPERTY_NOW.getTime() - 70 * 1440 * MINUTE;
const SERVICES = ['api', 'web'];

const impactArbitrary = fc.constantFrom<ServiceImpact>('degraded_performance', 'partial_outage', 'major_outage');

const incidentArbitrary = fc.record({
  startMinute: fc.integer({ min: 0, max: 72 * 1440 }),
  durationMinutes: fc.integer({ min: 1, max: 3 * 1440 }),
  services: fc.subarray(SERVICES, { minLength: 1 }),
  impact: impactArbitrary,
  change: fc.option(fc.record({ afterMinutes: fc.integer({ min: 0, max: 3 * 1440 }), impact: impactArbitrary }), { nil: undefined }),
  ongoing: fc.boolean(),
});

type IncidentDraft = typeof incidentArbitrary extends fc.Arbitrary<infer T> ? T : never;

function incidentFromDraft(draft: IncidentDraft, index: number, shiftMinutes = 0): Incident {
  const at = (minute: number) => new Date(ORIGIN_MS + (minute + shiftMinutes) * MINUTE).toISOString();
  const affected = (impact: ServiceImpact) => Object.fromEntries(draft.services.map((id) => [id, impact]));
  const changeMinute = draft.change ? Math.min(draft.change.afterMinutes, draft.durationMinutes - 1) : 0;

  return incident({
    slug: `incident-${index}`,
    started: at(draft.startMinute),
    resolved: draft.ongoing ? undefined : at(draft.startMinute + draft.durationMinutes),
    affected: affected(draft.impact),
    changes: draft.change ? [{ at: at(draft.startMinute + changeMinute), affected: affected(draft.change.impact) }] : [],
  });
}

function maintenanceFromDraft(draft: MaintenanceDraft, index: number): Maintenance {
  const start = new Date(ORIGIN_MS + draft.startMinute * MINUTE);
  const end = new Date(start.getTime() + draft.durationMinutes * MINUTE);
  const updates: [MaintenanceUpdate['status'], string][] = draft.cancelled ? [['cancelled', start.toISOString()]] : [];
  return maintenance(`work-${index}`, draft.services, start.toISOString(), end.toISOString(), updates);
}

const maintenanceArbitrary = fc.record({
  startMinute: fc.integer({ min: 0, max: 72 * 1440 }),
  durationMinutes: fc.integer({ min: 1, max: 1440 }),
  services: fc.subarray(SERVICES, { minLength: 1 }),
  cancelled: fc.boolean(),
});

type MaintenanceDraft = typeof maintenanceArbitrary extends fc.Arbitrary<infer T> ? T : never;

// Walks a day minute by minute. Impacts come from affectedAt, which shares no
// code with impactSpans or the sweep. Every time in the drafts and every
// Berlin day boundary falls on a whole minute, so the minute totals are exact.
function referenceDay(
  serviceId: string,
  day: UptimeDay,
  incidents: Incident[],
  windows: Maintenance[],
  settings: { countMaintenance: boolean; weights: Record<ServiceImpact, number> },
): { observedMinutes: number; downtimeMinutes: number; worst: UptimeDay['worst'] } {
  const now = PROPERTY_NOW.getTime();
  const activeWindows = windows
    .filter((window) => window.services.includes(serviceId))
    .map((window) => maintenanceStateAt(window, PROPERTY_NOW))
    .filter((state) => state.status !== 'cancelled');

  let observedMinutes = 0;
  let downtimeMinutes = 0;
  let worst: UptimeDay['worst'] = 'operational';
  for (let minute = day.start.getTime(); minute < Math.min(day.end.getTime(), now); minute += MINUTE) {
    const at = new Date(minute);
    let impact: ServiceImpact | undefined;
    for (const entry of incidents) {
      const current = affectedAt(entry, at)[serviceId];
      if (current && (!impact || statusRank(current) > statusRank(impact))) impact = current;
    }
    const underMaintenance = activeWindows.some((state) => state.start.getTime() <= minute && minute < Math.min(state.end.getTime(), now));
    const excluded = underMaintenance && !settings.countMaintenance;

    if (impact && statusRank(impact) > statusRank(worst)) worst = impact;
    if (excluded) continue;
    observedMinutes += 1;
    if (impact) downtimeMinutes += settings.weights[impact];
  }
  return { observedMinutes, downtimeMinutes, worst };
}

function propertyRun(incidents: Incident[], maintenanceWindows: Maintenance[] = [], options: Partial<UptimeOptions> = {}): SiteUptime {
  return computeUptime(
    {
      config: { timezone: BERLIN, services: [{ id: 'api', name: 'API', group: 'core' }, { id: 'web', name: 'Web', group: 'core' }] },
      incidents,
      maintenance: maintenanceWindows,
    },
    { now: PROPERTY_NOW, days: 60, ...options },
  );
}

describe('uptime properties', () => {
  it('percentages within 0 to 100', () => {
    const weightArbitrary = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(incidentArbitrary, { maxLength: 12 }),
        fc.array(maintenanceArbitrary, { maxLength: 4 }),
        fc.boolean(),
        fc.record({ major_outage: weightArbitrary, partial_outage: weightArbitrary, degraded_performance: weightArbitrary }),
        (drafts, windowDrafts, countMaintenance, weights) => {
          const windows = windowDrafts.map((draft, index) => maintenanceFromDraft(draft, index));
          const result = propertyRun(drafts.map((draft, index) => incidentFromDraft(draft, index)), windows, { countMaintenance, weights });

          const totals = [
            ...[...result.services.values()].flatMap((service) => [...service.days, ...Object.values(service.windows)]),
            ...[...result.groups.values()].flatMap((group) => Object.values(group)),
            ...Object.values(result.site),
          ];
          for (const entry of totals) {
            if (entry.uptime !== null) {
              expect(entry.uptime).toBeGreaterThanOrEqual(0);
              expect(entry.uptime).toBeLessThanOrEqual(100);
            }
            expect(entry.downtimeMs).toBeLessThanOrEqual(entry.observedMs + 1e-6);
            const text = formatUptime(entry.uptime);
            if (text !== null) {
              expect(Number(text)).toBeGreaterThanOrEqual(0);
              expect(Number(text)).toBeLessThanOrEqual(100);
            }
            if (entry.downtimeMs > 0) expect(text).not.toBe('100.00');
          }
        },
      ),
    );
  });

  it('matches minute-by-minute reference', () => {
    // Histories packed into the last 6 days before now and the 2 days after.
    const recentMinute = fc.integer({ min: 64 * 1440, max: 72 * 1440 });
    const recentIncident = incidentArbitrary.chain((draft) => recentMinute.map((startMinute) => ({ ...draft, startMinute })));
    const recentWindow = maintenanceArbitrary.chain((draft) => recentMinute.map((startMinute) => ({ ...draft, startMinute })));

    fc.assert(
      fc.property(
        fc.array(recentIncident, { maxLength: 8 }),
        fc.array(recentWindow, { maxLength: 3 }),
        fc.boolean(),
        (drafts, windowDrafts, countMaintenance) => {
          const incidents = drafts.map((draft, index) => incidentFromDraft(draft, index));
          const windows = windowDrafts.map((draft, index) => maintenanceFromDraft(draft, index));
          const result = propertyRun(incidents, windows, { countMaintenance, days: 5 });

          for (const serviceId of SERVICES) {
            for (const day of result.services.get(serviceId)!.days) {
              const expected = referenceDay(serviceId, day, incidents, windows, { countMaintenance, weights: DEFAULT_IMPACT_WEIGHTS });
              expect(minutes(day.observedMs)).toBe(expected.observedMinutes);
              expect(minutes(day.downtimeMs)).toBeCloseTo(expected.downtimeMinutes, 6);
              expect(day.worst).toBe(expected.worst);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('independent of incident order', () => {
    const shuffled = fc
      .array(incidentArbitrary, { maxLength: 12 })
      .map((drafts) => drafts.map((draft, index) => incidentFromDraft(draft, index)))
      .chain((incidents) => fc.tuple(fc.constant(incidents), fc.shuffledSubarray(incidents, { minLength: incidents.length })));

    fc.assert(
      fc.property(shuffled, ([incidents, reordered]) => {
        expect(propertyRun(reordered)).toEqual(propertyRun(incidents));
      }),
    );
  });

  it('later incident keeps earlier days', () => {
    const scenario = fc
      .array(incidentArbitrary, { minLength: 1, maxLength: 10 })
      .chain((drafts) => fc.tuple(fc.constant(drafts), fc.nat({ max: drafts.length - 1 }), fc.integer({ min: 1, max: 5 * 1440 })));

    fc.assert(
      fc.property(scenario, ([drafts, moved, shiftMinutes]) => {
        const before = drafts.map((draft, index) => incidentFromDraft(draft, index));
        const after = drafts.map((draft, index) => incidentFromDraft(draft, index, index === moved ? shiftMinutes : 0));
        const originalStart = before[moved]!.started.getTime();

        const resultBefore = propertyRun(before);
        const resultAfter = propertyRun(after);
        for (const serviceId of SERVICES) {
          const daysBefore = resultBefore.services.get(serviceId)!.days;
          const daysAfter = resultAfter.services.get(serviceId)!.days;
          daysBefore.forEach((day, index) => {
            if (day.end.getTime() <= originalStart) expect(daysAfter[index]).toEqual(day);
          });
        }
      }),
    );
  });
});
