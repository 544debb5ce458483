// Statuspage incidents become Sitrep incidents, and scheduled maintenances
// become maintenance windows. Each file keeps the item's Statuspage id in
// `statuspage_id`, and the ids of its updates in a comment line at the top
// of its frontmatter.
import { STATUSPAGE_ID } from '../../domain/schema/statuspage-id.ts';
import { incidentImpacts, incidentStatuses, maintenanceStatuses, serviceImpacts, type ServiceImpact } from '../../domain/schema/vocabulary.ts';
import type { ImportReport } from '../report.ts';
import { toZonedTime, type ConvertedTime } from '../values.ts';
import type { StatuspageIncident, StatuspageUpdate } from './source.ts';

export interface MappedItem {
  frontmatter: Record<string, unknown>;
  body: string;
  started: Date;
  comments: string[];
}

interface Context {
  where: string;
  report: ImportReport;
  serviceIds: ReadonlyMap<string, string>;
}

// A component impact for incidents that record no per-update component changes.
const IMPACT_FROM_INCIDENT: Record<string, ServiceImpact | undefined> = {
  critical: 'major_outage',
  major: 'partial_outage',
  minor: 'degraded_performance',
};

interface TimedUpdate {
  update: StatuspageUpdate;
  at: ConvertedTime;
}

function timedUpdates(item: StatuspageIncident, context: Context): TimedUpdate[] {
  const timed: TimedUpdate[] = [];
  for (const update of item.incident_updates ?? []) {
    const at = toZonedTime(update.display_at ?? update.created_at);
    if (!at) {
      context.report.unmap(`${context.where}: update ${update.id ?? ''} has no readable time and was left out`);
      continue;
    }
    timed.push({ update, at });
  }
  // Statuspage lists updates newest first; Sitrep lists them oldest first.
  return timed.reverse().sort((a, b) => a.at.date.getTime() - b.at.date.getTime());
}

function messageOf(update: StatuspageUpdate, status: string): string {
  const body = (update.body ?? '').trim();
  return body === '' ? `The status changed to ${status.replace('_', ' ')}.` : body;
}

function serviceOf(code: string, name: string | undefined, context: Context): string | undefined {
  const id = context.serviceIds.get(code);
  if (id === undefined) context.report.unmap(`${context.where}: component \`${name ?? code}\` (${code}) is not in summary.json and was left out`);
  return id;
}

/**
 * Sets `statuspage_id` to the item's id and returns no comment lines, or,
 * for an id without Statuspage's shape, returns it as a comment line.
 */
function keepStatuspageId(frontmatter: Record<string, unknown>, item: StatuspageIncident, context: Context): string[] {
  if (STATUSPAGE_ID.test(item.id)) {
    frontmatter.statuspage_id = item.id;
    return [];
  }
  context.report.unmap(`${context.where}: its id is not lower-case letters and digits, so it is kept in a comment and the API derives a new id`);
  return [`statuspage-id: ${item.id}`];
}

