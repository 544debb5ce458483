import type { IncidentImpact, ServiceImpact, ServiceStatus } from './schema/vocabulary.ts';

// Worst-of ranks. An outage outranks maintenance: when both apply, the
// visitor needs to know the service is failing, not that work is planned.
const SERVICE_STATUS_RANK: Record<ServiceStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

const INCIDENT_IMPACT_RANK: Record<IncidentImpact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

/** Returns the worse of two service states. */
export function worseStatus<T extends ServiceStatus>(a: T, b: T): T {
  return SERVICE_STATUS_RANK[b] > SERVICE_STATUS_RANK[a] ? b : a;
}

/** Returns the worst of many service states, `operational` for none. */
export function worstStatus(statuses: Iterable<ServiceStatus>): ServiceStatus {
  let worst: ServiceStatus = 'operational';
  for (const status of statuses) worst = worseStatus(worst, status);
  return worst;
}

/** Returns a number that sorts service states from best to worst. */
export function statusRank(status: ServiceStatus): number {
  return SERVICE_STATUS_RANK[status];
}

/** Returns the worse of two incident impacts. */
export function worseImpact(a: IncidentImpact, b: IncidentImpact): IncidentImpact {
  return INCIDENT_IMPACT_RANK[b] > INCIDENT_IMPACT_RANK[a] ? b : a;
}

/**
 * Maps a service's impact to the incident impact it implies, as Statuspage
 * does: a major outage is critical, a partial outage major, degradation minor.
 */
export function impactOf(serviceImpact: ServiceImpact): IncidentImpact {
  switch (serviceImpact) {
    case 'major_outage':
      return 'critical';
    case 'partial_outage':
      return 'major';
    case 'degraded_performance':
      return 'minor';
  }
}
