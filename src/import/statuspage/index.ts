// `sitrep import statuspage <path>`: a saved Statuspage export becomes
// services, groups, incidents and maintenance windows.
import { datedSlug, uniqueSlug } from '../../authoring/slug.ts';
import { CONTENT_PATHS } from '../../repository/load-repository.ts';
import type { ImportPlan, PlannedFile } from '../model.ts';
import type { ImportOptions } from '../options.ts';
import type { ImportReport } from '../report.ts';
import { renderImportedFile } from '../write-files.ts';
import { mapComponents } from './components.ts';
import { mapIncident, mapMaintenance, type MappedItem } from './incidents.ts';
import { readStatuspageExport, type StatuspageIncident } from './source.ts';

/** Reads a Statuspage export and returns what to write; every item it cannot map is in `report`. */
export async function planStatuspageImport(source: string, options: ImportOptions, report: ImportReport): Promise<ImportPlan> {
  const exported = await readStatuspageExport(source);
  report.note(`read ${exported.files.join(', ')}`);
  const { services, groups, serviceIds } = mapComponents(exported, options.existingServicesByName, report);

  const files: PlannedFile[] = [];
  const plan = (items: StatuspageIncident[], kind: 'incident' | 'maintenance') => {
    const mapped: { item: StatuspageIncident; result: MappedItem }[] = [];
    for (const item of items) {
      const where = `${kind} ${item.id} (${item.name})`;
      const result = kind === 'incident' ? mapIncident(item, { where, report, serviceIds }) : mapMaintenance(item, { where, report, serviceIds });
      if ('skipped' in result) report.skip(`${where}: ${result.skipped}`);
      else mapped.push({ item, result });
    }

    // Slugs are given in the order of start time, then id, so that every run names the files alike.
    mapped.sort((a, b) => a.result.started.getTime() - b.result.started.getTime() || a.item.id.localeCompare(b.item.id));
    const taken = new Set<string>();
    const folder = kind === 'incident' ? CONTENT_PATHS.incidents : CONTENT_PATHS.maintenance;
    for (const { item, result } of mapped) {
      const slug = uniqueSlug(datedSlug(result.started, item.name, kind), taken);
      taken.add(slug);
      files.push({
        file: `${folder}/${slug}.md`,
        text: renderImportedFile(result.frontmatter, result.body, result.comments),
        source: `Statuspage ${kind} ${item.id}`,
      });
    }
  };
  plan(exported.incidents, 'incident');
  plan(exported.maintenances, 'maintenance');

  const url = exported.page.url && /^https?:\/\//.test(exported.page.url) ? exported.page.url : 'https://status.example.com';
  if (url !== exported.page.url) report.note('summary.json has no page URL; a new content/config.yml gets `url: https://status.example.com`, which you must change');
  return { services, groups, files, site: { title: exported.page.name ?? 'Status', url } };
}
