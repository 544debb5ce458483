// Pushes from real clones of a bare repository in a temporary folder.
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendUpdate } from '../../src/authoring/append-update.ts';
import { commitAndPush, PushFailure, type PushOptions } from '../../src/github/push-with-retry.ts';
import { BOT_IDENTITY } from '../../src/github/git.ts';
import { GitSandbox, gitSync, readIn, writeIn } from './git-repositories.ts';

const INCIDENT_FILE = 'incidents/2026-03-10-api-status.md';
const INCIDENT = `---
title: Public API is returning errors
affected:
  api: major_outage
started: 2026-03-10T12:00:00Z
automated: true
updates:
  - at: 2026-03-10T12:05:00Z
    status: investigating
    message: "The automated check failed: HTTP 503 from GET /health."
---
`;
const FIRST = { at: '2026-03-10T12:20:00Z', status: 'identified', message: 'A bad deploy; rolling back.' };
const SECOND = { at: '2026-03-10T12:30:00Z', status: 'monitoring', message: 'The check passes again.' };

const sandboxes: GitSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

async function sandbox(files: Record<string, string> = { [INCIDENT_FILE]: INCIDENT, 'content/config.yml': 'title: A\n' }): Promise<GitSandbox> {
  const created = await GitSandbox.create(files);
  sandboxes.push(created);
  return created;
}

function push(cwd: string, message: string, extra: Partial<PushOptions> = {}) {
  return commitAndPush({ cwd, message, backoff: () => 0, ...extra });
}

async function stage(clone: string, file: string, text: string): Promise<void> {
  await writeIn(clone, file, text);
  gitSync(clone, 'add', '--', file);
}

function rebaseInProgress(clone: string): boolean {
  return existsSync(path.join(clone, '.git', 'rebase-merge')) || existsSync(path.join(clone, '.git', 'rebase-apply'));
}

