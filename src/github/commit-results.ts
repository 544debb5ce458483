// Commits what one `sitrep check` run wrote to the content (incident files
// and response-time rollups) and pushes it with retries.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { git, runGit, GitError } from './git.ts';
import { commitAndPush, type PushOptions, type PushResult } from './push-with-retry.ts';

/** The part of `sitrep check --json` output that the commit message uses. */
export interface CheckReportJson {
  services: Array<{ id: string; outcome: string; kind?: string; message: string; action: string; files: string[] }>;
  writes: string[];
}

/** The folders, relative to the site root, that a check run writes and that belong in git. */
export const RESULT_FOLDERS = ['incidents', 'content/response-times'] as const;

const MAX_SUBJECT = 72;

/**
 * Builds the commit message from a check report: a subject such as
 * `api: investigating — HTTP 503 from GET /health` with one clause per
 * service whose incident changed, and a body with one line per service.
 * A run that only wrote response-time rows gets `Record daily response times`.
 */
export function resultsCommitMessage(report: CheckReportJson): string {
  const clauses = report.services.flatMap((service) => {
    const clause = serviceClause(service);
    return clause === undefined ? [] : [clause];
  });
  if (clauses.length === 0) return 'Record daily response times';

  const subject = clauses.join('; ');
  if (clauses.length === 1 && subject.length <= MAX_SUBJECT) return subject;
  const short = clauses.length === 1 ? `${subject.slice(0, MAX_SUBJECT - 1)}…` : `Record check results for ${clauses.length} services`;
  return `${short}\n\n${clauses.map((clause) => `- ${clause}`).join('\n')}\n`;
}

// One clause for a service whose run changed an incident file, else undefined.
function serviceClause(service: CheckReportJson['services'][number]): string | undefined {
  const action = service.action;
  const failure = service.message ? ` — ${service.message}` : '';
  if (/\bopened incidents\//.test(action)) return `${service.id}: investigating${failure}`;
  if (/\bresolved incidents\//.test(action)) return `${service.id}: resolved`;
  if (/\bmarked .* as a major outage/.test(action)) return `${service.id}: major outage${failure}`;
  if (/noted the failure|failure noted/.test(action)) return `${service.id}: failure noted${failure}`;
  if (/noted the recovery/.test(action)) return `${service.id}: passes again`;
  return undefined;
}

export interface CommitResultsOptions extends Omit<PushOptions, 'cwd' | 'message'> {
  /** The site root inside the clone, holding content/ and incidents/. */
  root: string;
  report: CheckReportJson;
}

/**
 * Stages incidents/ and content/response-times/ under `root`, and commits
 * and pushes them with commitAndPush when they changed. Anything else that
 * is staged is committed too, so run it in a clean checkout.
 */
export async function commitResults(options: CommitResultsOptions): Promise<PushResult> {
  const { root, report, ...pushOptions } = options;
  const cwd = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
  const folders = RESULT_FOLDERS.map((folder) => path.join(root, folder)).filter((folder) => existsSync(folder));
  if (folders.length === 0) return { status: 'nothing to commit', attempts: 0, merged: [] };

  await git(cwd, ['add', '-A', '--', ...folders]);
  const changed = await runGit(cwd, ['diff', '--cached', '--quiet', '--', ...folders]);
  if (changed.code === 0) return { status: 'nothing to commit', attempts: 0, merged: [] };
  if (changed.code !== 1) throw new GitError(['diff', '--cached', '--quiet'], changed);

  return commitAndPush({ ...pushOptions, cwd, message: resultsCommitMessage(report) });
}
