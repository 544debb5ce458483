// Maps one cState issue (content/issues/*.md) to a Sitrep incident or
// maintenance window. The fields follow cState's example issues
// (cstate/cstate, exampleSite/content/issues/*.md): `title`, `date`,
// `resolved`, `resolvedWhen`, `severity` (`down`, `disrupted` or `notice`),
// `affected` (system names), `informational`, `pin` and `section`.
import { incidentStatuses, type IncidentStatus, type ServiceImpact } from '../../domain/schema/vocabulary.ts';
import type { ImportReport } from '../report.ts';
import { splitFrontmatter, text } from '../source-files.ts';
import { looseBoolean, looseChoice, toZonedTime, type ConvertedTime, type NameMapper } from '../values.ts';
import { parseCstateBody, type CstateUpdate } from './updates.ts';

const SEVERITIES = ['down', 'disrupted', 'notice'] as const;
type Severity = (typeof SEVERITIES)[number];

const IMPACT_OF: Record<Severity, ServiceImpact | undefined> = { down: 'major_outage', disrupted: 'partial_outage', notice: undefined };

// Fields that only steer Hugo or cState's layout and mean nothing on a Sitrep page.
const LAYOUT_FIELDS = new Set(['section', 'layout', 'weight']);
const KNOWN_FIELDS = new Set(['title', 'date', 'resolved', 'resolvedWhen', 'severity', 'affected', 'informational', 'maintenance', 'draft', ...LAYOUT_FIELDS]);

/** The fields of a Sitrep file, before rendering, or why the issue was skipped. */
export type MappedIssue =
  | { kind: 'incident'; frontmatter: Record<string, unknown>; started: Date }
  | { kind: 'maintenance'; frontmatter: Record<string, unknown>; started: Date }
  | { kind: 'skipped'; reason: string };

interface Context {
  where: string;
  report: ImportReport;
  mapper: NameMapper;
  /** Counts source times that had no offset, for one note in the report. */
  naiveTimes: { count: number };
}

function converted(time: ConvertedTime | undefined, context: Context): ConvertedTime | undefined {
  if (time?.assumedUtc) context.naiveTimes.count++;
  return time;
}

function readSeverity(data: Record<string, unknown>, informational: boolean, context: Context): Severity | undefined {
  if (data.severity === undefined || data.severity === null || data.severity === '') {
    if (!informational) context.report.map(`${context.where}: no \`severity\`; imported as \`notice\``);
    return 'notice';
  }
  const choice = looseChoice(String(data.severity), SEVERITIES);
  if (!choice) return undefined;
  if (String(data.severity) !== choice.value) context.report.map(`${context.where}: severity \`${String(data.severity)}\` read as \`${choice.value}\`, a near match`);
  return choice.value;
}

function readFlag(data: Record<string, unknown>, field: string, context: Context): boolean {
  const value = data[field];
  if (value === undefined || value === null) return false;
  const flag = looseBoolean(value);
  if (flag === undefined) {
    context.report.unmap(`${context.where}: \`${field}: ${String(value)}\` is neither true nor false; read as false`);
    return false;
  }
  if (typeof value !== 'boolean') context.report.map(`${context.where}: \`${field}: ${JSON.stringify(value)}\` read as ${flag}`);
  return flag;
}

function affectedNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => text(item)).filter((item): item is string => item !== undefined);
  const single = text(value);
  return single ? [single] : [];
}

/** Maps one issue file; anything it cannot carry over goes to `context.report`. */
export function mapCstateIssue(source: string, context: Context): MappedIssue {
  const split = splitFrontmatter(source);
  if ('error' in split) return { kind: 'skipped', reason: split.error };
  const { data, body } = split;

  const title = text(data.title);
  if (!title) return { kind: 'skipped', reason: 'it has no `title`' };
  // Hugo does not publish drafts, so cState never showed them.
  if (looseBoolean(data.draft) === true) return { kind: 'skipped', reason: 'it is a draft (`draft: true`), which cState does not publish' };
  const start = converted(toZonedTime(data.date), context);
  if (!start) return { kind: 'skipped', reason: data.date === undefined ? 'it has no `date`' : `its \`date\` \`${String(data.date)}\` is not a time` };

  for (const field of Object.keys(data)) {
    if (!KNOWN_FIELDS.has(field)) context.report.unmap(`${context.where}: \`${field}\` has no equivalent and was left out`);
  }

  const informational = readFlag(data, 'informational', context);
  const resolved = readFlag(data, 'resolved', context);
  const markedMaintenance = readFlag(data, 'maintenance', context) || /maint[ea]n[ae]nce/i.test(title);
  const severity = readSeverity(data, informational, context);
  if (!severity) return { kind: 'skipped', reason: `its severity \`${String(data.severity)}\` is not \`down\`, \`disrupted\` or \`notice\`, nor close to one` };

  let end: ConvertedTime | undefined;
  if (text(data.resolvedWhen) !== undefined || data.resolvedWhen instanceof Date) {
    end = converted(toZonedTime(data.resolvedWhen), context);
    if (!end) context.report.unmap(`${context.where}: \`resolvedWhen: ${String(data.resolvedWhen)}\` is not a time and was left out`);
  }
  if (end && end.date < start.date) {
    return { kind: 'skipped', reason: `it ends (\`resolvedWhen: ${end.text}\`) before it starts (\`date: ${start.text}\`); correct one of them and import again` };
  }

  const serviceIds: string[] = [];
  for (const name of affectedNames(data.affected)) {
    const id = context.mapper.resolve(name, `${context.where} affected`);
    if (id !== undefined && !serviceIds.includes(id)) serviceIds.push(id);
  }

  const updates = parseCstateBody(body);
  for (const update of updates) {
    if (update.unreadableTime !== undefined) context.report.unmap(`${context.where}: the track time \`${update.unreadableTime}\` is not a time; the update is dated at the issue's \`date\``);
    converted(update.time, context);
  }

  const isNotice = severity === 'notice' || informational;
  if (isNotice && end && (informational || markedMaintenance)) {
    if (serviceIds.length > 0) return maintenanceOf(title, serviceIds, start, end, resolved, updates);
    context.report.map(`${context.where}: a maintenance notice with no affected system; imported as an informational incident, because a maintenance window needs services`);
  }
  return incidentOf(title, severity, informational, serviceIds, start, end, resolved, updates, context);
}

