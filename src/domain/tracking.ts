import type { Incident, SiteConfig } from './schema/index.ts';
import { servicesOf } from './incident.ts';
import { localDate } from './time.ts';
import { startOfLocalDay } from './uptime-days.ts';

/**
 * Returns when uptime tracking began for each service. A service's `since`
 * date wins. Without it, tracking begins at the service's first data: its
 * first response-time day or the day of its first incident, whichever is
 * earlier. A
 * service with neither has no data at all, so it gets `now`: showing 100 %
 * for days without data would claim more than is known.
 */
export function trackingStarts(
  config: Pick<SiteConfig, 'services' | 'timezone'>,
  incidents: readonly Incident[],
  firstResponseDates: ReadonlyMap<string, string>,
  now: Date,
): Record<string, Date> {
  const firstIncident = new Map<string, Date>();
  for (const incident of incidents) {
    if (incident.started > now) continue;
    for (const id of servicesOf(incident)) {
      const known = firstIncident.get(id);
      if (!known || incident.started < known) firstIncident.set(id, incident.started);
    }
  }

  const starts: Record<string, Date> = {};
  for (const service of config.services) {
    if (service.since) {
      starts[service.id] = startOfLocalDay(service.since, config.timezone);
      continue;
    }

    const candidates: Date[] = [];
    const responseDate = firstResponseDates.get(service.id);
    if (responseDate) candidates.push(startOfLocalDay(responseDate, config.timezone));
    // Tracking starts with the whole day, so the first incident's day is not
    // judged on the minutes after its start alone.
    const incident = firstIncident.get(service.id);
    if (incident) candidates.push(startOfLocalDay(localDate(incident, config.timezone), config.timezone));

    starts[service.id] = candidates.length > 0 ? new Date(Math.min(...candidates.map((date) => date.getTime()))) : now;
  }
  return starts;
}
