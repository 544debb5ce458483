// The bodies of the Statuspage-compatible files under `api/v2/`, one
// function per file. docs/api.md describes each file for integrators.

import { unresolvedStatuspageIncidents, statuspageIncidents } from './statuspage-incidents.ts';
import { activeStatuspageMaintenances, statuspageMaintenances, upcomingStatuspageMaintenances } from './statuspage-maintenances.ts';
import { statuspageStatus, type StatuspageContext } from './statuspage-page.ts';
import type { StatuspageComponent, StatuspageIncident, StatuspagePage, StatuspageScheduledMaintenance, StatuspageStatus } from './statuspage-types.ts';

export interface SummaryBody {
  page: StatuspagePage;
  components: StatuspageComponent[];
  incidents: StatuspageIncident[];
  scheduled_maintenances: StatuspageScheduledMaintenance[];
  status: StatuspageStatus;
}

/** `api/v2/summary.json`: components, open incidents, maintenance under way or upcoming, and the indicator. */
export function summaryBody(context: StatuspageContext): SummaryBody {
  return {
    page: context.page,
    components: context.components,
    incidents: unresolvedStatuspageIncidents(context),
    scheduled_maintenances: [...activeStatuspageMaintenances(context), ...upcomingStatuspageMaintenances(context)],
    status: statuspageStatus(context.status),
  };
}

/** `api/v2/status.json`. */
export function statusBody(context: StatuspageContext): { page: StatuspagePage; status: StatuspageStatus } {
  return { page: context.page, status: statuspageStatus(context.status) };
}

/** `api/v2/components.json`. */
export function componentsBody(context: StatuspageContext): { page: StatuspagePage; components: StatuspageComponent[] } {
  return { page: context.page, components: context.components };
}

/** `api/v2/incidents.json`: the 50 incidents that started last. */
export function incidentsBody(context: StatuspageContext): { page: StatuspagePage; incidents: StatuspageIncident[] } {
  return { page: context.page, incidents: statuspageIncidents(context) };
}

/** `api/v2/incidents/unresolved.json`. */
export function unresolvedIncidentsBody(context: StatuspageContext): { page: StatuspagePage; incidents: StatuspageIncident[] } {
  return { page: context.page, incidents: unresolvedStatuspageIncidents(context) };
}

type MaintenancesBody = { page: StatuspagePage; scheduled_maintenances: StatuspageScheduledMaintenance[] };

/** `api/v2/scheduled-maintenances.json`: the 50 windows with the latest scheduled start. */
export function scheduledMaintenancesBody(context: StatuspageContext): MaintenancesBody {
  return { page: context.page, scheduled_maintenances: statuspageMaintenances(context) };
}

/** `api/v2/scheduled-maintenances/upcoming.json`. */
export function upcomingMaintenancesBody(context: StatuspageContext): MaintenancesBody {
  return { page: context.page, scheduled_maintenances: upcomingStatuspageMaintenances(context) };
}

/** `api/v2/scheduled-maintenances/active.json`. */
export function activeMaintenancesBody(context: StatuspageContext): MaintenancesBody {
  return { page: context.page, scheduled_maintenances: activeStatuspageMaintenances(context) };
}
