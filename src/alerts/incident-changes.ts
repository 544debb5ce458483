// Compares the content before and after a push and lists what changed for
// the people who follow incidents. Pure: it reads no files and no clock.
import { incidentAsOf } from '../domain/as-of.ts';
import { incidentImpact, incidentStatusAt, servicesOf } from '../domain/incident.ts';
import type { Incident, IncidentImpact, IncidentStatus, Repository } from '../domain/schema/index.ts';

/** One update of an incident, with its 1-based position in the incident's `updates` list. */
export interface NumberedUpdate {
  number: number;
  at: Date;
  status: IncidentStatus;
  message: string;
}

/** A change to one incident that alerts report. */
export interface IncidentEvent {
  kind: 'opened' | 'updated' | 'resolved' | 'impact_changed';
  slug: string;
  /** The incident after the push, as of `now`. */
  incident: Incident;
  status: IncidentStatus;
  impact: IncidentImpact;
  /** The impact before the push; set only on `impact_changed`. */
  previousImpact?: IncidentImpact;
  /** Every service the incident touched, in first-seen order. */
  services: string[];
  /** The update this event reports: the first one for `opened`, the new one for `updated` and `resolved`. */
  update?: NumberedUpdate;
  /** When the change happened: the update's time, or `now` when no update caused it. */
  at: Date;
}

/** A certificate warning that `sitrep check --json` reported for a service. */
export interface CertificateEvent {
  kind: 'certificate';
  serviceId: string;
  serviceName: string;
  message: string;
  at: Date;
}

export type AlertEvent = IncidentEvent | CertificateEvent;

/**
 * Lists the incident events between two versions of the content, oldest
 * first within each incident. Only what has happened by `now` counts, so an
 * update dated later alerts on the run after it comes due. A new incident
 * reports `opened` with its first update, then `updated` for each further
 * update and `resolved` if it is already over. A removed incident reports nothing.
 */
export function incidentChanges(before: Repository | undefined, after: Repository, now: Date): IncidentEvent[] {
  const previous = new Map((before?.incidents ?? []).map((incident) => [incident.slug, incidentAsOf(incident, now)]));
  const events: IncidentEvent[] = [];

  for (const written of after.incidents) {
    if (written.started > now) continue;
    const incident = incidentAsOf(written, now);
    const old = previous.get(incident.slug);
    const oldVisible = old !== undefined && old.started <= now;
    events.push(...changesOf(oldVisible ? old : undefined, incident, now));
  }
  return events;
}

function changesOf(old: Incident | undefined, incident: Incident, now: Date): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  const status = incidentStatusAt(incident, now);
  const impact = incidentImpact(incident);
  const base = { slug: incident.slug, incident, status, impact, services: servicesOf(incident) };
  const updates = numberedUpdates(incident);

  let firstNew = old ? old.updates.length : 0;
  if (!old) {
    const first = updates[0];
    const opening = first && first.status !== 'resolved' ? first : undefined;
    events.push({ ...base, kind: 'opened', update: opening, at: opening?.at ?? incident.started });
    if (opening) firstNew = 1;
  }

  for (const update of updates.slice(firstNew)) {
    events.push({ ...base, kind: update.status === 'resolved' ? 'resolved' : 'updated', update, at: update.at });
  }

  // An incident recorded with a `resolved` time and no resolved update.
  const wasResolved = old !== undefined && incidentStatusAt(old, now) === 'resolved';
  const reported = events.some((event) => event.kind === 'resolved');
  if (status === 'resolved' && !wasResolved && !reported) {
    events.push({ ...base, kind: 'resolved', at: incident.resolved ?? now });
  }

  if (old && status !== 'resolved') {
    const previousImpact = incidentImpact(old);
    if (previousImpact !== impact) events.push({ ...base, kind: 'impact_changed', previousImpact, at: now });
  }
  return events;
}

/** Returns the incident's updates with their 1-based numbers, the ids of the issue comments that mirror them. */
export function numberedUpdates(incident: Incident): NumberedUpdate[] {
  return incident.updates.map((update, index) => ({ number: index + 1, at: update.at, status: update.status, message: update.message }));
}

/** The part of `sitrep check --json` output that alerts read. */
interface CheckReport {
  services?: { id?: unknown; name?: unknown; warnings?: unknown }[];
}

/**
 * Returns the certificate warnings in a `sitrep check --json` report. The
 * monitor reports each certificate once per warning, so these are forwarded as they are.
 */
export function certificateEvents(report: unknown, now: Date): CertificateEvent[] {
  const services = (report as CheckReport | null)?.services;
  if (!Array.isArray(services)) throw new Error('the report has no `services` list; pass the output of `sitrep check --json`');

  const events: CertificateEvent[] = [];
  for (const service of services) {
    if (typeof service?.id !== 'string' || !Array.isArray(service.warnings)) continue;
    const name = typeof service.name === 'string' ? service.name : service.id;
    for (const warning of service.warnings) {
      if (typeof warning === 'string' && /^certificate\b/i.test(warning)) {
        events.push({ kind: 'certificate', serviceId: service.id, serviceName: name, message: warning, at: now });
      }
    }
  }
  return events;
}

/** Returns the absolute address of an incident's page, with the site's `base` path. */
export function incidentUrl(config: Repository['config'], slug: string): string {
  return `${config.url.replace(/\/+$/, '')}${config.base}incidents/${slug}/`;
}
