// Helpers shared by the authoring commands: reading the site's services,
// finding an incident file, getting option values, and writing files with
// a full validation afterwards that undoes the write when it caused a problem.
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { demoOffset } from '../domain/demo-clock.ts';
import { incidentSchema, type IncidentFrontmatter } from '../domain/schema/index.ts';
import { closestMatch } from '../domain/suggest.ts';
import { CONTENT_PATHS, loadRepository } from '../repository/load-repository.ts';
import { parseMarkdownFile } from '../repository/markdown-file.ts';
import { formatProblem, formatReport, type Problem } from '../repository/problem.ts';
import { parseYamlSource } from '../repository/yaml-source.ts';
import { isTimeZone, parseZonedTime } from '../domain/time.ts';
import type { Parsed } from '../authoring/parse-flags.ts';
import type { Prompter } from './prompt.ts';

/** An error that ends a command with `exitCode` after printing `text` to stderr. */
export class CommandFailure extends Error {
  constructor(
    readonly exitCode: number,
    readonly text: string,
  ) {
    super(text);
    this.name = 'CommandFailure';
  }
}

/** The site root, current folder, prompter and output of one command run. */
export interface CommandContext {
  /** The command as typed, such as `new incident`, for messages. */
  command: string;
  root: string;
  cwd: string;
  /** Present only when stdin and stdout are a terminal. */
  prompter?: Prompter;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Returns a failure with exit code 2 for a missing or invalid option. */
export function usageError(command: string, message: string, fix: string): CommandFailure {
  return new CommandFailure(2, `sitrep ${command}: ${sentence(message)}\n  Fix: ${sentence(fix)}\nRun \`sitrep ${command} --help\` to see every option.`);
}

/** Returns a failure with exit code 1 for a file that the command cannot use or change, in the format of `sitrep validate`. */
export function fileRejection(problem: Problem): CommandFailure {
  return new CommandFailure(1, formatProblem(problem));
}

/** One option of a command: how to parse it, and how to ask for it when it is missing. */
export interface OptionSpec<T> {
  flag: string;
  /** The values given on the command line, or undefined when the option is absent. */
  given: readonly string[] | undefined;
  parse: (values: readonly string[]) => Parsed<T>;
  /** Returns the value to use when the option is absent; without it the option is required. */
  fallback?: () => T;
  /** The prompt on a terminal, such as `Title: `. */
  question: string;
  /** Printed once before the question, such as the list of valid values. */
  hint?: string;
  /** The end of the error for a missing option, after "give": `the incident's title, for example --title "API errors"`. */
  describe: string;
}

/**
 * Returns the option's value: parsed from the command line, the fallback,
 * or asked for on a terminal. A missing required option off a terminal, or
 * an invalid value, is a usage error.
 */
export async function optionValue<T>(context: CommandContext, spec: OptionSpec<T>): Promise<T> {
  if (spec.given !== undefined) {
    const result = spec.parse(spec.given);
    if (result.ok) return result.value;
    throw usageError(context.command, `invalid --${spec.flag}: ${result.message}`, result.fix);
  }
  if (spec.fallback) return spec.fallback();
  if (!context.prompter) throw usageError(context.command, `missing --${spec.flag}`, `give ${spec.describe}`);

  if (spec.hint) context.prompter.tell(spec.hint);
  return context.prompter.ask(spec.question, (answer) => spec.parse([answer]));
}

/** The parts of content/config.yml that the authoring commands use, read leniently. */
export interface SiteFacts {
  services: { id: string; name: string }[];
  /** The site's time zone, or `UTC` when the config has none or an invalid one. */
  timeZone: string;
  /**
   * How far the site's `demo.anchor` moves content times at build time, or 0.
   * A default time of "now" is written this much earlier, so that it shows as
   * now on the example site instead of hours in the future.
   */
  clockOffsetMs: number;
}

/** Reads the service ids, names and time zone from content/config.yml, or nothing when it cannot be read. */
export async function readSiteFacts(root: string): Promise<SiteFacts> {
  let text: string;
  try {
    text = await readFile(path.join(root, CONTENT_PATHS.config), 'utf8');
  } catch {
    return { services: [], timeZone: 'UTC', clockOffsetMs: 0 };
  }

  const data = parseYamlSource(text).data as { services?: unknown; timezone?: unknown; demo?: { anchor?: unknown } } | undefined;
  const anchor = typeof data?.demo?.anchor === 'string' ? parseZonedTime(data.demo.anchor) : undefined;
  const clockOffsetMs = anchor?.ok ? demoOffset(anchor.date, new Date()) : 0;
  const services = Array.isArray(data?.services) ? data.services : [];
  const timeZone = typeof data?.timezone === 'string' && isTimeZone(data.timezone) ? data.timezone : 'UTC';
  return {
    timeZone,
    clockOffsetMs,
    services: services.flatMap((service: unknown) => {
      const { id, name } = (service ?? {}) as { id?: unknown; name?: unknown };
      return typeof id === 'string' ? [{ id, name: typeof name === 'string' ? name : id }] : [];
    }),
  };
}

/** Warns on stderr when default times are moved back to match the example's clock. */
export function noteDemoClock(site: SiteFacts, timeGiven: boolean): void {
  if (site.clockOffsetMs === 0 || timeGiven) return;
  const hours = Math.round(site.clockOffsetMs / 3_600_000);
  process.stderr.write(
    `Note: content/config.yml has \`demo:\`, which moves every time ${hours} h later when the site is built. ` +
      'The time is written that much earlier, so it shows as now. Delete `demo:` for a real status page.\n',
  );
}

/**
 * Returns the slug of every `.md` file below `folder`, with the file's
 * path relative to the root. Skips dot files and README.md, as the validator does.
 */
export async function listSlugs(root: string, folder: string): Promise<Map<string, string>> {
  const slugs = new Map<string, string>();
  let entries;
  try {
    entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
  } catch {
    return slugs;
  }

  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.md') || entry.name.toLowerCase() === 'readme.md') continue;
    const parent = entry.parentPath ?? (entry as unknown as { path: string }).path;
    const relative = path.relative(root, path.join(parent, entry.name)).split(path.sep).join('/');
    if (relative.split('/').some((part) => part.startsWith('.'))) continue;
    slugs.set(path.posix.basename(relative, '.md').toLowerCase(), relative);
  }
  return slugs;
}

