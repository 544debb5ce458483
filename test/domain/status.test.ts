import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Incident,
  IncidentStatus,
  IncidentUpdate,
  Maintenance,
  MaintenanceStatus,
  Postmortem,
  Repository,
  ServiceImpact,
  SiteConfig,
} from '../../src/domain/schema/index.ts';
import { demoOffset, shiftRepository } from '../../src/domain/demo-clock.ts';
import { groupByMonth, historyEntries } from '../../src/domain/history.ts';
import { affectedAt, incidentImpact, incidentStatusAt, isActiveAt, worstAffected } from '../../src/domain/incident.ts';
import { isPastAt, isUpcomingAt, maintenanceStateAt } from '../../src/domain/maintenance.ts';
import { groupStatus, siteStatusAt } from '../../src/domain/status.ts';
import { localDate } from '../../src/domain/time.ts';

const HOUR = 3_600_000;
const NEW_YORK = 'America/New_York';
const TOKYO = 'Asia/Tokyo';

type AffectedMap = Record<string, ServiceImpact>;

const CONFIG: SiteConfig = {
  title: 'Test Status',
  description: '',
  url: 'https://status.example.com',
  base: '/',
  timezone: 'UTC',
  language: 'en',
  links: [],
  services: [
    { id: 'api', name: 'API' },
    { id: 'web', name: 'Website' },
    { id: 'db', name: 'Database' },
  ],
  groups: [],
  uptime: { weights: { major_outage: 1, partial_outage: 0.3, degraded_performance: 0 }, maintenance: 'exclude' },
  feed: { items: 50 },
};

function at(iso: string): Date {
  return new Date(iso);
}

function update(time: string, status: IncidentStatus, affected?: AffectedMap): IncidentUpdate {
  return { at: at(time), status, message: `${status}.`, ...(affected ? { affected } : {}) };
}

interface IncidentSpec {
  slug?: string;
  affected: AffectedMap;
  started: string;
  resolved?: string;
  updates?: IncidentUpdate[];
  impact?: Incident['impact'];
}

function incident(spec: IncidentSpec): Incident {
  const slug = spec.slug ?? 'incident';
  return {
    slug,
    title: slug,
    body: '',
    affected: spec.affected,
    started: at(spec.started),
    updates: spec.updates ?? [],
    automated: false,
    ...(spec.resolved ? { resolved: at(spec.resolved) } : {}),
    ...(spec.impact ? { impact: spec.impact } : {}),
  };
}

function maintenance(
  services: string[],
  start: string,
  end: string,
  updates: [MaintenanceStatus, string][] = [],
  slug = 'window',
): Maintenance {
  return {
    slug,
    title: slug,
    body: '',
    services,
    start: at(start),
    end: at(end),
    updates: updates.map(([status, time]) => ({ status, at: at(time), message: `${status}.` })),
  };
}

function repository(incidents: Incident[] = [], windows: Maintenance[] = [], postmortems: Postmortem[] = []): Repository {
  return { config: CONFIG, incidents, maintenance: windows, postmortems, responseTimes: new Map() };
}

