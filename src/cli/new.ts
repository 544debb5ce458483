// `sitrep new incident|maintenance|postmortem`: creates a content file from
// options, or from prompts on a terminal, and validates the site.
import { renderIncidentFile } from '../authoring/incident-file.ts';
import { renderMaintenanceFile } from '../authoring/maintenance-file.ts';
import { commitMessage, gitCommand } from '../authoring/next-step.ts';
import {
  addDuration,
  parseDuration,
  parseServices,
  parseTimeFlag,
  type GivenTime,
  type Parsed,
} from '../authoring/parse-flags.ts';
import { renderPostmortemFile } from '../authoring/postmortem-template.ts';
import { addTopLevelField, FrontmatterEditError } from '../authoring/frontmatter-edit.ts';
import { datedSlug, uniqueSlug } from '../authoring/slug.ts';
import { CONTENT_PATHS, loadRepository } from '../repository/load-repository.ts';
import { affectedOption, asList, atOption, describeServices, statusOption, textOption, type OptionValues } from './authoring-options.ts';
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
  type PlannedWrite,
} from './authoring-support.ts';

const ROOT_OPTION = `  --root DIR                 the site's folder, holding content/ and incidents/
                             (default: $SITREP_ROOT, or the current folder)
  -h, --help                 show this help`;

const TIME_FORMAT = 'ISO 8601 with an offset, such as 2026-03-10T14:10Z or 2026-03-10T15:10+01:00';

export const NEW_HELP = `Usage: sitrep new <kind> [options]

Creates a content file and validates the site.

Kinds:
  incident      incidents/<YYYY-MM-DD>-<slug>.md with a first update
  maintenance   content/maintenance/<YYYY-MM-DD>-<slug>.md with a \`scheduled\` update
  postmortem    content/postmortems/<incident>.md with the incident's timeline

Run \`sitrep new <kind> --help\` to see the options of each kind.`;

export const NEW_INCIDENT_HELP = `Usage: sitrep new incident --title TEXT --affected SERVICE=IMPACT --message TEXT [options]

Creates incidents/<YYYY-MM-DD>-<slug>.md, where the date is that of --at
in UTC and the slug comes from the title. If that file exists, -2, -3 …
is added. On a terminal, missing required options are asked for.

Options:
  --title TEXT               what is wrong, as visitors see it (required)
  --affected SERVICE=IMPACT  an affected service and its impact (required);
                             repeat the option or separate pairs with commas;
                             \`none\` for no service. Impacts: degraded_performance,
                             partial_outage, major_outage
  --message TEXT             the first update, in markdown (required)
  --status STATUS            investigating (default), identified, monitoring
                             or resolved
  --at TIME                  when the incident started, also the time of the
                             first update: ${TIME_FORMAT}
                             (default: now, written in UTC)
${ROOT_OPTION}

Example:
  sitrep new incident --title "Elevated API errors" --affected api=partial_outage \\
    --message "About 5% of API requests fail. We are investigating."`;

export const NEW_MAINTENANCE_HELP = `Usage: sitrep new maintenance --title TEXT --services IDS --start TIME (--end TIME | --duration LENGTH) --message TEXT [options]

Creates content/maintenance/<YYYY-MM-DD>-<slug>.md, where the date is that
of --start in UTC, with one \`scheduled\` update. On a terminal, missing
required options are asked for.

Options:
  --title TEXT               what the work is (required)
  --services IDS             the services under maintenance, separated by
                             commas or given by repeating the option (required)
  --start TIME               the scheduled start (required): ${TIME_FORMAT}
  --end TIME                 the scheduled end, in the same format
  --duration LENGTH          instead of --end: the length of the window, in
                             d (days), h (hours) and m (minutes), such as 2h,
                             90m or 1h30m; --end is written with --start's offset
  --message TEXT             the announcement, in markdown (required)
  --at TIME                  when the window is announced (default: now, in UTC)
${ROOT_OPTION}

Example:
  sitrep new maintenance --title "Database upgrade" --services api,db \\
    --start 2026-12-12T22:00+01:00 --duration 2h \\
    --message "Requests may be slower for a few minutes during the window."`;

