// Runs the real `sitrep check` and `sitrep heartbeat` commands as child
// processes on copies of the basic fixture site, against servers on 127.0.0.1.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../src/monitor/state-file.ts';
import { startHttpServer, type RunningServer } from './servers.ts';
import { allFiles, TestSite } from './site.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SITREP = path.join(REPOSITORY_ROOT, 'scripts', 'sitrep.mjs');
const execFileAsync = promisify(execFile);

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function sitrep(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const environment = { ...process.env, GITHUB_ACTIONS: '', SITREP_DEBUG: '', SITREP_ROOT: '', ...env };
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [SITREP, ...args], { cwd: REPOSITORY_ROOT, env: environment });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw error;
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

let server: RunningServer;
const sites: TestSite[] = [];

beforeAll(async () => {
  server = await startHttpServer((request, response) => {
    if (request.url === '/down') {
      response.statusMessage = `echo ${String(request.headers.authorization)}`;
      response.writeHead(503).end();
    }
    else response.writeHead(200).end('ok');
  });
});

afterAll(async () => {
  await server.close();
  for (const site of sites) await site.remove();
});

async function siteWith(checks: Record<string, unknown>, monitor: Record<string, unknown> = {}): Promise<TestSite> {
  const site = await TestSite.create(checks, monitor);
  sites.push(site);
  return site;
}

describe('sitrep check', () => {
  it('prints its help', async () => {
    const result = await sitrep(['check', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: sitrep check \[options\]/);
    const listed = await sitrep(['help', 'heartbeat']);
    expect(listed.stdout).toMatch(/^Usage: sitrep heartbeat <service> \[options\]/);
  });

  it('rejects options of other commands', async () => {
    const result = await sitrep(['check', '--title', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('sitrep check: the option --title does not apply to this command.');
  });

  it('exits 0 with failing services', async () => {
    const site = await siteWith({ cdn: { type: 'http', url: `${server.origin}/down` }, web: { type: 'http', url: `${server.origin}/up` } });
    const result = await sitrep(['check', '--root', site.root, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { services: { id: string; outcome: string }[] };
    expect(report.services.map((service) => [service.id, service.outcome])).toEqual([
      ['web', 'up'],
      ['cdn', 'down'],
    ]);
  });

  it('takes services after --only', async () => {
    const site = await siteWith({ cdn: { type: 'http', url: `${server.origin}/up` }, web: { type: 'http', url: `${server.origin}/up` }, api: { type: 'http', url: `${server.origin}/up` } });
    const result = await sitrep(['check', '--root', site.root, '--json', '--only', 'cdn', 'web']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { services: { id: string }[] };
    expect(report.services.map((service) => service.id)).toEqual(['web', 'cdn']);
  });

  it('keeps secrets out of output', async () => {
    const token = 'cli-secret-7c1d';
    const site = await siteWith({ cdn: { type: 'http', url: `${server.origin}/down`, headers: { Authorization: '${CDN_TOKEN}' } } });
    const outputs: string[] = [];
    for (const args of [[], ['--json'], ['--dry-run']]) {
      const result = await sitrep(['check', '--root', site.root, ...args], { CDN_TOKEN: token });
      expect(result.code).toBe(0);
      outputs.push(result.stdout, result.stderr);
    }
    expect(outputs.join('\n')).toMatch(/\\?\[redacted\\?:CDN\\?_TOKEN\\?\]/);
    for (const output of outputs) expect(output).not.toContain(token);
    for (const [file, text] of await allFiles(site.root)) expect(text, file).not.toContain(token);
  });

  it('exits 1 without a variable', async () => {
    const site = await siteWith({ cdn: { type: 'http', url: `${server.origin}/up`, headers: { Authorization: '${CDN_TOKEN}' } } });
    const result = await sitrep(['check', '--root', site.root], { CDN_TOKEN: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('`CDN_TOKEN` (used in the header `Authorization` of service `cdn`) is not set');
  });
});

describe('sitrep heartbeat', () => {
  it('records a beat', async () => {
    const site = await siteWith({ db: { type: 'heartbeat', period: '1h', grace: '10m' } });
    const result = await sitrep(['heartbeat', 'db', '--root', site.root]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Recorded a heartbeat of db at \d{4}-\d\d-\d\dT/);
    const state = await readState(site.statePath);
    expect(state.services.db!.heartbeat!.lastBeat).toBeDefined();

    const check = await sitrep(['check', '--root', site.root, '--json']);
    const report = JSON.parse(check.stdout) as { services: { outcome: string; message: string }[] };
    expect(report.services[0]!.outcome).toBe('up');
    expect(report.services[0]!.message).toMatch(/^last heartbeat at /);
  });

  it('rejects a service without heartbeat', async () => {
    const site = await siteWith({ db: { type: 'heartbeat', period: '1h' } });
    const unknown = await sitrep(['heartbeat', 'dbb', '--root', site.root]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('sitrep heartbeat: unknown service `dbb`\n  Fix: did you mean `db`?\n');
    const other = await sitrep(['heartbeat', 'api', '--root', site.root]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('the service `api` has no heartbeat check');
  });

  it('opens an incident for missed beats', async () => {
    const site = await siteWith({ db: { type: 'heartbeat', period: '10m' } });
    const start = Date.parse('2026-03-10T12:00:00Z');
    // The db service is under maintenance in the fixture from 11:00 on the 10th, so the test runs the day before.
    const dayBefore = start - 24 * 3_600_000;
    const first = await site.check(dayBefore);
    expect(first.stdout).toContain('up');
    await site.check(dayBefore + 11 * 60_000);
    const opened = await site.check(dayBefore + 16 * 60_000);
    expect(opened.stdout).toContain('opened incidents/2026-03-09-db-heartbeat.md');
    expect(await site.read('incidents/2026-03-09-db-heartbeat.md')).toContain('title: Database missed its heartbeat');
  });
});
