// Decides, from the state of earlier runs, this run's results and the
// content, which incidents to open, update or resolve. Pure: it reads no
// files and no clock, and returns the new state and the file operations.
import { affectedAt, incidentStatusAt } from '../domain/incident.ts';
import { maintenanceStateAt } from '../domain/maintenance.ts';
import type { Incident, Maintenance, MonitorSettings } from '../domain/schema/index.ts';
import { uniqueSlug } from '../authoring/slug.ts';
import { CONTENT_PATHS } from '../repository/load-repository.ts';
import { failureKinds, type CheckResult, type FailureKind } from './check-result.ts';
import { formatUtcDate } from './classify.ts';
import {
  escalationUpdate,
  failureNoteUpdate,
  planAppend,
  recoveryNoteUpdate,
  renderAutomatedIncident,
  resolvedUpdate,
  type FailureReport,
  type RecoveryReport,
} from './incident-files.ts';
import { emptyServiceState, type FileOperation, type MonitorState, type ServiceState } from './state-file.ts';

/** An incident file as read this run: its parsed frontmatter and its exact text. */
export interface IncidentDocument {
  slug: string;
  /** Path relative to the site root. */
  file: string;
  text: string;
  incident: Incident;
}

/** A service checked in this run. */
export interface CheckedService {
  id: string;
  name: string;
  /** Days before a certificate's expiry from which the run warns, for HTTPS checks. */
  tlsWarningDays?: number;
  /** True for a heartbeat check, whose state records since when the monitor waits for beats. */
  heartbeat?: boolean;
}

export interface LifecycleInput {
  now: Date;
  /** The site's time zone, for the times in messages. */
  timeZone: string;
  settings: MonitorSettings;
  services: readonly CheckedService[];
  /** This run's result for each service in `services`. */
  results: ReadonlyMap<string, CheckResult>;
  /** True when the run found the runner offline; network-level failures then count for nothing. */
  offline: boolean;
  incidents: readonly IncidentDocument[];
  maintenance: readonly Maintenance[];
  state: MonitorState;
}

/** The run's action for one service, for the command's output. */
export interface ServiceAction {
  /** A short phrase, such as `opened incidents/2026-03-10-api-status.md` or `failing (1 of 2)`. */
  action: string;
  /** Files this service's decisions create or change. */
  files: string[];
  warnings: string[];
  /** True when the service failed inside one of its maintenance windows. */
  maintenance: boolean;
}

export interface LifecycleOutput {
  state: MonitorState;
  operations: FileOperation[];
  actions: Map<string, ServiceAction>;
}

/**
 * Counts consecutive results and decides the incident changes:
 *
 * - a failure opens an incident after `confirmations.open` consecutive
 *   unhealthy runs, and an automated incident resolves after
 *   `confirmations.resolve` consecutive passing runs;
 * - failures inside a maintenance window of the service, and network-level
 *   failures of a run whose runner is offline, count for nothing;
 * - an automated incident that a person resolved or deleted is never
 *   reopened, and nothing opens again until the check has recovered;
 * - when a person's incident for the service is open, no incident opens,
 *   and `existing_incident: update` appends the failure to theirs.
 */
export function decideLifecycle(input: LifecycleInput): LifecycleOutput {
  const state: MonitorState = structuredClone(input.state);
  const operations: FileOperation[] = [];
  const actions = new Map<string, ServiceAction>();
  const context = new RunContext(input);

  for (const service of input.services) {
    const result = input.results.get(service.id);
    if (!result) continue;
    const current = structuredClone(state.services[service.id] ?? emptyServiceState());
    const decision = decideService(service, result, current, context);
    state.services[service.id] = decision.state;
    operations.push(...decision.operations);
    actions.set(service.id, decision.action);
  }
  state.lastRun = input.now.toISOString();
  return { state, operations, actions };
}

// The data that the services of one run share: the incidents by slug, the
// slugs taken, and the text of each file after the operations planned so far.
class RunContext {
  readonly bySlug: Map<string, IncidentDocument>;
  readonly takenSlugs: Set<string>;
  readonly texts = new Map<string, string>();
  /** Slugs that a service's state already tracks, so no other service adopts them. */
  readonly claimed: Set<string>;

  constructor(readonly input: LifecycleInput) {
    this.bySlug = new Map(input.incidents.map((document) => [document.slug, document]));
    this.takenSlugs = new Set(this.bySlug.keys());
    this.claimed = new Set(
      Object.values(input.state.services).flatMap((service) => [service.incident?.slug, service.updatedIncident?.slug].filter((slug): slug is string => !!slug)),
    );
  }

  currentText(document: { file: string; text: string }): string {
    return this.texts.get(document.file) ?? document.text;
  }
}

interface ServiceDecision {
  state: ServiceState;
  operations: FileOperation[];
  action: ServiceAction;
}

