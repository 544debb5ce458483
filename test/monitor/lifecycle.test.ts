// The pure lifecycle: confirmation counting and the incident decisions,
// run over a sequence of results with the files kept in memory.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentSchema, maintenanceSchema, monitorSettingsSchema, type Maintenance } from '../../src/domain/schema/index.ts';
import { parseMarkdownFile } from '../../src/repository/markdown-file.ts';
import { failure, up, type CheckResult, type ProbeResult } from '../../src/monitor/check-result.ts';
import { planAppend } from '../../src/monitor/incident-files.ts';
import { decideLifecycle, type IncidentDocument, type LifecycleOutput } from '../../src/monitor/lifecycle.ts';
import { emptyState, type MonitorState } from '../../src/monitor/state-file.ts';

const SERVICE = { id: 'api', name: 'Public API' };
const START = Date.parse('2026-03-10T12:00:00Z');
const FIVE_MINUTES = 5 * 60_000;

const OK = up('HTTP 200 from GET /health', 40);
const DOWN = failure('status', 'HTTP 503 from GET /health', { ms: 12 });
const SLOW = failure('slow', 'GET /health took 2,400 ms, over the 2,000 ms limit', { ms: 2400 });
const TIMEOUT = failure('timeout', 'GET /health timed out after 10 s', { networkLevel: true });

/** Content files in memory, applied from each run's operations. */
class Site {
  files = new Map<string, string>();
  maintenance: Maintenance[] = [];
  state: MonitorState = emptyState();
  run = 0;
  outputs: LifecycleOutput[] = [];

  constructor(readonly settings = monitorSettingsSchema.parse({})) {}

  documents(): IncidentDocument[] {
    return [...this.files].map(([file, text]) => {
      const parsed = incidentSchema.parse(parseMarkdownFile(text).data);
      return { slug: path.posix.basename(file, '.md'), file, text, incident: { ...parsed, slug: path.posix.basename(file, '.md'), body: '' } };
    });
  }

  /** Runs the lifecycle once with `result`, five minutes after the previous run, and applies its operations. */
  check(result: ProbeResult, options: { offline?: boolean } = {}): LifecycleOutput {
    const now = new Date(START + this.run * FIVE_MINUTES);
    this.run++;
    const checkResult: CheckResult = { ...result, service: SERVICE.id, attempts: 1 };
    const output = decideLifecycle({
      now,
      timeZone: 'UTC',
      settings: this.settings,
      services: [SERVICE],
      results: new Map([[SERVICE.id, checkResult]]),
      offline: options.offline ?? false,
      incidents: this.documents(),
      maintenance: this.maintenance,
      state: this.state,
    });

    for (const operation of output.operations) {
      if (operation.kind === 'create') this.files.set(operation.file, operation.text);
      if (operation.kind === 'append-update') {
        const planned = planAppend(this.files.get(operation.file)!, operation.update);
        if (!planned.ok) throw new Error(planned.problem);
        this.files.set(operation.file, planned.text);
      }
    }
    this.state = output.state;
    this.outputs.push(output);
    return output;
  }

  action(output: LifecycleOutput): string {
    return output.actions.get(SERVICE.id)!.action;
  }

  incident(file: string) {
    return incidentSchema.parse(parseMarkdownFile(this.files.get(file)!).data);
  }
}

const OPENED = 'incidents/2026-03-10-api-status.md';

describe('confirmation counting', () => {
  it('opens after two failures', () => {
    const site = new Site();
    expect(site.action(site.check(DOWN))).toBe('failing (1 of 2)');
    expect(site.files.size).toBe(0);

    const second = site.check(DOWN);
    expect(site.action(second)).toBe(`opened ${OPENED}`);
    expect(second.operations.map((operation) => operation.kind)).toEqual(['create']);
    expect([...site.files.keys()]).toEqual([OPENED]);
  });

  it('writes the opened incident', () => {
    const site = new Site();
    site.check(DOWN);
    site.check(DOWN);
    const text = site.files.get(OPENED)!;
    expect(text).toBe(
      [
        '---',
        'title: Public API is returning errors',
        'affected:',
        '  api: major_outage',
        'started: 2026-03-10T12:00:00Z',
        'automated: true',
        'updates:',
        '  - at: 2026-03-10T12:05:00Z',
        '    status: investigating',
        '    message: "The automated check failed: HTTP 503 from GET /health. It has failed 2 times in a row since 2026-03-10 12:00 UTC."',
        '---',
        '',
      ].join('\n'),
    );
  });

  it('resolves after two passes', () => {
    const site = new Site();
    site.check(DOWN);
    site.check(DOWN);
    site.check(DOWN);
    expect(site.action(site.check(OK))).toBe(`recovering (1 of 2), ${OPENED} open`);
    const resolved = site.check(OK);
    expect(site.action(resolved)).toBe(`resolved ${OPENED}`);

    const incident = site.incident(OPENED);
    const last = incident.updates.at(-1)!;
    expect(last.status).toBe('resolved');
    expect(last.at.toISOString()).toBe('2026-03-10T12:20:00.000Z');
    expect(last.message).toBe('It has passed 2 times in a row since 2026-03-10 12:15 UTC. The failure lasted 15 min.');
    expect(site.state.services.api!.incident).toBeUndefined();
  });

  it('opens nothing for a flap', () => {
    const site = new Site();
    for (const result of [DOWN, OK, DOWN, OK, DOWN, OK, SLOW, OK]) site.check(result);
    expect(site.files.size).toBe(0);
    expect(site.outputs.every((output) => output.operations.length === 0)).toBe(true);
  });

  it('honours other confirmation counts', () => {
    const site = new Site(monitorSettingsSchema.parse({ confirmations: { open: 3, resolve: 1 } }));
    site.check(DOWN);
    site.check(DOWN);
    expect(site.files.size).toBe(0);
    site.check(DOWN);
    expect(site.files.size).toBe(1);
    expect(site.action(site.check(OK))).toMatch(/^resolved /);
  });

  it('gives the same output twice', () => {
    const first = new Site();
    const second = new Site();
    for (const result of [DOWN, DOWN, OK, OK]) {
      expect(second.check(result)).toEqual(first.check(result));
    }
    expect(second.files).toEqual(first.files);
  });
});

