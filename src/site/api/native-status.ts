// Sitrep's own `api/status.json`: a small file for scripts that embed the
// current status in another site. It uses Sitrep's ids and slugs, not the
// hashed Statuspage ids.

import { incidentImpact, incidentStatusAt } from '../../domain/incident.ts';
import type { IncidentImpact, IncidentStatus, Repository, ServiceStatus } from '../../domain/schema/index.ts';
import { siteStatusAt, type SiteStatus } from '../../domain/status.ts';
import { formatUptime, type SiteUptime } from '../../domain/uptime.ts';
import { bannerText } from '../labels.ts';
import { absoluteUrl, paths } from '../urls.ts';
import { incidentAsOf, incidentChangedAt } from '../../domain/as-of.ts';

export interface NativeService {
  id: string;
  name: string;
  /** The service's group id, or null. */
  group: string | null;
  status: ServiceStatus;
  /** Uptime over the last 90 days in percent, rounded to two decimals, or null without data. */
  uptime_90d: number | null;
}

export interface NativeIncident {
  slug: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  url: string;
  updated_at: string;
}

export interface NativeMaintenance {
  slug: string;
  title: string;
  starts_at: string;
  ends_at: string;
  url: string;
}

export interface NativeStatus {
  generated_at: string;
  /** The worst state of any service. */
  status: ServiceStatus;
  /** The home page's headline, such as `Major outage: Public API`. */
  description: string;
  services: NativeService[];
  /** Open incidents, most recently changed first. */
  active_incidents: NativeIncident[];
  /** Windows not yet started, soonest first. */
  upcoming_maintenance: NativeMaintenance[];
}

/** Builds `api/status.json` for the moment `now`. */
export function nativeStatus(repository: Repository, now: Date, uptime: SiteUptime, status: SiteStatus = siteStatusAt(repository, now)): NativeStatus {
  const { config } = repository;
  const link = (path: string) => absoluteUrl(config.url, config.base, path);
  const namesAtWorst = config.services.filter((service) => status.services.get(service.id) === status.overall).map((service) => service.name);

  const services = config.services.map((service) => {
    const uptime90 = formatUptime(uptime.services.get(service.id)?.windows['90d'].uptime ?? null);
    return {
      id: service.id,
      name: service.name,
      group: service.group ?? null,
      status: status.services.get(service.id) ?? 'operational',
      uptime_90d: uptime90 === null ? null : Number(uptime90),
    };
  });

  // Sorted here by the changes posted by `now`: SiteStatus sorts by the
  // latest update in the file, which may still be ahead of `now`.
  const activeIncidents = status.activeIncidents
    .map((incident) => ({ incident, changedAt: incidentChangedAt(incident, now) }))
    .sort((a, b) => b.changedAt.getTime() - a.changedAt.getTime() || a.incident.slug.localeCompare(b.incident.slug))
    .map(({ incident, changedAt }) => ({
      slug: incident.slug,
      title: incident.title,
      status: incidentStatusAt(incident, now),
      impact: incidentImpact(incidentAsOf(incident, now)),
      url: link(paths.incident(incident.slug)),
      updated_at: changedAt.toISOString(),
    }));

  const upcomingMaintenance = status.upcomingMaintenance.map((window) => ({
    slug: window.slug,
    title: window.title,
    starts_at: window.start.toISOString(),
    ends_at: window.end.toISOString(),
    url: link(paths.maintenance(window.slug)),
  }));

  return {
    generated_at: now.toISOString(),
    status: status.overall,
    description: bannerText(status.overall, namesAtWorst),
    services,
    active_incidents: activeIncidents,
    upcoming_maintenance: upcomingMaintenance,
  };
}