describe('siteStatusAt', () => {
  it('no content is operational', () => {
    const status = siteStatusAt(repository(), at('2026-03-02T10:00Z'));

    expect(status.overall).toBe('operational');
    expect([...status.services.values()]).toEqual(['operational', 'operational', 'operational']);
  });

  it('outage beats maintenance', () => {
    const outage = incident({ affected: { api: 'major_outage' }, started: '2026-03-02T10:00Z' });
    const window = maintenance(['api', 'web'], '2026-03-02T09:00Z', '2026-03-02T12:00Z');
    const status = siteStatusAt(repository([outage], [window]), at('2026-03-02T11:00Z'));

    expect(status.services.get('api')).toBe('major_outage');
    expect(status.services.get('web')).toBe('under_maintenance');
    expect(status.overall).toBe('major_outage');
  });

  it('degradation beats maintenance', () => {
    const slow = incident({ affected: { api: 'degraded_performance' }, started: '2026-03-02T10:00Z' });
    const window = maintenance(['api'], '2026-03-02T09:00Z', '2026-03-02T12:00Z');
    const status = siteStatusAt(repository([slow], [window]), at('2026-03-02T11:00Z'));

    expect(status.services.get('api')).toBe('degraded_performance');
  });

  it('maintenance beats operational', () => {
    const window = maintenance(['db'], '2026-03-02T09:00Z', '2026-03-02T12:00Z');
    const status = siteStatusAt(repository([], [window]), at('2026-03-02T11:00Z'));

    expect(status.services.get('db')).toBe('under_maintenance');
    expect(status.services.get('api')).toBe('operational');
    expect(status.overall).toBe('under_maintenance');
  });

  it('two incidents take the worst', () => {
    const slow = incident({ slug: 'slow', affected: { api: 'degraded_performance' }, started: '2026-03-02T10:00Z' });
    const errors = incident({ slug: 'errors', affected: { api: 'partial_outage', web: 'degraded_performance' }, started: '2026-03-02T10:30Z' });
    const status = siteStatusAt(repository([errors, slow], []), at('2026-03-02T11:00Z'));

    expect(status.services.get('api')).toBe('partial_outage');
    expect(status.services.get('web')).toBe('degraded_performance');
    expect(status.overall).toBe('partial_outage');
  });

  it('worst does not depend on order', () => {
    const slow = incident({ slug: 'slow', affected: { api: 'major_outage' }, started: '2026-03-02T10:00Z' });
    const errors = incident({ slug: 'errors', affected: { api: 'degraded_performance' }, started: '2026-03-02T10:30Z' });
    const now = at('2026-03-02T11:00Z');

    expect(siteStatusAt(repository([slow, errors]), now).services.get('api')).toBe('major_outage');
    expect(siteStatusAt(repository([errors, slow]), now).services.get('api')).toBe('major_outage');
  });

  it('resolved incident counts no more', () => {
    const outage = incident({ affected: { api: 'major_outage' }, started: '2026-03-02T10:00Z', resolved: '2026-03-02T10:30Z' });
    const status = siteStatusAt(repository([outage]), at('2026-03-02T10:30Z'));

    expect(status.services.get('api')).toBe('operational');
    expect(status.activeIncidents).toEqual([]);
  });

  it('incident before start ignored', () => {
    const outage = incident({ affected: { api: 'major_outage' }, started: '2026-03-02T10:00Z' });
    const status = siteStatusAt(repository([outage]), at('2026-03-02T09:59Z'));

    expect(status.services.get('api')).toBe('operational');
  });

  it('ignores unknown service ids', () => {
    const outage = incident({ affected: { ghost: 'major_outage' }, started: '2026-03-02T10:00Z' });
    const status = siteStatusAt(repository([outage]), at('2026-03-02T11:00Z'));

    expect(status.services.has('ghost')).toBe(false);
    expect(status.overall).toBe('operational');
  });

  it('active incidents newest update first', () => {
    const older = incident({ slug: 'older', affected: {}, started: '2026-03-02T08:00Z', updates: [update('2026-03-02T10:30Z', 'identified')] });
    const newer = incident({ slug: 'newer', affected: {}, started: '2026-03-02T09:00Z', updates: [update('2026-03-02T09:10Z', 'investigating')] });
    const status = siteStatusAt(repository([newer, older]), at('2026-03-02T11:00Z'));

    expect(status.activeIncidents.map((item) => item.slug)).toEqual(['older', 'newer']);
  });

  it('groupStatus takes the worst member', () => {
    const slow = incident({ affected: { web: 'degraded_performance' }, started: '2026-03-02T10:00Z' });
    const window = maintenance(['db'], '2026-03-02T09:00Z', '2026-03-02T12:00Z');
    const status = siteStatusAt(repository([slow], [window]), at('2026-03-02T11:00Z'));

    expect(groupStatus(status, ['db', 'web'])).toBe('degraded_performance');
    expect(groupStatus(status, ['db'])).toBe('under_maintenance');
    expect(groupStatus(status, ['api'])).toBe('operational');
  });
});

