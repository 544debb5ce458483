// The commands that a GitHub workflow runs around `sitrep check`:
// `sitrep commit-results` and `sitrep state save|restore`.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGitHubClient, DEFAULT_GITHUB_API_URL } from '../alerts/github-issues.ts';
import { commitResults, resultsCommitMessage, RESULT_FOLDERS, type CheckReportJson } from '../github/commit-results.ts';
import { commitWithGitData, type CommitFile } from '../github/git-data-commit.ts';
import { GitError } from '../github/git.ts';
import { PushFailure, type PushResult } from '../github/push-with-retry.ts';
import { DEFAULT_STATE_BRANCH, restoreStateFromBranch, saveStateToBranch } from '../github/state-branch.ts';
import { DEFAULT_STATE_PATH } from '../monitor/state-file.ts';

export const COMMIT_RESULTS_HELP = `Usage: sitrep commit-results --report FILE [options]

Commits what \`sitrep check\` changed in incidents/ and
content/response-times/, with a message built from its JSON report, and
pushes the commit. A push rejected because the branch moved is rebased and
tried again. It never force-pushes. Does nothing when those folders did not
change.

With --via api it needs no checkout: it reads the files that the report
lists under incidents/ and content/response-times/ from the site folder,
and commits them through GitHub's Git Data API with a ref update that is
never forced. The site folder must be the repository's root. It needs
SITREP_GITHUB_TOKEN or GITHUB_TOKEN, and GITHUB_REPOSITORY (owner/name);
SITREP_GITHUB_API_URL sets the API root (default: ${DEFAULT_GITHUB_API_URL}).

Options:
  --report FILE     the output of \`sitrep check --json\`
  --via git|api     push from the local clone (default) or commit
                    through the GitHub API
  --branch NAME     the branch to push to (default: the current branch;
                    with --via api, $GITHUB_REF_NAME)
  --attempts N      pushes to try in all, 1 to 20 (default: 5)
  --root DIR        the site's folder inside the clone
                    (default: $SITREP_ROOT, or the current folder)
  -h, --help        show this help

Exit status: 0 when pushed or nothing changed; 1 when the push failed.`;

export const STATE_HELP = `Usage: sitrep state restore|save [options]

Keeps the monitor's state file on a branch of its own, as a single commit
that each save replaces. \`restore\` writes the branch's state file to
--state; it writes nothing when the branch does not exist yet. \`save\`
pushes the state file as a new commit without parents, with
--force-with-lease to that branch only, expecting the commit that the
last \`restore\` found (kept in PATH.commit next to the state file).

Options:
  --state PATH      the state file (default: .sitrep/monitor-state.json
                    in the site folder)
  --branch NAME     the state branch (default: ${DEFAULT_STATE_BRANCH})
  --root DIR        the site's folder inside the clone
                    (default: $SITREP_ROOT, or the current folder)
  -h, --help        show this help`;

export interface GitHubCommandContext {
  root: string;
  cwd: string;
  /** The environment that --via api reads its token, repository and API root from; default: process.env. */
  environment?: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface GitHubCommandValues {
  report?: string;
  branch?: string;
  attempts?: string;
  via?: string;
  state?: string;
}

/** Runs `sitrep commit-results` and returns the exit code. */
export async function runCommitResults(context: GitHubCommandContext, values: GitHubCommandValues): Promise<number> {
  if (values.report === undefined) return usage(context, 'commit-results', 'missing --report FILE, the output of `sitrep check --json`');
  const attempts = values.attempts === undefined ? 5 : Number(values.attempts);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20) return usage(context, 'commit-results', `--attempts must be a whole number from 1 to 20, not \`${values.attempts}\``);
  const via = values.via ?? 'git';
  if (via !== 'git' && via !== 'api') return usage(context, 'commit-results', `--via must be \`git\` or \`api\`, not \`${via}\``);

  const reportPath = path.resolve(context.cwd, values.report);
  let report: CheckReportJson;
  try {
    report = JSON.parse(await readFile(reportPath, 'utf8')) as CheckReportJson;
    if (!Array.isArray(report.services)) throw new Error('it has no `services` list');
  } catch (error) {
    context.stderr(`sitrep commit-results: the report ${reportPath} is not a \`sitrep check --json\` report: ${(error as Error).message}\n`);
    return 1;
  }

