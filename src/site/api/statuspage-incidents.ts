import { incidentImpact, incidentStatusAt, isActiveAt, resolvedAt, servicesOf } from '../../domain/incident.ts';
import type { Incident, ServiceImpact } from '../../domain/schema/index.ts';
import { absoluteUrl, paths } from '../urls.ts';
import { incidentAsOf, incidentChangedAt } from '../../domain/as-of.ts';
import { incidentIdOf, incidentUpdateId } from './statuspage-ids.ts';
import type { StatuspageContext } from './statuspage-page.ts';
import type { StatuspageAffectedComponent, StatuspageComponent, StatuspageIncident, StatuspageIncidentStatus } from './statuspage-types.ts';

/** How many incidents, or maintenance windows, the list files keep, as Statuspage's do. */
export const STATUSPAGE_LIST_LIMIT = 50;

type AffectedMap = Record<string, ServiceImpact>;

/**
 * Lists the incidents that have started by `now`, newest start first, at
 * most `limit` of them.
 */
export function statuspageIncidents(context: StatuspageContext, limit = STATUSPAGE_LIST_LIMIT): StatuspageIncident[] {
  return startedIncidents(context)
    .slice(0, limit)
    .map((incident) => statuspageIncident(incident, context));
}

/** Lists every incident open at `now`, newest start first, with no limit. */
export function unresolvedStatuspageIncidents(context: StatuspageContext): StatuspageIncident[] {
  return startedIncidents(context)
    .filter((incident) => isActiveAt(incident, context.now))
    .map((incident) => statuspageIncident(incident, context));
}

/**
 * Converts one incident as it stood at `now`. Updates posted later are left
 * out, and the status is `postmortem` once the incident is resolved and a
 * postmortem about it is published.
 */
export function statuspageIncident(incident: Incident, context: StatuspageContext): StatuspageIncident {
  const { now, page } = context;
  const posted = incidentAsOf(incident, now);
  const id = incidentIdOf(incident);
  const resolved = resolvedAt(posted);
  const postmortemAt = postmortemPublishedAt(incident, context);

  let status: StatuspageIncidentStatus = incidentStatusAt(incident, now);
  if (status === 'resolved' && postmortemAt) status = 'postmortem';

  // Statuspage creates an incident with its first update. A backfilled
  // incident without updates counts as created when it started.
  const createdAt = posted.updates[0]?.at ?? posted.started;
  const changedAt = incidentChangedAt(incident, now);
  const updatedAt = status === 'postmortem' && postmortemAt && postmortemAt > changedAt ? postmortemAt : changedAt;
  const monitoringAt = posted.updates.find((update) => update.status === 'monitoring')?.at;

  const changes = affectedComponentChanges(posted, context);
  // The schema keeps updates oldest first, so the posted ones are a prefix
  // of `updates` and keep their index there.
  const updates = posted.updates.map((update, index) =>
    statuspageUpdate(incidentUpdateId(incident.slug, index), id, update.status, update.message, update.at, changes[index]),
  );

  return {
    id,
    name: incident.title,
    status,
    created_at: createdAt.toISOString(),
    updated_at: updatedAt.toISOString(),
    monitoring_at: monitoringAt?.toISOString() ?? null,
    resolved_at: resolved?.toISOString() ?? null,
    impact: incidentImpact(posted),
    shortlink: absoluteUrl(context.repository.config.url, context.repository.config.base, paths.incident(incident.slug)),
    started_at: incident.started.toISOString(),
    page_id: page.id,
    incident_updates: updates.reverse(),
    components: componentsOf(servicesOf(posted), context),
  };
}

/**
 * Returns, for each posted update, how the incident changed the state of
 * each service. Before the first update every service counts as
 * operational, so the first update lists the services the incident starts
 * with. An update's own `affected` map replaces the one in force, and the
 * `resolved` update returns every affected service to operational. Services
 * whose state did not change are left out, so the list may be empty.
 */
export function affectedComponentChanges(posted: Incident, context: StatuspageContext): StatuspageAffectedComponent[][] {
  let inForce: AffectedMap = posted.affected;
  let before: AffectedMap = {};
  return posted.updates.map((update) => {
    if (update.affected) inForce = update.affected;
    const after = update.status === 'resolved' ? {} : inForce;
    const changes = diffAffected(before, after, context);
    before = after;
    return changes;
  });
}

/** Returns the service components for the given service ids, skipping ids the config does not list. */
export function componentsOf(serviceIds: readonly string[], context: StatuspageContext): StatuspageComponent[] {
  return serviceIds.flatMap((id) => {
    const component = context.serviceComponents.get(id);
    return component ? [component] : [];
  });
}

function diffAffected(before: AffectedMap, after: AffectedMap, context: StatuspageContext): StatuspageAffectedComponent[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: StatuspageAffectedComponent[] = [];
  for (const id of ids) {
    const component = context.serviceComponents.get(id);
    const oldStatus = before[id] ?? 'operational';
    const newStatus = after[id] ?? 'operational';
    if (!component || oldStatus === newStatus) continue;
    changes.push({ code: component.id, name: component.name, old_status: oldStatus, new_status: newStatus });
  }
  return changes;
}

function startedIncidents(context: StatuspageContext): Incident[] {
  return context.repository.incidents
    .filter((incident) => incident.started <= context.now)
    .sort((a, b) => b.started.getTime() - a.started.getTime() || a.slug.localeCompare(b.slug));
}

/** Returns when the first postmortem about the incident was published, if one is published by `now`. */
function postmortemPublishedAt(incident: Incident, context: StatuspageContext): Date | undefined {
  const published = context.repository.postmortems
    .filter((postmortem) => postmortem.incidents.includes(incident.slug) || postmortem.slug === incident.postmortem)
    .map((postmortem) => postmortem.published)
    .filter((date) => date <= context.now)
    .sort((a, b) => a.getTime() - b.getTime());
  return published[0];
}

/** Builds one entry of `incident_updates`, for incidents and maintenance alike. */
export function statuspageUpdate<S extends string>(
  id: string,
  incidentId: string,
  status: S,
  body: string,
  at: Date,
  changes: StatuspageAffectedComponent[] = [],
) {
  return {
    id,
    status,
    body,
    incident_id: incidentId,
    created_at: at.toISOString(),
    updated_at: at.toISOString(),
    display_at: at.toISOString(),
    affected_components: changes,
    // Sitrep has no subscribers to notify and posts no tweets.
    deliver_notifications: false,
    custom_tweet: null,
    tweet_id: null,
  };
}