describe('impact over an incident', () => {
  const changing = incident({
    affected: { api: 'degraded_performance' },
    started: '2026-03-02T10:00Z',
    updates: [
      update('2026-03-02T10:05Z', 'investigating'),
      update('2026-03-02T10:20Z', 'identified', { api: 'major_outage', web: 'partial_outage' }),
      update('2026-03-02T10:50Z', 'monitoring', { api: 'degraded_performance' }),
      update('2026-03-02T11:30Z', 'resolved'),
    ],
  });

  const affectedCases: [string, string, AffectedMap][] = [
    ['before started', '2026-03-02T09:59Z', {}],
    ['at started', '2026-03-02T10:00Z', { api: 'degraded_performance' }],
    ['after update without map', '2026-03-02T10:10Z', { api: 'degraded_performance' }],
    ['at update with map', '2026-03-02T10:20Z', { api: 'major_outage', web: 'partial_outage' }],
    ['between updates', '2026-03-02T10:40Z', { api: 'major_outage', web: 'partial_outage' }],
    ['after second map', '2026-03-02T11:00Z', { api: 'degraded_performance' }],
    ['at resolved', '2026-03-02T11:30Z', {}],
  ];

  it.each(affectedCases)('affectedAt %s', (_name, time, expected) => {
    expect(affectedAt(changing, at(time))).toEqual(expected);
  });

  it('service drops out with new map', () => {
    const status = siteStatusAt(repository([changing]), at('2026-03-02T11:00Z'));

    expect(status.services.get('api')).toBe('degraded_performance');
    expect(status.services.get('web')).toBe('operational');
  });

  it('incidentStatusAt follows posted updates', () => {
    expect(incidentStatusAt(changing, at('2026-03-02T10:01Z'))).toBe('investigating');
    expect(incidentStatusAt(changing, at('2026-03-02T10:20Z'))).toBe('identified');
    expect(incidentStatusAt(changing, at('2026-03-02T11:00Z'))).toBe('monitoring');
    expect(incidentStatusAt(changing, at('2026-03-02T11:30Z'))).toBe('resolved');
  });

  it('worstAffected keeps each peak', () => {
    expect(worstAffected(changing)).toEqual({ api: 'major_outage', web: 'partial_outage' });
  });

  it('incidentImpact uses the worst', () => {
    expect(incidentImpact(changing)).toBe('critical');
  });

  const derivedCases: [AffectedMap, Incident['impact']][] = [
    [{}, 'none'],
    [{ api: 'degraded_performance' }, 'minor'],
    [{ api: 'partial_outage' }, 'major'],
    [{ api: 'major_outage' }, 'critical'],
    [{ api: 'degraded_performance', web: 'partial_outage' }, 'major'],
  ];

  it.each(derivedCases)('incidentImpact of %o', (affected, expected) => {
    const item = incident({ affected, started: '2026-03-02T10:00Z', resolved: '2026-03-02T11:00Z' });

    expect(incidentImpact(item)).toBe(expected);
  });

  it('explicit impact wins', () => {
    const item = incident({
      affected: { api: 'major_outage' },
      started: '2026-03-02T10:00Z',
      resolved: '2026-03-02T11:00Z',
      impact: 'minor',
    });

    expect(incidentImpact(item)).toBe('minor');
  });

  it('backfilled incident is active until resolved', () => {
    const backfilled = incident({ affected: { api: 'partial_outage' }, started: '2026-03-02T10:00Z', resolved: '2026-03-02T11:00Z' });

    expect(isActiveAt(backfilled, at('2026-03-02T10:59Z'))).toBe(true);
    expect(isActiveAt(backfilled, at('2026-03-02T11:00Z'))).toBe(false);
    expect(affectedAt(backfilled, at('2026-03-02T10:30Z'))).toEqual({ api: 'partial_outage' });
  });
});

