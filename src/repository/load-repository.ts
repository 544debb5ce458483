import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  incidentSchema,
  maintenanceSchema,
  postmortemSchema,
  siteConfigSchema,
  type Incident,
  type Maintenance,
  type Postmortem,
  type Repository,
  type SiteConfig,
} from '../domain/schema/index.ts';
import { closestMatch } from '../domain/suggest.ts';
import { crossCheck, type ReadFile } from './cross-checks.ts';
import { readResponseTimes } from './read-response-times.ts';
import { describeIssue } from './describe-issue.ts';
import { parseMarkdownFile } from './markdown-file.ts';
import { formatFieldPath, type FieldProblem, type Problem } from './problem.ts';
import { parseYamlSource, type ParsedYaml } from './yaml-source.ts';

/** The folder or file of each kind of content, relative to the site's root folder. */
export const CONTENT_PATHS = {
  config: 'content/config.yml',
  incidents: 'incidents',
  maintenance: 'content/maintenance',
  postmortems: 'content/postmortems',
} as const;

const KNOWN_CONTENT_FOLDERS = ['maintenance', 'postmortems', 'response-times'];
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** One content file as written, before the schema turned its times into Dates. */
export interface RawEntry {
  slug: string;
  file: string;
  data: unknown;
  body: string;
}

export interface LoadResult {
  /** The validated content; present only when there are no problems. */
  repository?: Repository;
  /** The files as written, for Astro's content collections to parse again. */
  raw?: { config: unknown; incidents: RawEntry[]; maintenance: RawEntry[]; postmortems: RawEntry[] };
  problems: Problem[];
  /** How many files were read. */
  fileCount: number;
}

/**
 * Reads and validates every content file under `root`, and reports every
 * problem found rather than stopping at the first.
 */
export async function loadRepository(root: string): Promise<LoadResult> {
  const problems: Problem[] = [];
  let fileCount = 0;

  // Each file is parsed and checked against its own schema first.
  const config = await readConfig(root, problems);
  if (config.source) fileCount++;

  const readCollection = async <T>(folder: string, schema: z.ZodTypeAny, required: boolean) => {
    const valid: T[] = [];
    const read: ReadFile[] = [];
    const raw: RawEntry[] = [];
    const paths = await listMarkdown(root, folder, required, problems);
    fileCount += paths.length;

    for (const file of paths) {
      const parsed = parseMarkdownFile(await readFile(path.join(root, file), 'utf8'));
      sources.set(file, parsed);
      const slug = slugOf(file, problems);
      read.push({ file, slug, data: parsed.data });

      const value = validate<object>(file, parsed, schema, problems);
      if (value && slug) {
        valid.push({ ...value, slug, body: parsed.body.trim() } as T);
        raw.push({ slug, file, data: parsed.data, body: parsed.body.trim() });
      }
    }
    return { valid, read, raw };
  };

  const sources = new Map<string, ParsedYaml>();
  const incidents = await readCollection<Incident>(CONTENT_PATHS.incidents, incidentSchema, true);
  const maintenance = await readCollection<Maintenance>(CONTENT_PATHS.maintenance, maintenanceSchema, false);
  const postmortems = await readCollection<Postmortem>(CONTENT_PATHS.postmortems, postmortemSchema, false);
  await checkContentFolder(root, problems);

  // Response-time rollups, checked against the services the config names.
  const serviceIds = listOfIds(config.source?.data);
  const responseTimes = await readResponseTimes(root, serviceIds);
  problems.push(...responseTimes.problems);
  fileCount += responseTimes.fileCount;

  // Then what no single file can check: ids, references and duplicates.
  if (config.source) sources.set(CONTENT_PATHS.config, config.source);
  const crossProblems = crossCheck({
    config: { file: CONTENT_PATHS.config, data: config.source?.data },
    incidents: incidents.read,
    maintenance: maintenance.read,
    postmortems: postmortems.read,
  });
  for (const problem of crossProblems) problems.push(place(problem.file, problem, sources.get(problem.file)));

  if (problems.length > 0 || !config.value) return { problems, fileCount };

  return {
    problems,
    fileCount,
    repository: {
      config: config.value,
      incidents: incidents.valid,
      maintenance: maintenance.valid,
      postmortems: postmortems.valid,
      responseTimes: responseTimes.series,
    },
    raw: { config: config.source?.data, incidents: incidents.raw, maintenance: maintenance.raw, postmortems: postmortems.raw },
  };
}

