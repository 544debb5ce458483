import { lastChangedAt } from './incident.ts';
import type { Incident, Maintenance, Postmortem, Repository } from './schema/index.ts';

/**
 * Returns the incident as it stood at `now`: updates posted later are left
 * out, and so is a `resolved` time still to come. The rules for impact,
 * worst impact and affected services then see only what has happened.
 */
export function incidentAsOf(incident: Incident, now: Date): Incident {
  const updates = incident.updates.filter((update) => update.at <= now);
  const { resolved, ...rest } = incident;
  return resolved && resolved <= now ? { ...rest, updates, resolved } : { ...rest, updates };
}

/** Returns the latest time by `now` at which the incident changed: its last posted update, its resolution or its start. */
export function incidentChangedAt(incident: Incident, now: Date): Date {
  return lastChangedAt(incidentAsOf(incident, now));
}

/**
 * Returns the content as a visitor may see it at `now`. Files may hold
 * updates dated later, written ahead or kept in a fixture, and no page, feed
 * or API file may show them early. Incidents that have not started and
 * postmortems not yet published are left out. Maintenance windows stay,
 * because upcoming windows are announced, but they lose their later updates.
 */
export function repositoryAsOf(repository: Repository, now: Date): Repository {
  const incidents = repository.incidents.filter((incident) => incident.started <= now).map((incident) => incidentAsOf(incident, now));
  const maintenance = repository.maintenance.map(
    (window): Maintenance => ({ ...window, updates: window.updates.filter((update) => update.at <= now) }),
  );
  const postmortems = repository.postmortems.filter((postmortem: Postmortem) => postmortem.published <= now);
  return { ...repository, incidents, maintenance, postmortems };
}