/** An incident file found from a slug or a path. */
export interface IncidentFile {
  /** Path relative to the site root, with forward slashes. */
  file: string;
  slug: string;
  text: string;
}

/**
 * Finds an incident by slug (`2026-03-10-api-errors`) or by path
 * (`incidents/2026-03-10-api-errors.md`, relative to the current folder or
 * to the root). Rejects a name that matches no file, with a suggestion.
 */
export async function findIncident(context: CommandContext, reference: string): Promise<IncidentFile> {
  const slugs = await listSlugs(context.root, CONTENT_PATHS.incidents);
  const looksLikePath = reference.endsWith('.md') || reference.includes('/') || reference.includes(path.sep);

  if (looksLikePath) {
    const root = path.resolve(context.cwd, context.root);
    for (const candidate of [path.resolve(context.cwd, reference), path.resolve(root, reference)]) {
      const relative = path.relative(root, candidate).split(path.sep).join('/');
      const slug = path.posix.basename(relative, '.md').toLowerCase();
      if (slugs.get(slug) === relative) return { file: relative, slug, text: await readFile(candidate, 'utf8') };
    }
    throw fileRejection({
      file: reference,
      message: 'there is no incident file at this path',
      fix: `give a file in \`${CONTENT_PATHS.incidents}/\` of the site at ${root}, or the incident's slug`,
    });
  }

  const slug = reference.toLowerCase().replace(/\.md$/, '');
  const file = slugs.get(slug);
  if (file) return { file, slug, text: await readFile(path.join(context.root, file), 'utf8') };

  const guess = closestMatch(slug, [...slugs.keys()]);
  throw fileRejection({
    file: `${CONTENT_PATHS.incidents}/${slug}.md`,
    message: `no incident has the slug \`${slug}\``,
    fix: guess
      ? `did you mean \`${guess}\`?`
      : `give the file name without \`.md\`; the ${slugs.size} incidents are in \`${CONTENT_PATHS.incidents}/\``,
  });
}

