import { incidentStatusAt, lastChangedAt, servicesOf } from '../domain/incident.ts';
import { maintenanceChangedAt, maintenanceStateAt } from '../domain/maintenance.ts';
import type { Repository } from '../domain/schema/index.ts';
import { formatDateTime } from './format-time.ts';
import { INCIDENT_STATUS_LABELS, MAINTENANCE_STATUS_LABELS } from './labels.ts';
import { escapeHtml, renderMarkdown } from './markdown.ts';
import { absoluteUrl, paths } from './urls.ts';

/** One incident or maintenance window as a feed entry, for RSS and Atom alike. */
export interface FeedEntry {
  /** The page's absolute URL, which also serves as the entry's stable id. */
  link: string;
  /** The title, prefixed with the current state: `[Resolved] Elevated API errors`. */
  title: string;
  /** The time of the latest update, so readers notice changes. */
  updated: Date;
  /** The latest message, as plain markdown text. */
  summary: string;
  /** The whole timeline as HTML, newest update first. */
  contentHtml: string;
  /** Names of the affected services. */
  categories: string[];
}

interface TimelineEntry {
  at: Date;
  status: string;
  message: string;
}

export interface FeedOptions {
  /** How many entries to keep, the most recently updated first. */
  limit: number;
  /** Keep only entries that touch this service. */
  serviceId?: string;
}

/**
 * Builds one entry per incident and per maintenance window, most recently
 * updated first. Only what has happened by `now` is included: updates dated
 * later, and windows neither announced nor started, stay out.
 */
export function feedEntries(repository: Repository, now: Date, options: FeedOptions): FeedEntry[] {
  const { config } = repository;
  const link = (path: string) => absoluteUrl(config.url, config.base, path);
  const serviceName = (id: string) => config.services.find((service) => service.id === id)?.name ?? id;
  const formatTime = (date: Date) => escapeHtml(formatDateTime(date, config.timezone, config.language));
  const timeline = (entries: TimelineEntry[], labels: Record<string, string>, body: string) =>
    [
      ...(body ? [renderMarkdown(body)] : []),
      ...[...entries].reverse().map(
        (entry) => `<p><strong>${escapeHtml(labels[entry.status] ?? entry.status)}</strong> · ${formatTime(entry.at)}</p>\n${renderMarkdown(entry.message)}`,
      ),
    ].join('\n');
  const touches = (serviceIds: readonly string[]) => options.serviceId === undefined || serviceIds.includes(options.serviceId);

  const incidentEntries = repository.incidents
    .filter((incident) => incident.started <= now && touches(servicesOf(incident)))
    .map((incident): FeedEntry => {
      const updates = incident.updates.filter((update) => update.at <= now);
      const status = INCIDENT_STATUS_LABELS[incidentStatusAt(incident, now)];
      const changed = lastChangedAt(incident);
      return {
        link: link(paths.incident(incident.slug)),
        title: `[${status}] ${incident.title}`,
        updated: updates.at(-1)?.at ?? (changed <= now ? changed : incident.started),
        summary: updates.at(-1)?.message ?? incident.title,
        contentHtml: timeline(updates, INCIDENT_STATUS_LABELS, incident.body),
        categories: servicesOf(incident).map(serviceName),
      };
    });

  const maintenanceEntries = repository.maintenance
    .filter((window) => (window.updates.some((update) => update.at <= now) || window.start <= now) && touches(window.services))
    .map((window): FeedEntry => {
      const updates = window.updates.filter((update) => update.at <= now);
      const state = MAINTENANCE_STATUS_LABELS[maintenanceStateAt(window, now).status].toLowerCase();
      const changed = maintenanceChangedAt(window);
      const schedule = `<p>Scheduled from ${formatTime(window.start)} to ${formatTime(window.end)}.</p>`;
      return {
        link: link(paths.maintenance(window.slug)),
        title: `[Maintenance, ${state}] ${window.title}`,
        updated: updates.at(-1)?.at ?? (changed <= now ? changed : window.start),
        summary: `Maintenance ${state}: ${window.title}`,
        contentHtml: `${schedule}\n${timeline(updates, MAINTENANCE_STATUS_LABELS, window.body)}`,
        categories: window.services.map(serviceName),
      };
    });

  return [...incidentEntries, ...maintenanceEntries]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.link.localeCompare(b.link))
    .slice(0, options.limit);
}