describe('maintenance windows', () => {
  const START = '2026-03-20T22:00Z';
  const END = '2026-03-21T00:00Z';

  it('future window changes nothing', () => {
    const window = maintenance(['api'], START, END, [['scheduled', '2026-03-10T09:00Z']]);
    const status = siteStatusAt(repository([], [window]), at('2026-03-20T21:59Z'));

    expect(status.services.get('api')).toBe('operational');
    expect(status.activeMaintenance).toEqual([]);
    expect(status.upcomingMaintenance).toEqual([window]);
  });

  it('window in progress marks maintenance', () => {
    const window = maintenance(['api'], START, END);
    const status = siteStatusAt(repository([], [window]), at('2026-03-20T22:00Z'));

    expect(status.services.get('api')).toBe('under_maintenance');
    expect(status.activeMaintenance).toEqual([window]);
    expect(status.upcomingMaintenance).toEqual([]);
  });

  it('window without updates ends on time', () => {
    const window = maintenance(['api'], START, END);
    const state = maintenanceStateAt(window, at(END));

    expect(state.active).toBe(false);
    expect(state.status).toBe('completed');
    expect(isPastAt(window, at(END))).toBe(true);
  });

  it('early in_progress starts it early', () => {
    const window = maintenance(['api'], START, END, [['in_progress', '2026-03-20T21:30Z']]);
    const state = maintenanceStateAt(window, at('2026-03-20T21:45Z'));
    const status = siteStatusAt(repository([], [window]), at('2026-03-20T21:45Z'));

    expect(state.active).toBe(true);
    expect(state.start.toISOString()).toBe('2026-03-20T21:30:00.000Z');
    expect(status.services.get('api')).toBe('under_maintenance');
  });

  it('early update not yet posted', () => {
    const window = maintenance(['api'], START, END, [['in_progress', '2026-03-20T21:30Z']]);

    expect(maintenanceStateAt(window, at('2026-03-20T21:29Z')).active).toBe(false);
    expect(isUpcomingAt(window, at('2026-03-20T21:29Z'))).toBe(true);
  });

  it('completed update ends it early', () => {
    const window = maintenance(['api'], START, END, [
      ['in_progress', '2026-03-20T22:00Z'],
      ['completed', '2026-03-20T22:40Z'],
    ]);
    const state = maintenanceStateAt(window, at('2026-03-20T23:00Z'));
    const status = siteStatusAt(repository([], [window]), at('2026-03-20T23:00Z'));

    expect(state.active).toBe(false);
    expect(state.status).toBe('completed');
    expect(state.end.toISOString()).toBe('2026-03-20T22:40:00.000Z');
    expect(status.services.get('api')).toBe('operational');
  });

  it('cancelled window never becomes active', () => {
    const window = maintenance(['api'], START, END, [
      ['scheduled', '2026-03-10T09:00Z'],
      ['cancelled', '2026-03-18T09:00Z'],
    ]);
    const times = ['2026-03-19T00:00Z', START, '2026-03-20T23:00Z', END, '2026-03-22T00:00Z'];

    for (const time of times) {
      const state = maintenanceStateAt(window, at(time));
      expect(state.active, time).toBe(false);
      expect(state.status, time).toBe('cancelled');
      expect(siteStatusAt(repository([], [window]), at(time)).services.get('api'), time).toBe('operational');
    }
  });

  it('cancelled window is not upcoming', () => {
    const window = maintenance(['api'], START, END, [['cancelled', '2026-03-18T09:00Z']]);
    const status = siteStatusAt(repository([], [window]), at('2026-03-19T00:00Z'));

    expect(status.upcomingMaintenance).toEqual([]);
    expect(isPastAt(window, at('2026-03-19T00:00Z'))).toBe(true);
  });

  it('overrunning window stays active', () => {
    const window = maintenance(['api'], START, END, [['in_progress', '2026-03-20T22:00Z']]);
    const now = at('2026-03-21T01:30Z');
    const state = maintenanceStateAt(window, now);

    expect(state.active).toBe(true);
    expect(state.status).toBe('in_progress');
    expect(state.end).toEqual(now);
    expect(siteStatusAt(repository([], [window]), now).services.get('api')).toBe('under_maintenance');
  });

  it('overrun while verifying stays active', () => {
    const window = maintenance(['api'], START, END, [
      ['in_progress', '2026-03-20T22:00Z'],
      ['verifying', '2026-03-20T23:50Z'],
    ]);

    expect(maintenanceStateAt(window, at('2026-03-21T00:30Z')).active).toBe(true);
    expect(maintenanceStateAt(window, at('2026-03-21T00:30Z')).status).toBe('verifying');
  });

  it('late completed ends the overrun', () => {
    const window = maintenance(['api'], START, END, [
      ['in_progress', '2026-03-20T22:00Z'],
      ['completed', '2026-03-21T01:00Z'],
    ]);
    const state = maintenanceStateAt(window, at('2026-03-21T02:00Z'));

    expect(state.active).toBe(false);
    expect(state.end.toISOString()).toBe('2026-03-21T01:00:00.000Z');
  });

  it('active windows soonest end first', () => {
    const long = maintenance(['api'], START, '2026-03-21T03:00Z', [], 'long');
    const short = maintenance(['web'], START, END, [], 'short');
    const status = siteStatusAt(repository([], [long, short]), at('2026-03-20T23:00Z'));

    expect(status.activeMaintenance.map((window) => window.slug)).toEqual(['short', 'long']);
  });

  it('upcoming windows soonest first', () => {
    const later = maintenance(['api'], '2026-03-25T22:00Z', '2026-03-25T23:00Z', [], 'later');
    const sooner = maintenance(['web'], START, END, [], 'sooner');
    const status = siteStatusAt(repository([], [later, sooner]), at('2026-03-19T00:00Z'));

    expect(status.upcomingMaintenance.map((window) => window.slug)).toEqual(['sooner', 'later']);
  });
});

