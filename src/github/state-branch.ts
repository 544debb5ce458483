// Keeps the monitor's state file on a branch of its own, as one commit
// without parents that each save replaces. The main branch then gets no
// per-run commits, and the state branch never grows a history.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BOT_IDENTITY, git, GitError, identityEnvironment, runGit, type GitIdentity } from './git.ts';

/** The default name of the branch that contains the state file. */
export const DEFAULT_STATE_BRANCH = 'sitrep-state';

/** The file's name inside the state branch's single commit. */
export const STATE_FILE_IN_BRANCH = 'monitor-state.json';

export interface StateBranchOptions {
  /** The working folder of a clone of the repository. */
  cwd: string;
  remote?: string;
  branch?: string;
}

export interface RestoreResult {
  /** The state branch's commit that was restored, or undefined when the branch does not exist yet. */
  commit?: string;
}

/**
 * Writes the state file of the remote state branch to `statePath`. When the
 * branch does not exist yet, writes nothing and returns no commit, so the
 * monitor starts with an empty state. Pass the returned commit to
 * saveStateToBranch as the lease.
 */
export async function restoreStateFromBranch(options: StateBranchOptions, statePath: string): Promise<RestoreResult> {
  const { cwd } = options;
  const remote = options.remote ?? 'origin';
  const branch = options.branch ?? DEFAULT_STATE_BRANCH;

  const commit = await remoteCommit(cwd, remote, branch);
  if (commit === undefined) return {};

  await git(cwd, ['fetch', '--quiet', '--no-tags', remote, `refs/heads/${branch}`]);
  const text = await git(cwd, ['show', `${commit}:${STATE_FILE_IN_BRANCH}`]);
  await mkdir(path.dirname(statePath), { recursive: true });
  await writeFile(statePath, text);
  return { commit };
}

export interface SaveOptions extends StateBranchOptions {
  identity?: GitIdentity;
  /**
   * The commit the remote branch must still point at, as restoreStateFromBranch
   * returned it; `null` when the branch must not exist yet. When omitted, the
   * branch's current commit is looked up just before the push.
   */
  expected?: string | null;
  message?: string;
}

/**
 * Replaces the remote state branch with one new commit without parents,
 * holding only the state file. It pushes with `--force-with-lease` to that
 * branch only: the push fails instead of overwriting when another run saved
 * a newer state since `expected`. Returns the new commit.
 */
export async function saveStateToBranch(options: SaveOptions, statePath: string): Promise<string> {
  const { cwd } = options;
  const remote = options.remote ?? 'origin';
  const branch = options.branch ?? DEFAULT_STATE_BRANCH;
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) || branch === 'main' || branch === 'master') {
    throw new Error(`the state branch must not be \`${branch}\`, because each save force-pushes it; use a branch that contains only the state, such as ${DEFAULT_STATE_BRANCH}`);
  }
  const identity = options.identity ?? BOT_IDENTITY;

  const blob = (await git(cwd, ['hash-object', '-w', '--', path.resolve(statePath)])).trim();
  const tree = (await git(cwd, ['mktree'], {}, `100644 blob ${blob}\t${STATE_FILE_IN_BRANCH}\n`)).trim();
  const message = options.message ?? 'Save the monitor state';
  const commit = (await git(cwd, ['-c', 'commit.gpgsign=false', 'commit-tree', tree, '-m', message], identityEnvironment(identity))).trim();

  const expected = options.expected === undefined ? ((await remoteCommit(cwd, remote, branch)) ?? null) : options.expected;
  const lease = `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`;
  const push = await runGit(cwd, ['push', '--quiet', lease, remote, `${commit}:refs/heads/${branch}`]);
  if (push.code !== 0) throw new GitError(['push', lease, remote, `${commit}:refs/heads/${branch}`], push);
  return commit;
}

// The commit a remote branch points at, or undefined when it does not exist.
async function remoteCommit(cwd: string, remote: string, branch: string): Promise<string | undefined> {
  const output = await git(cwd, ['ls-remote', '--heads', remote, `refs/heads/${branch}`]);
  const line = output.split('\n').find((entry) => entry.endsWith(`\trefs/heads/${branch}`));
  return line?.split('\t')[0];
}
