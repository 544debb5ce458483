// Tests the JSON API files of the built fixture site, test/fixtures/sites/basic,
// which is built with the clock at 2026-03-10T12:00Z and base `/status/`.
// Each file must match a JSON Schema of Statuspage's public v2 shapes. summary.json must have the shape of a hand-written
// Statuspage sample, and the values must match the fixture's content.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../src/domain/schema/index.ts';
import { loadRepository } from '../../src/repository/load-repository.ts';
import { summaryBody } from '../../src/site/api/statuspage-endpoints.ts';
import { componentId, groupComponentId, incidentId } from '../../src/site/api/statuspage-ids.ts';
import { createStatuspageContext } from '../../src/site/api/statuspage-page.ts';
import type {
  StatuspageComponent,
  StatuspageIncident,
  StatuspagePage,
  StatuspageScheduledMaintenance,
  StatuspageStatus,
} from '../../src/site/api/statuspage-types.ts';
import type { NativeStatus } from '../../src/site/api/native-status.ts';
import { FIXTURE_NOW, PACKAGE_ROOT, fixtureDir } from '../helpers/astro-build.ts';
import { readBuiltFile } from '../helpers/built-site.ts';

const SCHEMA_DIR = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'statuspage');
const NOW = new Date(FIXTURE_NOW);
const ONGOING = '2026-03-10-api-errors';

interface Summary {
  page: StatuspagePage;
  components: StatuspageComponent[];
  incidents: StatuspageIncident[];
  scheduled_maintenances: StatuspageScheduledMaintenance[];
  status: StatuspageStatus;
}

/** Every file of the JSON API, with the schema it must match. */
const API_FILES = [
  ['api/v2/summary.json', 'summary.schema.json'],
  ['api/v2/status.json', 'status.schema.json'],
  ['api/v2/components.json', 'components.schema.json'],
  ['api/v2/incidents.json', 'incidents.schema.json'],
  ['api/v2/incidents/unresolved.json', 'incidents.schema.json'],
  ['api/v2/scheduled-maintenances.json', 'scheduled-maintenances.schema.json'],
  ['api/v2/scheduled-maintenances/upcoming.json', 'scheduled-maintenances.schema.json'],
  ['api/v2/scheduled-maintenances/active.json', 'scheduled-maintenances.schema.json'],
  ['api/status.json', 'native-status.schema.json'],
] as const;

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

async function readApi<T>(file: string): Promise<T> {
  return JSON.parse(await readBuiltFile('basic', file)) as T;
}

let ajv: Ajv;
let fixtureRepository: Repository;

beforeAll(async () => {
  ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addSchema(await readJson(path.join(SCHEMA_DIR, 'common.schema.json')));

  const loaded = await loadRepository(fixtureDir('basic'));
  if (!loaded.repository) throw new Error(`the basic fixture did not load: ${JSON.stringify(loaded.problems)}`);
  fixtureRepository = loaded.repository;
});

async function compileSchema(name: string): Promise<ValidateFunction> {
  const schema = await readJson<{ $id: string }>(path.join(SCHEMA_DIR, name));
  return ajv.getSchema(schema.$id) ?? ajv.compile(schema);
}

// A recursive comparison of JSON shapes: which keys each object has and
// which JSON types each value takes. The shape of a sample merges all the
// elements of each array, so one sample element with `null` and another
// with a string make the field nullable. A key is required when every
// sample object at that place has it.

type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

interface Shape {
  types: Set<JsonType>;
  objectCount: number;
  keys: Map<string, { shape: Shape; count: number }>;
  items?: Shape;
}

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'boolean' || type === 'number' || type === 'string' || type === 'object') return type;
  throw new TypeError(`not a JSON value: ${String(value)}`);
}

function emptyShape(): Shape {
  return { types: new Set(), objectCount: 0, keys: new Map() };
}

function addToShape(shape: Shape, value: unknown): Shape {
  const type = jsonType(value);
  shape.types.add(type);
  if (type === 'array') {
    shape.items ??= emptyShape();
    for (const item of value as unknown[]) addToShape(shape.items, item);
  }
  if (type === 'object') {
    shape.objectCount += 1;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const entry = shape.keys.get(key) ?? { shape: emptyShape(), count: 0 };
      entry.count += 1;
      addToShape(entry.shape, child);
      shape.keys.set(key, entry);
    }
  }
  return shape;
}