describe('site time zone', () => {
  // 22:30 on 31 March in New York (EDT, UTC-4) is already 1 April in UTC.
  const lateEvening = incident({
    slug: 'late-evening',
    affected: { api: 'partial_outage' },
    started: '2026-03-31T22:30-04:00',
    resolved: '2026-04-01T01:15-04:00',
  });

  it('active on both sides of midnight', () => {
    expect(isActiveAt(lateEvening, at('2026-03-31T23:59-04:00'))).toBe(true);
    expect(isActiveAt(lateEvening, at('2026-04-01T00:01-04:00'))).toBe(true);
  });

  it('status on both sides of midnight', () => {
    const before = siteStatusAt(repository([lateEvening]), at('2026-03-31T23:59-04:00'));
    const after = siteStatusAt(repository([lateEvening]), at('2026-04-01T00:01-04:00'));

    expect(before.services.get('api')).toBe('partial_outage');
    expect(after.services.get('api')).toBe('partial_outage');
  });

  it('localDate uses the site zone', () => {
    expect(localDate(lateEvening.started, NEW_YORK)).toBe('2026-03-31');
    expect(localDate(lateEvening.started, 'UTC')).toBe('2026-04-01');
    expect(localDate(lateEvening.started, TOKYO)).toBe('2026-04-01');
  });

  it('localDate of Tokyo early morning', () => {
    // 00:30 on 1 April in Tokyo (UTC+9) is still 31 March in UTC.
    const instant = at('2026-04-01T00:30+09:00');

    expect(localDate(instant, TOKYO)).toBe('2026-04-01');
    expect(localDate(instant, 'UTC')).toBe('2026-03-31');
  });

  it('history groups by local month', () => {
    const april = incident({ slug: 'april', affected: {}, started: '2026-04-02T12:00-04:00', resolved: '2026-04-02T13:00-04:00' });
    const entries = historyEntries([lateEvening, april], [], at('2026-04-10T00:00Z'));
    const groups = groupByMonth(entries, NEW_YORK);

    expect(groups.map((group) => group.month)).toEqual(['2026-04', '2026-03']);
    expect(groups[1]?.entries.map((entry) => entry.item.slug)).toEqual(['late-evening']);
  });

  it('history in UTC moves it to April', () => {
    const entries = historyEntries([lateEvening], [], at('2026-04-10T00:00Z'));

    expect(groupByMonth(entries, 'UTC').map((group) => group.month)).toEqual(['2026-04']);
  });

  it('history in Tokyo across month end', () => {
    const firstOfMonth = incident({ slug: 'first', affected: {}, started: '2026-04-01T00:30+09:00', resolved: '2026-04-01T01:00+09:00' });
    const entries = historyEntries([firstOfMonth], [], at('2026-04-10T00:00Z'));

    expect(groupByMonth(entries, TOKYO).map((group) => group.month)).toEqual(['2026-04']);
  });
});

