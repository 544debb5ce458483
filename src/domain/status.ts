import type { Incident, Maintenance, Repository, ServiceStatus } from './schema/index.ts';
import { incidentChangedAt } from './as-of.ts';
import { affectedAt, isActiveAt } from './incident.ts';
import { isUpcomingAt, maintenanceStateAt } from './maintenance.ts';
import { worseStatus, worstStatus } from './severity.ts';

/** The state of the whole site at one moment, as the home page shows it. */
export interface SiteStatus {
  at: Date;
  /** The worst state of any service. */
  overall: ServiceStatus;
  services: Map<string, ServiceStatus>;
  /** Open incidents, most recently updated first. */
  activeIncidents: Incident[];
  /** Windows under way, soonest to end first. */
  activeMaintenance: Maintenance[];
  /** Windows not yet started, soonest first. */
  upcomingMaintenance: Maintenance[];
}

/**
 * Computes every service's state at `at`. A service takes the worst impact
 * any open incident gives it; a maintenance window under way marks it
 * `under_maintenance` unless an incident makes it worse. Maintenance that
 * has not started changes nothing.
 */
export function siteStatusAt(repository: Repository, at: Date): SiteStatus {
  const services = new Map<string, ServiceStatus>();
  for (const service of repository.config.services) services.set(service.id, 'operational');

  const activeIncidents = repository.incidents
    .filter((incident) => isActiveAt(incident, at))
    .sort((a, b) => incidentChangedAt(b, at).getTime() - incidentChangedAt(a, at).getTime());

  for (const incident of activeIncidents) {
    for (const [id, impact] of Object.entries(affectedAt(incident, at))) {
      const current = services.get(id);
      if (current) services.set(id, worseStatus<ServiceStatus>(current, impact));
    }
  }

  const activeMaintenance = repository.maintenance
    .filter((window) => maintenanceStateAt(window, at).active)
    .sort((a, b) => maintenanceStateAt(a, at).end.getTime() - maintenanceStateAt(b, at).end.getTime());

  for (const window of activeMaintenance) {
    for (const id of window.services) {
      const current = services.get(id);
      if (current) services.set(id, worseStatus<ServiceStatus>(current, 'under_maintenance'));
    }
  }

  const upcomingMaintenance = repository.maintenance
    .filter((window) => isUpcomingAt(window, at))
    .sort((a, b) => a.start.getTime() - b.start.getTime());

  return {
    at,
    overall: worstStatus(services.values()),
    services,
    activeIncidents,
    activeMaintenance,
    upcomingMaintenance,
  };
}

/** Returns the worst state among a group's services. */
export function groupStatus(status: SiteStatus, serviceIds: readonly string[]): ServiceStatus {
  return worstStatus(serviceIds.map((id) => status.services.get(id) ?? 'operational'));
}
