// `sitrep check` across runs on a copy of the basic fixture site, against a
// real HTTP server on 127.0.0.1 whose responses each test changes between runs.
// The clock is pinned, five minutes per run, from 2026-03-10 12:00 UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendUpdate } from '../../src/authoring/append-update.ts';
import { incidentSchema } from '../../src/domain/schema/index.ts';
import { loadRepository } from '../../src/repository/load-repository.ts';
import { parseMarkdownFile } from '../../src/repository/markdown-file.ts';
import { readState } from '../../src/monitor/state-file.ts';
import { closedPort, startHttpServer, type RunningServer } from './servers.ts';
import { allFiles, FIXTURE_NOW, TestSite } from './site.ts';

const MINUTE = 60_000;
const at = (run: number) => FIXTURE_NOW + run * 5 * MINUTE;

/** The response of the test server on one path. */
interface Behaviour {
  status: number;
  body?: string;
  delayMs?: number;
  statusMessage?: string;
  location?: string;
}

const behaviours = new Map<string, Behaviour>();
let server: RunningServer;

beforeAll(async () => {
  server = await startHttpServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const behaviour = behaviours.get(url.pathname) ?? { status: 404, body: 'no behaviour' };
    const send = () => {
      if (response.destroyed) return;
      if (behaviour.statusMessage) response.statusMessage = behaviour.statusMessage;
      const headers: Record<string, string> = behaviour.location ? { location: behaviour.location } : {};
      response.writeHead(behaviour.status, headers).end(behaviour.body ?? '');
    };
    if (behaviour.delayMs) setTimeout(send, behaviour.delayMs);
    else send();
  });
});

const sites: TestSite[] = [];
afterAll(async () => {
  await server.close();
  for (const site of sites) await site.remove();
});

async function siteWith(checks: Record<string, unknown>, monitor: Record<string, unknown> = {}): Promise<TestSite> {
  const site = await TestSite.create(checks, monitor);
  sites.push(site);
  return site;
}

let pathCounter = 0;
/** Returns a fresh path on the test server with the given behaviour. */
function endpoint(behaviour: Behaviour): { path: string; url: string; set(next: Behaviour): void } {
  const path = `/service-${++pathCounter}`;
  behaviours.set(path, behaviour);
  return { path, url: `${server.origin}${path}`, set: (next) => behaviours.set(path, next) };
}

async function expectValid(site: TestSite): Promise<void> {
  const { problems } = await loadRepository(site.root);
  expect(problems).toEqual([]);
}

function incidentOf(text: string) {
  return incidentSchema.parse(parseMarkdownFile(text).data);
}

const FIXTURE_INCIDENTS = ['2026-01-15-database-outage.md', '2026-02-20-escaping.md', '2026-03-07-overnight-database.md', '2026-03-10-api-errors.md'];
const CDN_INCIDENT = 'incidents/2026-03-10-cdn-status.md';