/** Lists every place where `value` differs from the shape, as `path: problem`. */
function shapeMismatches(value: unknown, shape: Shape, at = '$'): string[] {
  const type = jsonType(value);
  if (!shape.types.has(type)) return [`${at}: ${type}, expected ${[...shape.types].join(' or ')}`];

  const problems: string[] = [];
  if (type === 'array' && shape.items) {
    (value as unknown[]).forEach((item, index) => problems.push(...shapeMismatches(item, shape.items!, `${at}[${index}]`)));
  }
  if (type === 'object') {
    const object = value as Record<string, unknown>;
    for (const [key, { count }] of shape.keys) {
      if (count === shape.objectCount && !(key in object)) problems.push(`${at}.${key}: missing`);
    }
    for (const [key, child] of Object.entries(object)) {
      const expected = shape.keys.get(key);
      if (!expected) problems.push(`${at}.${key}: not in the sample`);
      else problems.push(...shapeMismatches(child, expected.shape, `${at}.${key}`));
    }
  }
  return problems;
}

describe('shape comparer', () => {
  const sample = addToShape(emptyShape(), { a: [{ b: 1, c: null }, { b: 2, c: 'x', d: true }] });

  it('accepts a value of the same shape', () => {
    expect(shapeMismatches({ a: [{ b: 3, c: 'y' }] }, sample)).toEqual([]);
  });

  it('reports a wrong type, a missing and an extra key', () => {
    expect(shapeMismatches({ a: [{ b: '3', c: null, e: 1 }], f: 1 }, sample)).toEqual([
      '$.a[0].b: string, expected number',
      '$.a[0].e: not in the sample',
      '$.f: not in the sample',
    ]);
    expect(shapeMismatches({ a: [{ c: null }] }, sample)).toEqual(['$.a[0].b: missing']);
  });
});