describe('commitAndPush', () => {
  it('does nothing without staged changes', async () => {
    const repositories = await sandbox();
    const clone = await repositories.clone('a');

    const result = await push(clone, 'Nothing');

    expect(result.status).toBe('nothing to commit');
    expect(gitSync(repositories.remote, 'rev-list', '--count', 'main').trim()).toBe('1');
  });

  it('commits as the bot and pushes', async () => {
    const repositories = await sandbox();
    const clone = await repositories.clone('a');
    await stage(clone, 'content/response-times/api.csv', 'date,count\n');

    const result = await push(clone, 'api: investigating — HTTP 503 from GET /health');

    expect(result).toMatchObject({ status: 'pushed', attempts: 1, merged: [] });
    expect(repositories.show('main', 'content/response-times/api.csv')).toBe('date,count\n');
    expect(gitSync(repositories.remote, 'log', '-1', '--format=%an <%ae>|%cn|%s', 'main').trim()).toBe(
      `${BOT_IDENTITY.name} <${BOT_IDENTITY.email}>|${BOT_IDENTITY.name}|api: investigating — HTTP 503 from GET /health`,
    );
  });

  it('rebases and retries when two clones push at once', async () => {
    const repositories = await sandbox();
    const [a, b] = [await repositories.clone('a'), await repositories.clone('b')];
    await stage(a, 'content/response-times/api.csv', 'a\n');
    await stage(b, 'content/response-times/web.csv', 'b\n');

    const results = await Promise.all([push(a, 'From a'), push(b, 'From b')]);

    expect(results.map((result) => result.status)).toEqual(['pushed', 'pushed']);
    expect(Math.max(...results.map((result) => result.attempts))).toBeGreaterThanOrEqual(2);
    expect(repositories.show('main', 'content/response-times/api.csv')).toBe('a\n');
    expect(repositories.show('main', 'content/response-times/web.csv')).toBe('b\n');
    expect(gitSync(repositories.remote, 'rev-list', '--count', 'main').trim()).toBe('3');
    // History stays linear: no merge commits.
    expect(gitSync(repositories.remote, 'rev-list', '--merges', 'main').trim()).toBe('');
  });

  it('rebases over unstaged changes', async () => {
    const repositories = await sandbox();
    const [a, b] = [await repositories.clone('a'), await repositories.clone('b')];
    await stage(a, 'content/response-times/api.csv', 'a\n');
    await push(a, 'From a');
    await stage(b, 'content/response-times/web.csv', 'b\n');
    await writeIn(b, 'content/config.yml', 'title: Not committed\n');

    const result = await push(b, 'From b');

    expect(result.status).toBe('pushed');
    expect(repositories.show('main', 'content/config.yml')).toBe('title: A\n');
    expect(await readIn(b, 'content/config.yml')).toBe('title: Not committed\n');
  });

  it('keeps both sides of appended updates', async () => {
    const repositories = await sandbox();
    const [person, monitor] = [await repositories.clone('person'), await repositories.clone('monitor')];
    await stage(person, INCIDENT_FILE, appendUpdate(INCIDENT, FIRST));
    expect((await push(person, 'Post an update')).status).toBe('pushed');
    await stage(monitor, INCIDENT_FILE, appendUpdate(INCIDENT, SECOND));

    const result = await push(monitor, 'api: monitoring');

    expect(result).toMatchObject({ status: 'pushed', attempts: 2, merged: [INCIDENT_FILE] });
    expect(repositories.show('main', INCIDENT_FILE)).toBe(appendUpdate(appendUpdate(INCIDENT, FIRST), SECOND));
    expect(rebaseInProgress(monitor)).toBe(false);
  });

  it('orders interleaved appended updates by time', async () => {
    const repositories = await sandbox();
    const [person, monitor] = [await repositories.clone('person'), await repositories.clone('monitor')];
    await stage(person, INCIDENT_FILE, appendUpdate(INCIDENT, SECOND));
    await push(person, 'Post the later update');
    await stage(monitor, INCIDENT_FILE, appendUpdate(INCIDENT, FIRST));

    await push(monitor, 'Post the earlier update');

    expect(repositories.show('main', INCIDENT_FILE)).toBe(appendUpdate(appendUpdate(INCIDENT, FIRST), SECOND));
  });

  it('aborts on a conflict it cannot merge', async () => {
    const repositories = await sandbox();
    const [a, b] = [await repositories.clone('a'), await repositories.clone('b')];
    await stage(a, 'content/config.yml', 'title: From a\n');
    await push(a, 'Retitle from a');
    await stage(b, 'content/config.yml', 'title: From b\n');

    const failure = await push(b, 'Retitle from b').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PushFailure);
    expect((failure as PushFailure).message).toContain('conflicts in content/config.yml: only incident files are merged automatically');
    expect(rebaseInProgress(b)).toBe(false);
    expect(gitSync(b, 'log', '-1', '--format=%s').trim()).toBe('Retitle from b');
    expect(repositories.show('main', 'content/config.yml')).toBe('title: From a\n');
  });

  it('aborts when an update would follow the resolved one', async () => {
    const repositories = await sandbox();
    const [person, monitor] = [await repositories.clone('person'), await repositories.clone('monitor')];
    await stage(person, INCIDENT_FILE, appendUpdate(INCIDENT, { at: '2026-03-10T12:15:00Z', status: 'resolved', message: 'Fixed.' }));
    await push(person, 'Resolve');
    await stage(monitor, INCIDENT_FILE, appendUpdate(INCIDENT, SECOND));

    const failure = await push(monitor, 'api: monitoring').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PushFailure);
    expect((failure as PushFailure).message).toContain('the merged incident would be invalid');
    expect(rebaseInProgress(monitor)).toBe(false);
  });

  it('aborts when one side edited more than the updates', async () => {
    const repositories = await sandbox();
    const [person, monitor] = [await repositories.clone('person'), await repositories.clone('monitor')];
    await stage(person, INCIDENT_FILE, appendUpdate(INCIDENT, FIRST));
    await push(person, 'Update');
    await stage(monitor, INCIDENT_FILE, appendUpdate(INCIDENT.replace('returning errors', 'failing'), SECOND));

    const failure = await push(monitor, 'Retitle').catch((error: unknown) => error);

    expect((failure as PushFailure).message).toContain('the local version changes more than appended updates');
  });

  it('gives up after the last attempt', async () => {
    const repositories = await sandbox();
    const [a, rival] = [await repositories.clone('a'), await repositories.clone('rival')];
    // Right before every push of `a`, the rival moves the branch, so every push loses the race.
    const hook = path.join(a, '.git', 'hooks', 'pre-push');
    await writeIn(a, '.git/hooks/pre-push', [
      '#!/bin/sh',
      'unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE',
      `git -C '${rival}' commit --quiet --allow-empty -m Rival`,
      `git -C '${rival}' push --quiet origin HEAD:refs/heads/main`,
      'cat > /dev/null',
      '',
    ].join('\n'));
    await chmod(hook, 0o755);
    await stage(a, 'content/response-times/api.csv', 'a\n');
    const waits: number[] = [];

    const failure = await push(a, 'From a', { attempts: 3, backoff: (retry) => retry * 10, wait: async (milliseconds) => void waits.push(milliseconds) })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PushFailure);
    expect((failure as PushFailure).message).toBe('the push to origin/main was still rejected after 3 attempts');
    expect(waits).toEqual([10, 20]);
    expect(gitSync(repositories.remote, 'log', '--format=%s', 'main').split('\n')).not.toContain('From a');
    expect(gitSync(a, 'log', '-1', '--format=%s').trim()).toBe('From a');
  });

  it('does not retry a push that fails for another reason', async () => {
    const repositories = await sandbox();
    const clone = await repositories.clone('a');
    gitSync(clone, 'remote', 'set-url', 'origin', path.join(repositories.folder, 'missing.git'));
    await stage(clone, 'content/response-times/api.csv', 'a\n');

    const failure = await push(clone, 'From a').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PushFailure);
    expect((failure as PushFailure).message).toMatch(/^git push to origin\/main failed/);
  });

  it('never force-pushes', async () => {
    const repositories = await sandbox();
    const [a, b] = [await repositories.clone('a'), await repositories.clone('b')];
    await stage(a, 'content/config.yml', 'title: From a\n');
    await push(a, 'From a');
    const before = gitSync(repositories.remote, 'rev-parse', 'main').trim();
    await stage(b, 'content/config.yml', 'title: From b\n');

    await push(b, 'From b').catch(() => undefined);

    expect(gitSync(repositories.remote, 'rev-parse', 'main').trim()).toBe(before);
    expect(await readIn(a, 'content/config.yml')).toBe('title: From a\n');
  });
});
