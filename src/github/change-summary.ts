// Lists what merging a pull request would change on the status page, by
// comparing the content of the base branch with the content of the pull
// request. Pure: both sides are already loaded and `now` is given.
import { incidentStatusAt } from '../domain/incident.ts';
import { maintenanceStateAt } from '../domain/maintenance.ts';
import type { Incident, Maintenance, Postmortem, Repository } from '../domain/schema/index.ts';
import { siteStatusAt } from '../domain/status.ts';
import { SERVICE_STATUS_LABELS } from '../site/labels.ts';
import { describeConfigChanges } from './config-changes.ts';
import { formatWindow } from './format-window.ts';

/** The hidden first line of the pull-request comment, so a workflow can find and update its own comment. */
export const SUMMARY_MARKER = '<!-- sitrep-summary -->';

/**
 * Returns one short line per change that merging `head` into `base` makes,
 * judged at `now`: service states, incidents, maintenance, postmortems,
 * the configuration and response times. An empty list means the page
 * would show the same content.
 */
export function summarizeChanges(base: Repository, head: Repository, now: Date): string[] {
  return [
    ...serviceStateChanges(base, head, now),
    ...incidentChanges(base.incidents, head.incidents, now),
    ...maintenanceChanges(base, head, now),
    ...postmortemChanges(base.postmortems, head.postmortems),
    ...describeConfigChanges(base.config, head.config),
    ...responseTimeChanges(base, head),
  ];
}

/** Formats the lines as the body of a pull-request comment, starting with SUMMARY_MARKER. */
export function formatSummaryMarkdown(lines: readonly string[], now: Date): string {
  const body = lines.length === 0
    ? 'Merging this pull request changes nothing that the status page shows.'
    : lines.map((line) => `- ${escapeMarkdown(line)}`).join('\n');
  return [
    SUMMARY_MARKER,
    '### Status page changes',
    '',
    body,
    '',
    `<sub>Compared with the base branch as of ${now.toISOString()}. Updated on every push to this pull request.</sub>`,
    '',
  ].join('\n');
}

/** Formats the lines as plain text, one change a line. */
export function formatSummaryText(lines: readonly string[]): string {
  return lines.length === 0 ? 'No changes to the status page.\n' : `${lines.join('\n')}\n`;
}

// Titles come from the pull request's author, so they must not turn into
// HTML, links or mentions in the comment.
function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~]/g, (character) => `\\${character}`)
    .replace(/@/g, '@\u200b')
    .replace(/\r?\n/g, ' ');
}

function serviceStateChanges(base: Repository, head: Repository, now: Date): string[] {
  const before = siteStatusAt(base, now).services;
  const after = siteStatusAt(head, now).services;
  const lines: string[] = [];
  for (const service of head.config.services) {
    const was = before.get(service.id);
    const is = after.get(service.id)!;
    // A new service is reported by the configuration lines; only its state matters here when it is not operational.
    if (was === is || (was === undefined && is === 'operational')) continue;
    const previous = was === undefined ? 'new service' : `was ${lowerLabel(SERVICE_STATUS_LABELS[was])}`;
    lines.push(`${service.name} → ${lowerLabel(SERVICE_STATUS_LABELS[is])} (${previous})`);
  }
  return lines;
}

