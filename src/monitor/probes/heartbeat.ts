// The heartbeat check: a scheduled job runs `sitrep heartbeat <service>`
// after each successful run, and the check fails when no beat arrived
// within the period plus the grace time.
import type { HeartbeatCheckConfig } from '../../domain/schema/index.ts';
import { formatDuration } from '../../domain/time.ts';
import { formatTime } from '../../authoring/postmortem-template.ts';
import { failure, up, type ProbeResult } from '../check-result.ts';
import { formatSeconds } from '../classify.ts';

/** The heartbeat times that the state file records for a service. */
export interface HeartbeatTimes {
  /** The latest beat, or undefined when none has arrived yet. */
  lastBeat?: Date;
  /** When the monitor first saw the check; the first beat is due one period and the grace after it. */
  watchingSince: Date;
}

/** Judges a heartbeat check at `now`. Times in the message are shown in `timeZone`. */
export function judgeHeartbeat(check: HeartbeatCheckConfig, times: HeartbeatTimes, now: Date, timeZone: string): ProbeResult {
  const since = times.lastBeat ?? times.watchingSince;
  const due = new Date(since.getTime() + check.period + check.grace);
  const every = `one is expected every ${describePeriod(check.period)}`;

  if (now <= due) {
    if (times.lastBeat) return up(`last heartbeat at ${formatTime(times.lastBeat, timeZone)}`);
    return up(`waiting for the first heartbeat, due by ${formatTime(due, timeZone)}`);
  }
  if (times.lastBeat) return failure('heartbeat', `no heartbeat since ${formatTime(times.lastBeat, timeZone)}; ${every}`);
  return failure('heartbeat', `no heartbeat since monitoring began at ${formatTime(times.watchingSince, timeZone)}; ${every}`);
}

function describePeriod(milliseconds: number): string {
  return milliseconds < 60_000 ? formatSeconds(milliseconds) : formatDuration(milliseconds);
}
