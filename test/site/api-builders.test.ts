// Unit tests of the JSON API builders in src/site/api/, on small
// repositories built by hand. test/site/statuspage-api.test.ts checks the
// built files of the fixture site.

import { describe, expect, it } from 'vitest';
import {
  siteConfigSchema,
  type Incident,
  type IncidentStatus,
  type IncidentUpdate,
  type Maintenance,
  type MaintenanceStatus,
  type Postmortem,
  type Repository,
  type ServiceImpact,
  type SiteConfig,
} from '../../src/domain/schema/index.ts';
import { computeUptime } from '../../src/domain/uptime.ts';
import { nativeStatus } from '../../src/site/api/native-status.ts';
import { summaryBody } from '../../src/site/api/statuspage-endpoints.ts';
import {
  componentId,
  groupComponentId,
  incidentId,
  incidentUpdateId,
  maintenanceId,
  maintenanceUpdateId,
  pageId,
  statuspageId,
} from '../../src/site/api/statuspage-ids.ts';
import { statuspageIncident, statuspageIncidents, unresolvedStatuspageIncidents } from '../../src/site/api/statuspage-incidents.ts';
import {
  activeStatuspageMaintenances,
  statuspageMaintenance,
  statuspageMaintenances,
  upcomingStatuspageMaintenances,
} from '../../src/site/api/statuspage-maintenances.ts';
import { createStatuspageContext, statuspageStatus, STATUS_INDICATORS } from '../../src/site/api/statuspage-page.ts';

type AffectedMap = Record<string, ServiceImpact>;

const NOW = new Date('2026-03-10T12:00:00Z');

// Parsed by the real schema, so that every default is filled in.
const CONFIG: SiteConfig = siteConfigSchema.parse({
  title: 'Test Status',
  url: 'https://status.example.com',
  services: [
    { id: 'api', name: 'API', group: 'core', since: '2026-01-01' },
    { id: 'web', name: 'Website', description: 'The public site.', group: 'core' },
    { id: 'db', name: 'Database' },
  ],
  groups: [
    { id: 'core', name: 'Core' },
    { id: 'empty', name: 'Empty group' },
  ],
});

function at(iso: string): Date {
  return new Date(iso);
}

function update(time: string, status: IncidentStatus, affected?: AffectedMap, message = `${status}.`): IncidentUpdate {
  return { at: at(time), status, message, ...(affected ? { affected } : {}) };
}

function incident(slug: string, affected: AffectedMap, started: string, updates: IncidentUpdate[] = [], extra: Partial<Incident> = {}): Incident {
  return { slug, title: `Incident ${slug}`, body: '', affected, started: at(started), updates, automated: false, ...extra };
}