/** Maps one incident, or returns why it was skipped. */
export function mapIncident(item: StatuspageIncident, context: Context): MappedItem | { skipped: string } {
  const updates = timedUpdates(item, context);
  const startedAt = toZonedTime(item.started_at ?? item.created_at) ?? updates[0]?.at;
  if (!startedAt) return { skipped: 'it has no `started_at`, `created_at` or dated update' };

  const affected: Record<string, ServiceImpact> = {};
  let initial: Record<string, ServiceImpact> | undefined;
  const entries: Record<string, unknown>[] = [];
  const postmortems: string[] = [];
  let sawComponentChanges = false;

  for (const { update, at } of updates) {
    let status = update.status;
    if (status === 'postmortem') {
      postmortems.push(messageOf(update, status));
      context.report.map(`${context.where}: the \`postmortem\` update is kept in the incident's body; \`sitrep new postmortem\` makes a postmortem page`);
      continue;
    }
    if (!(incidentStatuses as readonly string[]).includes(status)) {
      context.report.unmap(`${context.where}: update status \`${status}\` is not an incident status; read as \`identified\``);
      status = 'identified';
    }

    let changed = false;
    for (const change of update.affected_components ?? []) {
      const id = serviceOf(change.code, change.name, context);
      if (id === undefined) continue;
      sawComponentChanges = true;
      changed = true;
      if ((serviceImpacts as readonly string[]).includes(change.new_status ?? '')) affected[id] = change.new_status as ServiceImpact;
      else {
        if (change.new_status !== 'operational') {
          context.report.unmap(`${context.where}: \`${change.name ?? change.code}\` changed to \`${change.new_status}\`, which is not an incident impact; the service counts as not affected from then on`);
        }
        delete affected[id];
      }
    }

    const entry: Record<string, unknown> = { at: at.text, status };
    if (initial === undefined) initial = { ...affected };
    else if (changed && status !== 'resolved') entry.affected = { ...affected };
    entry.message = messageOf(update, status);
    entries.push(entry);
  }

  if (!sawComponentChanges) {
    const impact = IMPACT_FROM_INCIDENT[item.impact ?? ''];
    const components = (item.components ?? []).filter((component) => component.group !== true);
    if (impact && components.length > 0) {
      initial = {};
      for (const component of components) {
        const id = serviceOf(component.id, component.name, context);
        if (id !== undefined) initial[id] = impact;
      }
      context.report.map(`${context.where}: no update records component changes, so its components get \`${impact}\` from its \`${item.impact}\` impact`);
    }
  }

  // Only the last update may be `resolved`.
  entries.forEach((entry, index) => {
    if (entry.status === 'resolved' && index < entries.length - 1) {
      entry.status = 'monitoring';
      context.report.map(`${context.where}: a \`resolved\` update is followed by later updates; it is imported as \`monitoring\``);
    }
  });
  const closed = item.status === 'resolved' || item.status === 'postmortem';
  if (closed && entries.at(-1)?.status !== 'resolved') {
    const at = toZonedTime(item.resolved_at) ?? updates.at(-1)?.at ?? startedAt;
    entries.push({ at: at.text, status: 'resolved', message: 'This incident has been resolved.' });
    context.report.map(`${context.where}: the incident is \`${item.status}\` without a resolved update; one was added at its \`resolved_at\``);
  }
  if (entries.length === 0) entries.push({ at: startedAt.text, status: 'investigating', message: item.name });

  const firstAt = toZonedTime(entries[0]!.at)!;
  const started = firstAt.date < startedAt.date ? firstAt : startedAt;
  const frontmatter: Record<string, unknown> = { title: item.name };
  const comments = keepStatuspageId(frontmatter, item, context);
  frontmatter.affected = initial ?? {};
  if (item.impact && (incidentImpacts as readonly string[]).includes(item.impact)) frontmatter.impact = item.impact;
  frontmatter.started = started.text;
  frontmatter.updates = entries;

  const updateIds = updates.filter(({ update }) => update.status !== 'postmortem').map(({ update }) => update.id ?? '-');
  if (updateIds.length > 0) comments.push(`statuspage-update-ids: ${updateIds.join(' ')}`);
  const body = postmortems.length > 0 ? `## Postmortem\n\n${postmortems.join('\n\n')}` : '';
  return { frontmatter, body, started: started.date, comments };
}

/** Maps one scheduled maintenance, or returns why it was skipped. */
export function mapMaintenance(item: StatuspageIncident, context: Context): MappedItem | { skipped: string } {
  const start = toZonedTime(item.scheduled_for);
  const end = toZonedTime(item.scheduled_until);
  if (!start || !end) return { skipped: 'it has no readable `scheduled_for` and `scheduled_until`' };
  if (end.date <= start.date) return { skipped: `its \`scheduled_until\` (${end.text}) is not after its \`scheduled_for\` (${start.text})` };

  const services: string[] = [];
  for (const component of (item.components ?? []).filter((entry) => entry.group !== true)) {
    const id = serviceOf(component.id, component.name, context);
    if (id !== undefined && !services.includes(id)) services.push(id);
  }
  if (services.length === 0) return { skipped: 'it names no component, and a maintenance window needs at least one service' };

  const entries: Record<string, unknown>[] = [];
  for (const { update, at } of timedUpdates(item, context)) {
    if (entries.length > 0 && ['completed', 'cancelled'].includes(String(entries.at(-1)!.status))) {
      context.report.unmap(`${context.where}: an update after the window was \`${String(entries.at(-1)!.status)}\` was left out`);
      continue;
    }
    let status = update.status;
    if (!(maintenanceStatuses as readonly string[]).includes(status)) {
      context.report.unmap(`${context.where}: update status \`${status}\` is not a maintenance status; read as \`in_progress\``);
      status = 'in_progress';
    }
    entries.push({ at: at.text, status, message: messageOf(update, status) });
  }
  if (entries.length === 0) entries.push({ at: start.text, status: 'scheduled', message: item.name });

  const frontmatter: Record<string, unknown> = { title: item.name };
  const comments = keepStatuspageId(frontmatter, item, context);
  Object.assign(frontmatter, { services, start: start.text, end: end.text, updates: entries });
  const updateIds = (item.incident_updates ?? []).map((update) => update.id ?? '-').reverse();
  if (updateIds.length > 0) comments.push(`statuspage-update-ids: ${updateIds.join(' ')}`);
  return { frontmatter, body: '', started: start.date, comments };
}
