// One run of `sitrep check`, from reading the state to writing it back.
// The decisions are pure (lifecycle.ts, rollup.ts); this module does the IO
// around them in an order that survives a run killed at any point:
//
// 1. finish the pending operations of a run that stopped early;
// 2. read the content and run the checks;
// 3. decide, and write the state with the new operations marked pending;
// 4. write the files, then the state without pending operations.
//
// A run killed after step 3 leaves the operations pending, and the next run
// finishes them in step 1. Every operation can run twice without harm.
import { readFile } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import path from 'node:path';
import { resolvedAt } from '../domain/incident.ts';
import { localDate } from '../domain/time.ts';
import type { Repository } from '../domain/schema/index.ts';
import { loadRepository } from '../repository/load-repository.ts';
import { formatProblem } from '../repository/problem.ts';
import { applyOperations, type AppliedOperation } from './apply-operations.ts';
import type { CheckResult, ProbeResult } from './check-result.ts';
import { ConfigurationError, resolveMonitorConfig, type MonitoredService, type Redactor, type ResolvedMonitorConfig } from './config-secrets.ts';
import { decideLifecycle, type IncidentDocument, type ServiceAction } from './lifecycle.ts';
import type { HeartbeatTimes } from './probes/heartbeat.ts';
import { planRollup, responseTimesFile } from './rollup.ts';
import { runChecks } from './run-checks.ts';
import { lockState, mergeHeartbeats, readState, writeState, type FileOperation, type MonitorState } from './state-file.ts';

export interface MonitorOptions {
  /** The site's root folder. */
  root: string;
  /** The state file. */
  statePath: string;
  /** Service ids to check; empty checks every service that has a check. */
  only?: readonly string[];
  /** Decide and report, but write nothing, not even the state. */
  dryRun?: boolean;
  /** The environment variables that fill `${NAME}` placeholders. */
  environment: NodeJS.ProcessEnv;
  /** The clock; the run uses one instant, cut to whole seconds. */
  now?: () => Date;
  /** The host name lookup; tests replace it so that they never use the system resolver. */
  lookup?: LookupFunction;
  /** Waits between retries; tests replace it. */
  wait?: (milliseconds: number) => Promise<unknown>;
  /** Called after the state with the pending operations is written and before any file is; tests throw here to stop a run midway. */
  afterPendingWritten?: () => void | Promise<void>;
}

/** One service's line of the report. */
export interface ServiceReport extends CheckResult, ServiceAction {
  id: string;
  name: string;
}

export interface MonitorReport {
  startedAt: Date;
  durationMs: number;
  dryRun: boolean;
  /** True when the runner seemed offline, so network failures counted for nothing. */
  offline: boolean;
  control?: ProbeResult;
  services: ServiceReport[];
  /** Files written, or that a dry run would write, relative to the root; the state file as given. */
  writes: string[];
  /** Operations of an earlier, interrupted run that this run finished. */
  finished: AppliedOperation[];
  /** Problems that did not stop the run, such as a file the monitor could not update. */
  problems: string[];
  /** True when an operation that the run decided on could not be written. */
  failedWrites: boolean;
}