function decideService(service: CheckedService, result: CheckResult, state: ServiceState, context: RunContext): ServiceDecision {
  const { now, settings } = context.input;
  const at = now.toISOString();
  const maintenance = inMaintenance(service.id, context.input.maintenance, now);
  const unhealthy = result.outcome !== 'up';
  const offlineFailure = context.input.offline && result.networkLevel;
  const operations: FileOperation[] = [];
  const notes: string[] = [];

  if (service.heartbeat) state.heartbeat ??= { watchingSince: at };
  state.last = { at, outcome: result.outcome, kind: result.kind, message: result.message, ms: result.ms, attempts: result.attempts, maintenance };
  const warnings = certificateWarnings(service, result, state, now);
  reconcile(service, state, context, notes);

  // Counting. Maintenance failures and offline runs leave the failure streak
  // empty, so the count starts again once they are over.
  if (offlineFailure) {
    notes.push('runner offline: not counted');
  } else if (unhealthy && maintenance) {
    Object.assign(state, { unhealthyRuns: 0, downRuns: 0, healthyRuns: 0, failingSince: undefined, passingSince: undefined });
  } else if (unhealthy) {
    state.unhealthyRuns += 1;
    state.downRuns = result.outcome === 'down' ? state.downRuns + 1 : 0;
    state.healthyRuns = 0;
    state.passingSince = undefined;
    state.failingSince ??= at;
  } else {
    state.healthyRuns += 1;
    state.passingSince ??= at;
    Object.assign(state, { unhealthyRuns: 0, downRuns: 0, failingSince: undefined });
  }

  const toOpen = settings.confirmations.open;
  const toResolve = settings.confirmations.resolve;
  const recovered = !unhealthy && state.healthyRuns >= toResolve;
  if (recovered) state.waitForRecovery = false;

  const files: string[] = [];
  const plan = (file: string, update: Record<string, unknown>, text: string): boolean => {
    const planned = planAppend(text, update);
    if (!planned.ok) {
      notes.push(`could not update ${file}: ${planned.problem}`);
      return false;
    }
    context.texts.set(file, planned.text);
    operations.push({ kind: 'append-update', file, update, service: service.id });
    files.push(file);
    return true;
  };

  const counted = unhealthy && !maintenance && !offlineFailure;
  if (state.incident) {
    const incident = state.incident;
    const document = context.bySlug.get(incident.slug)!;
    if (recovered) {
      const update = resolvedUpdate(recoveryReport(incident.failingSince, state, context));
      if (plan(incident.file, update, context.currentText(document))) {
        notes.push(`resolved ${incident.file}`);
        state.incident = undefined;
      }
    } else if (counted && result.outcome === 'down' && incident.impact === 'degraded_performance' && state.downRuns >= toOpen) {
      const update = escalationUpdate(failureReport(service, result, state, context, new Date(incident.failingSince)));
      if (plan(incident.file, update, context.currentText(document))) {
        notes.push(`marked ${incident.file} as a major outage`);
        incident.impact = 'major_outage';
      }
    } else if (!unhealthy) {
      notes.push(`recovering (${state.healthyRuns} of ${toResolve}), ${incident.file} open`);
    } else {
      notes.push(`${incident.file} open`);
    }
  } else if (state.updatedIncident) {
    const updated = state.updatedIncident;
    const document = context.bySlug.get(updated.slug)!;
    if (recovered) {
      if (settings.existing_incident === 'update') {
        const status = incidentStatusAt(document.incident, now);
        const update = recoveryNoteUpdate(recoveryReport(updated.failingSince, state, context), service.name, status);
        if (plan(updated.file, update, context.currentText(document))) {
          notes.push(`noted the recovery in ${updated.file}, which a person resolves`);
          state.updatedIncident = undefined;
        }
      } else {
        state.updatedIncident = undefined;
      }
    } else {
      notes.push(`failure noted in ${updated.file}`);
    }
  } else if (counted && state.unhealthyRuns >= toOpen && state.waitForRecovery) {
    notes.push('a person resolved the incident of this failure; nothing opens until the check passes');
  } else if (counted && state.unhealthyRuns >= toOpen) {
    const report = failureReport(service, result, state, context, new Date(state.failingSince!));
    const personal = personalIncident(service.id, context);
    if (personal && settings.existing_incident === 'update') {
      const status = incidentStatusAt(personal.incident, now);
      if (plan(personal.file, failureNoteUpdate(report, status), context.currentText(personal))) {
        notes.push(`noted the failure in ${personal.file}, a person's open incident`);
        state.updatedIncident = { slug: personal.slug, file: personal.file, failingSince: state.failingSince! };
        context.claimed.add(personal.slug);
      }
    } else if (personal) {
      notes.push(`a person's incident is open: ${personal.file}`);
    } else {
      const opened = openIncident(report, context);
      operations.push({ kind: 'create', file: opened.file, text: opened.text, service: service.id });
      files.push(opened.file);
      notes.push(`opened ${opened.file}`);
      state.incident = {
        slug: opened.slug,
        file: opened.file,
        kind: report.kind,
        impact: report.impact === 'degraded_performance' ? 'degraded_performance' : 'major_outage',
        failingSince: state.failingSince!,
        openedAt: at,
      };
    }
  } else if (counted) {
    notes.push(`failing (${state.unhealthyRuns} of ${toOpen})`);
  } else if (unhealthy && maintenance) {
    notes.push('under maintenance: nothing opened');
  }

  return { state, operations, action: { action: notes.join('; '), files, warnings, maintenance: unhealthy && maintenance } };
}