function maintenance(slug: string, services: string[], start: string, end: string, updates: [MaintenanceStatus, string][] = []): Maintenance {
  return {
    slug,
    title: `Window ${slug}`,
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

function context(repo: Repository, now = NOW) {
  return createStatuspageContext(repo, now);
}

describe('statuspage ids', () => {
  it('keep their published values', () => {
    // Integrators store these ids, so the scheme must never change.
    expect(componentId('api')).toBe('a7s5d7sl91sm');
    expect(incidentId('2026-03-10-api-errors')).toBe('kugc1elvwsjc');
    expect(pageId('https://status.example.com/status/')).toBe('1ofwolaft6ha');
  });

  it('are 12 base-36 characters', () => {
    const ids = [
      statuspageId(''),
      componentId('x'),
      groupComponentId('x'),
      incidentId('x'),
      incidentUpdateId('x', 0),
      maintenanceId('x'),
      maintenanceUpdateId('x', 0),
    ];
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{12}$/);
  });

  it('differ between kinds with the same slug', () => {
    const ids = [componentId('x'), groupComponentId('x'), incidentId('x'), maintenanceId('x'), incidentUpdateId('x', 0), maintenanceUpdateId('x', 0)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('same key gives the same id', () => {
    expect(incidentUpdateId('a', 3)).toBe(incidentUpdateId('a', 3));
    expect(incidentUpdateId('a', 3)).not.toBe(incidentUpdateId('a', 4));
  });
});

describe('imported statuspage ids', () => {
  const IMPORTED: SiteConfig = siteConfigSchema.parse({
    title: 'Test Status',
    url: 'https://status.example.com',
    services: [
      { id: 'api', name: 'API', group: 'core', statuspage_id: 'cmpapi000001' },
      { id: 'db', name: 'Database' },
    ],
    groups: [{ id: 'core', name: 'Core', statuspage_id: 'grpcore00001' }],
  });

  function importedContext(incidents: Incident[] = [], windows: Maintenance[] = []) {
    return createStatuspageContext({ config: IMPORTED, incidents, maintenance: windows, postmortems: [], responseTimes: new Map() }, NOW);
  }

  it('replace component and group ids', () => {
    const components = importedContext().components;
    const group = components.find((component) => component.name === 'Core')!;
    const api = components.find((component) => component.name === 'API')!;
    const db = components.find((component) => component.name === 'Database')!;

    expect(group.id).toBe('grpcore00001');
    expect(group.components).toEqual(['cmpapi000001']);
    expect(api.id).toBe('cmpapi000001');
    expect(api.group_id).toBe('grpcore00001');
    expect(db.id).toBe(componentId('db'));
  });

  it('replace the incident id and affected codes', () => {
    const down = incident('down', { api: 'major_outage' }, '2026-03-10T10:00Z', [update('2026-03-10T10:00Z', 'investigating')], {
      statuspage_id: 'inc0checkout',
    });
    const converted = statuspageIncident(down, importedContext([down]));

    expect(converted.id).toBe('inc0checkout');
    expect(converted.incident_updates[0]!.incident_id).toBe('inc0checkout');
    expect(converted.incident_updates[0]!.id).toBe(incidentUpdateId('down', 0));
    expect(converted.incident_updates[0]!.affected_components.map((change) => change.code)).toEqual(['cmpapi000001']);
    expect(converted.components.map((component) => component.id)).toEqual(['cmpapi000001']);
  });

  it('replace the maintenance id', () => {
    const window = { ...maintenance('work', ['api'], '2026-03-10T11:00Z', '2026-03-10T13:00Z', [['in_progress', '2026-03-10T11:00Z']]), statuspage_id: 'mnt0apiupgrd' };
    const converted = statuspageMaintenance(window, importedContext([], [window]));

    expect(converted.id).toBe('mnt0apiupgrd');
    expect(converted.incident_updates[0]!.id).toBe(maintenanceUpdateId('work', 0));
    expect(converted.incident_updates[0]!.affected_components.map((change) => change.code)).toEqual(['cmpapi000001']);
  });

  it('leave derived ids without one', () => {
    const plain = incident('plain', { db: 'degraded_performance' }, '2026-03-10T10:00Z', [update('2026-03-10T10:00Z', 'investigating')]);
    expect(statuspageIncident(plain, importedContext([plain])).id).toBe(incidentId('plain'));
  });
});

describe('status indicator', () => {
  it.each([
    ['operational', 'none', 'All Systems Operational'],
    ['under_maintenance', 'maintenance', 'Service Under Maintenance'],
    ['degraded_performance', 'minor', 'Minor Service Outage'],
    ['partial_outage', 'major', 'Partial System Outage'],
    ['major_outage', 'critical', 'Major Service Outage'],
  ] as const)('%s maps to %s', (overall, indicator, description) => {
    expect(STATUS_INDICATORS[overall]).toEqual({ indicator, description });
  });

  it('takes the worst service', () => {
    const slow = incident('slow', { api: 'degraded_performance' }, '2026-03-10T10:00Z');
    const down = incident('down', { db: 'partial_outage' }, '2026-03-10T11:00Z');
    const window = maintenance('work', ['web'], '2026-03-10T11:00Z', '2026-03-10T13:00Z');
    expect(statuspageStatus(context(repository([slow, down], [window])).status).indicator).toBe('major');
  });

  it('maintenance alone is maintenance', () => {
    const window = maintenance('work', ['web'], '2026-03-10T11:00Z', '2026-03-10T13:00Z');
    expect(statuspageStatus(context(repository([], [window])).status).indicator).toBe('maintenance');
  });

  it('incident without services stays none', () => {
    const notice = incident('notice', {}, '2026-03-10T10:00Z', [update('2026-03-10T10:00Z', 'investigating')], { impact: 'minor' });
    expect(statuspageStatus(context(repository([notice])).status).indicator).toBe('none');
  });
});

describe('components', () => {
  it('follow the page rows and skip empty groups', () => {
    const { components } = context(repository());
    expect(components.map((component) => [component.name, component.position, component.group])).toEqual([
      ['Core', 1, true],
      ['API', 1, false],
      ['Website', 2, false],
      ['Database', 2, false],
    ]);
  });

  it('group lists its services and takes the worst', () => {
    const down = incident('down', { web: 'partial_outage' }, '2026-03-10T11:00Z');
    const { components } = context(repository([down]));
    const core = components.find((component) => component.group)!;
    expect(core.id).toBe(groupComponentId('core'));
    expect(core.components).toEqual([componentId('api'), componentId('web')]);
    expect(core.status).toBe('partial_outage');
    expect(core.start_date).toBeNull();
  });

  it('service fields', () => {
    const { components, page } = context(repository());
    const web = components.find((component) => component.name === 'Website')!;
    expect(web).toMatchObject({
      id: componentId('web'),
      description: 'The public site.',
      group_id: groupComponentId('core'),
      page_id: page.id,
      showcase: true,
      only_show_if_degraded: false,
    });
    expect('components' in web).toBe(false);
  });

  it('created_at is when tracking began', () => {
    const old = incident('old', { db: 'major_outage' }, '2026-02-01T08:00Z', [update('2026-02-01T09:00Z', 'resolved')]);
    const { components } = context(repository([old]));
    const byName = new Map(components.map((component) => [component.name, component]));
    expect(byName.get('API')!.created_at).toBe('2026-01-01T00:00:00.000Z');
    expect(byName.get('API')!.start_date).toBe('2026-01-01');
    // Without `since`, tracking begins with the local day of the first incident.
    expect(byName.get('Database')!.created_at).toBe('2026-02-01T00:00:00.000Z');
    // No data at all: tracking begins at the build.
    expect(byName.get('Website')!.created_at).toBe(NOW.toISOString());
  });

  it('updated_at is the last change by now', () => {
    const outage = incident('outage', { db: 'major_outage' }, '2026-03-01T08:00Z', [
      update('2026-03-01T08:05Z', 'investigating'),
      update('2026-03-01T09:00Z', 'resolved'),
    ]);
    const later = incident('later', { db: 'major_outage' }, '2026-03-11T08:00Z', [update('2026-03-11T08:05Z', 'investigating')]);
    const cancelled = maintenance('cancelled', ['db'], '2026-03-09T02:00Z', '2026-03-09T03:00Z', [['cancelled', '2026-03-08T12:00Z']]);
    const { components } = context(repository([outage, later], [cancelled]));
    const db = components.find((component) => component.name === 'Database')!;
    expect(db.updated_at).toBe('2026-03-08T12:00:00.000Z');
  });
});

describe('incident conversion', () => {
  const escalating = incident('escalating', { api: 'degraded_performance' }, '2026-03-10T09:00Z', [
    update('2026-03-10T09:10Z', 'investigating'),
    update('2026-03-10T09:30Z', 'identified', { api: 'major_outage', web: 'partial_outage' }),
    update('2026-03-10T10:00Z', 'monitoring', { web: 'degraded_performance' }),
    update('2026-03-10T11:00Z', 'resolved'),
  ]);

  it('records each change of services', () => {
    const result = statuspageIncident(escalating, context(repository([escalating])));
    const changes = [...result.incident_updates].reverse().map((entry) =>
      entry.affected_components.map((change) => `${change.name}: ${change.old_status} -> ${change.new_status}`),
    );
    expect(changes).toEqual([
      ['API: operational -> degraded_performance'],
      ['API: degraded_performance -> major_outage', 'Website: operational -> partial_outage'],
      ['API: major_outage -> operational', 'Website: partial_outage -> degraded_performance'],
      ['Website: degraded_performance -> operational'],
    ]);
  });

  it('lists updates newest first with stable ids', () => {
    const result = statuspageIncident(escalating, context(repository([escalating])));
    expect(result.incident_updates.map((entry) => entry.status)).toEqual(['resolved', 'monitoring', 'identified', 'investigating']);
    expect(result.incident_updates.map((entry) => entry.id)).toEqual([3, 2, 1, 0].map((index) => incidentUpdateId('escalating', index)));
    expect(result.incident_updates.every((entry) => entry.incident_id === incidentId('escalating'))).toBe(true);
  });

  it('times follow the updates', () => {
    const result = statuspageIncident(escalating, context(repository([escalating])));
    expect(result).toMatchObject({
      status: 'resolved',
      started_at: '2026-03-10T09:00:00.000Z',
      created_at: '2026-03-10T09:10:00.000Z',
      monitoring_at: '2026-03-10T10:00:00.000Z',
      resolved_at: '2026-03-10T11:00:00.000Z',
      updated_at: '2026-03-10T11:00:00.000Z',
      impact: 'critical',
      shortlink: 'https://status.example.com/incidents/escalating/',
    });
    expect(result.components.map((component) => component.name)).toEqual(['API', 'Website']);
  });

  it('hides what comes after now', () => {
    const now = at('2026-03-10T09:20Z');
    const result = statuspageIncident(escalating, context(repository([escalating]), now));
    expect(result.status).toBe('investigating');
    expect(result.incident_updates.map((entry) => entry.status)).toEqual(['investigating']);
    // The escalation to a major outage is not posted yet.
    expect(result.impact).toBe('minor');
    expect(result.components.map((component) => component.name)).toEqual(['API']);
    expect(result.resolved_at).toBeNull();
    expect(result.monitoring_at).toBeNull();
    expect(result.updated_at).toBe('2026-03-10T09:10:00.000Z');
  });

  it('future resolved time stays hidden', () => {
    const backfill = incident('backfill', { db: 'major_outage' }, '2026-03-10T11:00Z', [], { resolved: at('2026-03-10T13:00Z') });
    const result = statuspageIncident(backfill, context(repository([backfill])));
    expect(result.status).toBe('investigating');
    expect(result.resolved_at).toBeNull();
    expect(result.created_at).toBe('2026-03-10T11:00:00.000Z');
  });

  it('postmortem status once published', () => {
    const outage = incident('outage', { db: 'major_outage' }, '2026-03-01T08:00Z', [update('2026-03-01T09:00Z', 'resolved')]);
    const review = (published: string): Postmortem => ({ slug: 'review', title: 'Review', body: '', incidents: ['outage'], published: at(published) });

    const published = statuspageIncident(outage, context(repository([outage], [], [review('2026-03-05T10:00Z')])));
    expect(published.status).toBe('postmortem');
    expect(published.updated_at).toBe('2026-03-05T10:00:00.000Z');
    expect(published.resolved_at).toBe('2026-03-01T09:00:00.000Z');

    const notYet = statuspageIncident(outage, context(repository([outage], [], [review('2026-03-12T10:00Z')])));
    expect(notYet.status).toBe('resolved');
  });

  it('postmortem named by the incident counts', () => {
    const outage = incident('outage', {}, '2026-03-01T08:00Z', [update('2026-03-01T09:00Z', 'resolved')], { postmortem: 'review' });
    const review: Postmortem = { slug: 'review', title: 'Review', body: '', incidents: ['other'], published: at('2026-03-02T10:00Z') };
    expect(statuspageIncident(outage, context(repository([outage], [], [review]))).status).toBe('postmortem');
  });

  it('open incident with a postmortem keeps its status', () => {
    const open = incident('open', { api: 'major_outage' }, '2026-03-10T08:00Z', [update('2026-03-10T08:05Z', 'identified')]);
    const review: Postmortem = { slug: 'review', title: 'Review', body: '', incidents: ['open'], published: at('2026-03-10T09:00Z') };
    expect(statuspageIncident(open, context(repository([open], [], [review]))).status).toBe('identified');
  });
});

describe('incident lists', () => {
  it('keeps the 50 newest', () => {
    const many = Array.from({ length: 60 }, (_, index) => {
      const day = String(1 + (index % 28)).padStart(2, '0');
      const month = index < 28 ? '01' : '02';
      return incident(`i-${String(index).padStart(2, '0')}`, {}, `2026-${month}-${day}T0${index % 10}:00Z`, [update(`2026-${month}-${day}T0${index % 10}:30Z`, 'resolved')]);
    });
    const listed = statuspageIncidents(context(repository(many)));
    expect(listed).toHaveLength(50);
    const starts = listed.map((entry) => entry.started_at);
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it('leaves out incidents not started', () => {
    const future = incident('future', { api: 'major_outage' }, '2026-03-10T13:00Z', [update('2026-03-10T13:00Z', 'investigating')]);
    expect(statuspageIncidents(context(repository([future])))).toEqual([]);
    expect(unresolvedStatuspageIncidents(context(repository([future])))).toEqual([]);
  });

  it('unresolved excludes resolved by now', () => {
    const done = incident('done', { api: 'major_outage' }, '2026-03-10T08:00Z', [update('2026-03-10T09:00Z', 'resolved')]);
    const resolvingLater = incident('later', { api: 'major_outage' }, '2026-03-10T08:00Z', [
      update('2026-03-10T08:10Z', 'identified'),
      update('2026-03-10T13:00Z', 'resolved'),
    ]);
    const unresolved = unresolvedStatuspageIncidents(context(repository([done, resolvingLater])));
    expect(unresolved.map((entry) => entry.id)).toEqual([incidentId('later')]);
  });
});

describe('maintenance conversion', () => {
  it('cancelled window reads completed', () => {
    const window = maintenance('swap', ['api'], '2026-03-11T02:00Z', '2026-03-11T03:00Z', [
      ['scheduled', '2026-03-01T10:00Z'],
      ['cancelled', '2026-03-09T12:00Z'],
    ]);
    const result = statuspageMaintenance(window, context(repository([], [window])));
    expect(result).toMatchObject({
      status: 'completed',
      impact: 'maintenance',
      created_at: '2026-03-01T10:00:00.000Z',
      updated_at: '2026-03-09T12:00:00.000Z',
      resolved_at: '2026-03-09T12:00:00.000Z',
      started_at: '2026-03-11T02:00:00.000Z',
      scheduled_for: '2026-03-11T02:00:00.000Z',
      scheduled_until: '2026-03-11T03:00:00.000Z',
    });
    expect(result.incident_updates.map((entry) => entry.status)).toEqual(['completed', 'scheduled']);
    expect(result.incident_updates.every((entry) => entry.affected_components.length === 0)).toBe(true);
  });

  it('early start and verifying', () => {
    const window = maintenance('upgrade', ['db'], '2026-03-10T11:00Z', '2026-03-10T13:00Z', [
      ['in_progress', '2026-03-10T10:45Z'],
      ['verifying', '2026-03-10T11:30Z'],
    ]);
    const result = statuspageMaintenance(window, context(repository([], [window])));
    expect(result.status).toBe('verifying');
    expect(result.started_at).toBe('2026-03-10T10:45:00.000Z');
    expect(result.monitoring_at).toBe('2026-03-10T11:30:00.000Z');
    expect(result.resolved_at).toBeNull();
    const [verifying, inProgress] = result.incident_updates;
    expect(inProgress!.affected_components).toEqual([
      { code: componentId('db'), name: 'Database', old_status: 'operational', new_status: 'under_maintenance' },
    ]);
    expect(verifying!.affected_components).toEqual([]);
  });

  it('overrunning window stays in progress', () => {
    const window = maintenance('overrun', ['db'], '2026-03-10T08:00Z', '2026-03-10T10:00Z', [['in_progress', '2026-03-10T08:00Z']]);
    const ctx = context(repository([], [window]));
    expect(statuspageMaintenance(window, ctx).status).toBe('in_progress');
    expect(activeStatuspageMaintenances(ctx).map((entry) => entry.id)).toEqual([maintenanceId('overrun')]);
  });

  it('window that ran its course ends on schedule', () => {
    const window = maintenance('done', ['db'], '2026-03-09T08:00Z', '2026-03-09T10:00Z');
    const result = statuspageMaintenance(window, context(repository([], [window])));
    expect(result.status).toBe('completed');
    expect(result.resolved_at).toBe('2026-03-09T10:00:00.000Z');
    expect(result.updated_at).toBe('2026-03-09T10:00:00.000Z');
    expect(result.incident_updates).toEqual([]);
  });

  it('completion takes services out of maintenance', () => {
    const window = maintenance('quick', ['web', 'db'], '2026-03-09T08:00Z', '2026-03-09T10:00Z', [
      ['in_progress', '2026-03-09T08:00Z'],
      ['completed', '2026-03-09T08:30Z'],
    ]);
    const [completed] = statuspageMaintenance(window, context(repository([], [window]))).incident_updates;
    expect(completed!.affected_components.map((change) => [change.name, change.old_status, change.new_status])).toEqual([
      ['Website', 'under_maintenance', 'operational'],
      ['Database', 'under_maintenance', 'operational'],
    ]);
  });

  it('updates at the same instant count in order', () => {
    const window = maintenance('instant', ['db'], '2026-03-09T08:00Z', '2026-03-09T10:00Z', [
      ['in_progress', '2026-03-09T09:00Z'],
      ['completed', '2026-03-09T09:00Z'],
    ]);
    const [completed, inProgress] = statuspageMaintenance(window, context(repository([], [window]))).incident_updates;
    // The window was already active from its scheduled start at 08:00.
    expect(inProgress!.affected_components).toEqual([]);
    expect(completed!.affected_components.map((change) => change.new_status)).toEqual(['operational']);
  });

  it('lists upcoming, active and all', () => {
    const past = maintenance('past', ['db'], '2026-03-01T08:00Z', '2026-03-01T10:00Z');
    const active = maintenance('active', ['db'], '2026-03-10T11:00Z', '2026-03-10T13:00Z');
    const soon = maintenance('soon', ['web'], '2026-03-12T08:00Z', '2026-03-12T10:00Z');
    const later = maintenance('later', ['web'], '2026-03-20T08:00Z', '2026-03-20T10:00Z');
    const ctx = context(repository([], [later, past, soon, active]));
    expect(upcomingStatuspageMaintenances(ctx).map((entry) => entry.name)).toEqual(['Window soon', 'Window later']);
    expect(activeStatuspageMaintenances(ctx).map((entry) => entry.name)).toEqual(['Window active']);
    expect(statuspageMaintenances(ctx).map((entry) => entry.name)).toEqual(['Window later', 'Window soon', 'Window active', 'Window past']);
    expect(statuspageMaintenances(ctx, 2)).toHaveLength(2);
    expect(summaryBody(ctx).scheduled_maintenances.map((entry) => entry.name)).toEqual(['Window active', 'Window soon', 'Window later']);
  });
});

describe('native status', () => {
  function uptimeOf(repo: Repository, now = NOW) {
    return computeUptime(repo, { now, days: 90, since: { api: at('2026-01-01T00:00Z'), web: at('2026-01-01T00:00Z'), db: now } });
  }

  it('rounds uptime and gives null without data', () => {
    const outage = incident('outage', { api: 'major_outage' }, '2026-03-01T08:00Z', [update('2026-03-01T09:00Z', 'resolved')]);
    const repo = repository([outage]);
    const result = nativeStatus(repo, NOW, uptimeOf(repo));
    const uptime = Object.fromEntries(result.services.map((service) => [service.id, service.uptime_90d]));
    // One hour down in the 1644 hours from 2026-01-01 to now is 99.939 %.
    expect(uptime.api).toBe(99.94);
    expect(uptime.web).toBe(100);
    expect(uptime.db).toBeNull();
  });

  it('sorts active incidents by posted changes', () => {
    // The update of `first` after now must not count.
    const first = incident('first', { api: 'partial_outage' }, '2026-03-10T08:00Z', [
      update('2026-03-10T08:05Z', 'investigating'),
      update('2026-03-10T14:00Z', 'identified'),
    ]);
    const second = incident('second', { web: 'degraded_performance' }, '2026-03-10T09:00Z', [update('2026-03-10T09:05Z', 'investigating')]);
    const repo = repository([first, second]);
    const result = nativeStatus(repo, NOW, uptimeOf(repo));
    expect(result.active_incidents.map((entry) => [entry.slug, entry.status, entry.updated_at])).toEqual([
      ['second', 'investigating', '2026-03-10T09:05:00.000Z'],
      ['first', 'investigating', '2026-03-10T08:05:00.000Z'],
    ]);
    expect(result.status).toBe('partial_outage');
    expect(result.description).toBe('Partial outage: API');
  });

  it('all operational', () => {
    const repo = repository();
    const result = nativeStatus(repo, NOW, uptimeOf(repo));
    expect(result).toMatchObject({ status: 'operational', description: 'All systems operational', active_incidents: [], upcoming_maintenance: [] });
    expect(result.services.map((service) => [service.id, service.group])).toEqual([
      ['api', 'core'],
      ['web', 'core'],
      ['db', null],
    ]);
  });
});
