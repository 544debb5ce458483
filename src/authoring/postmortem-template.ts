// The first draft of a postmortem: the incident's timeline, filled in from
// its updates, then the usual sections with prompts to replace.
import { formatDuration } from '../domain/time.ts';
import { serviceImpacts, type ServiceImpact } from '../domain/schema/vocabulary.ts';
import type { IncidentFrontmatter } from '../domain/schema/incident.ts';
import { renderContentFile } from './render-file.ts';

export interface PostmortemInput {
  /** The incident's slug, the file name of both the incident and the postmortem. */
  slug: string;
  incident: IncidentFrontmatter;
  title: string;
  /** ISO 8601 text with an offset. */
  published: string;
  /** The site's IANA time zone, in which the timeline shows its times. */
  timeZone: string;
  /** Service names by id, from content/config.yml; ids without a name show as the id. */
  serviceNames: ReadonlyMap<string, string>;
}

/** Renders the postmortem file: frontmatter, timeline and the sections to fill in. */
export function renderPostmortemFile(input: PostmortemInput): string {
  const body = [
    '## Timeline',
    '',
    `Times are in ${input.timeZone}.`,
    '',
    renderTimeline(input.incident, input.timeZone, input.serviceNames),
    '',
    '## Summary',
    '',
    '_What happened, in two or three sentences that a customer can follow._',
    '',
    '## Impact',
    '',
    renderImpact(input.incident, input.serviceNames),
    '',
    '_Who was affected and how: failed requests, delayed payments, customers who had to act._',
    '',
    '## Root cause',
    '',
    '_Why it happened. Follow the causes until you reach one that you can fix._',
    '',
    '## What went well',
    '',
    '- _For example: the alert fired within two minutes._',
    '',
    '## What went badly',
    '',
    '- _For example: the failover needed a manual step that was not documented._',
    '',
    '## Action items',
    '',
    '| action | owner | due | status |',
    '| --- | --- | --- | --- |',
    '| _What will change_ | _who_ | _YYYY-MM-DD_ | planned |',
  ].join('\n');

  return renderContentFile({ title: input.title, incidents: [input.slug], published: input.published }, body);
}

/**
 * Renders the incident's history as a markdown list, oldest first: when it
 * started and what it affected, then each update with its status, message
 * and any change of affected services.
 */
export function renderTimeline(incident: IncidentFrontmatter, timeZone: string, serviceNames: ReadonlyMap<string, string>): string {
  const entries = [`- **${formatTime(incident.started, timeZone)}** Started. ${describeAffected(incident.affected, serviceNames)}`];

  for (const update of incident.updates) {
    const lines = update.message.trim().split(/\r?\n/);
    let text = `**${formatTime(update.at, timeZone)}** ${statusLabel(update.status)}: ${lines[0]}`;
    // Further lines of the message stay inside the list item.
    for (const line of lines.slice(1)) text += `\n${line === '' ? '' : `  ${line}`}`;
    if (update.affected !== undefined) text += `${/[.!?]$/.test(text) ? '' : '.'} ${describeAffected(update.affected, serviceNames)}`;
    entries.push(`- ${text}`);
  }

  if (incident.resolved && incident.updates.at(-1)?.status !== 'resolved') {
    entries.push(`- **${formatTime(incident.resolved, timeZone)}** Resolved.`);
  }
  return entries.join('\n');
}

function renderImpact(incident: IncidentFrontmatter, serviceNames: ReadonlyMap<string, string>): string {
  const worst = worstImpacts(incident);
  const resolvedAt = incident.resolved ?? incident.updates.findLast((update) => update.status === 'resolved')?.at;
  const duration = resolvedAt
    ? `The incident lasted ${formatDuration(resolvedAt.getTime() - incident.started.getTime())}.`
    : 'The incident is not resolved yet.';

  const services = [...worst].map(([id, impact]) => `- ${serviceNames.get(id) ?? id}: ${impactLabel(impact)} at worst`);
  return services.length > 0 ? `${duration}\n\n${services.join('\n')}` : `${duration} No service was marked as affected.`;
}

// The worst impact each service reached over the incident's life.
function worstImpacts(incident: IncidentFrontmatter): Map<string, ServiceImpact> {
  const worst = new Map<string, ServiceImpact>();
  const maps = [incident.affected, ...incident.updates.map((update) => update.affected ?? {})];
  for (const map of maps) {
    for (const [id, impact] of Object.entries(map)) {
      const current = worst.get(id);
      if (current === undefined || serviceImpacts.indexOf(impact) > serviceImpacts.indexOf(current)) worst.set(id, impact);
    }
  }
  return worst;
}

function describeAffected(affected: Record<string, ServiceImpact>, serviceNames: ReadonlyMap<string, string>): string {
  const entries = Object.entries(affected);
  if (entries.length === 0) return 'No service affected.';
  return `Affected: ${entries.map(([id, impact]) => `${serviceNames.get(id) ?? id} (${impactLabel(impact)})`).join(', ')}.`;
}

function impactLabel(impact: ServiceImpact): string {
  return impact.replace(/_/g, ' ');
}

function statusLabel(status: string): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

/** Formats an instant as `2026-03-10 05:05 EST` in `timeZone`. */
export function formatTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}
