// `sitrep resolve <incident>`: appends the `resolved` update.
import { atOption, textOption, type OptionValues } from './authoring-options.ts';
import { noteDemoClock, optionValue, readSiteFacts, type CommandContext } from './authoring-support.ts';
import { appendToIncident, openIncident } from './update.ts';

export const DEFAULT_RESOLVED_MESSAGE = 'This incident has been resolved.';

export const RESOLVE_HELP = `Usage: sitrep resolve <incident> [options]

Appends an update with \`status: resolved\` to the end of the incident's
\`updates\` list, which closes the incident. Every other line of the file
stays as it was. <incident> is the incident's slug or the path of its file.

Options:
  --message TEXT   the update, in markdown
                   (default: "${DEFAULT_RESOLVED_MESSAGE}")
  --at TIME        when the incident was resolved: ISO 8601 with an offset,
                   such as 2026-03-10T15:20Z (default: now, written in UTC)
  --root DIR       the site's folder, holding content/ and incidents/
                   (default: $SITREP_ROOT, or the current folder)
  -h, --help       show this help

Example:
  sitrep resolve 2026-03-10-elevated-api-errors --message "Error rates have been normal for 30 minutes."`;

/** Runs `sitrep resolve <incident>`, and returns the exit code. */
export async function runResolve(context: CommandContext, values: OptionValues, reference: string | undefined): Promise<number> {
  const open = await openIncident(context, reference);
  const message = await optionValue(context, textOption('message', values.message, 'update', DEFAULT_RESOLVED_MESSAGE, DEFAULT_RESOLVED_MESSAGE));
  const site = await readSiteFacts(context.root);
  noteDemoClock(site, values.at !== undefined);
  const at = await optionValue(context, atOption(values, 'Time of the update', site.clockOffsetMs));
  return appendToIncident(context, open, { at: at.text, status: 'resolved', message }, 'Resolved');
}
