// The text the monitor writes into incident files: a new automated
// incident, and the updates it appends. Appends go through the authoring
// module's byte-preserving insertion, never a rewrite of the file.
import { appendUpdate } from '../authoring/append-update.ts';
import { FrontmatterEditError } from '../authoring/frontmatter-edit.ts';
import { updateEntry } from '../authoring/incident-file.ts';
import { formatTime } from '../authoring/postmortem-template.ts';
import { renderContentFile } from '../authoring/render-file.ts';
import { incidentSchema, type IncidentStatus, type ServiceImpact } from '../domain/schema/index.ts';
import { formatDuration } from '../domain/time.ts';
import { parseMarkdownFile } from '../repository/markdown-file.ts';
import type { FailureKind } from './check-result.ts';

const TITLES: Record<FailureKind, string> = {
  timeout: 'is not responding',
  dns: 'cannot be found in DNS',
  refused: 'is refusing connections',
  reset: 'is dropping connections',
  network: 'is unreachable',
  tls: 'has a certificate problem',
  status: 'is returning errors',
  body: 'is returning unexpected responses',
  slow: 'is slow',
  heartbeat: 'missed its heartbeat',
};

/** Returns the title of an automated incident, such as `Public API is not responding`. */
export function incidentTitle(serviceName: string, kind: FailureKind): string {
  return `${serviceName} ${TITLES[kind]}`;
}

/** Formats an instant as the content format writes it: UTC, whole seconds, `Z`. */
export function formatInstant(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The facts of a failure that an incident or an update reports. */
export interface FailureReport {
  serviceId: string;
  serviceName: string;
  kind: FailureKind;
  impact: ServiceImpact;
  /** The failure's sentence, already escaped and redacted. */
  message: string;
  /** The first failing run of the streak. */
  failingSince: Date;
  /** How many runs in a row failed. */
  failedRuns: number;
  now: Date;
  timeZone: string;
}

/** Renders the file of a new automated incident with its `investigating` update. */
export function renderAutomatedIncident(report: FailureReport): string {
  return renderContentFile({
    title: incidentTitle(report.serviceName, report.kind),
    affected: { [report.serviceId]: report.impact },
    started: formatInstant(report.failingSince),
    automated: true,
    updates: [updateEntry({ at: formatInstant(report.now), status: 'investigating', message: openingMessage(report) })],
  });
}

/** Returns the message of an automated incident's first update. */
export function openingMessage(report: FailureReport): string {
  return `The automated check failed: ${sentence(report.message)} ${runsSince(report.failedRuns, 'failed', report.failingSince, report.timeZone)}`;
}

/** Returns the update that marks an automated incident as a major outage after it began as slow. */
export function escalationUpdate(report: FailureReport): Record<string, unknown> {
  return updateEntry({
    at: formatInstant(report.now),
    status: 'investigating',
    affected: { [report.serviceId]: 'major_outage' },
    message: `The service now fails, where it was only slow before: ${sentence(report.message)}`,
  });
}

/** The facts of a recovery that a `resolved` update reports. */
export interface RecoveryReport {
  /** The first failing run of the streak that the incident is about. */
  failingSince: Date;
  /** The first passing run of the recovery. */
  passingSince: Date;
  passedRuns: number;
  now: Date;
  timeZone: string;
}

/** Returns the `resolved` update of an automated incident, with the measured duration. */
export function resolvedUpdate(report: RecoveryReport): Record<string, unknown> {
  return updateEntry({ at: formatInstant(report.now), status: 'resolved', message: recoveryMessage(report) });
}

/**
 * Returns the update that the monitor appends to a person's open incident
 * when its check fails too (`existing_incident: update`). The status stays
 * the incident's current one, so the monitor never moves a person's incident on.
 */
export function failureNoteUpdate(report: FailureReport, status: IncidentStatus): Record<string, unknown> {
  const message = `The automated check of ${report.serviceName} fails too: ${sentence(report.message)} ${runsSince(report.failedRuns, 'failed', report.failingSince, report.timeZone)}`;
  return updateEntry({ at: formatInstant(report.now), status, message });
}

/** Returns the update that records in a person's incident that the check passes again; the incident stays open. */
export function recoveryNoteUpdate(report: RecoveryReport, serviceName: string, status: IncidentStatus): Record<string, unknown> {
  const message = `The automated check of ${serviceName} passes again. ${recoveryMessage(report)} This incident stays open until someone resolves it.`;
  return updateEntry({ at: formatInstant(report.now), status, message });
}

function recoveryMessage(report: RecoveryReport): string {
  const duration = formatDuration(report.passingSince.getTime() - report.failingSince.getTime());
  return `${runsSince(report.passedRuns, 'passed', report.passingSince, report.timeZone)} The failure lasted ${duration}.`;
}

function runsSince(runs: number, verb: 'failed' | 'passed', since: Date, timeZone: string): string {
  const count = runs === 1 ? 'once' : `${runs} times in a row`;
  return `It has ${verb} ${count} since ${formatTime(since, timeZone)}.`;
}

// Ends a failure sentence with a full stop, so it reads as one in the update.
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The result of planning an append: the new text, or why the file cannot take the update. */
export type PlannedAppend = { ok: true; text: string } | { ok: false; problem: string };

/**
 * Appends `update` to an incident file's text and checks that the result is
 * still a valid incident. Returns the reason instead when the file's layout
 * does not allow a safe insertion or the result would be invalid.
 */
export function planAppend(text: string, update: Record<string, unknown>): PlannedAppend {
  let edited: string;
  try {
    edited = appendUpdate(text, update);
  } catch (error) {
    if (error instanceof FrontmatterEditError) return { ok: false, problem: `${error.message}; ${error.fix}` };
    throw error;
  }

  const parsed = parseMarkdownFile(edited);
  const result = parsed.problems.length === 0 ? incidentSchema.safeParse(parsed.data) : undefined;
  if (result?.success) return { ok: true, text: edited };
  const issue = result?.error.issues[0];
  const reason = issue ? `${issue.path.join('.')}: ${issue.message}` : (parsed.problems[0]?.message ?? 'the frontmatter does not parse');
  return { ok: false, problem: `the file would be invalid after the update (${reason})` };
}

/** Returns true when the incident text already ends with this update, so a repeated append can be skipped. */
export function endsWithUpdate(text: string, update: { at?: unknown; status?: unknown; message?: unknown }): boolean {
  const parsed = parseMarkdownFile(text);
  const updates = (parsed.data as { updates?: unknown } | undefined)?.updates;
  if (!Array.isArray(updates)) return false;
  const last = updates.at(-1) as { at?: unknown; status?: unknown; message?: unknown } | undefined;
  return last?.at === update.at && last?.status === update.status && last?.message === update.message;
}
