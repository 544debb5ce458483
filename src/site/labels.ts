import type { IncidentImpact, IncidentStatus, MaintenanceStatus, ServiceStatus } from '../domain/schema/index.ts';

// The default English wording of every state the page shows. Keeping the
// words in one place lets a translation replace them in one place too.

export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const IMPACT_LABELS: Record<IncidentImpact, string> = {
  none: 'No impact',
  minor: 'Minor impact',
  major: 'Major impact',
  critical: 'Critical impact',
};

export const MAINTENANCE_STATUS_LABELS: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/**
 * Returns the home page's headline for the site's worst state, naming the
 * services at fault when there are few enough to read at a glance.
 */
export function bannerText(overall: ServiceStatus, namesAtWorst: readonly string[]): string {
  if (overall === 'operational') return 'All systems operational';

  const headline = overall === 'under_maintenance' ? 'Maintenance in progress' : SERVICE_STATUS_LABELS[overall];
  if (namesAtWorst.length === 0) return headline;
  if (namesAtWorst.length <= 3) return `${headline}: ${namesAtWorst.join(', ')}`;
  return `${headline} in ${namesAtWorst.length} services`;
}