describe('historyEntries', () => {
  const now = at('2026-03-20T12:00Z');

  it('lists newest first', () => {
    const first = incident({ slug: 'first', affected: {}, started: '2026-03-01T10:00Z', resolved: '2026-03-01T11:00Z' });
    const second = incident({ slug: 'second', affected: {}, started: '2026-03-05T10:00Z', resolved: '2026-03-05T11:00Z' });
    const window = maintenance(['api'], '2026-03-03T22:00Z', '2026-03-03T23:00Z', [], 'window');

    expect(historyEntries([first, second], [window], now).map((entry) => entry.item.slug)).toEqual(['second', 'window', 'first']);
  });

  it('includes ongoing incidents', () => {
    const ongoing = incident({ slug: 'ongoing', affected: {}, started: '2026-03-20T11:00Z' });

    expect(historyEntries([ongoing], [], now).map((entry) => entry.kind)).toEqual(['incident']);
  });

  it('omits incidents not yet started', () => {
    const future = incident({ slug: 'future', affected: {}, started: '2026-03-20T13:00Z' });

    expect(historyEntries([future], [], now)).toEqual([]);
  });

  it('omits windows not yet over', () => {
    const running = maintenance(['api'], '2026-03-20T11:00Z', '2026-03-20T13:00Z', [], 'running');
    const upcoming = maintenance(['api'], '2026-03-25T11:00Z', '2026-03-25T13:00Z', [], 'upcoming');

    expect(historyEntries([], [running, upcoming], now)).toEqual([]);
  });

  it('includes cancelled windows', () => {
    const cancelled = maintenance(['api'], '2026-03-25T11:00Z', '2026-03-25T13:00Z', [['cancelled', '2026-03-19T09:00Z']], 'cancelled');

    expect(historyEntries([], [cancelled], now).map((entry) => entry.kind)).toEqual(['maintenance']);
  });
});