describe('incident lifecycle', () => {
  it('opens after two failures', async () => {
    const cdn = endpoint({ status: 503 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url } });

    const first = await site.check(at(0));
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('failing (1 of 2)');
    expect(await site.incidentFiles()).toEqual(FIXTURE_INCIDENTS);

    const second = await site.check(at(1));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`opened ${CDN_INCIDENT}`);
    const incident = incidentOf(await site.read(CDN_INCIDENT));
    expect(incident.automated).toBe(true);
    expect(incident.affected).toEqual({ cdn: 'major_outage' });
    expect(incident.started.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(incident.updates).toHaveLength(1);
    expect(incident.updates[0]!.status).toBe('investigating');
    expect(incident.updates[0]!.message).toContain(`HTTP 503 from GET ${cdn.path}`);
    await expectValid(site);
  });

  it('resolves after two passes', async () => {
    const cdn = endpoint({ status: 503 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url } });
    await site.check(at(0));
    await site.check(at(1));
    cdn.set({ status: 200, body: 'ok' });

    const first = await site.check(at(2));
    expect(first.stdout).toContain('recovering (1 of 2)');
    const second = await site.check(at(3));
    expect(second.stdout).toContain(`resolved ${CDN_INCIDENT}`);

    const incident = incidentOf(await site.read(CDN_INCIDENT));
    const last = incident.updates.at(-1)!;
    expect(last.status).toBe('resolved');
    expect(last.message).toContain('The failure lasted 10 min.');
    expect(await site.incidentFiles()).toEqual([...FIXTURE_INCIDENTS, '2026-03-10-cdn-status.md'].sort());
    await expectValid(site);
  });

  it('opens nothing for a flap', async () => {
    const cdn = endpoint({ status: 503 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url } });
    for (let run = 0; run < 6; run++) {
      cdn.set(run % 2 === 0 ? { status: 503 } : { status: 200 });
      const result = await site.check(at(run));
      expect(result.code).toBe(0);
    }
    expect(await site.incidentFiles()).toEqual(FIXTURE_INCIDENTS);
  });

  it('opens nothing under maintenance', async () => {
    const db = endpoint({ status: 500 });
    const site = await siteWith({ db: { type: 'http', url: db.url } });
    for (let run = 0; run < 3; run++) {
      const result = await site.check(at(run));
      expect(result.stdout).toContain('under maintenance: nothing opened');
    }
    expect(await site.incidentFiles()).toEqual(FIXTURE_INCIDENTS);
    const state = await readState(site.statePath);
    expect(state.services.db!.last!.maintenance).toBe(true);
    expect(state.services.db!.last!.kind).toBe('status');
  });

  it('keeps a person\'s edits byte for byte', async () => {
    const cdn = endpoint({ status: 503 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url } });
    await site.check(at(0));
    await site.check(at(1));

    // A person rewrites the title, adds comments, a flow-style update and a body.
    const opened = await site.read(CDN_INCIDENT);
    const edited = opened
      .replace(/^title: .*$/m, "title: 'CDN: errors on static assets'   # reworded by the on-call")
      .replace(/^updates:$/m, '# Keep this comment.\nupdates:')
      .replace(/\n---\n$/, '\n  - { at: 2026-03-10T12:07:00Z, status: identified, message: "The origin pool is exhausted." }\n---\n\nWe are **on it**.\n\n---\n\nA rule in the body.\n');
    await site.write(CDN_INCIDENT, edited);
    await expectValid(site);

    cdn.set({ status: 200 });
    await site.check(at(2));
    await site.check(at(3));
    const resolved = await site.read(CDN_INCIDENT);

    const insertion = resolved.length - edited.length;
    const offset = edited.indexOf('\n---\n\nWe are') + 1;
    expect(resolved.slice(0, offset)).toBe(edited.slice(0, offset));
    expect(resolved.slice(offset + insertion)).toBe(edited.slice(offset));
    // The new item follows the style of the last one, which the person wrote as a flow map.
    expect(resolved.slice(offset, offset + insertion)).toMatch(/^ {2}- \{ at: 2026-03-10T12:15:00Z, status: resolved, message: .*\}\n$/);
    await expectValid(site);
  });

  it('never reopens after a person resolves', async () => {
    const cdn = endpoint({ status: 503 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url } });
    await site.check(at(0));
    await site.check(at(1));
    const resolvedByPerson = appendUpdate(await site.read(CDN_INCIDENT), {
      at: '2026-03-10T12:06:00Z',
      status: 'resolved',
      message: 'A known problem on the origin; tracked in the origin incident.',
    });
    await site.write(CDN_INCIDENT, resolvedByPerson);

    const after = await site.check(at(2));
    expect(after.stdout).toContain(`a person resolved ${CDN_INCIDENT}`);
    await site.check(at(3));
    await site.check(at(4));
    expect(await site.read(CDN_INCIDENT)).toBe(resolvedByPerson);
    expect(await site.incidentFiles()).toEqual([...FIXTURE_INCIDENTS, '2026-03-10-cdn-status.md'].sort());

    // After a recovery, a new failure opens a new incident.
    cdn.set({ status: 200 });
    await site.check(at(5));
    await site.check(at(6));
    cdn.set({ status: 503 });
    await site.check(at(7));
    const reopened = await site.check(at(8));
    expect(reopened.stdout).toContain('opened incidents/2026-03-10-cdn-status-2.md');
    expect(await site.read(CDN_INCIDENT)).toBe(resolvedByPerson);
    await expectValid(site);
  });

  it('notes failures in a person\'s incident', async () => {
    const cdn = endpoint({ status: 502 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url } });
    const personal = 'incidents/2026-03-10-cdn-origin.md';
    const text = [
      '---',
      'title: CDN origin errors   # written by the on-call',
      'affected: { cdn: partial_outage }',
      'started: 2026-03-10T11:30Z',
      'updates:',
      '  - at: 2026-03-10T11:35Z',
      '    status: identified',
      '    message: The origin pool is exhausted.',
      '---',
      '',
    ].join('\n');
    await site.write(personal, text);

    await site.check(at(0));
    const second = await site.check(at(1));
    expect(second.stdout).toContain(`noted the failure in ${personal}, a person's open incident`);
    expect(await site.incidentFiles()).toEqual([...FIXTURE_INCIDENTS, '2026-03-10-cdn-origin.md'].sort());
    const noted = await site.read(personal);
    expect(noted.startsWith(text.slice(0, text.lastIndexOf('---')))).toBe(true);
    expect(incidentOf(noted).updates.at(-1)!.status).toBe('identified');

    cdn.set({ status: 200 });
    await site.check(at(2));
    const recovered = await site.check(at(3));
    expect(recovered.stdout).toContain(`noted the recovery in ${personal}, which a person resolves`);
    const updates = incidentOf(await site.read(personal)).updates;
    expect(updates.map((update) => update.status)).toEqual(['identified', 'identified', 'identified']);
    await expectValid(site);
  });

  it('reports an incident it cannot update', async () => {
    // The fixture's api incident has an update dated after the pinned clock,
    // so an update at the run's time would come before it.
    const api = endpoint({ status: 502 });
    const site = await siteWith({ api: { type: 'http', url: api.url } });
    const before = await site.read('incidents/2026-03-10-api-errors.md');
    await site.check(at(0));
    const second = await site.check(at(1));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('could not update incidents/2026-03-10-api-errors.md: the file would be invalid after the update');
    expect(second.stdout).toContain('Problem: api: could not update');
    expect(await site.read('incidents/2026-03-10-api-errors.md')).toBe(before);
  });

  it('finishes a run killed midway', async () => {
    const cdn = endpoint({ status: 503 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url } });
    await site.check(at(0));
    const killed = site.check(at(1), {
      hooks: {
        afterPendingWritten: () => {
          throw new Error('killed after writing the state');
        },
      },
    });
    await expect(killed).rejects.toThrow('killed after writing the state');
    expect(await site.incidentFiles()).toEqual(FIXTURE_INCIDENTS);
    const pending = await readState(site.statePath);
    expect(pending.pending.map((operation) => operation.file)).toEqual([CDN_INCIDENT]);

    const rerun = await site.check(at(2));
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`Finished ${CDN_INCIDENT}, left pending by an interrupted run.`);
    expect(rerun.stdout).toContain(`${CDN_INCIDENT} open`);
    expect(await site.incidentFiles()).toEqual([...FIXTURE_INCIDENTS, '2026-03-10-cdn-status.md'].sort());
    expect((await readState(site.statePath)).pending).toEqual([]);
    await expectValid(site);

    // The same again while resolving: the resolved update is written once.
    cdn.set({ status: 200 });
    await site.check(at(3));
    await expect(site.check(at(4), { hooks: { afterPendingWritten: () => Promise.reject(new Error('killed')) } })).rejects.toThrow('killed');
    await site.check(at(5));
    const incident = incidentOf(await site.read(CDN_INCIDENT));
    expect(incident.updates.map((update) => update.status)).toEqual(['investigating', 'resolved']);
  });

  it('gives the same files twice', async () => {
    const cdn = endpoint({ status: 503 });
    const first = await siteWith({ cdn: { type: 'http', url: cdn.url } });
    const second = await siteWith({ cdn: { type: 'http', url: cdn.url } });
    for (const [run, status] of [503, 503, 200, 200].entries()) {
      cdn.set({ status });
      await first.check(at(run));
      await second.check(at(run));
    }
    // Response times are measured, so they differ between the two sites;
    // everything else must match.
    const withoutTimings = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(withoutTimings);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, key === 'ms' ? 0 : withoutTimings(entry)]));
    };
    const strip = (files: Map<string, string>) =>
      new Map(
        [...files]
          .filter(([file]) => !file.endsWith('.lock'))
          .map(([file, text]) => [file, file.endsWith('.json') ? JSON.stringify(withoutTimings(JSON.parse(text))) : text]),
      );
    expect(strip(await allFiles(second.root))).toEqual(strip(await allFiles(first.root)));
  });
});