/** A run that could not complete: invalid content, configuration or state. */
export class MonitorRunError extends Error {
  constructor(
    message: string,
    readonly fix: string,
    /** Lines that follow the fix, such as the problems of the content. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'MonitorRunError';
  }
}

/** Runs every selected check once, records the results and updates the incident files. */
export async function runMonitor(options: MonitorOptions): Promise<MonitorReport> {
  const clock = options.now ?? (() => new Date());
  const started = performance.now();
  const now = new Date(Math.floor(clock().getTime() / 1000) * 1000);
  const dryRun = options.dryRun ?? false;
  const release = dryRun ? undefined : await lockState(options.statePath);
  let redactor: Redactor | undefined;

  try {
    let state = await readState(options.statePath);
    const report: MonitorReport = { startedAt: now, durationMs: 0, dryRun, offline: false, services: [], writes: [], finished: [], problems: [], failedWrites: false };

    const loaded = await loadContent(options);
    const { monitor } = loaded;
    redactor = monitor.redactor;

    // 1. Finish what an interrupted run decided.
    if (state.pending.length > 0) {
      if (dryRun) {
        report.writes.push(...state.pending.map((operation) => operation.file));
      } else {
        report.finished = await applyOperations(options.root, state.pending, redactor);
        collectFailures(report, report.finished);
        state = { ...state, pending: [] };
      }
    }
    // The content again, when the finished operations changed it.
    const { repository: content, files } = report.finished.length > 0 ? await loadContent(options) : loaded;

    // 2. Run the checks.
    const authorities = await readAuthorities(options.root, monitor.services);
    const checks = await runChecks({
      services: monitor.services,
      settings: monitor.settings,
      control: monitor.control,
      redactor,
      heartbeats: heartbeatTimes(state, now),
      authorities,
      now,
      timeZone: content.config.timezone,
      lookup: options.lookup,
      wait: options.wait,
    });
    report.offline = checks.offline;
    report.control = checks.control;

    // 3. Decide.
    const lifecycle = decideLifecycle({
      now,
      timeZone: content.config.timezone,
      settings: monitor.settings,
      services: monitor.services.map((service) => ({
        id: service.id,
        name: service.name,
        heartbeat: service.check.type === 'heartbeat',
        tlsWarningDays: service.check.type === 'http' ? service.check.tls_warning_days : undefined,
      })),
      results: checks.results,
      offline: checks.offline,
      incidents: await readOpenIncidents(options.root, content, files, state, now),
      maintenance: content.maintenance,
      state,
    });
    state = lifecycle.state;
    const operations: FileOperation[] = [...lifecycle.operations];

    const today = localDate(now, content.config.timezone);
    for (const service of monitor.services) {
      const result = checks.results.get(service.id)!;
      const sample = result.outcome !== 'down' ? result.ms : undefined;
      const csvText = await readOptional(path.join(options.root, responseTimesFile(service.id)));
      const rollup = planRollup(service.id, state.services[service.id]!, today, sample, csvText);
      state.services[service.id] = rollup.state;
      if (rollup.operation) operations.push(rollup.operation);
      if (rollup.problem) report.problems.push(rollup.problem);
    }

    for (const service of monitor.services) {
      const action = lifecycle.actions.get(service.id)!;
      report.services.push({ ...checks.results.get(service.id)!, ...action, id: service.id, name: service.name });
      if (action.action.startsWith('could not update')) report.problems.push(`${service.id}: ${action.action}`);
    }
    report.writes.push(...operations.map((operation) => operation.file));

    if (dryRun) {
      report.writes = unique([...report.writes, options.statePath]);
      report.durationMs = Math.round(performance.now() - started);
      return report;
    }

    // 4. Write: the state with the operations pending, the files, then the state again.
    await saveState(options.statePath, { ...state, pending: operations }, redactor);
    await options.afterPendingWritten?.();
    const applied = await applyOperations(options.root, operations, redactor);
    collectFailures(report, applied);
    await saveState(options.statePath, { ...state, pending: [] }, redactor);

    report.writes = unique([...applied.filter((item) => item.status === 'written').map((item) => item.operation.file), ...report.finished.filter((item) => item.status === 'written').map((item) => item.operation.file), options.statePath]);
    report.durationMs = Math.round(performance.now() - started);
    return report;
  } catch (error) {
    // An unexpected error may quote a request, so it loses its secrets too.
    if (redactor && error instanceof Error && !(error instanceof MonitorRunError)) {
      error.message = redactor.redact(error.message);
      error.stack = error.stack === undefined ? undefined : redactor.redact(error.stack);
    }
    throw error;
  } finally {
    await release?.();
  }
}

interface LoadedContent {
  repository: Repository;
  /** The path of each incident file by slug, relative to the root. */
  files: Map<string, string>;
  monitor: ResolvedMonitorConfig;
}

async function loadContent(options: MonitorOptions): Promise<LoadedContent> {
  const { repository, problems, raw } = await loadRepository(options.root);
  if (!repository) {
    const shown = problems.slice(0, 10).map(formatProblem);
    if (problems.length > 10) shown.push(`… and ${problems.length - 10} more`);
    throw new MonitorRunError(
      `the content has ${problems.length} problem${problems.length === 1 ? '' : 's'}, so no check ran`,
      'fix the problems below (`sitrep validate` lists them all), then run `sitrep check` again',
      shown,
    );
  }
  const files = new Map((raw?.incidents ?? []).map((entry) => [entry.slug, entry.file]));
  try {
    return { repository, files, monitor: resolveMonitorConfig(repository.config, options.environment, options.only ?? []) };
  } catch (error) {
    if (error instanceof ConfigurationError) throw new MonitorRunError(error.message, error.fix);
    throw error;
  }
}

// Writes the state, keeping heartbeats that `sitrep heartbeat` recorded while the run was going on.
async function saveState(file: string, state: MonitorState, redactor: Redactor): Promise<void> {
  const onDisk = await readState(file).catch(() => undefined);
  await writeState(file, onDisk ? mergeHeartbeats(state, onDisk) : state, redactor);
}

function collectFailures(report: MonitorReport, applied: readonly AppliedOperation[]): void {
  for (const item of applied) {
    if (item.status !== 'failed') continue;
    report.problems.push(`${item.operation.service}: ${item.problem}`);
    report.failedWrites = true;
  }
}

// Reads the text of each open incident and of each incident the state
// tracks; only those can receive an update. Others get their frontmatter only.
async function readOpenIncidents(root: string, content: Repository, files: ReadonlyMap<string, string>, state: MonitorState, now: Date): Promise<IncidentDocument[]> {
  const tracked = new Set(Object.values(state.services).flatMap((service) => [service.incident?.slug, service.updatedIncident?.slug]));
  const documents: IncidentDocument[] = [];
  for (const incident of content.incidents) {
    const file = files.get(incident.slug)!;
    const resolved = resolvedAt(incident);
    const open = resolved === undefined || resolved > now;
    const text = open || tracked.has(incident.slug) ? await readFile(path.join(root, file), 'utf8') : '';
    documents.push({ slug: incident.slug, file, text, incident });
  }
  return documents;
}

function heartbeatTimes(state: MonitorState, now: Date): Map<string, HeartbeatTimes> {
  const times = new Map<string, HeartbeatTimes>();
  for (const [id, service] of Object.entries(state.services)) {
    if (!service.heartbeat) continue;
    const lastBeat = service.heartbeat.lastBeat ? new Date(service.heartbeat.lastBeat) : undefined;
    times.set(id, { lastBeat, watchingSince: new Date(service.heartbeat.watchingSince ?? now) });
  }
  return times;
}

async function readAuthorities(root: string, services: readonly MonitoredService[]): Promise<Map<string, string>> {
  const authorities = new Map<string, string>();
  for (const service of services) {
    if (service.check.type !== 'http' || service.check.ca_file === undefined) continue;
    const file = path.resolve(root, service.check.ca_file);
    try {
      authorities.set(service.id, await readFile(file, 'utf8'));
    } catch (error) {
      throw new MonitorRunError(
        `the \`ca_file\` of service \`${service.id}\` cannot be read: ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        'give a PEM file of certificate authorities, relative to the site root',
      );
    }
  }
  return authorities;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