describe('failure kinds', () => {
  it('opens slow as degraded performance', () => {
    const site = new Site();
    site.check(SLOW);
    site.check(SLOW);
    const file = 'incidents/2026-03-10-api-slow.md';
    const incident = site.incident(file);
    expect(incident.title).toBe('Public API is slow');
    expect(incident.affected).toEqual({ api: 'degraded_performance' });
  });

  it('escalates slow to major outage', () => {
    const site = new Site();
    site.check(SLOW);
    site.check(SLOW);
    site.check(DOWN);
    expect(site.state.services.api!.incident!.impact).toBe('degraded_performance');
    const escalated = site.check(DOWN);
    expect(site.action(escalated)).toBe('marked incidents/2026-03-10-api-slow.md as a major outage');
    const last = site.incident('incidents/2026-03-10-api-slow.md').updates.at(-1)!;
    expect(last.affected).toEqual({ api: 'major_outage' });
    expect(last.status).toBe('investigating');
  });

  it('keeps the first day in the name', () => {
    const site = new Site();
    site.run = (11 * 60 + 55) / 5; // 23:55 UTC on the first day
    site.check(TIMEOUT);
    site.check(TIMEOUT);
    site.check(OK);
    site.check(OK);
    expect([...site.files.keys()]).toEqual(['incidents/2026-03-10-api-timeout.md']);
    expect(site.incident('incidents/2026-03-10-api-timeout.md').updates.at(-1)!.status).toBe('resolved');
  });
});

describe('maintenance and offline runs', () => {
  it('opens nothing under maintenance', () => {
    const site = new Site();
    site.maintenance = [
      {
        ...maintenanceSchema.parse({ title: 'Upgrade', services: ['api'], start: '2026-03-10T11:00Z', end: '2026-03-10T13:00Z' }),
        slug: 'upgrade',
        body: '',
      },
    ];
    const first = site.check(DOWN);
    expect(site.action(first)).toBe('under maintenance: nothing opened');
    expect(first.actions.get('api')!.maintenance).toBe(true);
    site.check(DOWN);
    site.check(DOWN);
    expect(site.files.size).toBe(0);
    expect(site.state.services.api!.last!.maintenance).toBe(true);
    expect(site.state.services.api!.unhealthyRuns).toBe(0);
  });

  it('counts again after maintenance', () => {
    const site = new Site();
    site.maintenance = [
      {
        ...maintenanceSchema.parse({ title: 'Upgrade', services: ['api'], start: '2026-03-10T11:00Z', end: '2026-03-10T12:07Z' }),
        slug: 'upgrade',
        body: '',
      },
    ];
    site.check(DOWN); // 12:00, in the window
    site.check(DOWN); // 12:05, in the window
    expect(site.action(site.check(DOWN))).toBe('failing (1 of 2)'); // 12:10
    expect(site.action(site.check(DOWN))).toMatch(/^opened /);
  });

  it('ignores network failures offline', () => {
    const site = new Site();
    const output = site.check(TIMEOUT, { offline: true });
    expect(site.action(output)).toBe('runner offline: not counted');
    site.check(TIMEOUT, { offline: true });
    site.check(TIMEOUT, { offline: true });
    expect(site.files.size).toBe(0);
    expect(site.state.services.api!.unhealthyRuns).toBe(0);
  });
});

