// `sitrep commit-results` and `sitrep state` as child processes, on real clones of a bare repository.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { resultsCommitMessage, type CheckReportJson } from '../../src/github/commit-results.ts';
import { GitSandbox, gitSync, readIn, writeIn } from './git-repositories.ts';

const SITREP = fileURLToPath(new URL('../../scripts/sitrep.mjs', import.meta.url));
const execFileAsync = promisify(execFile);

const sandboxes: GitSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

function service(id: string, action: string, message = ''): CheckReportJson['services'][number] {
  return { id, outcome: message ? 'down' : 'up', message, action, files: [] };
}

async function sitrep(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, SITREP_ROOT: '', GITHUB_ACTIONS: '', GIT_TERMINAL_PROMPT: '0' };
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [SITREP, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('resultsCommitMessage', () => {
  it('names an opened incident with its failure', () => {
    const message = resultsCommitMessage({
      services: [service('api', 'opened incidents/2026-03-10-api-status.md', 'HTTP 503 from GET /health'), service('web', '')],
      writes: [],
    });
    expect(message).toBe('api: investigating — HTTP 503 from GET /health');
  });

  it('lists several services in the body', () => {
    const message = resultsCommitMessage({
      services: [service('api', 'resolved incidents/a.md'), service('db', 'marked incidents/b.md as a major outage', 'connection refused by db:5432')],
      writes: [],
    });
    expect(message).toBe('Record check results for 2 services\n\n- api: resolved\n- db: major outage — connection refused by db:5432\n');
  });

  it('falls back to response times', () => {
    expect(resultsCommitMessage({ services: [service('api', 'failing (1 of 2)', 'HTTP 503 from GET /health')], writes: [] })).toBe('Record daily response times');
  });
});

describe('sitrep commit-results', () => {
  it('commits only results and pushes', async () => {
    const repositories = await GitSandbox.create({ 'incidents/.gitkeep': '', 'content/config.yml': 'title: A\n' });
    sandboxes.push(repositories);
    const clone = await repositories.clone('runner');
    await writeIn(clone, 'incidents/2026-03-10-api-status.md', '---\ntitle: x\n---\n');
    await writeIn(clone, 'content/response-times/api.csv', 'date,count\n');
    await writeIn(clone, 'content/config.yml', 'title: Changed by hand\n');
    const report = path.join(repositories.folder, 'report.json');
    await writeIn(repositories.folder, 'report.json', JSON.stringify({
      services: [service('api', 'opened incidents/2026-03-10-api-status.md', 'HTTP 503 from GET /health')],
      writes: [],
    }));

    const result = await sitrep(clone, 'commit-results', '--report', report, '--root', clone);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(gitSync(repositories.remote, 'log', '-1', '--format=%s', 'main').trim()).toBe('api: investigating — HTTP 503 from GET /health');
    expect(gitSync(repositories.remote, 'show', '--name-only', '--format=', 'main').trim().split('\n').sort()).toEqual([
      'content/response-times/api.csv',
      'incidents/2026-03-10-api-status.md',
    ]);
  });

  it('does nothing without changes', async () => {
    const repositories = await GitSandbox.create({ 'incidents/.gitkeep': '' });
    sandboxes.push(repositories);
    const clone = await repositories.clone('runner');
    await writeIn(repositories.folder, 'report.json', '{"services":[],"writes":[]}');

    const result = await sitrep(clone, 'commit-results', '--report', path.join(repositories.folder, 'report.json'), '--root', clone);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to commit');
    expect(gitSync(repositories.remote, 'rev-list', '--count', 'main').trim()).toBe('1');
  });

  it('rejects a missing report option', async () => {
    const result = await sitrep(process.cwd(), 'commit-results');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --report FILE');
  });
});

describe('sitrep state', () => {
  it('restores, saves and restores again', async () => {
    const repositories = await GitSandbox.create({ 'incidents/.gitkeep': '' });
    sandboxes.push(repositories);
    const [first, second] = [await repositories.clone('run-1'), await repositories.clone('run-2')];

    const empty = await sitrep(first, 'state', 'restore', '--root', first);
    expect(empty.stdout).toContain('does not exist yet');
    await writeIn(first, '.sitrep/monitor-state.json', '{"version":1}\n');
    const saved = await sitrep(first, 'state', 'save', '--root', first);
    expect(saved.code).toBe(0);
    const restored = await sitrep(second, 'state', 'restore', '--root', second);

    expect(restored.code).toBe(0);
    expect(await readIn(second, '.sitrep/monitor-state.json')).toBe('{"version":1}\n');
  });

  it('rejects a save over newer state', async () => {
    const repositories = await GitSandbox.create({ 'incidents/.gitkeep': '' });
    sandboxes.push(repositories);
    const [first, second] = [await repositories.clone('run-1'), await repositories.clone('run-2')];
    await sitrep(first, 'state', 'restore', '--root', first);
    await sitrep(second, 'state', 'restore', '--root', second);
    await writeIn(first, '.sitrep/monitor-state.json', '{"run":1}\n');
    await writeIn(second, '.sitrep/monitor-state.json', '{"run":2}\n');
    expect((await sitrep(first, 'state', 'save', '--root', first)).code).toBe(0);

    const late = await sitrep(second, 'state', 'save', '--root', second);

    expect(late.code).toBe(1);
    expect(late.stderr).toContain('stale info');
    expect(repositories.show('sitrep-state', 'monitor-state.json')).toBe('{"run":1}\n');
  });
});
