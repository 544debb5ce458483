// The enumerations of the content format. The names follow Atlassian
// Statuspage's v2 API, so that data from and for Statuspage maps one to one.

/** The impact of an incident on one service, from least to worst. */
export const serviceImpacts = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
export type ServiceImpact = (typeof serviceImpacts)[number];

/** A service's state on the page, from best to worst. */
export const serviceStatuses = ['operational', 'under_maintenance', ...serviceImpacts] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

/** An incident's overall impact, from least to worst. */
export const incidentImpacts = ['none', 'minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof incidentImpacts)[number];

/** The stages of an incident, in their usual order. */
export const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** The stages of a maintenance window; `cancelled` is Sitrep's addition. */
export const maintenanceStatuses = ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'] as const;
export type MaintenanceStatus = (typeof maintenanceStatuses)[number];