describe('demo clock', () => {
  const anchor = at('2026-12-04T15:00Z');

  const offsetCases: [string, string][] = [
    ['later', '2027-02-10T09:37:12Z'],
    ['exact hour', '2027-02-10T09:00Z'],
    ['earlier', '2026-06-01T08:20Z'],
    ['same moment', '2026-12-04T15:00Z'],
  ];

  it.each(offsetCases)('demoOffset %s', (_name, nowText) => {
    const now = at(nowText);
    const offset = demoOffset(anchor, now);
    const shiftedAnchor = anchor.getTime() + offset;

    expect(Number.isInteger(offset / HOUR)).toBe(true);
    expect(shiftedAnchor).toBeLessThanOrEqual(now.getTime());
    expect(now.getTime() - shiftedAnchor).toBeLessThan(HOUR);
  });

  it('demoOffset for any instants', () => {
    const instant = fc.date({ min: at('2000-01-01T00:00Z'), max: at('2100-01-01T00:00Z'), noInvalidDate: true });

    fc.assert(
      fc.property(instant, instant, (anchorDate, now) => {
        const offset = demoOffset(anchorDate, now);
        const lag = now.getTime() - (anchorDate.getTime() + offset);
        return Number.isInteger(offset / HOUR) && lag >= 0 && lag < HOUR;
      }),
    );
  });

  const ongoing = incident({
    slug: 'ongoing',
    affected: { api: 'partial_outage' },
    started: '2026-12-04T14:10+01:00',
    updates: [
      update('2026-12-04T14:14+01:00', 'investigating'),
      update('2026-12-04T14:52+01:00', 'monitoring', { api: 'degraded_performance' }),
    ],
  });
  const past = incident({ slug: 'past', affected: { web: 'major_outage' }, started: '2026-11-02T09:00Z', resolved: '2026-11-02T10:00Z' });
  const upcoming = maintenance(['db'], '2026-12-07T22:00+01:00', '2026-12-08T00:00+01:00', [['scheduled', '2026-12-01T10:30+01:00']], 'upcoming');
  const review: Postmortem = { slug: 'review', title: 'Review', body: '', incidents: ['past'], published: at('2026-11-05T10:00Z') };
  const original = repository([ongoing, past], [upcoming], [review]);

  it('shiftRepository moves every time', () => {
    const offset = 5 * HOUR;
    const shifted = shiftRepository(original, offset);
    const moved = (before: Date | undefined, after: Date | undefined) => (after?.getTime() ?? NaN) - (before?.getTime() ?? NaN);

    expect(moved(ongoing.started, shifted.incidents[0]?.started)).toBe(offset);
    expect(moved(ongoing.updates[0]?.at, shifted.incidents[0]?.updates[0]?.at)).toBe(offset);
    expect(moved(ongoing.updates[1]?.at, shifted.incidents[0]?.updates[1]?.at)).toBe(offset);
    expect(moved(past.resolved, shifted.incidents[1]?.resolved)).toBe(offset);
    expect(moved(upcoming.start, shifted.maintenance[0]?.start)).toBe(offset);
    expect(moved(upcoming.end, shifted.maintenance[0]?.end)).toBe(offset);
    expect(moved(upcoming.updates[0]?.at, shifted.maintenance[0]?.updates[0]?.at)).toBe(offset);
    expect(moved(review.published, shifted.postmortems[0]?.published)).toBe(offset);
  });

  it('shiftRepository keeps the rest', () => {
    const shifted = shiftRepository(original, 5 * HOUR);

    expect(shifted.config).toBe(CONFIG);
    expect(shifted.incidents[0]?.affected).toEqual(ongoing.affected);
    expect(shifted.incidents[0]?.updates[1]?.affected).toEqual({ api: 'degraded_performance' });
    expect(shifted.incidents[0]?.resolved).toBeUndefined();
    expect(shifted.postmortems[0]?.incidents).toEqual(['past']);
  });

  it('shiftRepository leaves the input alone', () => {
    shiftRepository(original, 5 * HOUR);

    expect(ongoing.started.toISOString()).toBe('2026-12-04T13:10:00.000Z');
    expect(upcoming.start.toISOString()).toBe('2026-12-07T21:00:00.000Z');
  });

  it('ongoing incident stays ongoing', () => {
    const now = at('2027-05-18T06:42Z');
    const shifted = shiftRepository(original, demoOffset(anchor, now));
    const status = siteStatusAt(shifted, now);

    expect(status.activeIncidents.map((item) => item.slug)).toEqual(['ongoing']);
    expect(status.services.get('api')).toBe('degraded_performance');
    expect(status.services.get('web')).toBe('operational');
    expect(status.upcomingMaintenance.map((window) => window.slug)).toEqual(['upcoming']);
  });

  it('shifted times keep their minutes', () => {
    const now = at('2027-05-18T06:42Z');
    const shifted = shiftRepository(original, demoOffset(anchor, now));

    expect(shifted.maintenance[0]?.start.getUTCMinutes()).toBe(0);
    expect(shifted.incidents[0]?.started.getUTCMinutes()).toBe(10);
  });
});
