// Commits files to a branch through GitHub's Git Data API, for runs that
// have no checkout to push from. The ref update is never forced: when the
// branch moved, the files are re-based onto the new head and the commit is
// built again, as commitAndPush does with a rebase.
import type { Octokit } from 'octokit';
import { BOT_IDENTITY, type GitIdentity } from './git.ts';
import { AppendMergeError, mergeAppendedUpdates } from './merge-appended-updates.ts';
import { PushFailure, type PushResult } from './push-with-retry.ts';

/** One file of the commit: its path in the repository and its whole new text. */
export interface CommitFile {
  path: string;
  content: string;
}

export interface GitDataCommitOptions {
  owner: string;
  repo: string;
  branch: string;
  files: readonly CommitFile[];
  message: string;
  identity?: GitIdentity;
  /** Ref updates to try in all, the first included. Default 5. */
  attempts?: number;
  /** The wait before retry `retry` (1 for the first retry), in milliseconds. Default: 1 s, 2 s, 4 s … plus up to 1 s of jitter. */
  backoff?: (retry: number) => number;
  wait?: (milliseconds: number) => Promise<void>;
  log?: (line: string) => void;
}

/**
 * Commits `files` on top of `branch` and moves the branch to the commit with
 * a non-forced ref update. When GitHub rejects the update with 422 because
 * the branch moved, it re-reads each file at the new head, merges incident
 * files whose two sides only appended updates, and tries again, up to
 * `attempts` updates with backoff. Throws PushFailure on any other change to
 * the same file, and when the branch still moves after the last attempt.
 * Returns `nothing to commit` when the files already have this content.
 */
export async function commitWithGitData(octokit: Octokit, options: GitDataCommitOptions): Promise<PushResult> {
  const { owner, repo, branch, message } = options;
  const identity = options.identity ?? BOT_IDENTITY;
  const attempts = options.attempts ?? 5;
  const backoff = options.backoff ?? ((retry: number) => 1000 * 2 ** (retry - 1) + Math.random() * 1000);
  const wait = options.wait ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const log = options.log ?? (() => {});
  const target = `${owner}/${repo}@${branch}`;

  let files = options.files.map((file) => ({ ...file }));
  // The head that `files` were last built on; undefined before the first attempt.
  let previousHead: string | undefined;
  const merged = new Set<string>();

  for (let attempt = 1; attempt <= attempts; attempt++) {
    const head = await readBranchHead(octokit, owner, repo, branch);
    if (previousHead !== undefined && previousHead !== head) {
      files = await rebaseFiles(octokit, { owner, repo, base: previousHead, head, files, merged, log });
    }
    previousHead = head;

    const { data: parent } = await octokit.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { owner, repo, commit_sha: head });
    const tree = await createTree(octokit, owner, repo, parent.tree.sha, files);
    if (tree === parent.tree.sha) {
      log(`Nothing to commit: ${target} already has this content.`);
      return { status: 'nothing to commit', attempts: attempt, merged: [...merged] };
    }

    const author = { name: identity.name, email: identity.email };
    const { data: commit } = await octokit.request('POST /repos/{owner}/{repo}/git/commits', { owner, repo, message, tree, parents: [head], author, committer: author });

    const outcome = await updateBranch(octokit, owner, repo, branch, commit.sha, head);
    if (outcome === 'updated') {
      log(`Committed ${commit.sha.slice(0, 7)} to ${target} through the GitHub API on attempt ${attempt}.`);
      return { status: 'pushed', commit: commit.sha, attempts: attempt, merged: [...merged] };
    }
    if (attempt === attempts) break;

    const delay = backoff(attempt);
    log(`The update of ${target} was rejected because the branch moved; re-basing and retrying in ${Math.round(delay)} ms (attempt ${attempt + 1} of ${attempts}).`);
    await wait(delay);
  }

  throw new PushFailure(
    `the update of ${target} was still rejected after ${attempts} attempts`,
    'the branch keeps moving; run the command again',
  );
}

async function readBranchHead(octokit: Octokit, owner: string, repo: string, branch: string): Promise<string> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    throw apiFailure(`reading the branch ${owner}/${repo}@${branch}`, error);
  }
}