describe('incidents people touched', () => {
  it('never reopens a resolved incident', () => {
    const site = new Site();
    site.check(DOWN);
    site.check(DOWN);
    // A person resolves the incident while the service still fails.
    const planned = planAppend(site.files.get(OPENED)!, { at: '2026-03-10T12:06:00Z', status: 'resolved', message: 'Known issue, tracked elsewhere.' });
    if (!planned.ok) throw new Error(planned.problem);
    site.files.set(OPENED, planned.text);

    const after = site.check(DOWN);
    expect(site.action(after)).toBe(`a person resolved ${OPENED}; a person resolved the incident of this failure; nothing opens until the check passes`);
    site.check(DOWN);
    expect(site.files.size).toBe(1);
    expect(site.files.get(OPENED)).toBe(planned.text);
  });

  it('opens a new incident after recovery', () => {
    const site = new Site();
    site.check(DOWN);
    site.check(DOWN);
    site.files.delete(OPENED);
    expect(site.action(site.check(DOWN))).toContain(`a person removed ${OPENED}`);
    site.check(OK);
    site.check(OK);
    site.check(DOWN);
    expect(site.action(site.check(DOWN))).toBe(`opened ${OPENED}`);
  });

  it('notes failure in a person\'s incident', () => {
    const site = new Site();
    const personal = 'incidents/2026-03-10-api-errors.md';
    const text = ['---', 'title: API errors', 'affected: { api: partial_outage }', 'started: 2026-03-10T11:00Z', 'updates:', '  - { at: 2026-03-10T11:05Z, status: identified, message: We know. }', '---', ''].join('\n');
    site.files.set(personal, text);

    site.check(DOWN);
    expect(site.action(site.check(DOWN))).toBe(`noted the failure in ${personal}, a person's open incident`);
    expect(site.files.size).toBe(1);
    const noted = site.incident(personal).updates.at(-1)!;
    expect(noted.status).toBe('identified');
    expect(noted.message).toContain('The automated check of Public API fails too: HTTP 503 from GET /health.');
    expect(site.files.get(personal)!.startsWith(text.slice(0, text.lastIndexOf('---')))).toBe(true);

    site.check(DOWN);
    expect(site.incident(personal).updates).toHaveLength(2);
    site.check(OK);
    expect(site.action(site.check(OK))).toBe(`noted the recovery in ${personal}, which a person resolves`);
    const recovered = site.incident(personal).updates.at(-1)!;
    expect(recovered.status).toBe('identified');
    expect(recovered.message).toContain('This incident stays open until someone resolves it.');
  });

  it('leaves a person\'s incident alone', () => {
    const site = new Site(monitorSettingsSchema.parse({ existing_incident: 'ignore' }));
    const personal = 'incidents/2026-03-10-api-errors.md';
    const text = ['---', 'title: API errors', 'affected: { api: partial_outage }', 'started: 2026-03-10T11:00Z', 'updates:', '  - { at: 2026-03-10T11:05Z, status: identified, message: We know. }', '---', ''].join('\n');
    site.files.set(personal, text);
    site.check(DOWN);
    expect(site.action(site.check(DOWN))).toBe(`a person's incident is open: ${personal}`);
    site.check(OK);
    site.check(OK);
    expect(site.files.get(personal)).toBe(text);
    expect(site.files.size).toBe(1);
  });

  it('adopts an automated incident', () => {
    const site = new Site();
    site.check(DOWN);
    site.check(DOWN);
    // The state file is lost; the open automated incident is found again.
    site.state = emptyState();
    expect(site.action(site.check(DOWN))).toBe(`${OPENED} open`);
    expect(site.state.services.api!.incident!.kind).toBe('status');
    site.check(OK);
    expect(site.action(site.check(OK))).toBe(`resolved ${OPENED}`);
    expect(site.files.size).toBe(1);
  });

  it('reports a file it cannot update', () => {
    const site = new Site();
    site.check(DOWN);
    site.check(DOWN);
    // An update dated after the resolving run makes the resolved update invalid.
    const planned = planAppend(site.files.get(OPENED)!, { at: '2026-03-11T00:00:00Z', status: 'monitoring', message: 'Watching.' });
    if (!planned.ok) throw new Error(planned.problem);
    site.files.set(OPENED, planned.text);
    site.check(OK);
    const output = site.check(OK);
    expect(site.action(output)).toMatch(/^could not update incidents\/2026-03-10-api-status\.md: the file would be invalid after the update/);
    expect(output.operations).toEqual([]);
    expect(site.state.services.api!.incident?.slug).toBe('2026-03-10-api-status');
  });
});

describe('certificate warnings', () => {
  it('warns once per certificate', () => {
    const site = new Site();
    const certificate = { validTo: new Date('2026-03-15T00:00:00Z'), fingerprint: 'AA:BB' };
    const result: CheckResult = { ...up('HTTP 200 from GET /', 20, certificate), service: 'api', attempts: 1 };
    const run = (state: MonitorState) =>
      decideLifecycle({
        now: new Date(START),
        timeZone: 'UTC',
        settings: site.settings,
        services: [{ ...SERVICE, tlsWarningDays: 14 }],
        results: new Map([['api', result]]),
        offline: false,
        incidents: [],
        maintenance: [],
        state,
      });
    const first = run(emptyState());
    expect(first.actions.get('api')!.warnings).toEqual(['certificate expires on 2026-03-15, in 4 days']);
    const second = run(first.state);
    expect(second.actions.get('api')!.warnings).toEqual([]);
  });
});
