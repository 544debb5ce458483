// Describes changes to content/config.yml for the pull-request summary.
import type { SiteConfig } from '../domain/schema/index.ts';

/**
 * Returns lines such as `config: 2 services added (Search, Billing)`:
 * services added, removed and renamed, groups added and removed, and the
 * other top-level settings that changed, by name.
 */
export function describeConfigChanges(base: SiteConfig, head: SiteConfig): string[] {
  const lines: string[] = [];
  const baseServices = new Map(base.services.map((service) => [service.id, service]));
  const headIds = new Set(head.services.map((service) => service.id));

  const added = head.services.filter((service) => !baseServices.has(service.id));
  const removed = base.services.filter((service) => !headIds.has(service.id));
  const renamed = head.services.filter((service) => {
    const previous = baseServices.get(service.id);
    return previous !== undefined && previous.name !== service.name;
  });
  const changed = head.services.filter((service) => {
    const previous = baseServices.get(service.id);
    return previous !== undefined && previous.name === service.name && JSON.stringify(previous) !== JSON.stringify(service);
  });

  if (added.length > 0) lines.push(`config: ${countOf(added.length, 'service')} added (${names(added)})`);
  if (removed.length > 0) lines.push(`config: ${countOf(removed.length, 'service')} removed (${names(removed)})`);
  for (const service of renamed) lines.push(`config: service ${service.id} renamed from ${baseServices.get(service.id)!.name} to ${service.name}`);
  if (changed.length > 0) lines.push(`config: settings of ${countOf(changed.length, 'service')} changed (${names(changed)})`);

  const baseGroups = new Set(base.groups.map((group) => group.id));
  const headGroups = new Set(head.groups.map((group) => group.id));
  const groupsAdded = head.groups.filter((group) => !baseGroups.has(group.id));
  const groupsRemoved = base.groups.filter((group) => !headGroups.has(group.id));
  if (groupsAdded.length > 0) lines.push(`config: ${countOf(groupsAdded.length, 'group')} added (${names(groupsAdded)})`);
  if (groupsRemoved.length > 0) lines.push(`config: ${countOf(groupsRemoved.length, 'group')} removed (${names(groupsRemoved)})`);

  const settings = new Set([...Object.keys(base), ...Object.keys(head)]);
  settings.delete('services');
  settings.delete('groups');
  const changedSettings = [...settings]
    .filter((key) => JSON.stringify(base[key as keyof SiteConfig]) !== JSON.stringify(head[key as keyof SiteConfig]))
    .sort();
  if (changedSettings.length > 0) lines.push(`config: ${changedSettings.join(', ')} changed`);
  return lines;
}

function names(items: ReadonlyArray<{ name: string }>): string {
  return items.map((item) => item.name).join(', ');
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
