// Saves and restores the monitor state on a branch of a real bare repository.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreStateFromBranch, saveStateToBranch, STATE_FILE_IN_BRANCH } from '../../src/github/state-branch.ts';
import { GitError } from '../../src/github/git.ts';
import { GitSandbox, gitSync, readIn, writeIn } from './git-repositories.ts';

const STATE = '.sitrep/monitor-state.json';
const sandboxes: GitSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

async function twoClones(): Promise<[GitSandbox, string, string]> {
  const repositories = await GitSandbox.create({ 'README.md': 'status\n' });
  sandboxes.push(repositories);
  return [repositories, await repositories.clone('run-1'), await repositories.clone('run-2')];
}

describe('state branch', () => {
  it('restores nothing before the first save', async () => {
    const [, clone] = await twoClones();

    const result = await restoreStateFromBranch({ cwd: clone }, path.join(clone, STATE));

    expect(result.commit).toBeUndefined();
    expect(existsSync(path.join(clone, STATE))).toBe(false);
  });

  it('keeps one commit without parents', async () => {
    const [repositories, clone] = await twoClones();
    await writeIn(clone, STATE, '{"version":1,"run":1}\n');
    const first = await saveStateToBranch({ cwd: clone, expected: null }, path.join(clone, STATE));
    await writeIn(clone, STATE, '{"version":1,"run":2}\n');

    const second = await saveStateToBranch({ cwd: clone, expected: first }, path.join(clone, STATE));

    expect(gitSync(repositories.remote, 'rev-parse', 'sitrep-state').trim()).toBe(second);
    expect(gitSync(repositories.remote, 'rev-list', '--count', 'sitrep-state').trim()).toBe('1');
    expect(gitSync(repositories.remote, 'ls-tree', '--name-only', 'sitrep-state').trim()).toBe(STATE_FILE_IN_BRANCH);
    expect(repositories.show('sitrep-state', STATE_FILE_IN_BRANCH)).toBe('{"version":1,"run":2}\n');
    expect(gitSync(repositories.remote, 'rev-list', '--count', 'main').trim()).toBe('1');
  });

  it('restores the saved state in another clone', async () => {
    const [, first, second] = await twoClones();
    await writeIn(first, STATE, '{"version":1}\n');
    const saved = await saveStateToBranch({ cwd: first }, path.join(first, STATE));

    const result = await restoreStateFromBranch({ cwd: second }, path.join(second, STATE));

    expect(result.commit).toBe(saved);
    expect(await readIn(second, STATE)).toBe('{"version":1}\n');
  });

  it('rejects a save over a newer state', async () => {
    const [repositories, first, second] = await twoClones();
    await writeIn(first, STATE, '{"run":1}\n');
    await saveStateToBranch({ cwd: first }, path.join(first, STATE));
    const restored = await restoreStateFromBranch({ cwd: second }, path.join(second, STATE));
    await writeIn(first, STATE, '{"run":2}\n');
    const newer = await saveStateToBranch({ cwd: first }, path.join(first, STATE));
    await writeIn(second, STATE, '{"run":"stale"}\n');

    const failure = await saveStateToBranch({ cwd: second, expected: restored.commit }, path.join(second, STATE)).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(GitError);
    expect(gitSync(repositories.remote, 'rev-parse', 'sitrep-state').trim()).toBe(newer);
  });

  it('rejects main as state branch', async () => {
    const [, clone] = await twoClones();
    await writeIn(clone, STATE, '{}\n');

    await expect(saveStateToBranch({ cwd: clone, branch: 'main' }, path.join(clone, STATE))).rejects.toThrow(/the state branch must not be `main`/);
  });
});
