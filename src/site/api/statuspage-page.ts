import type { Repository, ServiceStatus, SiteConfig } from '../../domain/schema/index.ts';
import { siteStatusAt, type SiteStatus } from '../../domain/status.ts';
import { absoluteUrl, paths } from '../urls.ts';
import { statuspageComponents } from './statuspage-components.ts';
import { pageId, serviceComponentIdOf } from './statuspage-ids.ts';
import type { StatuspageComponent, StatuspagePage, StatuspageStatus } from './statuspage-types.ts';

/**
 * The page-wide indicator for the worst service state, with Statuspage's
 * wording. Maintenance ranks below every impact, as on the home page.
 */
export const STATUS_INDICATORS: Record<ServiceStatus, StatuspageStatus> = {
  operational: { indicator: 'none', description: 'All Systems Operational' },
  under_maintenance: { indicator: 'maintenance', description: 'Service Under Maintenance' },
  degraded_performance: { indicator: 'minor', description: 'Minor Service Outage' },
  partial_outage: { indicator: 'major', description: 'Partial System Outage' },
  major_outage: { indicator: 'critical', description: 'Major Service Outage' },
};

/** Everything the Statuspage builders share for one build: the clock, the status at that moment and the components. */
export interface StatuspageContext {
  repository: Repository;
  now: Date;
  status: SiteStatus;
  page: StatuspagePage;
  /** Every component in page order: each group followed by its services. */
  components: StatuspageComponent[];
  /** The service components (not groups) by service id. */
  serviceComponents: Map<string, StatuspageComponent>;
}

/**
 * Computes the shared data once. Pass the build's `status` when it is at
 * hand, so that every file agrees with the HTML pages. Without it, the
 * status is computed at `now`.
 */
export function createStatuspageContext(repository: Repository, now: Date, status = siteStatusAt(repository, now)): StatuspageContext {
  const page = statuspagePage(repository.config, now);
  const components = statuspageComponents(repository, now, status, page.id);
  const byId = new Map(components.map((component) => [component.id, component]));
  const serviceComponents = new Map<string, StatuspageComponent>();
  for (const service of repository.config.services) {
    const component = byId.get(serviceComponentIdOf(service));
    if (component) serviceComponents.set(service.id, component);
  }
  return { repository, now, status, page, components, serviceComponents };
}

export function statuspagePage(config: SiteConfig, now: Date): StatuspagePage {
  const url = absoluteUrl(config.url, config.base, paths.home());
  return { id: pageId(url), name: config.title, url, time_zone: config.timezone, updated_at: now.toISOString() };
}

/** Returns the indicator and description for the site's worst service state. */
export function statuspageStatus(status: SiteStatus): StatuspageStatus {
  return { ...STATUS_INDICATORS[status.overall] };
}
