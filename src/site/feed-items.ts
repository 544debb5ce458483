import type { RSSFeedItem } from '@astrojs/rss';
import { incidentStatusAt, lastChangedAt, servicesOf } from '../domain/incident.ts';
import { maintenanceChangedAt, maintenanceStateAt } from '../domain/maintenance.ts';
import type { Repository } from '../domain/schema/index.ts';
import { formatDateTime } from './format-time.ts';
import { INCIDENT_STATUS_LABELS, MAINTENANCE_STATUS_LABELS } from './labels.ts';
import { escapeHtml, renderMarkdown } from './markdown.ts';
import { absoluteUrl, paths } from './urls.ts';

/** How many items a feed keeps: the newest, by their latest update. */
export const FEED_ITEM_LIMIT = 50;

interface TimelineEntry {
  at: Date;
  status: string;
  message: string;
}

/**
 * Builds one feed item per incident and per maintenance window, newest
 * change first. The title carries the current state, `pubDate` is the time
 * of the latest update so readers notice changes, and the content is the
 * whole timeline. Only what has happened by `now` is included.
 */
export function feedItems(repository: Repository, now: Date, limit = FEED_ITEM_LIMIT): RSSFeedItem[] {
  const { config } = repository;
  const link = (path: string) => absoluteUrl(config.url, config.base, path);
  const serviceName = (id: string) => config.services.find((service) => service.id === id)?.name ?? id;
  const timeline = (entries: TimelineEntry[], labels: Record<string, string>, body: string) =>
    [
      ...(body ? [renderMarkdown(body)] : []),
      ...[...entries].reverse().map(
        (entry) =>
          `<p><strong>${escapeHtml(labels[entry.status] ?? entry.status)}</strong> · ${escapeHtml(formatDateTime(entry.at, config.timezone, config.language))}</p>\n${renderMarkdown(entry.message)}`,
      ),
    ].join('\n');

  const incidentItems = repository.incidents
    .filter((incident) => incident.started <= now)
    .map((incident) => {
      const updates = incident.updates.filter((update) => update.at <= now);
      const status = INCIDENT_STATUS_LABELS[incidentStatusAt(incident, now)];
      const changed = updates.at(-1)?.at ?? (lastChangedAt(incident) <= now ? lastChangedAt(incident) : incident.started);
      return {
        changed,
        item: {
          title: `[${status}] ${incident.title}`,
          link: link(paths.incident(incident.slug)),
          pubDate: changed,
          description: updates.at(-1)?.message ?? incident.title,
          content: timeline(updates, INCIDENT_STATUS_LABELS, incident.body),
          categories: servicesOf(incident).map(serviceName),
        },
      };
    });

  const maintenanceItems = repository.maintenance
    .filter((window) => window.updates.some((update) => update.at <= now) || window.start <= now)
    .map((window) => {
      const updates = window.updates.filter((update) => update.at <= now);
      const state = MAINTENANCE_STATUS_LABELS[maintenanceStateAt(window, now).status].toLowerCase();
      const changed = updates.at(-1)?.at ?? (maintenanceChangedAt(window) <= now ? maintenanceChangedAt(window) : window.start);
      const schedule = `<p>Scheduled from ${escapeHtml(formatDateTime(window.start, config.timezone, config.language))} to ${escapeHtml(formatDateTime(window.end, config.timezone, config.language))}.</p>`;
      return {
        changed,
        item: {
          title: `[Maintenance, ${state}] ${window.title}`,
          link: link(paths.maintenance(window.slug)),
          pubDate: changed,
          description: `Maintenance ${state}: ${window.title}`,
          content: `${schedule}\n${timeline(updates, MAINTENANCE_STATUS_LABELS, window.body)}`,
          categories: window.services.map(serviceName),
        },
      };
    });

  return [...incidentItems, ...maintenanceItems]
    .sort((a, b) => b.changed.getTime() - a.changed.getTime())
    .slice(0, limit)
    .map(({ item }) => item);
}