  try {
    const log = (line: string) => context.stdout(`${line}\n`);
    const result = via === 'api'
      ? await commitResultsThroughApi(context, report, values.branch, attempts, log)
      : await commitResults({ root: context.root, report, branch: values.branch, attempts, log });
    if (typeof result === 'number') return result;
    if (result.status === 'nothing to commit') context.stdout('Nothing to commit: incidents/ and content/response-times/ did not change.\n');
    for (const file of result.merged) context.stdout(`Merged the updates appended on both sides of ${file}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof PushFailure) {
      context.stderr(`sitrep commit-results: ${error.message}\n  Fix: ${error.fix}\n`);
      return 1;
    }
    if (error instanceof GitError) {
      context.stderr(`sitrep commit-results: ${error.message}\n`);
      return 1;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') {
      context.stderr(`sitrep commit-results: a GitHub API request failed with HTTP ${status}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

// Commits the result files that `report` lists through the Git Data API.
// Returns an exit code instead when the environment lacks a setting.
async function commitResultsThroughApi(context: GitHubCommandContext, report: CheckReportJson, branchOption: string | undefined, attempts: number, log: (line: string) => void): Promise<PushResult | number> {
  const environment = context.environment ?? process.env;
  const token = environment.SITREP_GITHUB_TOKEN || environment.GITHUB_TOKEN;
  const [owner, repo, ...extra] = (environment.GITHUB_REPOSITORY ?? '').split('/');
  const branch = branchOption ?? environment.GITHUB_REF_NAME;
  if (!token) return usage(context, 'commit-results', '--via api needs SITREP_GITHUB_TOKEN or GITHUB_TOKEN');
  if (!owner || !repo || extra.length > 0) return usage(context, 'commit-results', `--via api needs GITHUB_REPOSITORY as owner/name, not \`${environment.GITHUB_REPOSITORY ?? ''}\``);
  if (!branch) return usage(context, 'commit-results', '--via api needs --branch NAME or GITHUB_REF_NAME');

  const files = await readResultFiles(context.root, report.writes ?? []);
  if (files.length === 0) return { status: 'nothing to commit', attempts: 0, merged: [] };
  const octokit = createGitHubClient({ token, baseUrl: environment.SITREP_GITHUB_API_URL || DEFAULT_GITHUB_API_URL, log });
  return commitWithGitData(octokit, { owner, repo, branch, files, message: resultsCommitMessage(report), attempts, log });
}

// Reads the files of `writes` that lie in the result folders, as paths relative to `root` with forward slashes.
async function readResultFiles(root: string, writes: readonly string[]): Promise<CommitFile[]> {
  const files: CommitFile[] = [];
  for (const write of new Set(writes)) {
    const relative = path.relative(root, path.resolve(root, write)).split(path.sep).join('/');
    if (!RESULT_FOLDERS.some((folder) => relative.startsWith(`${folder}/`))) continue;
    // NOTE: a listed file that no longer exists is skipped; the monitor writes files and never deletes them.
    const content = await readFile(path.join(root, relative), 'utf8').catch(() => undefined);
    if (content !== undefined) files.push({ path: relative, content });
  }
  return files;
}

/** Runs `sitrep state restore` or `sitrep state save` and returns the exit code. */
export async function runStateCommand(context: GitHubCommandContext, values: GitHubCommandValues, action: string | undefined): Promise<number> {
  if (action !== 'save' && action !== 'restore') return usage(context, 'state', action === undefined ? 'missing `restore` or `save`' : `unknown action \`${action}\`; use \`restore\` or \`save\``);
  const statePath = values.state === undefined ? path.join(context.root, DEFAULT_STATE_PATH) : path.resolve(context.cwd, values.state);
  const options = { cwd: context.root, branch: values.branch ?? DEFAULT_STATE_BRANCH };
  // The restored commit is the lease of the next save, so a save never
  // overwrites a state that another run saved in between.
  const leaseFile = `${statePath}.commit`;

  try {
    if (action === 'restore') {
      const result = await restoreStateFromBranch(options, statePath);
      await mkdir(path.dirname(leaseFile), { recursive: true });
      await writeFile(leaseFile, `${result.commit ?? ''}\n`);
      context.stdout(result.commit === undefined
        ? `The branch ${options.branch} does not exist yet; the monitor starts with an empty state.\n`
        : `Restored ${path.relative(context.cwd, statePath) || statePath} from ${options.branch} (${result.commit.slice(0, 7)}).\n`);
      return 0;
    }
    const lease = await readFile(leaseFile, 'utf8').then((text) => text.trim() || null, () => undefined);
    const commit = await saveStateToBranch({ ...options, expected: lease }, statePath);
    await writeFile(leaseFile, `${commit}\n`);
    context.stdout(`Saved the state to ${options.branch} (${commit.slice(0, 7)}).\n`);
    return 0;
  } catch (error) {
    if (error instanceof GitError) {
      context.stderr(`sitrep state ${action}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function usage(context: GitHubCommandContext, command: string, problem: string): number {
  context.stderr(`sitrep ${command}: ${problem}\nRun \`sitrep ${command} --help\` to see every option.\n`);
  return 2;
}