// Service ids from the config as written, valid or not, so that a typo in
// one service does not make every response-time file look unknown.
function listOfIds(config: unknown): string[] {
  const services = (config as { services?: unknown } | undefined)?.services;
  if (!Array.isArray(services)) return [];
  return services.flatMap((service: unknown) => {
    const id = (service as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

async function readConfig(root: string, problems: Problem[]): Promise<{ value?: SiteConfig; source?: ParsedYaml }> {
  const file = CONTENT_PATHS.config;
  let text: string;
  try {
    text = await readFile(path.join(root, file), 'utf8');
  } catch {
    problems.push({
      file,
      message: `the site configuration is missing (looked in ${path.resolve(root)})`,
      fix: 'create content/config.yml with `title`, `url` and `services`, or point SITREP_ROOT at the folder that has it',
    });
    return {};
  }

  const source = parseYamlSource(text);
  const value = validate<SiteConfig>(file, source, siteConfigSchema, problems);
  return { value, source };
}

function validate<T>(file: string, source: ParsedYaml, schema: z.ZodTypeAny, problems: Problem[]): T | undefined {
  if (source.problems.length > 0) {
    for (const problem of source.problems) problems.push({ file, line: problem.line, message: problem.message, fix: problem.fix });
    return undefined;
  }

  const result = schema.safeParse(source.data);
  if (result.success) return result.data as T;

  for (const issue of result.error.issues) problems.push(place(file, describeIssue(issue, source.data, schema), source));
  return undefined;
}

function place(file: string, problem: FieldProblem, source: ParsedYaml | undefined): Problem {
  const fieldPath = problem.key === undefined ? problem.path : [...problem.path, problem.key];
  return {
    file,
    line: source?.lineOf(problem.path, problem.key),
    field: fieldPath.length > 0 ? formatFieldPath(fieldPath) : undefined,
    message: problem.message,
    fix: problem.fix,
  };
}

// The file name is the slug: it becomes the page's URL and the feed's guid.
function slugOf(file: string, problems: Problem[]): string | undefined {
  const name = path.posix.basename(file, '.md');
  const slug = name.toLowerCase();
  if (SLUG.test(slug)) return slug;

  const suggestion = slug.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'incident-name';
  problems.push({
    file,
    message: `the file name \`${name}\` cannot be used in a URL`,
    fix: `rename the file to \`${suggestion}.md\`: lower-case letters, digits and hyphens only`,
  });
  return undefined;
}

// Lists markdown files below a folder, in sub-folders too. Dot files such as
// `.gitkeep` and README.md files are skipped. Any other file is a problem,
// because a misnamed incident would otherwise vanish from the page.
async function listMarkdown(root: string, folder: string, required: boolean, problems: Problem[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
  } catch {
    if (required) {
      problems.push({
        file: `${folder}/`,
        message: `the folder \`${folder}/\` is missing (looked in ${path.resolve(root)})`,
        fix: `create it, with an empty \`${folder}/.gitkeep\` file if there are no files yet, or point SITREP_ROOT at the right folder`,
      });
    }
    return [];
  }

  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    // `parentPath` arrived in Node 20.12; earlier releases call it `path`.
    const parent = entry.parentPath ?? (entry as unknown as { path: string }).path;
    const relative = path.relative(root, path.join(parent, entry.name)).split(path.sep).join('/');
    if (relative.split('/').some((part) => part.startsWith('.')) || entry.name.toLowerCase() === 'readme.md') continue;

    if (entry.name.endsWith('.md')) files.push(relative);
    else {
      problems.push({
        file: relative,
        message: 'this file is not read, because only `.md` files are content',
        fix: `rename it to \`${path.posix.basename(entry.name, path.extname(entry.name))}.md\`, or move it out of \`${folder}/\``,
      });
    }
  }
  return files.sort();
}

// A misspelt folder such as `content/maintenances/` would otherwise be
// ignored without a word, and its windows would never show.
async function checkContentFolder(root: string, problems: Problem[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(path.join(root, 'content'), { withFileTypes: true });
  } catch {
    return;
  }

  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;

    if (entry.isFile()) {
      if (entry.name === 'config.yml' || entry.name.toLowerCase() === 'readme.md') continue;
      problems.push({
        file: `content/${entry.name}`,
        message: 'this file is not read, because only `content/config.yml` and the files in its folders are content',
        fix: entry.name.endsWith('.md')
          ? 'move an incident to `incidents/`, a maintenance window to `content/maintenance/`, a postmortem to `content/postmortems/`'
          : 'move the file out of `content/`',
      });
      continue;
    }

    if (!entry.isDirectory() || KNOWN_CONTENT_FOLDERS.includes(entry.name)) continue;
    const guess = closestMatch(entry.name, KNOWN_CONTENT_FOLDERS);
    const incidents = closestMatch(entry.name, ['incidents']) !== undefined;
    let fix = `move its files to \`content/maintenance/\`, \`content/postmortems/\` or \`content/response-times/\`, or out of \`content/\``;
    if (incidents) fix = 'incidents belong in the top-level `incidents/` folder, next to `content/`; move the files there';
    else if (guess) fix = `did you mean \`content/${guess}/\`? Rename the folder`;
    problems.push({ file: `content/${entry.name}/`, message: `unknown folder \`content/${entry.name}/\`, so its files are not read`, fix });
  }
}
