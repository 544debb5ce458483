import { resolvedAt, servicesOf } from '../../domain/incident.ts';
import { maintenanceStateAt } from '../../domain/maintenance.ts';
import type { Repository, Service } from '../../domain/schema/index.ts';
import { groupStatus, type SiteStatus } from '../../domain/status.ts';
import { localDate } from '../../domain/time.ts';
import { trackingStarts } from '../../domain/tracking.ts';
import { incidentAsOf } from '../../domain/as-of.ts';
import { groupComponentIdOf, serviceComponentIdOf } from './statuspage-ids.ts';
import type { StatuspageComponent } from './statuspage-types.ts';

/** A row of the home page: a service of its own, or a group with its services. */
type Row = { kind: 'service'; service: Service } | { kind: 'group'; id: string; services: Service[] };

/**
 * Builds the components in the home page's order: a service without a group
 * is a row of its own, and a group sits where its first service is listed,
 * followed by its services. Groups without services are left out, as on
 * the home page.
 */
export function statuspageComponents(repository: Repository, now: Date, status: SiteStatus, pageId: string): StatuspageComponent[] {
  const { config } = repository;
  const created = serviceCreatedTimes(repository, now);
  const changed = serviceChangedTimes(repository, now);
  // A group that config.yml does not list still gets a derived id.
  const groupComponentIdFor = (groupId: string) => groupComponentIdOf(config.groups.find((group) => group.id === groupId) ?? { id: groupId });

  const serviceComponent = (service: Service, position: number): StatuspageComponent => {
    const createdAt = created.get(service.id) ?? now;
    const changedAt = changed.get(service.id);
    const updatedAt = changedAt && changedAt > createdAt ? changedAt : createdAt;
    return {
      id: serviceComponentIdOf(service),
      name: service.name,
      status: status.services.get(service.id) ?? 'operational',
      created_at: createdAt.toISOString(),
      updated_at: updatedAt.toISOString(),
      position,
      description: service.description ?? null,
      // Every service shows its uptime bars on the page.
      showcase: true,
      start_date: localDate(createdAt, config.timezone),
      group_id: service.group === undefined ? null : groupComponentIdFor(service.group),
      page_id: pageId,
      group: false,
      only_show_if_degraded: false,
    };
  };

  const components: StatuspageComponent[] = [];
  pageRows(config.services).forEach((row, index) => {
    const position = index + 1;
    if (row.kind === 'service') {
      components.push(serviceComponent(row.service, position));
      return;
    }

    const members = row.services.map((service, memberIndex) => serviceComponent(service, memberIndex + 1));
    const group = config.groups.find((candidate) => candidate.id === row.id);
    components.push({
      id: groupComponentIdFor(row.id),
      name: group?.name ?? row.id,
      status: groupStatus(status, row.services.map((service) => service.id)),
      created_at: earliest(members.map((member) => member.created_at)),
      updated_at: latest(members.map((member) => member.updated_at)),
      position,
      description: group?.description ?? null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: members.map((member) => member.id),
    });
    components.push(...members);
  });
  return components;
}

function pageRows(services: readonly Service[]): Row[] {
  const rows: Row[] = [];
  for (const service of services) {
    if (service.group === undefined) {
      rows.push({ kind: 'service', service });
      continue;
    }
    const existing = rows.find((row) => row.kind === 'group' && row.id === service.group);
    if (existing?.kind === 'group') existing.services.push(service);
    else rows.push({ kind: 'group', id: service.group, services: [service] });
  }
  return rows;
}

/**
 * Returns when each service's uptime tracking began, the same moment the
 * uptime bars count from, but never later than `now`. A service without any
 * data begins at `now`, so its `created_at` is the build time.
 */
function serviceCreatedTimes(repository: Repository, now: Date): Map<string, Date> {
  const firstResponseDates = new Map<string, string>();
  for (const [id, series] of repository.responseTimes) {
    const first = series[0];
    if (first) firstResponseDates.set(id, first.date);
  }

  const starts = trackingStarts(repository.config, repository.incidents, firstResponseDates, now);
  return new Map(Object.entries(starts).map(([id, start]) => [id, start < now ? start : now]));
}

/**
 * Returns, per service, the latest time by `now` at which an incident or a
 * maintenance window touching it began, posted an update or ended. That is
 * when the service's state last could have changed.
 */
function serviceChangedTimes(repository: Repository, now: Date): Map<string, Date> {
  const changed = new Map<string, Date>();
  const record = (serviceIds: readonly string[], times: readonly Date[]) => {
    for (const time of times) {
      if (time > now) continue;
      for (const id of serviceIds) {
        const known = changed.get(id);
        if (!known || time > known) changed.set(id, time);
      }
    }
  };

  for (const incident of repository.incidents) {
    if (incident.started > now) continue;
    const posted = incidentAsOf(incident, now);
    const resolved = resolvedAt(posted);
    record(servicesOf(posted), [posted.started, ...posted.updates.map((update) => update.at), ...(resolved ? [resolved] : [])]);
  }

  for (const window of repository.maintenance) {
    const times = window.updates.map((update) => update.at);
    const state = maintenanceStateAt(window, now);
    // A window cancelled before it began never put its services under maintenance.
    const workHappened = state.status !== 'scheduled' && state.end > state.start;
    if (workHappened) times.push(state.start);
    if (workHappened && (state.status === 'completed' || state.status === 'cancelled')) times.push(state.end);
    record(window.services, times);
  }

  return changed;
}

// ISO 8601 times in UTC sort as text.
function earliest(times: readonly string[]): string {
  return [...times].sort()[0]!;
}

function latest(times: readonly string[]): string {
  return [...times].sort().at(-1)!;
}
