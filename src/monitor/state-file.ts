// The monitor's state between runs: one JSON file, written atomically by
// writing a temporary file next to it and renaming it over the old one.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { failureKinds } from './check-result.ts';
import type { Redactor } from './config-secrets.ts';

/** The default state file, relative to the site root. */
export const DEFAULT_STATE_PATH = '.sitrep/monitor-state.json';

/** A lock older than this is left over from a run that died, and a new run takes it over. */
export const STALE_LOCK_MS = 15 * 60_000;

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 time');
const impact = z.enum(['major_outage', 'degraded_performance']);

const lastResultSchema = z.object({
  at: isoTime,
  outcome: z.enum(['up', 'degraded', 'down']),
  kind: z.enum(failureKinds).optional(),
  message: z.string(),
  ms: z.number().optional(),
  attempts: z.number().int(),
  /** True when a maintenance window of the service was active, so a failure counted for nothing. */
  maintenance: z.boolean(),
});

/** An automated incident that the monitor opened and has not resolved yet. */
const openIncidentSchema = z.object({
  slug: z.string(),
  /** The file, relative to the site root. */
  file: z.string(),
  kind: z.enum(failureKinds),
  impact,
  /** The first failing run of the streak that opened the incident. */
  failingSince: isoTime,
  openedAt: isoTime,
});

/** A person's open incident to which the monitor appended the failure (`existing_incident: update`). */
const updatedIncidentSchema = z.object({ slug: z.string(), file: z.string(), failingSince: isoTime });

const serviceStateSchema = z.object({
  /** Consecutive runs that failed or were slow, outside maintenance. */
  unhealthyRuns: z.number().int().min(0).default(0),
  /** Consecutive runs that failed, not counting slow ones. */
  downRuns: z.number().int().min(0).default(0),
  /** Consecutive runs that passed. */
  healthyRuns: z.number().int().min(0).default(0),
  /** The first run of the current unhealthy streak. */
  failingSince: isoTime.optional(),
  /** The first run of the current healthy streak. */
  passingSince: isoTime.optional(),
  last: lastResultSchema.optional(),
  incident: openIncidentSchema.optional(),
  updatedIncident: updatedIncidentSchema.optional(),
  /**
   * True after a person resolved or removed the incident of an ongoing
   * failure. Nothing opens until the check has passed `confirmations.resolve` times.
   */
  waitForRecovery: z.boolean().default(false),
  /** Today's successful response times, in the site's time zone. */
  samples: z.object({ date: z.string(), ms: z.array(z.number()) }).optional(),
  heartbeat: z.object({ lastBeat: isoTime.optional(), watchingSince: isoTime }).optional(),
  /** Fingerprints of certificates whose expiry warning was already reported. */
  certificateWarnings: z.array(z.string()).default([]),
});

/** A file change that a run decided on, kept in the state until it is done (see docs/monitor.md). */
const fileOperationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), file: z.string(), text: z.string(), service: z.string() }),
  z.object({ kind: z.literal('append-update'), file: z.string(), update: z.record(z.string(), z.unknown()), service: z.string() }),
  z.object({ kind: z.literal('append-row'), file: z.string(), date: z.string(), row: z.string(), service: z.string() }),
]);

export const monitorStateSchema = z.object({
  version: z.literal(1),
  /** When the latest run that wrote this file started. */
  lastRun: isoTime.optional(),
  services: z.record(z.string(), serviceStateSchema).default({}),
  /** File operations of a run that stopped before it finished them. */
  pending: z.array(fileOperationSchema).default([]),
});

export type MonitorState = z.output<typeof monitorStateSchema>;
export type ServiceState = z.output<typeof serviceStateSchema>;
export type OpenIncident = z.output<typeof openIncidentSchema>;
export type FileOperation = z.output<typeof fileOperationSchema>;

/** A state file that cannot be read or has an invalid structure. */
export class StateFileError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'StateFileError';
  }
}

/** Returns the state of a monitor that has never run. */
export function emptyState(): MonitorState {
  return { version: 1, services: {}, pending: [] };
}

/** Returns the state of one service, with defaults when the state has none. */
export function emptyServiceState(): ServiceState {
  return serviceStateSchema.parse({});
}

/** Reads the state file, or returns an empty state when the file does not exist. */
export async function readState(file: string): Promise<MonitorState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new StateFileError(`the state file ${file} is not valid JSON`, 'delete it to start with an empty state; open automated incidents are found again in incidents/');
  }
  const result = monitorStateSchema.safeParse(data);
  if (result.success) return result.data;

  const issue = result.error.issues[0]!;
  throw new StateFileError(
    `the state file ${file} is invalid at \`${issue.path.join('.') || '(top level)'}\`: ${issue.message}`,
    'delete it to start with an empty state; open automated incidents are found again in incidents/',
  );
}

/**
 * Writes the state file atomically: a temporary file in the same folder,
 * then a rename over the old file, so a reader sees the old or the new
 * state and never a partial one. `redactor` removes any secret as a last guard.
 */
export async function writeState(file: string, state: MonitorState, redactor?: Redactor): Promise<void> {
  const text = `${JSON.stringify(state, null, 2)}\n`;
  await writeFileAtomically(file, redactor ? redactor.redact(text) : text);
}

/** Writes `text` to `file` through a temporary file and a rename. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Takes the lock of a state file, so that two runs never work on the same
 * state at once. A lock older than STALE_LOCK_MS is taken over. Returns the
 * function that releases the lock.
 */
export async function lockState(file: string, now: () => number = Date.now): Promise<() => Promise<void>> {
  const lock = `${file}.lock`;
  await mkdir(path.dirname(lock), { recursive: true });

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const age = now() - (await stat(lock).catch(() => ({ mtimeMs: now() }))).mtimeMs;
    if (age < STALE_LOCK_MS) break;
    await rm(lock, { force: true });
  }

  throw new StateFileError(
    `another \`sitrep check\` is using the state file ${file} (the lock file ${lock} exists)`,
    `wait for that run to finish; if no run is going on, delete ${lock}`,
  );
}

/**
 * Records a heartbeat of `service` at `at`. It reads and writes the state
 * file without the lock, because a beat must not wait for a check run. A
 * check run re-reads the beats before it writes, so it keeps this one.
 */
export async function recordHeartbeat(file: string, service: string, at: Date): Promise<void> {
  const state = await readState(file);
  const current = state.services[service] ?? emptyServiceState();
  const watchingSince = current.heartbeat?.watchingSince ?? at.toISOString();
  state.services[service] = { ...current, heartbeat: { lastBeat: at.toISOString(), watchingSince } };
  await writeState(file, state);
}

/**
 * Returns `next` with the later of each service's last heartbeat in `next`
 * and `onDisk`, so a beat recorded during a check run is not lost when the
 * run writes its state.
 */
export function mergeHeartbeats(next: MonitorState, onDisk: MonitorState): MonitorState {
  const services = { ...next.services };
  for (const [id, disk] of Object.entries(onDisk.services)) {
    const diskBeat = disk.heartbeat?.lastBeat;
    const current = services[id];
    if (!diskBeat) continue;
    if (!current) {
      services[id] = { ...emptyServiceState(), heartbeat: disk.heartbeat };
      continue;
    }
    const currentBeat = current.heartbeat?.lastBeat;
    if (currentBeat !== undefined && Date.parse(currentBeat) >= Date.parse(diskBeat)) continue;
    const watchingSince = current.heartbeat?.watchingSince ?? disk.heartbeat!.watchingSince;
    services[id] = { ...current, heartbeat: { lastBeat: diskBeat, watchingSince } };
  }
  return { ...next, services };
}