describe('JSON Schemas', () => {
  it.each(API_FILES)('%s matches %s', async (file, schemaName) => {
    const validate = await compileSchema(schemaName);
    validate(await readApi(file));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('the Statuspage sample matches the summary schema', async () => {
    const validate = await compileSchema('summary.schema.json');
    validate(await readJson(path.join(SCHEMA_DIR, 'summary-sample.json')));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('the schema rejects an unknown component status', async () => {
    const validate = await compileSchema('components.schema.json');
    const body = await readApi<{ components: StatuspageComponent[] }>('api/v2/components.json');
    body.components[0] = { ...body.components[0]!, status: 'down' as StatuspageComponent['status'] };
    expect(validate(body)).toBe(false);
  });

  it('every file starts with a JSON object', async () => {
    for (const [file] of API_FILES) {
      const text = await readBuiltFile('basic', file);
      expect(text.trimStart().startsWith('{'), file).toBe(true);
    }
  });
});

describe('summary.json', () => {
  let summary: Summary;
  beforeAll(async () => {
    summary = await readApi<Summary>('api/v2/summary.json');
  });

  it('has the shape of a Statuspage summary', async () => {
    const sample = addToShape(emptyShape(), await readJson(path.join(SCHEMA_DIR, 'summary-sample.json')));
    expect(summary.incidents.length).toBeGreaterThan(0);
    expect(summary.scheduled_maintenances.length).toBeGreaterThan(0);
    expect(shapeMismatches(summary, sample)).toEqual([]);
  });

  it('describes the page with its base path', () => {
    expect(summary.page.name).toBe('Fixture Status');
    expect(summary.page.url).toBe('https://status.example.com/status/');
    expect(summary.page.time_zone).toBe('America/New_York');
    expect(summary.page.updated_at).toBe('2026-03-10T12:00:00.000Z');
  });

  it('indicator is critical for a major outage', () => {
    expect(summary.status).toEqual({ indicator: 'critical', description: 'Major Service Outage' });
  });

  it('gives each component its state', () => {
    const statuses = Object.fromEntries(summary.components.filter((component) => !component.group).map((component) => [component.name, component.status]));
    expect(statuses).toEqual({
      'Public API': 'major_outage',
      Website: 'partial_outage',
      Database: 'under_maintenance',
      CDN: 'operational',
    });
  });

  it('lists groups with their services', () => {
    const groups = summary.components.filter((component) => component.group);
    expect(groups.map((group) => group.name)).toEqual(['Core', 'Data']);

    const [core, data] = groups;
    expect(core!.id).toBe(groupComponentId('core'));
    expect(core!.components).toEqual([componentId('api'), componentId('web')]);
    expect(core!.status).toBe('major_outage');
    expect(data!.components).toEqual([componentId('db')]);
    expect(data!.status).toBe('under_maintenance');
  });

  it('links services to their group', () => {
    const groupIdOf = Object.fromEntries(summary.components.filter((component) => !component.group).map((component) => [component.name, component.group_id]));
    expect(groupIdOf).toEqual({
      'Public API': groupComponentId('core'),
      Website: groupComponentId('core'),
      Database: groupComponentId('data'),
      CDN: null,
    });
  });

  it('orders components as the home page does', () => {
    expect(summary.components.map((component) => [component.name, component.position])).toEqual([
      ['Core', 1],
      ['Public API', 1],
      ['Website', 2],
      ['Data', 2],
      ['Database', 1],
      ['CDN', 3],
    ]);
  });

  it('component ids match components.json', async () => {
    const { components } = await readApi<{ components: StatuspageComponent[] }>('api/v2/components.json');
    expect(components.map((component) => component.id)).toEqual(summary.components.map((component) => component.id));
    expect(components).toEqual(summary.components);
  });

  it('lists maintenance under way, then upcoming', () => {
    expect(summary.scheduled_maintenances.map((window) => [window.name, window.status])).toEqual([
      ['Database upgrade', 'in_progress'],
      ['Website hosting move', 'scheduled'],
    ]);
  });

  it('equals the builder output for the fixture', () => {
    const body = summaryBody(createStatuspageContext(fixtureRepository, NOW));
    expect(JSON.parse(JSON.stringify(body))).toEqual(summary);
  });
});

describe('incidents', () => {
  let unresolved: StatuspageIncident[];
  let incidents: StatuspageIncident[];
  beforeAll(async () => {
    unresolved = (await readApi<{ incidents: StatuspageIncident[] }>('api/v2/incidents/unresolved.json')).incidents;
    incidents = (await readApi<{ incidents: StatuspageIncident[] }>('api/v2/incidents.json')).incidents;
  });

  it('unresolved lists only the ongoing incident', () => {
    expect(unresolved.map((incident) => incident.id)).toEqual([incidentId(ONGOING)]);
    expect(unresolved[0]!.name).toBe('Elevated API errors');
    expect(unresolved[0]!.status).toBe('monitoring');
    expect(unresolved[0]!.impact).toBe('critical');
    expect(unresolved[0]!.resolved_at).toBeNull();
  });

  it('leaves out updates after the clock', () => {
    const updates = unresolved[0]!.incident_updates;
    expect(updates.map((update) => update.status)).toEqual(['monitoring', 'identified', 'investigating']);
    expect(updates.map((update) => update.body)).not.toContain('Future update that must stay hidden.');
    expect(unresolved[0]!.updated_at).toBe('2026-03-10T11:00:00.000Z');
  });

  it('keeps the markdown of update bodies', () => {
    const identified = unresolved[0]!.incident_updates.find((update) => update.status === 'identified');
    expect(identified!.body).toBe('A failed disk took down **half the API nodes**.');
  });

  it('records components changed by the escalation', () => {
    const [monitoring, identified, investigating] = unresolved[0]!.incident_updates;
    expect(identified!.affected_components).toEqual([
      { code: componentId('api'), name: 'Public API', old_status: 'degraded_performance', new_status: 'major_outage' },
      { code: componentId('web'), name: 'Website', old_status: 'operational', new_status: 'partial_outage' },
    ]);
    expect(investigating!.affected_components).toEqual([
      { code: componentId('api'), name: 'Public API', old_status: 'operational', new_status: 'degraded_performance' },
    ]);
    expect(monitoring!.affected_components).toEqual([]);
  });

  it('gives times and links of the ongoing incident', () => {
    const incident = unresolved[0]!;
    expect(incident.started_at).toBe('2026-03-10T10:00:00.000Z');
    expect(incident.created_at).toBe('2026-03-10T10:05:00.000Z');
    expect(incident.monitoring_at).toBe('2026-03-10T11:00:00.000Z');
    expect(incident.shortlink).toBe(`https://status.example.com/status/incidents/${ONGOING}/`);
    expect(incident.components.map((component) => component.name)).toEqual(['Public API', 'Website']);
  });

  it('incidents.json lists every started incident, newest first', () => {
    expect(incidents.map((incident) => [incident.name, incident.status])).toEqual([
      ['Elevated API errors', 'monitoring'],
      ['Overnight database failover', 'resolved'],
      ['"Quoted" & <script>alert(1)</script> outage 🚨', 'resolved'],
      ['Database outage', 'postmortem'],
    ]);
  });

  it('resolved update returns services to operational', () => {
    const failover = incidents.find((incident) => incident.name === 'Overnight database failover')!;
    expect(failover.resolved_at).toBe('2026-03-08T05:45:00.000Z');
    expect(failover.incident_updates[0]!.affected_components).toEqual([
      { code: componentId('db'), name: 'Database', old_status: 'partial_outage', new_status: 'operational' },
    ]);
  });

  it('postmortem moves updated_at to its publication', () => {
    const outage = incidents.find((incident) => incident.name === 'Database outage')!;
    expect(outage.resolved_at).toBe('2026-01-15T11:00:00.000Z');
    expect(outage.updated_at).toBe('2026-01-20T12:00:00.000Z');
    expect(outage.incident_updates).toEqual([]);
  });

  it('update ids are distinct', () => {
    const ids = incidents.flatMap((incident) => incident.incident_updates.map((update) => update.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(7);
  });
});

describe('incidents.json of a long history', () => {
  it('keeps the 50 newest of 70', async () => {
    const body = JSON.parse(await readBuiltFile('paged', 'api/v2/incidents.json')) as { incidents: StatuspageIncident[] };
    expect(body.incidents).toHaveLength(50);
    const starts = body.incidents.map((incident) => incident.started_at);
    expect(starts).toEqual([...starts].sort().reverse());

    const validate = await compileSchema('incidents.schema.json');
    validate(body);
    expect(validate.errors ?? []).toEqual([]);
  });
});

describe('scheduled maintenances', () => {
  type Body = { scheduled_maintenances: StatuspageScheduledMaintenance[] };

  it('active lists the database upgrade', async () => {
    const { scheduled_maintenances: active } = await readApi<Body>('api/v2/scheduled-maintenances/active.json');
    expect(active.map((window) => [window.name, window.status])).toEqual([['Database upgrade', 'in_progress']]);
    expect(active[0]!.scheduled_for).toBe('2026-03-10T11:00:00.000Z');
    expect(active[0]!.scheduled_until).toBe('2026-03-10T13:00:00.000Z');
    expect(active[0]!.incident_updates[0]!.affected_components).toEqual([
      { code: componentId('db'), name: 'Database', old_status: 'operational', new_status: 'under_maintenance' },
    ]);
  });

  it('upcoming lists the website move', async () => {
    const { scheduled_maintenances: upcoming } = await readApi<Body>('api/v2/scheduled-maintenances/upcoming.json');
    expect(upcoming.map((window) => [window.name, window.status])).toEqual([['Website hosting move', 'scheduled']]);
    expect(upcoming[0]!.impact).toBe('maintenance');
    expect(upcoming[0]!.shortlink).toBe('https://status.example.com/status/maintenance/2026-03-20-website-move/');
  });

  it('lists every window, latest start first', async () => {
    const { scheduled_maintenances: windows } = await readApi<Body>('api/v2/scheduled-maintenances.json');
    expect(windows.map((window) => [window.name, window.status])).toEqual([
      ['Website hosting move', 'scheduled'],
      ['Database upgrade', 'in_progress'],
      ['API gateway swap', 'completed'],
      ['CDN certificate rotation', 'completed'],
    ]);
  });

  it('a cancelled window reads completed', async () => {
    const { scheduled_maintenances: windows } = await readApi<Body>('api/v2/scheduled-maintenances.json');
    const cancelled = windows.find((window) => window.name === 'API gateway swap')!;
    expect(cancelled.resolved_at).toBe('2026-02-24T12:00:00.000Z');
    expect(cancelled.incident_updates.map((update) => [update.status, update.body])).toEqual([['completed', 'Postponed until further notice.']]);
    expect(cancelled.incident_updates[0]!.affected_components).toEqual([]);
  });

  it('an early end is the completed update', async () => {
    const { scheduled_maintenances: windows } = await readApi<Body>('api/v2/scheduled-maintenances.json');
    const rotation = windows.find((window) => window.name === 'CDN certificate rotation')!;
    expect(rotation.started_at).toBe('2026-02-10T02:00:00.000Z');
    expect(rotation.resolved_at).toBe('2026-02-10T03:15:00.000Z');
    expect(rotation.incident_updates[0]!.affected_components).toEqual([
      { code: componentId('cdn'), name: 'CDN', old_status: 'under_maintenance', new_status: 'operational' },
    ]);
  });
});

describe('ids', () => {
  it('two builder calls agree', () => {
    const first = summaryBody(createStatuspageContext(fixtureRepository, NOW));
    const second = summaryBody(createStatuspageContext(fixtureRepository, NOW));
    expect(second).toEqual(first);
  });

  it('a later clock keeps the ids', () => {
    const idsAt = (now: Date) => {
      const body = summaryBody(createStatuspageContext(fixtureRepository, now));
      return [body.page.id, ...body.components.map((component) => component.id)];
    };
    expect(idsAt(new Date('2026-04-01T00:00:00Z'))).toEqual(idsAt(NOW));
  });

  it('built files use the documented ids', async () => {
    const { incidents } = await readApi<{ incidents: StatuspageIncident[] }>('api/v2/incidents.json');
    const ongoing = incidents.find((incident) => incident.shortlink.endsWith(`/${ONGOING}/`))!;
    expect(ongoing.id).toBe(incidentId(ONGOING));
    expect(ongoing.incident_updates.every((update) => update.incident_id === ongoing.id)).toBe(true);
  });

  it('every file names the same page', async () => {
    const pageIds = new Set<string>();
    for (const [file] of API_FILES) {
      if (file === 'api/status.json') continue;
      pageIds.add((await readApi<{ page: StatuspagePage }>(file)).page.id);
    }
    expect(pageIds.size).toBe(1);
  });
});

describe('native api/status.json', () => {
  let native: NativeStatus;
  beforeAll(async () => {
    native = await readApi<NativeStatus>('api/status.json');
  });

  it('gives the overall state and headline', () => {
    expect(native.generated_at).toBe('2026-03-10T12:00:00.000Z');
    expect(native.status).toBe('major_outage');
    expect(native.description).toBe('Major outage: Public API');
  });

  it('lists services with state and group', () => {
    expect(native.services.map((service) => [service.id, service.group, service.status])).toEqual([
      ['api', 'core', 'major_outage'],
      ['web', 'core', 'partial_outage'],
      ['db', 'data', 'under_maintenance'],
      ['cdn', null, 'operational'],
    ]);
  });

  it('rounds 90-day uptime to two decimals', () => {
    for (const service of native.services) {
      expect(typeof service.uptime_90d, service.id).toBe('number');
      expect(service.uptime_90d!.toFixed(2), service.id).toBe(String(service.uptime_90d));
      expect(service.uptime_90d!, service.id).toBeLessThan(100);
    }
  });

  it('lists the active incident', () => {
    expect(native.active_incidents).toEqual([
      {
        slug: ONGOING,
        title: 'Elevated API errors',
        status: 'monitoring',
        impact: 'critical',
        url: `https://status.example.com/status/incidents/${ONGOING}/`,
        updated_at: '2026-03-10T11:00:00.000Z',
      },
    ]);
  });

  it('lists upcoming maintenance only', () => {
    expect(native.upcoming_maintenance).toEqual([
      {
        slug: '2026-03-20-website-move',
        title: 'Website hosting move',
        starts_at: '2026-03-20T14:00:00.000Z',
        ends_at: '2026-03-20T15:00:00.000Z',
        url: 'https://status.example.com/status/maintenance/2026-03-20-website-move/',
      },
    ]);
  });
});