// Forgets a tracked incident that a person resolved or removed, and adopts
// an open automated incident of the service that the state does not know,
// as after a lost state file.
function reconcile(service: CheckedService, state: ServiceState, context: RunContext, notes: string[]): void {
  const { now } = context.input;
  const isClosed = (slug: string) => {
    const document = context.bySlug.get(slug);
    return !document || incidentStatusAt(document.incident, now) === 'resolved';
  };

  if (state.incident && isClosed(state.incident.slug)) {
    const how = context.bySlug.has(state.incident.slug) ? 'resolved' : 'removed';
    notes.push(`a person ${how} ${state.incident.file}`);
    state.incident = undefined;
    state.waitForRecovery = true;
  }
  if (state.updatedIncident && isClosed(state.updatedIncident.slug)) {
    state.updatedIncident = undefined;
    state.waitForRecovery = true;
  }
  if (state.incident || state.updatedIncident) return;

  const orphan = context.input.incidents.find(
    (document) =>
      document.incident.automated && !context.claimed.has(document.slug) && service.id in affectedAt(document.incident, now),
  );
  if (!orphan) return;

  const impact = affectedAt(orphan.incident, now)[service.id] === 'degraded_performance' ? 'degraded_performance' : 'major_outage';
  state.incident = {
    slug: orphan.slug,
    file: orphan.file,
    kind: kindFromSlug(orphan.slug, service.id),
    impact,
    failingSince: state.failingSince ?? orphan.incident.started.toISOString(),
    openedAt: orphan.incident.started.toISOString(),
  };
  context.claimed.add(orphan.slug);
}

function openIncident(report: FailureReport, context: RunContext): { slug: string; file: string; text: string } {
  // The date is the failure's first day, so the name does not depend on when the incident resolves.
  const base = `${formatUtcDate(report.failingSince)}-${report.serviceId}-${report.kind}`;
  const slug = uniqueSlug(base, context.takenSlugs);
  context.takenSlugs.add(slug);
  return { slug, file: `${CONTENT_PATHS.incidents}/${slug}.md`, text: renderAutomatedIncident(report) };
}

function personalIncident(serviceId: string, context: RunContext): IncidentDocument | undefined {
  const { now } = context.input;
  // affectedAt is empty outside the incident, so this finds only incidents open at `now`.
  return context.input.incidents.find((document) => !document.incident.automated && serviceId in affectedAt(document.incident, now));
}

function failureReport(service: CheckedService, result: CheckResult, state: ServiceState, context: RunContext, failingSince: Date): FailureReport {
  const kind: FailureKind = result.kind ?? 'status';
  return {
    serviceId: service.id,
    serviceName: service.name,
    kind,
    impact: result.outcome === 'degraded' ? 'degraded_performance' : 'major_outage',
    message: result.message,
    failingSince,
    failedRuns: state.unhealthyRuns,
    now: context.input.now,
    timeZone: context.input.timeZone,
  };
}

function recoveryReport(failingSince: string, state: ServiceState, context: RunContext): RecoveryReport {
  return {
    failingSince: new Date(failingSince),
    passingSince: new Date(state.passingSince!),
    passedRuns: state.healthyRuns,
    now: context.input.now,
    timeZone: context.input.timeZone,
  };
}

/** Returns true when a maintenance window of the service is active at `at`. */
export function inMaintenance(serviceId: string, windows: readonly Maintenance[], at: Date): boolean {
  return windows.some((window) => window.services.includes(serviceId) && maintenanceStateAt(window, at).active);
}

// Reports each certificate once when it expires within the warning days.
function certificateWarnings(service: CheckedService, result: CheckResult, state: ServiceState, now: Date): string[] {
  const certificate = result.certificate;
  if (!certificate || service.tlsWarningDays === undefined) return [];

  const daysLeft = Math.floor((certificate.validTo.getTime() - now.getTime()) / 86_400_000);
  if (daysLeft >= service.tlsWarningDays || state.certificateWarnings.includes(certificate.fingerprint)) return [];
  // Only the latest few certificates matter; older ones were replaced.
  state.certificateWarnings = [...state.certificateWarnings, certificate.fingerprint].slice(-5);
  const days = daysLeft === 1 ? '1 day' : `${daysLeft} days`;
  return [`certificate expires on ${formatUtcDate(certificate.validTo)}, in ${days}`];
}

// Reads the kind from a name such as `2026-03-10-api-timeout` or `…-timeout-2`.
function kindFromSlug(slug: string, serviceId: string): FailureKind {
  const marker = `-${serviceId}-`;
  const start = slug.indexOf(marker);
  const suffix = start === -1 ? '' : slug.slice(start + marker.length).replace(/-\d+$/, '');
  return (failureKinds as readonly string[]).includes(suffix) ? (suffix as FailureKind) : 'status';
}
