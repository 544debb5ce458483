// The shapes of Atlassian Statuspage's public v2 API (the `/api/v2/*.json`
// files of a hosted status page), as far as Sitrep fills them. Field names
// and enumerations follow Statuspage; docs/api.md lists where the values differ.

import type { ServiceStatus } from '../../domain/schema/index.ts';

/** An ISO 8601 time in UTC, such as `2026-03-10T12:00:00.000Z`. */
export type IsoTime = string;

export interface StatuspagePage {
  id: string;
  name: string;
  /** The status page's absolute URL, base path included. */
  url: string;
  /** The IANA time zone from the site's config. */
  time_zone: string;
  /** The build time, because the files are written once per build. */
  updated_at: IsoTime;
}

/** A component's state. Statuspage's names are the same as Sitrep's service states. */
export type StatuspageComponentStatus = ServiceStatus;

/** A service, or a group of services when `group` is true. */
export interface StatuspageComponent {
  id: string;
  name: string;
  status: StatuspageComponentStatus;
  created_at: IsoTime;
  updated_at: IsoTime;
  /** The 1-based place among its siblings: top-level rows, or the services of one group. */
  position: number;
  description: string | null;
  showcase: boolean;
  /** The first day of uptime data, `YYYY-MM-DD` in the site's time zone, or null for groups. */
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** The ids of the group's services. Only groups have this field. */
  components?: string[];
}

export interface StatuspageAffectedComponent {
  /** The component's id. */
  code: string;
  name: string;
  old_status: StatuspageComponentStatus;
  new_status: StatuspageComponentStatus;
}

export type StatuspageIncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
export type StatuspageMaintenanceStatus = 'scheduled' | 'in_progress' | 'verifying' | 'completed';
export type StatuspageImpact = 'none' | 'minor' | 'major' | 'critical';

export interface StatuspageIncidentUpdate {
  id: string;
  status: StatuspageIncidentStatus | StatuspageMaintenanceStatus;
  /** The update's markdown message, as written in the content file. */
  body: string;
  incident_id: string;
  created_at: IsoTime;
  updated_at: IsoTime;
  display_at: IsoTime;
  affected_components: StatuspageAffectedComponent[];
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
}

export interface StatuspageIncident {
  id: string;
  name: string;
  status: StatuspageIncidentStatus;
  created_at: IsoTime;
  updated_at: IsoTime;
  monitoring_at: IsoTime | null;
  resolved_at: IsoTime | null;
  impact: StatuspageImpact;
  /** The absolute URL of the incident's page. */
  shortlink: string;
  started_at: IsoTime;
  page_id: string;
  /** Posted updates, newest first. */
  incident_updates: StatuspageIncidentUpdate[];
  components: StatuspageComponent[];
}

/** A maintenance window, which Statuspage models as an incident with impact `maintenance`. */
export interface StatuspageScheduledMaintenance extends Omit<StatuspageIncident, 'status' | 'impact'> {
  status: StatuspageMaintenanceStatus;
  impact: 'maintenance';
  scheduled_for: IsoTime;
  scheduled_until: IsoTime;
}

export type StatuspageIndicator = StatuspageImpact | 'maintenance';

export interface StatuspageStatus {
  indicator: StatuspageIndicator;
  description: string;
}
