// `sitrep summarize`: compares the content of a pull request with a checkout
// of its base branch and prints what merging would change on the page.
import path from 'node:path';
import { loadRepository } from '../repository/load-repository.ts';
import { demoOffset, shiftRepository } from '../domain/demo-clock.ts';
import type { Repository } from '../domain/schema/index.ts';
import { formatSummaryMarkdown, formatSummaryText, summarizeChanges, SUMMARY_MARKER } from '../github/change-summary.ts';

export const SUMMARIZE_HELP = `Usage: sitrep summarize --base DIR [options]

Compares the content in --root with a checkout of the base branch and
prints what merging would change: service states now, incidents opened,
updated and resolved, maintenance, postmortems, the configuration and
response times. The markdown output starts with the hidden line
${SUMMARY_MARKER}, so a workflow can find and update its own comment.

Options:
  --base DIR        the base branch's site folder, holding content/ and incidents/
  --format FORMAT   \`markdown\` (default) or \`text\`
  --root DIR        the pull request's site folder
                    (default: $SITREP_ROOT, or the current folder)
  -h, --help        show this help

The comparison uses the time in $SITREP_NOW (ISO 8601), or the current time.
Exit status: 0 when both sides loaded; 1 when either has content problems
(run \`sitrep validate\` to list them); 2 for invalid options.`;

export interface SummarizeContext {
  root: string;
  cwd: string;
  environment: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs `sitrep summarize` and returns the exit code. */
export async function runSummarize(context: SummarizeContext, values: { base?: string; format?: string }): Promise<number> {
  if (values.base === undefined) {
    context.stderr('sitrep summarize: missing --base DIR, the checkout of the base branch\nRun `sitrep summarize --help` to see every option.\n');
    return 2;
  }
  const format = values.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'text') {
    context.stderr(`sitrep summarize: unknown --format \`${format}\`; use \`markdown\` or \`text\`\n`);
    return 2;
  }
  const nowText = context.environment.SITREP_NOW;
  const now = nowText ? new Date(nowText) : new Date();
  if (Number.isNaN(now.getTime())) {
    context.stderr(`sitrep summarize: SITREP_NOW is not a valid time: \`${nowText}\`; use an ISO 8601 time such as 2026-03-10T12:00:00Z\n`);
    return 2;
  }

  const basePath = path.resolve(context.cwd, values.base);
  const [base, head] = await Promise.all([loadRepository(basePath), loadRepository(context.root)]);
  for (const [side, result, folder] of [['base', base, basePath], ['pull request', head, context.root]] as const) {
    if (result.repository) continue;
    const count = result.problems.length;
    context.stderr(
      `sitrep summarize: the ${side} content in ${folder} has ${count} problem${count === 1 ? '' : 's'}, so nothing was compared\n  Fix: run \`sitrep validate --root ${folder}\` to list them\n`,
    );
    return 1;
  }

  const lines = summarizeChanges(asBuilt(base.repository!, now), asBuilt(head.repository!, now), now);
  context.stdout(format === 'markdown' ? formatSummaryMarkdown(lines, now) : formatSummaryText(lines));
  return 0;
}

// A site with the `demo:` setting moves its times to the build time, so
// compare the times as a build at `now` would show them.
function asBuilt(repository: Repository, now: Date): Repository {
  const demo = repository.config.demo;
  return demo ? shiftRepository(repository, demoOffset(demo.anchor, now)) : repository;
}