export const NEW_POSTMORTEM_HELP = `Usage: sitrep new postmortem <incident> [options]

Creates content/postmortems/<incident slug>.md for a valid incident, with
\`incidents: [<slug>]\`, the incident's timeline and the sections Summary,
Impact, Root cause, What went well, What went badly and Action items to
fill in. When the incident file has no \`postmortem\` field, the command
adds \`postmortem: <slug>\` as its last field and changes nothing else.
<incident> is the incident's slug, or the path of its file.

Options:
  --title TEXT               the postmortem's title
                             (default: "Postmortem: <incident title>")
  --at TIME                  the \`published\` time: ${TIME_FORMAT}
                             (default: now, written in UTC)
${ROOT_OPTION}

Example:
  sitrep new postmortem 2026-03-10-elevated-api-errors`;

/** Runs `sitrep new incident`, and returns the exit code. */
export async function runNewIncident(context: CommandContext, values: OptionValues): Promise<number> {
  const site = await readSiteFacts(context.root);
  const title = await optionValue(context, textOption('title', values.title, "incident's title", 'Elevated API errors'));
  const affected = (await optionValue(context, affectedOption(values.affected, site, true)))!;
  const message = await optionValue(context, textOption('message', values.message, 'first update', 'We are investigating.'));
  const status = await optionValue(context, statusOption(values.status, 'investigating'));
  noteDemoClock(site, values.at !== undefined);
  const at = await optionValue(context, atOption(values, 'Start time', site.clockOffsetMs));

  const { problems } = await loadRepository(context.root);
  const existingSlugs = new Set((await listSlugs(context.root, CONTENT_PATHS.incidents)).keys());
  const slug = uniqueSlug(datedSlug(at.date, title, 'incident'), existingSlugs);
  const file = `${CONTENT_PATHS.incidents}/${slug}.md`;

  const text = renderIncidentFile({ title, affected, started: at.text, status, message });
  const remaining = await writeAndValidate(context, [{ file, text }], problems);
  const next = gitCommand(context.root, context.cwd, [file], commitMessage(Object.keys(affected), status, title));
  reportSuccess(context, [`Created ${file}`, `Next: ${next}`], remaining);
  return 0;
}

/** Runs `sitrep new maintenance`, and returns the exit code. */
export async function runNewMaintenance(context: CommandContext, values: OptionValues): Promise<number> {
  if (values.end !== undefined && values.duration !== undefined) {
    throw usageError(context.command, '--end and --duration are both given', 'give only one of them');
  }

  const site = await readSiteFacts(context.root);
  const ids = site.services.map((service) => service.id);
  const title = await optionValue(context, textOption('title', values.title, "window's title", 'Database upgrade'));
  const services = await optionValue(context, {
    flag: 'services',
    given: values.services,
    parse: (list) => parseServices(list, ids),
    question: 'Services under maintenance (ids separated by commas): ',
    hint: describeServices(site, false),
    describe: 'the services under maintenance, for example --services api,db',
  });
  const start = await optionValue(context, {
    flag: 'start',
    given: asList(values.start),
    parse: (list) => parseTimeFlag(list.at(-1) ?? ''),
    question: 'Start (ISO 8601 with an offset): ',
    describe: 'the scheduled start, for example --start 2026-12-12T22:00+01:00',
  });
  const end = await windowEnd(context, values, start);
  const message = await optionValue(context, textOption('message', values.message, 'announcement', 'Requests may be slower during the window.'));
  noteDemoClock(site, values.at !== undefined);
  const announced = await optionValue(context, atOption(values, 'Announcement time', site.clockOffsetMs));

  const { problems } = await loadRepository(context.root);
  const existingSlugs = new Set((await listSlugs(context.root, CONTENT_PATHS.maintenance)).keys());
  const slug = uniqueSlug(datedSlug(start.date, title, 'maintenance'), existingSlugs);
  const file = `${CONTENT_PATHS.maintenance}/${slug}.md`;

  const text = renderMaintenanceFile({ title, services, start: start.text, end: end.text, announced: announced.text, message });
  const remaining = await writeAndValidate(context, [{ file, text }], problems);
  const next = gitCommand(context.root, context.cwd, [file], commitMessage(services, 'maintenance scheduled', title));
  reportSuccess(context, [`Created ${file}`, `Next: ${next}`], remaining);
  return 0;
}

