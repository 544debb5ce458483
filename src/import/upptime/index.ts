// `sitrep import upptime <folder>`: an Upptime repository's sites become
// services with checks, and its GitHub issues, from an optional issues.json
// export, become incidents and maintenance windows.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { datedSlug, slugify, uniqueSlug } from '../../authoring/slug.ts';
import { CONTENT_PATHS } from '../../repository/load-repository.ts';
import type { ImportedService, ImportPlan, PlannedFile } from '../model.ts';
import type { ImportOptions } from '../options.ts';
import type { ImportReport } from '../report.ts';
import { listFiles, readJsonFile, readYamlFile, text } from '../source-files.ts';
import { NameMapper } from '../values.ts';
import { renderImportedFile } from '../write-files.ts';
import { mapSiteCheck } from './checks.ts';
import { mapIssue, readIssues } from './issues.ts';

const ISSUE_FILES = ['issues.json', 'issues-rest.json'];
// Top-level settings of .upptimerc.yml that only steer Upptime's own workflows or website.
const SITE_SETTINGS = new Set(['owner', 'repo', 'sites', 'status-website']);

async function readHistory(source: string, slug: string): Promise<Record<string, unknown> | undefined> {
  try {
    return parseYaml(await readFile(path.join(source, 'history', `${slug}.yml`), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Reads an Upptime repository and returns what to write; every item it cannot map is in `report`. */
export async function planUpptimeImport(source: string, options: ImportOptions, report: ImportReport): Promise<ImportPlan> {
  let config: Record<string, unknown>;
  try {
    config = ((await readYamlFile(path.join(source, '.upptimerc.yml'))) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot read ${path.join(source, '.upptimerc.yml')}: ${(error as Error).message.split('\n')[0]}; give the folder of the Upptime repository`);
  }
  for (const key of Object.keys(config)) {
    if (!SITE_SETTINGS.has(key)) report.unmap(`.upptimerc.yml: \`${key}\` steers Upptime's own workflows and has no equivalent`);
  }

  const services: ImportedService[] = [];
  const slugs = new Map<string, string>();
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const sites = Array.isArray(config.sites) ? (config.sites as Record<string, unknown>[]) : [];
  for (const site of sites) {
    const name = text(site.name);
    if (!name) {
      report.unmap('.upptimerc.yml: a site without a `name` was left out');
      continue;
    }
    const slug = text(site.slug) ?? slugify(name);
    const where = `site \`${name}\``;
    const existing = options.existingServicesByName.get(name.toLowerCase());
    if (existing !== undefined) {
      slugs.set(slug, existing);
      names.set(name, existing);
      report.map(`${where} → the existing service \`${existing}\` of the same name; its check settings were not compared`);
      continue;
    }

    const id = uniqueSlug(slugify(slug) || 'service', taken);
    taken.add(id);
    slugs.set(slug, id);
    names.set(name, id);
    const service: ImportedService = { id, name, comment: `upptime-slug: ${slug}` };
    const history = await readHistory(source, slug);
    const since = toZonedSince(history?.startTime);
    if (since) service.since = since;
    if (history?.status === 'down' || history?.status === 'degraded') {
      report.note(`${where} is \`${String(history.status)}\` in history/${slug}.yml; only an open issue becomes an open incident`);
    }
    const check = mapSiteCheck(site, where, report);
    if (check) service.check = check;
    services.push(service);
  }

  const files = await planIssues(source, options, report, slugs, names);
  const website = (config['status-website'] ?? {}) as Record<string, unknown>;
  const cname = text(website.cname);
  if (!cname) report.note('.upptimerc.yml has no `status-website.cname`; a new content/config.yml gets `url: https://status.example.com`, which you must change');
  return {
    services,
    groups: [],
    files,
    site: { title: text(website.name) ?? `${text(config.owner) ?? 'Our'} status`, url: cname ? `https://${cname}` : 'https://status.example.com' },
  };
}

function toZonedSince(value: unknown): string | undefined {
  const textValue = value instanceof Date ? value.toISOString() : text(value);
  return textValue && /^\d{4}-\d{2}-\d{2}/.test(textValue) ? textValue.slice(0, 10) : undefined;
}

async function planIssues(source: string, options: ImportOptions, report: ImportReport, slugs: Map<string, string>, names: Map<string, string>): Promise<PlannedFile[]> {
  const present = (await listFiles(source)).filter((file) => ISSUE_FILES.includes(file));
  if (present.length === 0) {
    report.note(`no issues.json in the source folder, so no incidents or maintenance were imported; save one with \`gh issue list --state all --limit 1000 --json number,title,body,labels,createdAt,closedAt,state,comments > issues.json\``);
    return [];
  }

  const naiveTimes = { count: 0 };
  const serviceIds = new Set([...options.existingServiceIds, ...names.values()]);
  const mapper = new NameMapper(names, options.mapping, serviceIds, report);
  const issues = [];
  for (const file of present) issues.push(...readIssues(await readJsonFile(path.join(source, file)), naiveTimes));
  issues.sort((a, b) => a.number - b.number);

  const files: PlannedFile[] = [];
  const taken = { incident: new Set<string>(), maintenance: new Set<string>() };
  const seen = new Set<number>();
  for (const issue of issues) {
    if (seen.has(issue.number)) continue;
    seen.add(issue.number);
    const where = `issue #${issue.number}`;
    const mapped = mapIssue(issue, { where, report, mapper, slugs, naiveTimes });
    if (mapped.kind === 'skipped') {
      report.skip(`${where} (${issue.title}): ${mapped.reason}`);
      continue;
    }
    const slug = uniqueSlug(datedSlug(mapped.started, String(mapped.frontmatter.title), mapped.kind), taken[mapped.kind]);
    taken[mapped.kind].add(slug);
    const folder = mapped.kind === 'incident' ? CONTENT_PATHS.incidents : CONTENT_PATHS.maintenance;
    files.push({ file: `${folder}/${slug}.md`, text: renderImportedFile(mapped.frontmatter, '', [`github-issue: ${issue.number}`]), source: where });
  }
  if (naiveTimes.count > 0) report.note(`${naiveTimes.count} issue times had no offset; they were read as UTC and written with \`Z\``);
  return files;
}
