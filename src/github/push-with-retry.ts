// Commits staged changes and pushes them to a branch that other writers
// push to as well, such as people merging pull requests while a scheduled
// check runs. A rejected push is rebased onto the new remote branch and
// tried again. It never force-pushes.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BOT_IDENTITY, git, GitError, identityEnvironment, runGit, type GitIdentity } from './git.ts';
import { AppendMergeError, mergeAppendedUpdates } from './merge-appended-updates.ts';

export interface PushOptions {
  /** The working folder of the local clone. */
  cwd: string;
  message: string;
  identity?: GitIdentity;
  remote?: string;
  /** The remote branch to push to; default: the current branch. */
  branch?: string;
  /** Push attempts in all, the first included. Default 5. */
  attempts?: number;
  /** The wait before retry `retry` (1 for the first retry), in milliseconds. Default: 1 s, 2 s, 4 s … plus up to 1 s of jitter. */
  backoff?: (retry: number) => number;
  wait?: (milliseconds: number) => Promise<void>;
  log?: (line: string) => void;
}

export interface PushResult {
  status: 'pushed' | 'nothing to commit';
  /** The pushed commit. */
  commit?: string;
  /** How many pushes were tried. */
  attempts: number;
  /** Incident files whose rebase conflict was resolved by keeping both sides' appended updates. */
  merged: string[];
}

/** A push that did not succeed; the local commit is kept and no rebase is left in progress. */
export class PushFailure extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'PushFailure';
  }
}

// A push that lost a race: the branch moved, or another push held its lock.
// Anything else, such as a missing permission, is not retried.
const REJECTED = /\[rejected\]|\(fetch first\)|\(non-fast-forward\)|\[remote rejected\].*(?:cannot lock ref|failed to update ref|incorrect old value)/;

/**
 * Commits the staged changes in `cwd` as `identity` with `message` and
 * pushes the commit. On a rejected push it fetches, rebases onto the remote
 * branch and tries again, up to `attempts` pushes with backoff. When both
 * sides only appended updates to an incident file, mergeAppendedUpdates
 * resolves the rebase conflict. Any other conflict aborts the rebase and
 * throws PushFailure. Returns `nothing to commit` when nothing is staged.
 */
export async function commitAndPush(options: PushOptions): Promise<PushResult> {
  const { cwd, message } = options;
  const identity = options.identity ?? BOT_IDENTITY;
  const remote = options.remote ?? 'origin';
  const attempts = options.attempts ?? 5;
  const backoff = options.backoff ?? ((retry: number) => 1000 * 2 ** (retry - 1) + Math.random() * 1000);
  const wait = options.wait ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const log = options.log ?? (() => {});
  const branch = options.branch ?? (await git(cwd, ['symbolic-ref', '--short', 'HEAD'])).trim();

  const staged = await runGit(cwd, ['diff', '--cached', '--quiet']);
  if (staged.code === 0) return { status: 'nothing to commit', attempts: 0, merged: [] };
  if (staged.code !== 1) throw new GitError(['diff', '--cached', '--quiet'], staged);

  // Hooks and signing belong to people's clones, not to a bot's commit.
  await git(cwd, ['-c', 'commit.gpgsign=false', 'commit', '--no-verify', '--quiet', '-m', message], identityEnvironment(identity));

  const merged: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const push = await runGit(cwd, ['push', '--porcelain', remote, `HEAD:refs/heads/${branch}`]);
    if (push.code === 0) {
      const commit = (await git(cwd, ['rev-parse', 'HEAD'])).trim();
      log(`Pushed ${commit.slice(0, 7)} to ${remote}/${branch} on attempt ${attempt}.`);
      return { status: 'pushed', commit, attempts: attempt, merged };
    }
    if (!REJECTED.test(`${push.stdout}\n${push.stderr}`)) {
      throw new PushFailure(`git push to ${remote}/${branch} failed: ${push.stderr.trim() || push.stdout.trim()}`, 'check the remote URL and the token\'s `contents: write` permission');
    }
    if (attempt === attempts) break;

    const delay = backoff(attempt);
    log(`The push to ${remote}/${branch} was rejected because the branch moved; rebasing and retrying in ${Math.round(delay)} ms (attempt ${attempt + 1} of ${attempts}).`);
    await wait(delay);
    await git(cwd, ['fetch', '--quiet', remote, `refs/heads/${branch}`]);
    merged.push(...(await rebaseOnto(cwd, 'FETCH_HEAD', identity, log)));
  }

  throw new PushFailure(
    `the push to ${remote}/${branch} was still rejected after ${attempts} attempts`,
    'the branch keeps moving; the commit is kept locally, so run the command again',
  );
}

// Rebases the current branch onto `upstream`, resolving conflicts in
// incident files whose two sides only appended updates. Returns those files.
async function rebaseOnto(cwd: string, upstream: string, identity: GitIdentity, log: (line: string) => void): Promise<string[]> {
  const environment = { ...identityEnvironment(identity), GIT_EDITOR: 'true' };
  const merged: string[] = [];
  // --autostash, because git refuses to rebase over unstaged changes, such as files a run wrote but did not commit.
  let result = await runGit(cwd, ['-c', 'commit.gpgsign=false', 'rebase', '--autostash', upstream], environment);

  // Each stop is one replayed commit with conflicts.
  while (result.code !== 0) {
    const conflicted = (await git(cwd, ['diff', '--name-only', '--diff-filter=U', '-z'])).split('\0').filter((file) => file !== '');
    if (conflicted.length === 0) {
      await abortRebase(cwd);
      throw new PushFailure(`git rebase onto the remote branch failed: ${result.stderr.trim() || result.stdout.trim()}`, 'rebase by hand and push');
    }

    for (const file of conflicted) {
      const reason = await resolveAppendConflict(cwd, file);
      if (reason !== undefined) {
        await abortRebase(cwd);
        throw new PushFailure(
          `the rebase onto the remote branch conflicts in ${file}: ${reason}`,
          'the local commit is kept; merge it by hand, or let the next run write its changes again',
        );
      }
      merged.push(file);
      log(`Resolved the conflict in ${file} by keeping the updates appended on both sides.`);
    }
    result = await runGit(cwd, ['-c', 'commit.gpgsign=false', 'rebase', '--continue'], environment);
  }
  return merged;
}

// Returns undefined when the conflict in `file` was resolved and staged,
// or the reason it cannot be resolved automatically.
async function resolveAppendConflict(cwd: string, file: string): Promise<string | undefined> {
  if (!/^incidents\/.*\.md$/.test(file)) return 'only incident files are merged automatically';

  // During a rebase, stage 2 is the branch being rebased onto (upstream) and stage 3 the commit being replayed.
  const [base, upstream, local] = await Promise.all([1, 2, 3].map((stage) => runGit(cwd, ['show', `:${stage}:${file}`])));
  if (base!.code !== 0 || upstream!.code !== 0 || local!.code !== 0) return 'one side added or deleted the file';

  try {
    const merged = mergeAppendedUpdates(base!.stdout, upstream!.stdout, local!.stdout);
    await writeFile(path.join(cwd, file), merged);
  } catch (error) {
    if (error instanceof AppendMergeError) return error.message;
    throw error;
  }
  await git(cwd, ['add', '--', file]);
  return undefined;
}

async function abortRebase(cwd: string): Promise<void> {
  await runGit(cwd, ['rebase', '--abort']);
}
