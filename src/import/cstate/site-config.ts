// cState's config.yml: `params.categories` become groups and
// `params.systems` become services. The layout follows cState's example
// site (cstate/cstate, exampleSite/config.yml). Each category has `name`,
// `description`, `closed` and `untitled`. Each system has `name`,
// `description`, `category` and `link`. The site has `title`, `baseURL`
// and `params.description`.
import { slugify, uniqueSlug } from '../../authoring/slug.ts';
import type { ImportedGroup, ImportedService, NewSiteSettings } from '../model.ts';
import type { ImportReport } from '../report.ts';
import { text } from '../source-files.ts';
import { looseBoolean } from '../values.ts';

export interface CstateSite {
  services: ImportedService[];
  groups: ImportedGroup[];
  /** System name as written in config.yml, to service id. */
  serviceIdsByName: Map<string, string>;
  site: NewSiteSettings;
}

function listAt(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

/** Maps cState's categories and systems; every setting without an equivalent goes to `report`. */
export function mapCstateConfig(config: unknown, existingServicesByName: ReadonlyMap<string, string>, report: ImportReport): CstateSite {
  const root = (typeof config === 'object' && config !== null ? config : {}) as Record<string, unknown>;
  const params = (typeof root.params === 'object' && root.params !== null ? root.params : {}) as Record<string, unknown>;

  const groups: ImportedGroup[] = [];
  const groupIdsByName = new Map<string, string>();
  const takenGroupIds = new Set<string>();
  for (const category of listAt(params.categories)) {
    const name = text(category.name);
    if (!name) {
      report.unmap('config.yml params.categories: a category without a `name` was left out');
      continue;
    }
    const id = uniqueSlug(slugify(name) || 'group', takenGroupIds);
    takenGroupIds.add(id);
    groupIdsByName.set(name, id);
    const group: ImportedGroup = { id, name, comment: `cState category: ${name}` };
    if (text(category.description)) group.description = text(category.description);
    if (looseBoolean(category.closed) === true) group.collapsed = true;
    if (looseBoolean(category.untitled) === true) {
      report.unmap(`category \`${name}\`: \`untitled\` has no equivalent; Sitrep always shows a group's name`);
    }
    groups.push(group);
  }

  const services: ImportedService[] = [];
  const serviceIdsByName = new Map<string, string>();
  const takenServiceIds = new Set<string>();
  for (const system of listAt(params.systems)) {
    const name = text(system.name);
    if (!name) {
      report.unmap('config.yml params.systems: a system without a `name` was left out');
      continue;
    }
    const existingId = existingServicesByName.get(name.toLowerCase());
    if (existingId !== undefined) {
      // The site has a service of this name already: the system's incidents go to it.
      serviceIdsByName.set(name, existingId);
      report.map(`system \`${name}\` → the existing service \`${existingId}\` of the same name`);
      continue;
    }
    const id = uniqueSlug(slugify(name) || 'service', takenServiceIds);
    takenServiceIds.add(id);
    serviceIdsByName.set(name, id);
    const service: ImportedService = { id, name, comment: `cState system: ${name}` };
    if (text(system.description)) service.description = text(system.description);

    const category = text(system.category);
    if (category !== undefined) {
      let groupId = groupIdsByName.get(category);
      if (groupId === undefined) {
        groupId = uniqueSlug(slugify(category) || 'group', takenGroupIds);
        takenGroupIds.add(groupId);
        groupIdsByName.set(category, groupId);
        groups.push({ id: groupId, name: category, comment: `cState category: ${category}` });
        report.map(`system \`${name}\`: its category \`${category}\` is not in params.categories, so the group \`${groupId}\` was created for it`);
      }
      service.group = groupId;
    }
    if (text(system.link)) report.unmap(`system \`${name}\`: \`link\` (${text(system.link)}) has no equivalent; put it in the description if visitors need it`);
    services.push(service);
  }

  const title = text(root.title) ?? 'Status';
  let url = text(root.baseURL) ?? text(root.baseurl);
  if (!url || !/^https?:\/\//i.test(url)) {
    report.note(`config.yml has no full http(s) \`baseURL\`${url ? ` (\`${url}\`)` : ''}; a new content/config.yml gets \`url: https://status.example.com\`, which you must change`);
    url = 'https://status.example.com';
  }
  const site: NewSiteSettings = { title, url };
  if (text(params.description)) site.description = text(params.description);

  return { services, groups, serviceIdsByName, site };
}