// Creates one blob per file and a tree on top of `baseTree`; returns the tree's SHA.
async function createTree(octokit: Octokit, owner: string, repo: string, baseTree: string, files: readonly CommitFile[]): Promise<string> {
  const entries = [];
  for (const file of files) {
    const content = Buffer.from(file.content, 'utf8').toString('base64');
    const { data: blob } = await octokit.request('POST /repos/{owner}/{repo}/git/blobs', { owner, repo, content, encoding: 'base64' });
    entries.push({ path: file.path, mode: '100644' as const, type: 'blob' as const, sha: blob.sha });
  }
  const { data: tree } = await octokit.request('POST /repos/{owner}/{repo}/git/trees', { owner, repo, base_tree: baseTree, tree: entries });
  return tree.sha;
}

// Moves the branch to `commit` without force. Returns `moved` when GitHub
// rejected the update with 422 and the branch no longer points at `expected`.
async function updateBranch(octokit: Octokit, owner: string, repo: string, branch: string, commit: string, expected: string): Promise<'updated' | 'moved'> {
  try {
    await octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}`, sha: commit, force: false });
    return 'updated';
  } catch (error) {
    if (statusOf(error) !== 422) throw apiFailure(`the update of ${owner}/${repo}@${branch}`, error);
    // GitHub also returns 422 for other reasons, such as a missing commit, so check that the branch really moved.
    if ((await readBranchHead(octokit, owner, repo, branch)) === expected) throw apiFailure(`the update of ${owner}/${repo}@${branch}`, error);
    return 'moved';
  }
}

interface RebaseInput {
  owner: string;
  repo: string;
  /** The head that `files` were built on. */
  base: string;
  /** The branch's new head. */
  head: string;
  files: readonly CommitFile[];
  merged: Set<string>;
  log: (line: string) => void;
}

// Returns `files` re-based from `base` onto `head`: a file no other commit
// changed keeps its content, and an incident file to which both sides
// appended updates gets both sides' updates. Throws PushFailure otherwise.
async function rebaseFiles(octokit: Octokit, input: RebaseInput): Promise<CommitFile[]> {
  const rebased: CommitFile[] = [];
  for (const file of input.files) {
    const before = await readFileAt(octokit, input.owner, input.repo, file.path, input.base);
    const upstream = await readFileAt(octokit, input.owner, input.repo, file.path, input.head);
    if (upstream === before || upstream === file.content) {
      rebased.push(file);
      continue;
    }

    const conflict = (reason: string) => new PushFailure(
      `the branch's new head ${input.head.slice(0, 7)} conflicts in ${file.path}: ${reason}`,
      'merge it by hand, or let the next run write its changes again',
    );
    if (!/^incidents\/.*\.md$/.test(file.path)) throw conflict('only incident files are merged automatically');
    if (before === undefined || upstream === undefined) throw conflict('one side added or deleted the file');
    try {
      rebased.push({ path: file.path, content: mergeAppendedUpdates(before, upstream, file.content) });
    } catch (error) {
      if (error instanceof AppendMergeError) throw conflict(error.message);
      throw error;
    }
    input.merged.add(file.path);
    input.log(`Resolved the conflict in ${file.path} by keeping the updates appended on both sides.`);
  }
  return rebased;
}

// Returns the text of `path` at commit `ref`, or undefined when it does not exist there.
// NOTE: for files over 1 MB the contents endpoint returns no content unless asked for the raw media type
// (GitHub changelog, 2022-05-03), so such a file cannot be re-based here.
async function readFileAt(octokit: Octokit, owner: string, repo: string, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      throw new PushFailure(`${path} at ${ref.slice(0, 7)} is not a file`, 'check the paths of the files to commit');
    }
    if (data.encoding !== 'base64' || (data.content === '' && data.size > 0)) {
      throw new PushFailure(`the GitHub API did not return the content of ${path} at ${ref.slice(0, 7)}`, 'files over 1 MB cannot be re-based through the API; use `--via git`');
    }
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    if (error instanceof PushFailure) throw error;
    throw apiFailure(`reading ${path} at ${ref.slice(0, 7)}`, error);
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

function apiFailure(what: string, error: unknown): PushFailure {
  const status = statusOf(error);
  const detail = (error as Error).message ?? String(error);
  return new PushFailure(`${what} failed${status ? ` with HTTP ${status}` : ''}: ${detail}`, 'check the repository, the branch and the token\'s `contents: write` permission');
}