function maintenanceOf(title: string, services: string[], start: ConvertedTime, end: ConvertedTime, resolved: boolean, updates: CstateUpdate[]): MappedIssue {
  const message = [...updates].reverse().map((update) => (update.label ? `${update.label}: ${update.message}` : update.message)).filter((part) => part !== '').join('\n\n');
  // The announcement is the earliest `track` time when it comes before the window.
  const announced = updates.map((update) => update.time).filter((time): time is ConvertedTime => time !== undefined && time.date < start.date)
    .sort((a, b) => a.date.getTime() - b.date.getTime())[0] ?? start;
  const entries: Record<string, unknown>[] = [{ at: announced.text, status: 'scheduled', message: message || title }];
  if (resolved) entries.push({ at: end.text, status: 'completed', message: 'The maintenance is complete.' });
  return { kind: 'maintenance', started: start.date, frontmatter: { title, services, start: start.text, end: end.text, updates: entries } };
}

function statusOf(update: CstateUpdate, previous: IncidentStatus, context: Context): IncidentStatus {
  if (update.label === undefined) return previous;
  const choice = looseChoice(update.label, incidentStatuses);
  if (choice && !choice.exact && choice.value !== update.label.toLowerCase()) {
    context.report.map(`${context.where}: update label \`${update.label}\` read as \`${choice.value}\`, a near match`);
  }
  if (choice) return choice.value;
  context.report.map(`${context.where}: update label \`${update.label}\` is not a status; the update keeps the status before it and the label starts its message`);
  return previous;
}

function incidentOf(
  title: string,
  severity: Severity,
  informational: boolean,
  serviceIds: string[],
  start: ConvertedTime,
  end: ConvertedTime | undefined,
  resolved: boolean,
  updates: CstateUpdate[],
  context: Context,
): MappedIssue {
  const impact = informational ? undefined : IMPACT_OF[severity];
  const affected: Record<string, ServiceImpact> = {};
  if (impact) for (const id of serviceIds) affected[id] = impact;
  else if (serviceIds.length > 0) context.report.map(`${context.where}: a notice is imported as an informational incident, so its systems are not marked as affected`);

  // cState lists updates newest first; a stable sort keeps equal times in written order.
  const ordered = [...updates].reverse().map((update) => ({ update, at: update.time ?? start }));
  ordered.sort((a, b) => a.at.date.getTime() - b.at.date.getTime());

  const entries: { at: ConvertedTime; status: IncidentStatus; message: string }[] = [];
  let status: IncidentStatus = 'investigating';
  for (const { update, at } of ordered) {
    status = statusOf(update, status, context);
    const isKnownStatus = update.label !== undefined && looseChoice(update.label, incidentStatuses) !== undefined;
    const labelPrefix = update.label !== undefined && !isKnownStatus ? `${update.label}: ` : '';
    const message = `${labelPrefix}${update.message}`.trim() || `${status[0]!.toUpperCase()}${status.slice(1)}.`;
    entries.push({ at, status, message });
    if (update.time === undefined && update.unreadableTime === undefined && updates.length > 1) {
      context.report.map(`${context.where}: an update has no \`track\` time; it is dated at the issue's \`date\``);
    }
  }
  if (entries.length === 0) entries.push({ at: start, status: 'investigating', message: title });

  // Only the last update may be `resolved`.
  entries.forEach((entry, index) => {
    if (entry.status === 'resolved' && index < entries.length - 1) {
      entry.status = 'monitoring';
      context.report.map(`${context.where}: a \`resolved\` update is followed by later updates; it is imported as \`monitoring\``);
    }
  });

  const last = entries.at(-1)!;
  if (resolved && last.status !== 'resolved') {
    let at = end ?? last.at;
    if (!end) context.report.map(`${context.where}: resolved without a \`resolvedWhen\`; the incident is resolved at its last update`);
    if (at.date < last.at.date) {
      context.report.map(`${context.where}: \`resolvedWhen\` is earlier than the last update; the incident is resolved at the last update`);
      at = last.at;
    }
    entries.push({ at, status: 'resolved', message: 'This incident has been resolved.' });
  } else if (!resolved && last.status === 'resolved') {
    last.status = 'monitoring';
    context.report.map(`${context.where}: \`resolved\` is false but the last update says resolved; the incident stays open, with that update as \`monitoring\``);
  }

  const started = entries[0]!.at.date < start.date ? entries[0]!.at : start;
  const frontmatter: Record<string, unknown> = { title, affected };
  if (severity === 'notice' || informational) frontmatter.impact = 'none';
  frontmatter.started = started.text;
  frontmatter.updates = entries.map((entry) => ({ at: entry.at.text, status: entry.status, message: entry.message }));
  return { kind: 'incident', started: started.date, frontmatter };
}
