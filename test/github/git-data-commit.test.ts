import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/alerts/github-issues.ts';
import { appendUpdate } from '../../src/authoring/append-update.ts';
import { commitWithGitData, type GitDataCommitOptions } from '../../src/github/git-data-commit.ts';
import { PushFailure } from '../../src/github/push-with-retry.ts';
import { GitDataMock } from './git-data-mock.ts';

// Runs each throttled write at once; the real limiters space writes 1 s and 3 s apart.
const immediate = { key: () => ({ schedule: async (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => job(...args) }) };

const INCIDENT = 'incidents/2026-03-10-api-errors.md';
const RESPONSE_TIMES = 'content/response-times/api.csv';
const BASE = `---
title: Elevated API errors
affected:
  api: partial_outage
started: 2026-03-10T10:00:00Z
automated: true
updates:
  - at: 2026-03-10T10:05:00Z
    status: investigating
    message: 'HTTP 503 from GET /health'
---
`;
const IDENTIFIED = { at: '2026-03-10T10:20:00Z', status: 'identified', message: 'A bad deploy.' };
const RESOLVED = { at: '2026-03-10T10:40:00Z', status: 'resolved', message: 'The check passes again.' };

let github: GitDataMock;
let logs: string[];
let waits: number[];

beforeEach(async () => {
  github = await GitDataMock.start();
  github.commitFiles('main', { [INCIDENT]: BASE, [RESPONSE_TIMES]: 'date,ms\n2026-03-09,120\n', 'content/config.yml': 'title: Status\n' }, 'Initial commit');
  logs = [];
  waits = [];
});

afterEach(async () => {
  expect(github.refUpdates().map((update) => update.force)).not.toContain(true);
  await github.close();
});

function commit(options: Partial<GitDataCommitOptions> = {}) {
  const octokit = createGitHubClient({ token: 'test-token', baseUrl: github.url, log: (line) => logs.push(line), limiters: { write: immediate, notifications: immediate } });
  return commitWithGitData(octokit, {
    owner: 'acme',
    repo: 'status',
    branch: 'main',
    message: 'api: resolved',
    files: [
      { path: INCIDENT, content: appendUpdate(BASE, RESOLVED) },
      { path: RESPONSE_TIMES, content: 'date,ms\n2026-03-09,120\n2026-03-10,140\n' },
    ],
    backoff: (retry) => 100 * retry,
    wait: async (milliseconds) => void waits.push(milliseconds),
    log: (line) => logs.push(line),
    ...options,
  });
}

describe('commitWithGitData', () => {
  it('commits files on the branch head', async () => {
    const before = github.refs.get('heads/main')!;
    const result = await commit();

    expect(result).toEqual({ status: 'pushed', commit: github.refs.get('heads/main'), attempts: 1, merged: [] });
    expect(github.commits.get(result.commit!)).toMatchObject({ parents: [before], message: 'api: resolved' });
    expect(github.fileAt('main', INCIDENT)).toBe(appendUpdate(BASE, RESOLVED));
    expect(github.fileAt('main', RESPONSE_TIMES)).toContain('2026-03-10,140');
    expect(github.fileAt('main', 'content/config.yml')).toBe('title: Status\n');
    expect(github.calls()).toEqual([
      'GET /git/ref/heads/main',
      `GET /git/commits/${before}`,
      'POST /git/blobs',
      'POST /git/blobs',
      'POST /git/trees',
      'POST /git/commits',
      'PATCH /git/refs/heads/main',
    ]);
    expect(github.refUpdates()).toEqual([{ sha: result.commit, force: false }]);
  });

  it('returns nothing to commit for unchanged files', async () => {
    const before = github.refs.get('heads/main')!;
    const result = await commit({ files: [{ path: INCIDENT, content: BASE }] });

    expect(result.status).toBe('nothing to commit');
    expect(github.refs.get('heads/main')).toBe(before);
    expect(github.refUpdates()).toEqual([]);
  });

  it('merges appended updates after a ref move', async () => {
    let moved: string | undefined;
    github.beforeRefUpdate = () => {
      if (moved === undefined) moved = github.commitFiles('main', { [INCIDENT]: appendUpdate(BASE, IDENTIFIED) }, 'A person adds an update');
    };
    const result = await commit();

    expect(result.status).toBe('pushed');
    expect(result.attempts).toBe(2);
    expect(result.merged).toEqual([INCIDENT]);
    expect(github.commits.get(result.commit!)!.parents).toEqual([moved]);
    expect(github.fileAt('main', INCIDENT)).toBe(appendUpdate(appendUpdate(BASE, IDENTIFIED), RESOLVED));
    expect(github.fileAt('main', RESPONSE_TIMES)).toContain('2026-03-10,140');
    expect(github.refUpdates()).toHaveLength(2);
    expect(github.calls()).toContain(`GET /contents/${INCIDENT}`);
    expect(waits).toEqual([100]);
    expect(logs.join('\n')).toContain(`Resolved the conflict in ${INCIDENT}`);
  });

  it('keeps files that only the other writer left alone', async () => {
    let moved = false;
    github.beforeRefUpdate = () => {
      if (!moved) github.commitFiles('main', { 'content/config.yml': 'title: Renamed\n' });
      moved = true;
    };
    const result = await commit();

    expect(result).toMatchObject({ status: 'pushed', attempts: 2, merged: [] });
    expect(github.fileAt('main', 'content/config.yml')).toBe('title: Renamed\n');
    expect(github.fileAt('main', INCIDENT)).toBe(appendUpdate(BASE, RESOLVED));
  });

  it('gives up after the last attempt', async () => {
    let other = 0;
    github.beforeRefUpdate = () => void github.commitFiles('main', { 'content/other.txt': `change ${++other}\n` });

    const failure = await commit({ attempts: 3 }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PushFailure);
    expect((failure as PushFailure).message).toContain('still rejected after 3 attempts');
    expect(github.refUpdates()).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
    expect(github.fileAt('main', INCIDENT)).toBe(BASE);
  });

  it('stops on a conflict it cannot merge', async () => {
    let moved = false;
    github.beforeRefUpdate = () => {
      if (!moved) github.commitFiles('main', { [RESPONSE_TIMES]: 'date,ms\n2026-03-09,999\n' });
      moved = true;
    };

    const failure = await commit().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PushFailure);
    expect((failure as PushFailure).message).toContain(`conflicts in ${RESPONSE_TIMES}`);
    expect((failure as PushFailure).message).toContain('only incident files are merged automatically');
    expect(github.refUpdates()).toHaveLength(1);
    expect(github.fileAt('main', INCIDENT)).toBe(BASE);
  });

  it('stops when an incident update follows resolved', async () => {
    let moved = false;
    github.beforeRefUpdate = () => {
      if (!moved) github.commitFiles('main', { [INCIDENT]: appendUpdate(BASE, { ...IDENTIFIED, at: '2026-03-10T10:30:00Z', status: 'resolved' }) });
      moved = true;
    };

    const failure = await commit({ files: [{ path: INCIDENT, content: appendUpdate(BASE, { ...RESOLVED, status: 'monitoring' }) }] }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PushFailure);
    expect((failure as PushFailure).message).toContain('would be invalid');
    expect(github.refUpdates()).toHaveLength(1);
  });

  it('reports a missing branch', async () => {
    const failure = await commit({ branch: 'missing' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PushFailure);
    expect((failure as PushFailure).message).toContain('HTTP 404');
  });
});

describe('sitrep commit-results --via api', () => {
  const SITREP = fileURLToPath(new URL('../../scripts/sitrep.mjs', import.meta.url));
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sitrep-via-api-'));
    await mkdir(path.join(root, 'incidents'));
    await mkdir(path.join(root, '.sitrep'));
    await writeFile(path.join(root, INCIDENT), appendUpdate(BASE, RESOLVED));
    await writeFile(path.join(root, '.sitrep/monitor-state.json'), '{}\n');
    const report = {
      services: [{ id: 'api', outcome: 'up', message: '', action: `resolved ${INCIDENT}`, files: [INCIDENT] }],
      writes: [INCIDENT, '.sitrep/monitor-state.json'],
    };
    await writeFile(path.join(root, 'report.json'), JSON.stringify(report));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function sitrep(environment: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, SITREP_ROOT: '', GITHUB_ACTIONS: '', GITHUB_TOKEN: '', SITREP_GITHUB_TOKEN: '', GITHUB_REPOSITORY: '', GITHUB_REF_NAME: '', ...environment };
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [SITREP, 'commit-results', '--report', 'report.json', ...args], { cwd: root, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  }

  it('commits the listed result files', async () => {
    const result = await sitrep({ GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'acme/status', GITHUB_REF_NAME: 'main', SITREP_GITHUB_API_URL: github.url }, '--via', 'api');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('through the GitHub API on attempt 1');
    expect(github.fileAt('main', INCIDENT)).toBe(appendUpdate(BASE, RESOLVED));
    expect(github.fileAt('main', '.sitrep/monitor-state.json')).toBeUndefined();
    expect(github.commits.get(github.refs.get('heads/main')!)!.message).toBe('api: resolved');
  });

  it('rejects a missing token', async () => {
    const result = await sitrep({ GITHUB_REPOSITORY: 'acme/status', SITREP_GITHUB_API_URL: github.url }, '--via', 'api', '--branch', 'main');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--via api needs SITREP_GITHUB_TOKEN or GITHUB_TOKEN');
    expect(github.calls()).toEqual([]);
  });

  it('rejects an unknown --via value', async () => {
    const result = await sitrep({}, '--via', 'svn');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--via must be `git` or `api`, not `svn`');
  });
});