// The end of a window, from --end, from --duration, or asked for as either.
async function windowEnd(context: CommandContext, values: OptionValues, start: GivenTime): Promise<GivenTime> {
  const fromDuration = (text: string): Parsed<GivenTime> => {
    const duration = parseDuration(text);
    return duration.ok ? { ok: true, value: addDuration(start, duration.value) } : duration;
  };

  if (values.duration !== undefined) {
    const result = fromDuration(values.duration);
    if (!result.ok) throw usageError(context.command, `invalid --duration: ${result.message}`, result.fix);
    return result.value;
  }

  return optionValue(context, {
    flag: 'end',
    given: asList(values.end),
    parse: (list) => {
      const text = list.at(-1) ?? '';
      // A prompt answer may be a duration; --end itself must be a time.
      return values.end === undefined && /^\s*\d+\s*(d|h|m|min)\b/i.test(text) ? fromDuration(text) : parseTimeFlag(text);
    },
    question: 'End (ISO 8601 with an offset, or a duration such as 2h): ',
    describe: 'the scheduled end, for example --end 2026-12-13T00:00+01:00, or its length, for example --duration 2h',
  });
}

/** Runs `sitrep new postmortem <incident>`, and returns the exit code. */
export async function runNewPostmortem(context: CommandContext, values: OptionValues, reference: string | undefined): Promise<number> {
  if (reference === undefined) {
    throw usageError(context.command, 'missing the incident', 'give the slug of the incident, for example `sitrep new postmortem 2026-03-10-api-errors`');
  }

  const incident = await findIncident(context, reference);
  const { problems } = await loadRepository(context.root);
  const frontmatter = requireValidIncident(incident, problems);

  const postmortems = await listSlugs(context.root, CONTENT_PATHS.postmortems);
  const existing = postmortems.get(incident.slug);
  if (existing) {
    throw fileRejection({ file: existing, message: `a postmortem for \`${incident.slug}\` exists already`, fix: 'edit that file' });
  }

  const title = await optionValue(context, textOption('title', values.title, "postmortem's title", 'Postmortem: API errors', `Postmortem: ${frontmatter.title}`));
  const site = await readSiteFacts(context.root);
  noteDemoClock(site, values.at !== undefined);
  const published = await optionValue(context, atOption(values, 'Published', site.clockOffsetMs));
  const file = `${CONTENT_PATHS.postmortems}/${incident.slug}.md`;
  const writes: PlannedWrite[] = [
    {
      file,
      text: renderPostmortemFile({
        slug: incident.slug,
        incident: frontmatter,
        title,
        published: published.text,
        timeZone: site.timeZone,
        serviceNames: new Map(site.services.map((service) => [service.id, service.name])),
      }),
    },
  ];

  const lines = [`Created ${file}`];
  if (frontmatter.postmortem === undefined) {
    writes.push({ file: incident.file, text: linkPostmortem(incident.file, incident.text, incident.slug), editedFrom: incident.text });
    lines.push(`Added \`postmortem: ${incident.slug}\` to ${incident.file}`);
  } else if (frontmatter.postmortem !== incident.slug) {
    lines.push(`Left ${incident.file} unchanged: it names the postmortem \`${frontmatter.postmortem}\`. The new postmortem links to the incident in its \`incidents\` list.`);
  }

  const remaining = await writeAndValidate(context, writes, problems);
  const next = gitCommand(context.root, context.cwd, writes.map((write) => write.file), `Add the postmortem of ${frontmatter.title}`);
  reportSuccess(context, [...lines, `Next: ${next}`], remaining);
  return 0;
}

function linkPostmortem(file: string, text: string, slug: string): string {
  try {
    return addTopLevelField(text, 'postmortem', slug);
  } catch (error) {
    if (!(error instanceof FrontmatterEditError)) throw error;
    throw fileRejection({ file, message: `could not add \`postmortem: ${slug}\`: ${error.message}`, fix: error.fix });
  }
}
