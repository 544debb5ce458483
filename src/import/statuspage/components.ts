// Statuspage components become services, and group components become groups.
import { slugify, uniqueSlug } from '../../authoring/slug.ts';
import { STATUSPAGE_ID } from '../../domain/schema/statuspage-id.ts';
import type { ImportedGroup, ImportedService } from '../model.ts';
import type { ImportReport } from '../report.ts';
import type { StatuspageComponent, StatuspageExport } from './source.ts';

export interface MappedComponents {
  services: ImportedService[];
  groups: ImportedGroup[];
  /** Statuspage component id to Sitrep service id. */
  serviceIds: Map<string, string>;
}

/** Maps the components of summary.json, then those that only incidents name. */
export function mapComponents(exported: StatuspageExport, existingByName: ReadonlyMap<string, string>, report: ImportReport): MappedComponents {
  const groups: ImportedGroup[] = [];
  const groupIds = new Map<string, string>();
  const takenGroups = new Set<string>();
  for (const component of exported.components.filter((item) => item.group === true)) {
    const id = uniqueSlug(slugify(component.name) || 'group', takenGroups);
    takenGroups.add(id);
    groupIds.set(component.id, id);
    const group: ImportedGroup = { id, name: component.name };
    if (component.description) group.description = component.description;
    keepStatuspageId(group, component, report);
    groups.push(group);
  }

  const services: ImportedService[] = [];
  const serviceIds = new Map<string, string>();
  const takenServices = new Set<string>();
  const addService = (component: StatuspageComponent) => {
    if (serviceIds.has(component.id)) return;
    const existing = existingByName.get(component.name.trim().toLowerCase());
    if (existing !== undefined) {
      serviceIds.set(component.id, existing);
      report.map(`component \`${component.name}\` → the existing service \`${existing}\` of the same name`);
      return;
    }
    const id = uniqueSlug(slugify(component.name) || 'service', takenServices);
    takenServices.add(id);
    serviceIds.set(component.id, id);
    const service: ImportedService = { id, name: component.name };
    if (component.description) service.description = component.description;
    const group = component.group_id ? groupIds.get(component.group_id) : undefined;
    if (group) service.group = group;
    else if (component.group_id) report.unmap(`component \`${component.name}\`: its group \`${component.group_id}\` is not in summary.json, so it has no group`);
    if (component.start_date && /^\d{4}-\d{2}-\d{2}$/.test(component.start_date)) service.since = component.start_date;
    if (component.only_show_if_degraded) report.unmap(`component \`${component.name}\`: \`only_show_if_degraded\` has no equivalent; Sitrep always shows the service`);
    if (component.status && component.status !== 'operational') {
      report.note(`component \`${component.name}\` is \`${component.status}\` in summary.json; Sitrep works out the current status from incidents and maintenance`);
    }
    keepStatuspageId(service, component, report);
    services.push(service);
  };

  for (const component of exported.components) if (component.group !== true) addService(component);
  for (const item of [...exported.incidents, ...exported.maintenances]) {
    for (const component of item.components ?? []) {
      if (component.group === true || serviceIds.has(component.id)) continue;
      report.map(`component \`${component.name}\` is not in summary.json but ${item.name} names it, so it became a service`);
      addService(component);
    }
  }
  return { services, groups, serviceIds };
}

/**
 * Keeps the component's id as `statuspage_id`. An id that does not have
 * Statuspage's shape would fail validation, so it is kept in a comment.
 */
function keepStatuspageId(entry: ImportedService | ImportedGroup, component: StatuspageComponent, report: ImportReport): void {
  if (STATUSPAGE_ID.test(component.id)) {
    entry.statuspage_id = component.id;
    return;
  }
  entry.comment = `statuspage-id: ${component.id}`;
  report.unmap(`component \`${component.name}\`: its id \`${component.id}\` is not lower-case letters and digits, so it is kept in a comment and the API derives a new id`);
}
