// `sitrep update <incident>`: appends an update to an open incident, as a
// text insertion that keeps every other byte of the file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { appendUpdate } from '../authoring/append-update.ts';
import { FrontmatterEditError } from '../authoring/frontmatter-edit.ts';
import { updateEntry, type UpdateInput } from '../authoring/incident-file.ts';
import { commitMessage, gitCommand } from '../authoring/next-step.ts';
import { formatUtc, parseText } from '../authoring/parse-flags.ts';
import { incidentSchema, type IncidentFrontmatter } from '../domain/schema/index.ts';
import { CONTENT_PATHS, loadRepository } from '../repository/load-repository.ts';
import { parseMarkdownFile } from '../repository/markdown-file.ts';
import type { Problem } from '../repository/problem.ts';
import { affectedOption, atOption, statusOption, textOption, type OptionValues } from './authoring-options.ts';
import {
  findIncident,
  listSlugs,
  optionValue,
  noteDemoClock,
  readSiteFacts,
  fileRejection,
  reportSuccess,
  requireValidIncident,
  usageError,
  writeAndValidate,
  type CommandContext,
  type IncidentFile,
} from './authoring-support.ts';

export const UPDATE_HELP = `Usage: sitrep update <incident> --status STATUS --message TEXT [options]

Appends an update to the end of the incident's \`updates\` list. Every other
line of the file stays as it was, comments and formatting included. The
incident file must be valid and not resolved. <incident> is the incident's
slug, such as 2026-03-10-elevated-api-errors, or the path of its file. On a
terminal, missing required options are asked for.

Options:
  --status STATUS            investigating, identified, monitoring or
                             resolved (required)
  --message TEXT             the update, in markdown (required)
  --affected SERVICE=IMPACT  the services affected from this update on, with
                             their impact; replaces the whole map, so list every
                             service still affected; repeat the option or
                             separate pairs with commas; \`none\` clears the map.
                             Impacts: degraded_performance, partial_outage,
                             major_outage (default: the map stays as it is)
  --at TIME                  the update's time: ISO 8601 with an offset, such
                             as 2026-03-10T14:40Z (default: now, written in UTC)
  --root DIR                 the site's folder, holding content/ and incidents/
                             (default: $SITREP_ROOT, or the current folder)
  -h, --help                 show this help

Example:
  sitrep update 2026-03-10-elevated-api-errors --status identified \\
    --message "A faulty deploy causes the errors. We are rolling it back."`;

/** Runs `sitrep update <incident>`, and returns the exit code. */
export async function runUpdate(context: CommandContext, values: OptionValues, reference: string | undefined): Promise<number> {
  const { incident, frontmatter, problems } = await openIncident(context, reference);
  const site = await readSiteFacts(context.root);
  const status = await optionValue(context, statusOption(values.status));
  const affected = await optionValue(context, affectedOption(values.affected, site, false));
  const message = await optionValue(context, textOption('message', values.message, 'update', 'We have found the cause.'));
  noteDemoClock(site, values.at !== undefined);
  const at = await optionValue(context, atOption(values, 'Time of the update', site.clockOffsetMs));

  return appendToIncident(context, { incident, frontmatter, problems }, { at: at.text, status, affected, message }, 'Updated');
}

/** An open, valid incident, with the problems the site had before the command. */
export interface OpenIncident {
  incident: IncidentFile;
  frontmatter: IncidentFrontmatter;
  problems: Problem[];
}

/**
 * Finds the incident and checks that it can take another update: its file
 * is valid and it is not resolved. On a terminal, a missing `<incident>`
 * is asked for, with the list of open incidents.
 */
export async function openIncident(context: CommandContext, reference: string | undefined): Promise<OpenIncident> {
  const incident = await findIncident(context, reference ?? (await askForIncident(context)));
  const { problems } = await loadRepository(context.root);
  const frontmatter = requireValidIncident(incident, problems);

  const lastUpdate = frontmatter.updates.at(-1);
  const resolvedAt = lastUpdate?.status === 'resolved' ? lastUpdate.at : frontmatter.resolved;
  if (resolvedAt) {
    throw fileRejection({
      file: incident.file,
      message: `the incident was resolved at ${formatUtc(resolvedAt)}, and no update may follow that`,
      fix: 'if the problem is back, open a new incident with `sitrep new incident`; to correct the resolved update, edit the file',
    });
  }
  return { incident, frontmatter, problems };
}

/** Appends `update` to the incident file, validates the site and prints the next step. */
export async function appendToIncident(context: CommandContext, open: OpenIncident, update: UpdateInput, verb: string): Promise<number> {
  const { incident, frontmatter, problems } = open;
  let text: string;
  try {
    text = appendUpdate(incident.text, updateEntry(update));
  } catch (error) {
    if (!(error instanceof FrontmatterEditError)) throw error;
    throw fileRejection({ file: incident.file, message: `could not append the update: ${error.message}`, fix: error.fix });
  }

  const remaining = await writeAndValidate(context, [{ file: incident.file, text, editedFrom: incident.text }], problems);
  const services = Object.keys(update.affected ?? affectedNow(frontmatter));
  const next = gitCommand(context.root, context.cwd, [incident.file], commitMessage(services, update.status, frontmatter.title));
  reportSuccess(context, [`${verb} ${incident.file}: ${update.status} at ${update.at}`, `Next: ${next}`], remaining);
  return 0;
}

// The affected map in force after the last update.
function affectedNow(incident: IncidentFrontmatter): Record<string, string> {
  return incident.updates.findLast((update) => update.affected !== undefined)?.affected ?? incident.affected;
}

async function askForIncident(context: CommandContext): Promise<string> {
  if (!context.prompter) {
    throw usageError(context.command, 'missing the incident', 'give its slug or the path of its file, for example `2026-03-10-api-errors`');
  }

  const open = await listOpenIncidents(context.root);
  context.prompter.tell(
    open.length > 0
      ? `Open incidents:\n${open.map(({ slug, title }) => `  ${slug}  ${title}`).join('\n')}`
      : 'No valid incident is open.',
  );
  return context.prompter.ask('Incident (slug or path): ', (answer) => parseText(answer, 'incident'));
}

// Incidents whose files are valid and which have no resolved update.
async function listOpenIncidents(root: string): Promise<{ slug: string; title: string }[]> {
  const open: { slug: string; title: string }[] = [];
  for (const [slug, file] of await listSlugs(root, CONTENT_PATHS.incidents)) {
    const parsed = parseMarkdownFile(await readFile(path.join(root, file), 'utf8'));
    const result = incidentSchema.safeParse(parsed.data);
    if (!result.success || result.data.resolved || result.data.updates.at(-1)?.status === 'resolved') continue;
    open.push({ slug, title: result.data.title });
  }
  return open.sort((a, b) => a.slug.localeCompare(b.slug));
}
