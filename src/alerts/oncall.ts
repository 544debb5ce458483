// The on-call rotation and the escalation of automated incidents. Pure: the
// caller passes the time.
import { incidentStatusAt } from '../domain/incident.ts';
import type { Incident, OnCallSettings } from '../domain/schema/index.ts';

/**
 * Returns the handle on call at `at`. Turns of `length` run back to back
 * from `start`, in the order of `rotation`, and repeat; a turn begins at
 * its start time exactly. Before `start` the rotation runs backwards, so
 * every moment has someone on call.
 */
export function onCallAt(settings: OnCallSettings, at: Date): string {
  const turns = Math.floor((at.getTime() - settings.start.getTime()) / settings.length);
  const count = settings.rotation.length;
  return settings.rotation[((turns % count) + count) % count]!;
}

// The monitor's own update messages begin with these words (src/monitor/incident-files.ts).
const MONITOR_MESSAGE_STARTS = ['The automated check', 'The service now fails'];

/** Returns true when an update message reads as one that `sitrep check` wrote. */
export function isMonitorMessage(message: string): boolean {
  return MONITOR_MESSAGE_STARTS.some((start) => message.startsWith(start));
}

/**
 * Returns the handle to escalate to when the incident is automated, still
 * open at `now`, began at least `escalation.after` ago, and no update by
 * then reads as a person's. Returns undefined otherwise.
 */
export function escalationFor(incident: Incident, settings: OnCallSettings | undefined, now: Date): string | undefined {
  const escalation = settings?.escalation;
  if (!escalation || !incident.automated) return undefined;
  if (incident.started > now || incidentStatusAt(incident, now) === 'resolved') return undefined;
  if (now.getTime() - incident.started.getTime() < escalation.after) return undefined;

  const personal = incident.updates.some((update) => update.at <= now && !isMonitorMessage(update.message));
  return personal ? undefined : escalation.handle;
}
