import type { Maintenance, MaintenanceStatus } from './schema/index.ts';

/** A maintenance window's status and active span at one moment. */
export interface MaintenanceState {
  status: MaintenanceStatus;
  /** When the work began or is due to begin. */
  start: Date;
  /** When the work ended or is due to end; for an overrunning window, the time asked about. */
  end: Date;
  /** True while the window's services count as under maintenance. */
  active: boolean;
}

/**
 * Works out a window's state at `at` from its schedule and the updates
 * posted by then:
 * - an `in_progress` update before the scheduled start starts the work early;
 * - a `completed` or `cancelled` update ends it at that time, early or late,
 *   and a window cancelled before it began never becomes active;
 * - without such an update the window ends at its scheduled end, unless the
 *   latest update is still `in_progress` or `verifying`: then the work is
 *   overrunning and stays active until someone posts `completed`.
 */
export function maintenanceStateAt(window: Maintenance, at: Date): MaintenanceState {
  const posted = window.updates.filter((update) => update.at <= at);
  const firstStarted = posted.find((update) => update.status === 'in_progress' || update.status === 'verifying');
  const start = firstStarted && firstStarted.at < window.start ? firstStarted.at : window.start;
  const terminal = posted.find((update) => update.status === 'completed' || update.status === 'cancelled');

  if (terminal) {
    const status = terminal.status;
    const end = terminal.at < start ? start : terminal.at;
    return { status, start, end, active: false };
  }

  if (at < start) return { status: 'scheduled', start, end: window.end, active: false };

  const latest = posted.at(-1)?.status;
  const working = latest === 'in_progress' || latest === 'verifying' ? latest : 'in_progress';
  if (at < window.end) return { status: working, start, end: window.end, active: true };

  const overrunning = latest === 'in_progress' || latest === 'verifying';
  if (overrunning) return { status: working, start, end: at, active: true };

  return { status: 'completed', start, end: window.end, active: false };
}

/** Returns true when the window is scheduled to start after `at` and not cancelled. */
export function isUpcomingAt(window: Maintenance, at: Date): boolean {
  return maintenanceStateAt(window, at).status === 'scheduled';
}

/** Returns true when the window has finished or was cancelled by `at`. */
export function isPastAt(window: Maintenance, at: Date): boolean {
  const { status } = maintenanceStateAt(window, at);
  return status === 'completed' || status === 'cancelled';
}

/** Returns the time of the window's latest update, or its scheduled start. */
export function maintenanceChangedAt(window: Maintenance): Date {
  return window.updates.at(-1)?.at ?? window.start;
}