describe('secrets', () => {
  it('never appear in files or output', async () => {
    const token = 'tok_3f9a*SECRET-value';
    // The server echoes the token in its status text, its body and a redirect.
    const target = endpoint({ status: 503, statusMessage: `bad token ${token}`, body: `token=${token}` });
    behaviours.set(`/v1/${token}/health`, { status: 302, location: `${target.path}?t=${token}` });
    const site = await siteWith({
      cdn: {
        type: 'http',
        url: `${server.origin}/v1/\${CDN_TOKEN}/health`,
        headers: { Authorization: 'Bearer ${CDN_TOKEN}' },
        body: '{"token":"${CDN_TOKEN}"}',
        method: 'POST',
      },
    });
    const environment = { CDN_TOKEN: token };

    const outputs: string[] = [];
    for (const [run, values] of [{}, { json: true }, {}, { 'dry-run': true }].entries()) {
      const result = await site.check(at(run), { environment, values });
      expect(result.code).toBe(0);
      outputs.push(result.stdout, result.stderr);
    }
    behaviours.set(target.path, { status: 200, body: `ok ${token}` });
    for (const run of [4, 5]) {
      const result = await site.check(at(run), { environment, values: { json: run === 5 } });
      outputs.push(result.stdout, result.stderr);
    }
    // The next day finalises the day's samples into the rollup.
    const nextDay = await site.check(FIXTURE_NOW + 24 * 60 * MINUTE, { environment });
    outputs.push(nextDay.stdout, nextDay.stderr);

    expect(outputs.join('\n')).toMatch(/\\?\[redacted\\?:CDN\\?_TOKEN\\?\]/);
    for (const text of outputs) expect(text).not.toContain(token);
    const files = await allFiles(site.root);
    expect([...files.keys()]).toContain('incidents/2026-03-10-cdn-status.md');
    expect([...files.keys()]).toContain('content/response-times/cdn.csv');
    for (const [file, text] of files) expect(text, file).not.toContain(token);
    await expectValid(site);
  });

  it('names a missing variable', async () => {
    const site = await siteWith({ cdn: { type: 'http', url: `${server.origin}/x`, headers: { 'X-Key': '${CDN_KEY}' } } });
    const result = await site.check(at(0));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'sitrep check: the environment variable `CDN_KEY` (used in the header `X-Key` of service `cdn`) is not set\n' +
        '  Fix: set each variable in the environment of `sitrep check`, for example from a repository secret in the workflow\n',
    );
  });
});