function lowerLabel(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function incidentChanges(base: readonly Incident[], head: readonly Incident[], now: Date): string[] {
  const baseBySlug = new Map(base.map((incident) => [incident.slug, incident]));
  const headSlugs = new Set(head.map((incident) => incident.slug));
  let opened = 0;
  let resolved = 0;
  let backfilled = 0;
  const details: string[] = [];

  for (const incident of head) {
    const previous = baseBySlug.get(incident.slug);
    const isResolved = incidentStatusAt(incident, now) === 'resolved';
    if (!previous) {
      if (isResolved) backfilled++;
      else opened++;
      continue;
    }

    const wasResolved = incidentStatusAt(previous, now) === 'resolved';
    if (isResolved && !wasResolved) {
      resolved++;
    } else if (incident.updates.length > previous.updates.length) {
      details.push(`incident updated: ${incident.title} (${lastStatus(incident, now)})`);
    } else if (!sameContent(incidentContent(previous), incidentContent(incident))) {
      details.push(`incident edited: ${incident.title}`);
    }
  }
  const deleted = base.filter((incident) => !headSlugs.has(incident.slug));

  const counts: string[] = [];
  if (opened > 0) counts.push(`${opened} opened`);
  if (resolved > 0) counts.push(`${resolved} resolved`);
  if (backfilled > 0) counts.push(`${backfilled} added as already resolved`);
  const lines: string[] = [];
  // "1 incident opened, 2 resolved": the noun agrees with the first count.
  if (counts.length > 0) lines.push(counts.join(', ').replace(/^(\d+) /, (_, count: string) => `${count} ${count === '1' ? 'incident' : 'incidents'} `));
  lines.push(...details);
  for (const incident of deleted) lines.push(`incident deleted: ${incident.title}`);
  return lines;
}

function lastStatus(incident: Incident, now: Date): string {
  const last = incident.updates.at(-1);
  if (!last) return incidentStatusAt(incident, now);
  return last.at > now ? `${last.status}, dated in the future` : last.status;
}

function incidentContent(incident: Incident): unknown {
  return { ...incident, slug: undefined };
}

function maintenanceChanges(base: Repository, head: Repository, now: Date): string[] {
  const zone = head.config.timezone;
  const baseBySlug = new Map(base.maintenance.map((window) => [window.slug, window]));
  const headSlugs = new Set(head.maintenance.map((window) => window.slug));
  const lines: string[] = [];

  for (const window of head.maintenance) {
    const previous = baseBySlug.get(window.slug);
    const status = maintenanceStateAt(window, now).status;
    if (!previous) {
      lines.push(`maintenance scheduled for ${formatWindow(window.start, window.end, zone)}: ${window.title}`);
      continue;
    }
    if (status !== maintenanceStateAt(previous, now).status && (status === 'cancelled' || status === 'completed')) {
      lines.push(`maintenance ${status}: ${window.title}`);
    } else if (window.start.getTime() !== previous.start.getTime() || window.end.getTime() !== previous.end.getTime()) {
      lines.push(`maintenance rescheduled to ${formatWindow(window.start, window.end, zone)}: ${window.title}`);
    } else if (window.updates.length > previous.updates.length) {
      lines.push(`maintenance updated: ${window.title} (${window.updates.at(-1)!.status.replace('_', ' ')})`);
    } else if (!sameContent(maintenanceContent(previous), maintenanceContent(window))) {
      lines.push(`maintenance edited: ${window.title}`);
    }
  }
  for (const window of base.maintenance) {
    if (!headSlugs.has(window.slug)) lines.push(`maintenance deleted: ${window.title}`);
  }
  return lines;
}

function maintenanceContent(window: Maintenance): unknown {
  return { ...window, slug: undefined };
}

function postmortemChanges(base: readonly Postmortem[], head: readonly Postmortem[]): string[] {
  const baseBySlug = new Map(base.map((postmortem) => [postmortem.slug, postmortem]));
  const headSlugs = new Set(head.map((postmortem) => postmortem.slug));
  const lines: string[] = [];
  for (const postmortem of head) {
    const previous = baseBySlug.get(postmortem.slug);
    if (!previous) lines.push(`postmortem published: ${postmortem.title}`);
    else if (!sameContent(previous, postmortem)) lines.push(`postmortem edited: ${postmortem.title}`);
  }
  for (const postmortem of base) {
    if (!headSlugs.has(postmortem.slug)) lines.push(`postmortem deleted: ${postmortem.title}`);
  }
  return lines;
}

function responseTimeChanges(base: Repository, head: Repository): string[] {
  const changed: string[] = [];
  for (const [service, days] of head.responseTimes) {
    if (!sameContent(base.responseTimes.get(service) ?? [], days)) changed.push(service);
  }
  for (const service of base.responseTimes.keys()) {
    if (!head.responseTimes.has(service)) changed.push(service);
  }
  return changed.length === 0 ? [] : [`response times changed: ${changed.sort().join(', ')}`];
}

// Dates serialise to ISO strings, so equal times compare equal.
function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
