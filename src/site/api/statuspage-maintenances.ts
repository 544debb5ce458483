import { maintenanceStateAt } from '../../domain/maintenance.ts';
import type { Maintenance, MaintenanceStatus } from '../../domain/schema/index.ts';
import { absoluteUrl, paths } from '../urls.ts';
import { maintenanceIdOf, maintenanceUpdateId } from './statuspage-ids.ts';
import { componentsOf, STATUSPAGE_LIST_LIMIT, statuspageUpdate } from './statuspage-incidents.ts';
import type { StatuspageContext } from './statuspage-page.ts';
import type { StatuspageAffectedComponent, StatuspageMaintenanceStatus, StatuspageScheduledMaintenance } from './statuspage-types.ts';

/**
 * Statuspage has no `cancelled` state, so a cancelled window reads as
 * `completed`. Its last update carries the message written for the
 * cancellation.
 */
export const MAINTENANCE_STATUSES: Record<MaintenanceStatus, StatuspageMaintenanceStatus> = {
  scheduled: 'scheduled',
  in_progress: 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
  cancelled: 'completed',
};

/** Lists every window, past, current and upcoming, latest scheduled start first, at most `limit` of them. */
export function statuspageMaintenances(context: StatuspageContext, limit = STATUSPAGE_LIST_LIMIT): StatuspageScheduledMaintenance[] {
  return [...context.repository.maintenance]
    .sort((a, b) => b.start.getTime() - a.start.getTime() || a.slug.localeCompare(b.slug))
    .slice(0, limit)
    .map((window) => statuspageMaintenance(window, context));
}

/** Lists the windows scheduled to start after `now` and not cancelled, soonest first. */
export function upcomingStatuspageMaintenances(context: StatuspageContext): StatuspageScheduledMaintenance[] {
  return context.status.upcomingMaintenance.map((window) => statuspageMaintenance(window, context));
}

/** Lists the windows under way at `now`, soonest to end first. */
export function activeStatuspageMaintenances(context: StatuspageContext): StatuspageScheduledMaintenance[] {
  return context.status.activeMaintenance.map((window) => statuspageMaintenance(window, context));
}

/**
 * Converts one window as it stood at `now`, with the updates posted by
 * then. `scheduled_for` and `scheduled_until` are the planned times, and
 * `started_at` and `resolved_at` are when the work began and ended.
 */
export function statuspageMaintenance(window: Maintenance, context: StatuspageContext): StatuspageScheduledMaintenance {
  const { now, page } = context;
  const id = maintenanceIdOf(window);
  const state = maintenanceStateAt(window, now);
  const posted = window.updates.filter((update) => update.at <= now);
  const workBegan = state.status !== 'scheduled' && state.end > state.start;

  // A completed or cancelled update ends the window when it is posted.
  // Without one, a window that ran its course ended at its scheduled end.
  const terminal = posted.find((update) => update.status === 'completed' || update.status === 'cancelled');
  let resolvedAt: Date | undefined;
  if (terminal) resolvedAt = terminal.at;
  else if (state.status === 'completed') resolvedAt = state.end;

  // Content has no creation time: a window counts as created when its first
  // update was posted, or else at its scheduled start, which may be ahead.
  const firstPosted = posted[0]?.at;
  const createdAt = firstPosted && firstPosted < window.start ? firstPosted : window.start;
  const changeTimes = [createdAt, ...posted.map((update) => update.at)];
  if (workBegan) changeTimes.push(state.start);
  if (resolvedAt) changeTimes.push(resolvedAt);
  const updatedAt = new Date(Math.max(...changeTimes.map((time) => time.getTime())));

  const changes = maintenanceComponentChanges(window, posted.length, context);
  const updates = posted.map((update, index) =>
    statuspageUpdate(maintenanceUpdateId(window.slug, index), id, MAINTENANCE_STATUSES[update.status], update.message, update.at, changes[index]),
  );

  return {
    id,
    name: window.title,
    status: MAINTENANCE_STATUSES[state.status],
    created_at: createdAt.toISOString(),
    updated_at: updatedAt.toISOString(),
    monitoring_at: posted.find((update) => update.status === 'verifying')?.at.toISOString() ?? null,
    resolved_at: resolvedAt?.toISOString() ?? null,
    impact: 'maintenance',
    shortlink: absoluteUrl(context.repository.config.url, context.repository.config.base, paths.maintenance(window.slug)),
    started_at: (workBegan ? state.start : window.start).toISOString(),
    page_id: page.id,
    incident_updates: updates.reverse(),
    components: componentsOf(window.services, context),
    scheduled_for: window.start.toISOString(),
    scheduled_until: window.end.toISOString(),
  };
}

/**
 * Returns, for each of the first `count` updates, whether it put the
 * window's services under maintenance or took them out. It compares the
 * window's state just before the update, with the earlier updates, to its
 * state at the update's time, with the update. Most updates change nothing.
 */
export function maintenanceComponentChanges(window: Maintenance, count: number, context: StatuspageContext): StatuspageAffectedComponent[][] {
  return window.updates.slice(0, count).map((update, index) => {
    const justBefore = new Date(update.at.getTime() - 1);
    // Earlier updates posted at the same instant count as posted just before it.
    const earlier = window.updates.slice(0, index).map((previous) => (previous.at > justBefore ? { ...previous, at: justBefore } : previous));
    const wasActive = maintenanceStateAt({ ...window, updates: earlier }, justBefore).active;
    const isActive = maintenanceStateAt({ ...window, updates: window.updates.slice(0, index + 1) }, update.at).active;
    if (wasActive === isActive) return [];

    return componentsOf(window.services, context).map((component) => ({
      code: component.id,
      name: component.name,
      old_status: wasActive ? 'under_maintenance' : 'operational',
      new_status: isActive ? 'under_maintenance' : 'operational',
    }));
  });
}