describe('rollups', () => {
  it('appends the day once', async () => {
    const web = endpoint({ status: 200, body: 'ok' });
    const site = await siteWith({ web: { type: 'http', url: web.url } });
    // The site's days are New York days; 2026-03-10 ends at 04:00 UTC on the 11th.
    for (let run = 0; run < 4; run++) await site.check(at(run));
    await expect(site.read('content/response-times/web.csv')).rejects.toThrow();

    const nextDay = Date.parse('2026-03-11T04:30:00Z');
    const first = await site.check(nextDay);
    expect(first.stdout).toContain('content/response-times/web.csv');
    const csv = await site.read('content/response-times/web.csv');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('date,count,min_ms,p50_ms,p95_ms,max_ms');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2026-03-10,4,\d+,\d+,\d+,\d+$/);

    await site.check(nextDay + 5 * MINUTE);
    expect(await site.read('content/response-times/web.csv')).toBe(csv);
    const state = await readState(site.statePath);
    expect(state.services.web!.samples!.date).toBe('2026-03-11');
    expect(state.services.web!.samples!.ms).toHaveLength(2);
    await expectValid(site);
  });

  it('appends to an existing file', async () => {
    const api = endpoint({ status: 200 });
    const site = await siteWith({ api: { type: 'http', url: api.url } });
    const before = await site.read('content/response-times/api.csv');
    await site.check(Date.parse('2026-03-11T12:00:00Z'));
    await site.check(Date.parse('2026-03-12T12:00:00Z'));
    const after = await site.read('content/response-times/api.csv');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toMatch(/^2026-03-11,1,(\d+),\1,\1,\1\n$/);
    await expectValid(site);
  });
});

