// Mirrors incidents as GitHub issues: one issue per incident, one comment
// per update, closed when the incident resolves. The mapping lives in
// hidden markers in the issues themselves, and every run reads it back by
// paginating, so a re-run posts nothing twice.
import { Octokit } from 'octokit';
import { incidentStatusAt, servicesOf } from '../domain/incident.ts';
import { incidentImpact } from '../domain/incident.ts';
import type { Incident, OnCallSettings } from '../domain/schema/index.ts';
import { numberedUpdates } from './incident-changes.ts';
import { escalationFor, onCallAt } from './oncall.ts';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** Returns the marker that ties an issue to an incident. */
export function incidentMarker(slug: string): string {
  return `<!-- sitrep-incident: ${slug} -->`;
}

/** Returns the marker that ties a comment to the incident's update number `number`, counted from 1. */
export function updateMarker(slug: string, number: number): string {
  return `<!-- sitrep-update: ${slug}#${number} -->`;
}

/** Returns the marker of the comment that escalates an incident. */
export function escalationMarker(slug: string): string {
  return `<!-- sitrep-escalation: ${slug} -->`;
}

export interface GitHubTarget {
  owner: string;
  repo: string;
}

export interface GitHubClientOptions {
  token: string;
  /** The REST API root, such as `https://github.example.com/api/v3` for GitHub Enterprise Server. */
  baseUrl: string;
  /** How many times a request that hit a rate limit is retried after the wait. */
  rateLimitRetries?: number;
  log: (line: string) => void;
  /**
   * Replaces the throttling plugin's limiters, which space writes one second
   * apart and writes that notify people three seconds apart; for tests.
   */
  limiters?: { write: unknown; notifications: unknown };
}

/** Creates an Octokit client with bounded retries on rate limits and server errors. */
export function createGitHubClient(options: GitHubClientOptions): Octokit {
  const maxRetries = options.rateLimitRetries ?? 2;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const retry = retryCount < maxRetries;
    options.log(`GitHub ${kind} rate limit on ${request.method} ${request.url}; ${retry ? `retrying in ${retryAfter} s` : 'giving up'}`);
    return retry;
  };
  const throttle: Record<string, unknown> = { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') };
  if (options.limiters) Object.assign(throttle, options.limiters);

  return new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'sitrep-alert',
    retry: { retries: 2 },
    throttle: throttle as never,
    log: { debug: () => {}, info: () => {}, warn: (message: string) => options.log(message), error: (message: string) => options.log(message) },
  });
}

/** One change that the mirror made, or would make in a dry run. */
export interface IssueAction {
  slug: string;
  action: 'created issue' | 'commented' | 'escalated' | 'closed issue' | 'failed';
  issue?: number;
  detail?: string;
}

export interface MirrorInput {
  /** The incidents to mirror, as they stand at `now`. */
  incidents: readonly Incident[];
  now: Date;
  oncall?: OnCallSettings;
  incidentUrl: (slug: string) => string;
  /** Issues listed per page; GitHub allows up to 100. */
  perPage?: number;
  log: (line: string) => void;
}

interface IssueRecord {
  number: number;
  state: string;
  body?: string | null;
}

/**
 * Brings each incident's issue up to date: creates it, posts the missing
 * update comments and the escalation, and closes it once the incident is
 * resolved. A failure on one incident is logged with its slug and the
 * others still run.
 */
export async function mirrorIssues(octokit: Octokit, target: GitHubTarget, input: MirrorInput): Promise<IssueAction[]> {
  if (input.incidents.length === 0) return [];
  const actions: IssueAction[] = [];

  let issues: Map<string, IssueRecord>;
  try {
    issues = await listIncidentIssues(octokit, target, input.perPage ?? 100);
  } catch (error) {
    const detail = describeError(error);
    input.log(`GitHub issues could not be listed: ${detail}`);
    return input.incidents.map((incident) => ({ slug: incident.slug, action: 'failed', detail }));
  }

  for (const incident of input.incidents) {
    try {
      actions.push(...(await mirrorIncident(octokit, target, input, incident, issues.get(incident.slug))));
    } catch (error) {
      const detail = describeError(error);
      input.log(`GitHub issue of incident ${incident.slug} failed: ${detail}`);
      actions.push({ slug: incident.slug, action: 'failed', detail });
    }
  }
  return actions;
}