/**
 * Returns the incident's frontmatter after checking that the site reports
 * no problem in its file. An invalid file is rejected with its problems,
 * because an edit could hide or worsen them.
 */
export function requireValidIncident(incident: IncidentFile, problemsBefore: readonly Problem[]): IncidentFrontmatter {
  const own = problemsBefore.filter((problem) => problem.file === incident.file);
  const parsed = parseMarkdownFile(incident.text);
  const result = own.length === 0 && parsed.problems.length === 0 ? incidentSchema.safeParse(parsed.data) : undefined;
  if (result?.success) return result.data;

  const problems = own.length > 0 ? own : [{ file: incident.file, message: 'the file is not a valid incident', fix: 'run `sitrep validate`' }];
  throw new CommandFailure(
    1,
    `${incident.file}: the file has problems, so it was not changed.\n  Fix: Correct them by hand, then run the command again:\n\n${formatReport(problems)}`,
  );
}

/** A file that a command writes: its path relative to the root and its new text. */
export interface PlannedWrite {
  file: string;
  text: string;
  /** For an edit, the text that the edit was made from; the write is rejected if the file changed since. */
  editedFrom?: string;
}

/**
 * Writes the files, validates the whole site, and undoes the writes when
 * the site has a problem that it did not have before. Undoing removes a
 * new file and any folder created for it, and gives an edited file its old
 * text back. Returns the problems that were there before and remain.
 */
export async function writeAndValidate(
  context: CommandContext,
  writes: readonly PlannedWrite[],
  problemsBefore: readonly Problem[],
): Promise<Problem[]> {
  const undo: (() => Promise<void>)[] = [];
  const rollBack = async () => {
    for (const step of undo.reverse()) await step();
  };

  try {
    for (const { file, text, editedFrom } of writes) {
      const absolute = path.join(context.root, file);
      const original = await readFile(absolute, 'utf8').catch(() => undefined);
      if (editedFrom !== undefined && original !== editedFrom) {
        throw fileRejection({ file, message: 'the file changed while the command ran', fix: 'run the command again' });
      }
      if (original === undefined) {
        const createdFolder = await mkdir(path.dirname(absolute), { recursive: true });
        // `wx` fails if another process created the file since the name was chosen.
        await writeFile(absolute, text, { flag: 'wx' });
        undo.push(async () => {
          await rm(absolute, { force: true });
          if (createdFolder) await removeEmptyFolders(path.dirname(absolute), createdFolder);
        });
      } else {
        await writeFile(absolute, text);
        undo.push(() => writeFile(absolute, original));
      }
    }
  } catch (error) {
    await rollBack();
    throw error;
  }

  const { problems } = await loadRepository(context.root);
  const known = new Set(problemsBefore.map(formatProblem));
  const caused = problems.filter((problem) => !known.has(formatProblem(problem)));
  if (caused.length === 0) return problems;

  await rollBack();
  const undone = writes.length === 1 ? 'the change was undone' : 'the changes were undone';
  throw new CommandFailure(1, `sitrep ${context.command}: the written content has problems, so ${undone}.\n\n${formatReport(caused)}`);
}

// Removes `folder` and its parents up to `topCreated`, each only if empty.
async function removeEmptyFolders(folder: string, topCreated: string): Promise<void> {
  let current = folder;
  for (;;) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    if (path.resolve(current) === path.resolve(topCreated)) return;
    current = path.dirname(current);
  }
}

/** Prints the success message: what was written and the git command to commit it. */
export function reportSuccess(context: CommandContext, lines: readonly string[], remaining: readonly Problem[]): void {
  context.stdout(`${lines.join('\n')}\n`);
  if (remaining.length === 0) return;
  const count = remaining.length === 1
    ? '1 problem that was there before remains in other files, and the build fails until it is fixed'
    : `${remaining.length} problems that were there before remain in other files, and the build fails until they are fixed`;
  context.stderr(`Note: ${count}. Run \`sitrep validate\` to list them.\n`);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
