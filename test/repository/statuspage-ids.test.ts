// `statuspage_id`: its shape in each schema, and the cross-check that keeps
// it unique across the services, groups, incidents and maintenance windows
// of one page.

import { describe, expect, it } from 'vitest';
import { incidentSchema, maintenanceSchema, serviceSchema } from '../../src/domain/schema/index.ts';
import { crossCheck, type ReadFile } from '../../src/repository/cross-checks.ts';

const CONFIG: ReadFile = {
  file: 'content/config.yml',
  data: {
    services: [
      { id: 'api', name: 'API', statuspage_id: 'cmpapi000001' },
      { id: 'web', name: 'Website' },
    ],
    groups: [{ id: 'core', name: 'Core', statuspage_id: 'grpcore00001' }],
  },
};

function file(name: string, statuspageId?: string): ReadFile {
  const data = { title: name, ...(statuspageId ? { statuspage_id: statuspageId } : {}) };
  return { file: name, slug: name.replace(/^.*\/|\.md$/g, ''), data };
}

describe('statuspage_id schema', () => {
  it('accepts Statuspage-shaped ids', () => {
    expect(serviceSchema.safeParse({ id: 'api', name: 'API', statuspage_id: 'cmpapi000001' }).success).toBe(true);
    expect(serviceSchema.safeParse({ id: 'api', name: 'API', statuspage_id: 'x'.repeat(64) }).success).toBe(true);
  });

  it.each(['', 'Cmpapi000001', 'cmp-api', 'x'.repeat(65)])('rejects %j', (statuspageId) => {
    expect(serviceSchema.safeParse({ id: 'api', name: 'API', statuspage_id: statuspageId }).success).toBe(false);
  });

  it('is allowed on incidents and maintenance', () => {
    const incident = { title: 'Down', started: '2026-03-10T10:00:00Z', resolved: '2026-03-10T10:00:00Z', statuspage_id: 'inc0checkout' };
    const window = { title: 'Work', services: ['api'], start: '2026-03-10T10:00:00Z', end: '2026-03-10T11:00:00Z', statuspage_id: 'mnt0apiupgrd' };
    expect(incidentSchema.safeParse(incident).success).toBe(true);
    expect(maintenanceSchema.safeParse(window).success).toBe(true);
  });
});

describe('statuspage_id cross-check', () => {
  it('accepts distinct ids', () => {
    const problems = crossCheck({
      config: CONFIG,
      incidents: [file('incidents/2026-01-05-down.md', 'inc0checkout'), file('incidents/2026-01-06-slow.md')],
      maintenance: [file('content/maintenance/2026-01-20-work.md', 'mnt0apiupgrd')],
      postmortems: [],
    });
    expect(problems).toEqual([]);
  });

  it('reports two files sharing one', () => {
    const problems = crossCheck({
      config: CONFIG,
      incidents: [file('incidents/2026-01-05-down.md', 'inc0checkout')],
      maintenance: [file('content/maintenance/2026-01-20-work.md', 'inc0checkout')],
      postmortems: [],
    });
    expect(problems).toEqual([
      {
        file: 'content/maintenance/2026-01-20-work.md',
        path: ['statuspage_id'],
        message: 'the `statuspage_id` `inc0checkout` is also used by incidents/2026-01-05-down.md, so both would have the same id in the API',
        fix: 'remove `statuspage_id` from the one that was not imported with that id, and it gets a derived id',
      },
    ]);
  });

  it('reports a file sharing a service id', () => {
    const problems = crossCheck({ config: CONFIG, incidents: [file('incidents/2026-01-05-down.md', 'cmpapi000001')], maintenance: [], postmortems: [] });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('incidents/2026-01-05-down.md');
    expect(problems[0]!.message).toContain('is also used by service `api` in content/config.yml');
  });

  it('reports a service sharing a group id', () => {
    const config: ReadFile = {
      file: 'content/config.yml',
      data: { services: [{ id: 'api', name: 'API', statuspage_id: 'grpcore00001' }], groups: [{ id: 'core', name: 'Core', statuspage_id: 'grpcore00001' }] },
    };
    const problems = crossCheck({ config, incidents: [], maintenance: [], postmortems: [] });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual(['services', 0, 'statuspage_id']);
    expect(problems[0]!.message).toContain('is also used by group `core` in content/config.yml');
  });
});
