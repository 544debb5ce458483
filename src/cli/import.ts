// `sitrep import <cstate|upptime|statuspage> <source>`: brings the history
// of another status page into the site, then validates the site.
import path from 'node:path';
import { closestMatch } from '../domain/suggest.ts';
import { IMPORT_SOURCES, runImport, type ImportSource } from '../import/run-import.ts';

export const IMPORT_HELP = `Usage: sitrep import <cstate|upptime|statuspage> <source> [options]

Imports another status page's services, incidents and maintenance into the
site, then validates the whole site. Running it again on the same source
changes nothing. A file that exists with other content, such as one a person
edited, is reported and left as it is.

Sources:
  cstate <folder>        a cState Hugo site: config.yml and content/issues/*.md
  statuspage <path>      a folder, or a file in it, with summary.json and
                         incidents.json (or incidents-1.json, incidents-2.json …),
                         and optionally scheduled-maintenances.json
  upptime <folder>       an Upptime repository: .upptimerc.yml and history/*.yml,
                         and optionally issues.json from \`gh issue list --json …\`

Options:
  --mapping FILE   a YAML file of \`source name: service-id\` lines for names
                   that match no service
  --dry-run        print the report without writing anything
  --root DIR       the site's folder, holding content/ and incidents/
                   (default: $SITREP_ROOT, or the current folder)
  -h, --help       show this help

Docs: docs/migrating.md describes what each source maps to.`;

export interface ImportCommandContext {
  root: string;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs `sitrep import` and returns the exit code: 0 done, 1 failed or the site has problems, 2 usage error. */
export async function runImportCommand(
  context: ImportCommandContext,
  values: { mapping?: string; 'dry-run'?: boolean },
  positionals: readonly string[],
): Promise<number> {
  const [kind, source, extra] = positionals;
  let usageProblem: string | undefined;
  if (kind === undefined) usageProblem = 'missing the kind of source';
  else if (!(IMPORT_SOURCES as readonly string[]).includes(kind)) {
    const guess = closestMatch(kind, IMPORT_SOURCES);
    usageProblem = `unknown source \`${kind}\`${guess ? `; did you mean \`${guess}\`?` : `; use ${IMPORT_SOURCES.join(', ')}`}`;
  } else if (source === undefined) usageProblem = `missing the ${kind} source folder`;
  else if (extra !== undefined) usageProblem = `unexpected argument \`${extra}\``;
  if (usageProblem) {
    context.stderr(`sitrep import: ${usageProblem}\n\n${IMPORT_HELP}\n`);
    return 2;
  }

  const dryRun = values['dry-run'] === true;
  let report;
  try {
    report = await runImport({
      kind: kind as ImportSource,
      source: path.resolve(context.cwd, source!),
      root: context.root,
      mappingFile: values.mapping === undefined ? undefined : path.resolve(context.cwd, values.mapping),
      dryRun,
    });
  } catch (error) {
    context.stderr(`sitrep import: ${(error as Error).message}\n`);
    return 1;
  }

  context.stdout(report.format(`Imported ${kind} from ${source} into ${context.root}`, dryRun));
  if (report.problems.length > 0) {
    context.stderr(`sitrep import: the site has ${report.problems.length} problems after the import; fix them, then run \`sitrep validate\`\n`);
    return 1;
  }
  return 0;
}