// Lists every issue labelled `incident`, open or closed, and reads the slug
// from its marker. Pull requests come back from this endpoint too and are skipped.
async function listIncidentIssues(octokit: Octokit, target: GitHubTarget, perPage: number): Promise<Map<string, IssueRecord>> {
  const items = await octokit.paginate(octokit.rest.issues.listForRepo, { ...target, labels: 'incident', state: 'all', per_page: perPage });
  const bySlug = new Map<string, IssueRecord>();
  for (const item of items) {
    if (item.pull_request) continue;
    const slug = /<!-- sitrep-incident: ([a-z0-9][a-z0-9-]*) -->/.exec(item.body ?? '')?.[1];
    // The oldest issue wins when two carry the same marker; the list is newest first.
    if (slug) bySlug.set(slug, { number: item.number, state: item.state, body: item.body });
  }
  return bySlug;
}

async function mirrorIncident(octokit: Octokit, target: GitHubTarget, input: MirrorInput, incident: Incident, existing: IssueRecord | undefined): Promise<IssueAction[]> {
  const actions: IssueAction[] = [];
  const { slug } = incident;
  let issue = existing;

  if (!issue) {
    const assignee = input.oncall ? onCallAt(input.oncall, incident.started) : undefined;
    const created = await octokit.rest.issues.create({
      ...target,
      title: `[incident] ${incident.title}`,
      body: issueBody(incident, input.incidentUrl(slug)),
      labels: ['incident', ...servicesOf(incident).map((id) => `service:${id}`)],
      assignees: assignee ? [assignee] : [],
    });
    issue = { number: created.data.number, state: created.data.state };
    actions.push({ slug, action: 'created issue', issue: issue.number, detail: assignee ? `assigned to @${assignee}` : undefined });
  }

  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...target, issue_number: issue.number, per_page: input.perPage ?? 100 });
  const posted = new Set(comments.map((comment) => comment.body ?? ''));
  const hasMarker = (marker: string) => [...posted].some((body) => body.includes(marker));

  for (const update of numberedUpdates(incident)) {
    const marker = updateMarker(slug, update.number);
    if (hasMarker(marker)) continue;
    const body = `${marker}\n**${update.status}** at ${update.at.toISOString()}\n\n${update.message}`;
    await octokit.rest.issues.createComment({ ...target, issue_number: issue.number, body });
    actions.push({ slug, action: 'commented', issue: issue.number, detail: `update ${update.number} (${update.status})` });
  }

  const escalateTo = escalationFor(incident, input.oncall, input.now);
  if (escalateTo && !hasMarker(escalationMarker(slug))) {
    const after = Math.round((input.oncall?.escalation?.after ?? 0) / 60_000);
    const body = `${escalationMarker(slug)}\n@${escalateTo}: this automated incident has had no update from a person for ${after} minutes since it started. Please take a look.`;
    await octokit.rest.issues.createComment({ ...target, issue_number: issue.number, body });
    actions.push({ slug, action: 'escalated', issue: issue.number, detail: `mentioned @${escalateTo}` });
  }

  if (incidentStatusAt(incident, input.now) === 'resolved' && issue.state !== 'closed') {
    await octokit.rest.issues.update({ ...target, issue_number: issue.number, state: 'closed', state_reason: 'completed' });
    actions.push({ slug, action: 'closed issue', issue: issue.number });
  }
  return actions;
}

function issueBody(incident: Incident, url: string): string {
  const services = servicesOf(incident).map((id) => `\`${id}\``).join(', ') || 'none';
  const lines = [
    incidentMarker(incident.slug),
    `Status page: ${url}`,
    '',
    `- Started: ${incident.started.toISOString()}`,
    `- Impact: ${incidentImpact(incident)}`,
    `- Services: ${services}`,
    `- Opened by: ${incident.automated ? 'the automated check' : 'a person'}`,
    '',
    'Sitrep mirrors each update of the incident file as a comment and closes this issue when the incident resolves. Edit the incident file, not this issue.',
  ];
  return lines.join('\n');
}

function describeError(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = (error as Error).message ?? String(error);
  return status ? `HTTP ${status}: ${message}` : message;
}
