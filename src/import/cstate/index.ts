// `sitrep import cstate <folder>`: a cState Hugo site with config.yml and
// content/issues/*.md becomes Sitrep services, groups, incidents and
// maintenance windows.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { slugify, uniqueSlug } from '../../authoring/slug.ts';
import { CONTENT_PATHS } from '../../repository/load-repository.ts';
import type { ImportPlan, PlannedFile } from '../model.ts';
import type { ImportOptions } from '../options.ts';
import type { ImportReport } from '../report.ts';
import { listFiles, readYamlFile } from '../source-files.ts';
import { NameMapper } from '../values.ts';
import { renderImportedFile } from '../write-files.ts';
import { mapCstateIssue } from './issue.ts';
import { mapCstateConfig } from './site-config.ts';

const ISSUES_FOLDER = 'content/issues';

/** Reads a cState site and returns what to write; every item it cannot map is in `report`. */
export async function planCstateImport(source: string, options: ImportOptions, report: ImportReport): Promise<ImportPlan> {
  let config: unknown;
  try {
    config = await readYamlFile(path.join(source, 'config.yml'));
  } catch (error) {
    throw new Error(`cannot read ${path.join(source, 'config.yml')}: ${(error as Error).message.split('\n')[0]}; give the folder of the cState site`);
  }
  const site = mapCstateConfig(config, options.existingServicesByName, report);
  const serviceIds = new Set([...options.existingServiceIds, ...site.services.map((service) => service.id)]);
  const mapper = new NameMapper(site.serviceIdsByName, options.mapping, serviceIds, report);

  const names = (await listFiles(path.join(source, ISSUES_FOLDER))).filter((name) => name.endsWith('.md') && !name.startsWith('_') && !name.startsWith('.'));
  if (names.length === 0) report.note(`${ISSUES_FOLDER} has no issue files`);

  const files: PlannedFile[] = [];
  const taken = { incident: new Set<string>(), maintenance: new Set<string>() };
  const naiveTimes = { count: 0 };
  for (const name of names) {
    const where = `${ISSUES_FOLDER}/${name}`;
    const mapped = mapCstateIssue(await readFile(path.join(source, ISSUES_FOLDER, name), 'utf8'), { where, report, mapper, naiveTimes });
    if (mapped.kind === 'skipped') {
      report.skip(`${where}: ${mapped.reason}`);
      continue;
    }

    // The source file name, with the start date in front when it lacks one.
    const day = mapped.started.toISOString().slice(0, 10);
    const base = slugify(name.replace(/\.md$/, '')) || 'issue';
    const slug = uniqueSlug(/^\d{4}-\d{2}-\d{2}-/.test(base) ? base : `${day}-${base}`, taken[mapped.kind]);
    taken[mapped.kind].add(slug);
    const folder = mapped.kind === 'incident' ? CONTENT_PATHS.incidents : CONTENT_PATHS.maintenance;
    const text = renderImportedFile(mapped.frontmatter, '', [`Imported from cState ${where}`]);
    files.push({ file: `${folder}/${slug}.md`, text, source: where });
  }

  if (naiveTimes.count > 0) {
    report.note(`${naiveTimes.count} cState times had no offset; cState writes UTC, so they were written with \`Z\``);
  }
  return { services: site.services, groups: site.groups, files, site: site.site };
}
