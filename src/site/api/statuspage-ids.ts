// Statuspage-style ids: 12 lower-case base-36 characters, like Statuspage's
// own. Each id is a hash of a key that names the thing (`incident:<slug>`),
// so every build gives the same thing the same id and nothing is stored.
// A service, group, incident or maintenance window with a `statuspage_id`,
// such as one imported from Statuspage, keeps that id instead. Update ids
// are always derived, because update ids are not stored in content.

import { createHash } from 'node:crypto';

const ID_LENGTH = 12;
const ID_SPACE = 36n ** BigInt(ID_LENGTH);

/**
 * Hashes `key` with SHA-256 and returns the first 64 bits, reduced to 12
 * base-36 characters (about 62 bits). Two different keys share an id with
 * odds of about n² / 2⁶³ among n ids, which is negligible for a status page.
 */
export function statuspageId(key: string): string {
  const digest = createHash('sha256').update(key, 'utf8').digest();
  return (digest.readBigUInt64BE(0) % ID_SPACE).toString(36).padStart(ID_LENGTH, '0');
}

/** Returns the page's id, derived from its absolute URL, so it changes when the site moves. */
export function pageId(pageUrl: string): string {
  return statuspageId(`page:${pageUrl}`);
}

/** Returns the component id of a service: its `statuspage_id`, or else the derived id. */
export function serviceComponentIdOf(service: { id: string; statuspage_id?: string | undefined }): string {
  return service.statuspage_id ?? componentId(service.id);
}

/** Returns the component id of a group: its `statuspage_id`, or else the derived id. */
export function groupComponentIdOf(group: { id: string; statuspage_id?: string | undefined }): string {
  return group.statuspage_id ?? groupComponentId(group.id);
}

/** Returns the id of an incident: its `statuspage_id`, or else the id derived from its slug. */
export function incidentIdOf(incident: { slug: string; statuspage_id?: string | undefined }): string {
  return incident.statuspage_id ?? incidentId(incident.slug);
}

/** Returns the id of a maintenance window: its `statuspage_id`, or else the id derived from its slug. */
export function maintenanceIdOf(window: { slug: string; statuspage_id?: string | undefined }): string {
  return window.statuspage_id ?? maintenanceId(window.slug);
}

export function componentId(serviceId: string): string {
  return statuspageId(`component:${serviceId}`);
}

export function groupComponentId(groupId: string): string {
  return statuspageId(`group:${groupId}`);
}

export function incidentId(slug: string): string {
  return statuspageId(`incident:${slug}`);
}

/**
 * Returns the id of the update at `index` in the incident's `updates` list.
 * Appending updates keeps the ids of the earlier ones. Inserting or
 * deleting an update renumbers the updates after it.
 */
export function incidentUpdateId(slug: string, index: number): string {
  return statuspageId(`update:${slug}:${index}`);
}

export function maintenanceId(slug: string): string {
  return statuspageId(`maintenance:${slug}`);
}

/** Returns the id of a maintenance update, numbered as incidentUpdateId numbers them. */
export function maintenanceUpdateId(slug: string, index: number): string {
  return statuspageId(`maintenance-update:${slug}:${index}`);
}