describe('offline runner', () => {
  it('counts nothing when the control URL fails', async () => {
    const port = await closedPort();
    const site = await siteWith(
      { cdn: { type: 'http', url: `http://127.0.0.1:${port}/a` }, web: { type: 'tcp', host: '127.0.0.1', port } },
      { control_url: `http://127.0.0.1:${port}/control` },
    );
    for (let run = 0; run < 3; run++) {
      const result = await site.check(at(run), { values: { json: true } });
      const report = JSON.parse(result.stdout) as { offline: boolean; services: { action: string }[] };
      expect(report.offline).toBe(true);
      expect(report.services.map((service) => service.action)).toEqual(['runner offline: not counted', 'runner offline: not counted']);
    }
    expect(await site.incidentFiles()).toEqual(FIXTURE_INCIDENTS);
  });

  it('counts failures when the control URL works', async () => {
    const port = await closedPort();
    const control = endpoint({ status: 204 });
    const site = await siteWith({ cdn: { type: 'http', url: `http://127.0.0.1:${port}/a` } }, { control_url: control.url });
    await site.check(at(0));
    const second = await site.check(at(1));
    expect(second.stdout).toContain('opened incidents/2026-03-10-cdn-refused.md');
  });
});

describe('check command', () => {
  it('writes nothing on a dry run', async () => {
    const cdn = endpoint({ status: 503 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url } });
    await site.check(at(0));
    const state = await site.read('.sitrep/monitor-state.json');
    const dry = await site.check(at(1), { values: { 'dry-run': true } });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Dry run: checked 1 service in`);
    expect(dry.stdout).toContain(`  ${CDN_INCIDENT}\n  .sitrep/monitor-state.json\n`);
    expect(await site.incidentFiles()).toEqual(FIXTURE_INCIDENTS);
    expect(await site.read('.sitrep/monitor-state.json')).toBe(state);
  });

  it('checks only the chosen services', async () => {
    const cdn = endpoint({ status: 200 });
    const web = endpoint({ status: 200 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url }, web: { type: 'http', url: web.url } });
    const result = await site.check(at(0), { values: { only: ['web'], json: true } });
    const report = JSON.parse(result.stdout) as { services: { id: string }[] };
    expect(report.services.map((service) => service.id)).toEqual(['web']);
  });

  it('prints a table', async () => {
    const cdn = endpoint({ status: 503 });
    const web = endpoint({ status: 200 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url }, web: { type: 'http', url: web.url } });
    const result = await site.check(at(0));
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^SERVICE +RESULT +TIME +ACTION$/);
    expect(lines[1]).toMatch(new RegExp(`^web +up +\\d+ ms +-$`));
    expect(lines[2]).toMatch(new RegExp(`^cdn +down, status: HTTP 503 from GET ${cdn.path} +\\d+ ms +failing \\(1 of 2\\)$`));
  });

  it('reports invalid content', async () => {
    const site = await siteWith({ cdn: { type: 'http', url: `${server.origin}/x` } });
    await site.write('incidents/broken.md', '---\ntitle: Broken\n---\n');
    const result = await site.check(at(0));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sitrep check: the content has 1 problem, so no check ran\n {2}Fix: .*\n\nincidents\/broken\.md/);
  });

  it('runs checks side by side', async () => {
    const checks: Record<string, unknown> = {};
    const slow = endpoint({ status: 200, delayMs: 400 });
    for (const id of ['api', 'web', 'db', 'cdn']) checks[id] = { type: 'http', url: slow.url };
    const site = await siteWith(checks);
    const started = Date.now();
    const result = await site.check(at(0), { values: { json: true } });
    const elapsed = Date.now() - started;
    expect(JSON.parse(result.stdout).services).toHaveLength(4);
    // Four checks of 400 ms each take about 400 ms side by side, not 1.6 s.
    expect(elapsed).toBeLessThan(1_400);
  });

  it('retries with a delay', async () => {
    const cdn = endpoint({ status: 503 });
    const site = await siteWith({ cdn: { type: 'http', url: cdn.url } }, { retries: 2, retry_delay: '5ms' });
    const waits: number[] = [];
    const result = await site.check(at(0), { values: { json: true }, hooks: { wait: async (ms) => void waits.push(ms) } });
    expect(JSON.parse(result.stdout).services[0].attempts).toBe(3);
    expect(waits).toEqual([5, 10]);
  });
});
