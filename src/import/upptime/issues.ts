// Upptime's GitHub issues. Upptime opens an issue labelled `status` and the
// site's slug, titled "🛑 <name> is down" or "⚠️ <name> has degraded
// performance", and closes it when the site recovers. A person schedules
// maintenance with an issue labelled `maintenance` whose body contains an HTML
// comment with `start`, `end` and `expectedDown` or `expectedDegraded`
// (https://upptime.js.org/docs/scheduled-maintenance).
import type { IncidentStatus, ServiceImpact } from '../../domain/schema/vocabulary.ts';
import type { ImportReport } from '../report.ts';
import { text } from '../source-files.ts';
import { toZonedTime, type ConvertedTime, type NameMapper } from '../values.ts';

/** One issue, read from either `gh issue list --json` or the REST API's shape. */
export interface GithubIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  createdAt?: ConvertedTime;
  closedAt?: ConvertedTime;
  comments: { body: string; createdAt?: ConvertedTime }[];
  /** Set when the export has only a count of comments, as the REST API's issue list does. */
  commentCount?: number;
  pullRequest: boolean;
}

interface Context {
  where: string;
  report: ImportReport;
  mapper: NameMapper;
  slugs: ReadonlyMap<string, string>;
  naiveTimes: { count: number };
}

function time(value: unknown, naiveTimes: { count: number }): ConvertedTime | undefined {
  const converted = toZonedTime(value);
  if (converted?.assumedUtc) naiveTimes.count++;
  return converted;
}

/** Reads the issues of either export shape. */
export function readIssues(data: unknown, naiveTimes: { count: number }): GithubIssue[] {
  if (!Array.isArray(data)) throw new Error('the issues file is not a JSON list of issues');
  return data.map((raw: Record<string, unknown>) => {
    const labels = (Array.isArray(raw.labels) ? raw.labels : []).map((label: unknown) =>
      typeof label === 'string' ? label : String((label as { name?: unknown }).name ?? ''),
    );
    const issue: GithubIssue = {
      number: Number(raw.number),
      title: String(raw.title ?? ''),
      body: String(raw.body ?? ''),
      labels,
      createdAt: time(raw.createdAt ?? raw.created_at, naiveTimes),
      closedAt: time(raw.closedAt ?? raw.closed_at, naiveTimes),
      comments: [],
      pullRequest: raw.pull_request !== undefined,
    };
    if (Array.isArray(raw.comments)) {
      issue.comments = raw.comments.map((comment: Record<string, unknown>) => ({
        body: String(comment.body ?? ''),
        createdAt: time(comment.createdAt ?? comment.created_at, naiveTimes),
      }));
    } else if (typeof raw.comments === 'number') {
      issue.commentCount = raw.comments;
    }
    return issue;
  });
}

function withoutHtmlComments(body: string): string {
  return body.replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** The fields of a Sitrep file, or why the issue was skipped. */
export type MappedIssue =
  | { kind: 'incident' | 'maintenance'; frontmatter: Record<string, unknown>; started: Date }
  | { kind: 'skipped'; reason: string };

/** Maps one issue to an incident or a maintenance window. */
export function mapIssue(issue: GithubIssue, context: Context): MappedIssue {
  if (issue.pullRequest) return { kind: 'skipped', reason: 'it is a pull request' };
  if (!issue.createdAt) return { kind: 'skipped', reason: 'it has no readable creation time' };
  if (issue.commentCount) {
    context.report.unmap(`${context.where}: the export has only a count of its ${issue.commentCount} comments; export with \`gh issue list --json …,comments\` to import them`);
  }
  if (issue.labels.includes('maintenance')) return mapMaintenance(issue, context);

  const slugLabels = issue.labels.filter((label) => context.slugs.has(label));
  const titled = /^\W*\s*(.+?)\s+(is down|has degraded performance)\b/i.exec(issue.title);
  if (!issue.labels.includes('status') && slugLabels.length === 0 && !titled) {
    return { kind: 'skipped', reason: 'it is not labelled `status`, `maintenance` or a site slug, and its title names no site' };
  }
  return mapIncident(issue, slugLabels, titled, context);
}

function mapIncident(issue: GithubIssue, slugLabels: string[], titled: RegExpExecArray | null, context: Context): MappedIssue {
  const services = slugLabels.map((slug) => context.slugs.get(slug)!);
  if (services.length === 0 && titled) {
    const id = context.mapper.resolve(titled[1]!, `${context.where} title`);
    if (id !== undefined) services.push(id);
  }
  if (services.length === 0) context.report.unmap(`${context.where}: no site label or site name in the title, so the incident affects no service`);

  let impact: ServiceImpact = 'partial_outage';
  if (/is down|🛑/i.test(issue.title)) impact = 'major_outage';
  else if (/degraded|⚠️/i.test(issue.title)) impact = 'degraded_performance';
  else context.report.map(`${context.where}: the title says neither down nor degraded; imported as \`partial_outage\``);
  const affected: Record<string, ServiceImpact> = {};
  for (const id of services) affected[id] = impact;

  const created = issue.createdAt!;
  const updates: { at: ConvertedTime; status: IncidentStatus; message: string }[] = [
    { at: created, status: 'investigating', message: withoutHtmlComments(issue.body) || issue.title },
  ];
  const comments = issue.comments.filter((comment) => comment.createdAt).sort((a, b) => a.createdAt!.date.getTime() - b.createdAt!.date.getTime());
  if (comments.length < issue.comments.length) context.report.unmap(`${context.where}: comments without a readable time were left out`);
  for (const comment of comments) {
    const message = withoutHtmlComments(comment.body);
    if (message === '') continue;
    const resolvedLike = /^\W*resolved\b/i.test(message);
    updates.push({ at: comment.createdAt!, status: resolvedLike ? 'resolved' : updates.at(-1)!.status, message });
  }
  updates.forEach((update, index) => {
    if (update.status === 'resolved' && index < updates.length - 1) update.status = 'monitoring';
  });

  const last = updates.at(-1)!;
  if (issue.closedAt && last.status !== 'resolved') {
    const at = issue.closedAt.date < last.at.date ? last.at : issue.closedAt;
    updates.push({ at, status: 'resolved', message: 'This incident has been resolved.' });
  } else if (!issue.closedAt && last.status === 'resolved') {
    last.status = 'monitoring';
    context.report.map(`${context.where}: the issue is open, so its "Resolved" comment is imported as \`monitoring\``);
  }

  return {
    kind: 'incident',
    started: created.date,
    frontmatter: {
      title: issue.title.replace(/^[^\p{L}\p{N}]+/u, '').trim() || issue.title,
      affected,
      started: created.text,
      updates: updates.map((update) => ({ at: update.at.text, status: update.status, message: update.message })),
    },
  };
}

// Reads `key: value` lines from the HTML comments in a maintenance issue's body.
function maintenanceFields(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const comment of body.matchAll(/<!--([\s\S]*?)-->/g)) {
    for (const line of comment[1]!.split(/\r?\n/)) {
      const match = /^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$/.exec(line);
      if (match) fields.set(match[1]!, match[2]!);
    }
  }
  return fields;
}

function mapMaintenance(issue: GithubIssue, context: Context): MappedIssue {
  const fields = maintenanceFields(issue.body);
  const start = time(fields.get('start'), context.naiveTimes);
  const end = time(fields.get('end'), context.naiveTimes);
  if (!start || !end) return { kind: 'skipped', reason: 'its body has no readable `start` and `end` in an HTML comment' };
  if (end.date <= start.date) return { kind: 'skipped', reason: `its \`end\` (${end.text}) is not after its \`start\` (${start.text})` };

  const services: string[] = [];
  const named = [fields.get('expectedDown'), fields.get('expectedDegraded')].flatMap((list) => (list ?? '').split(',')).map((slug) => slug.trim()).filter(Boolean);
  for (const slug of named) {
    const id = context.slugs.get(slug) ?? context.mapper.resolve(slug, `${context.where} expectedDown`);
    if (id !== undefined && !services.includes(id)) services.push(id);
  }
  for (const label of issue.labels) {
    const id = context.slugs.get(label);
    if (id !== undefined && !services.includes(id)) services.push(id);
  }
  if (services.length === 0) return { kind: 'skipped', reason: 'it names no site in `expectedDown`, `expectedDegraded` or its labels, and a maintenance window needs at least one service' };

  const updates: Record<string, unknown>[] = [{ at: issue.createdAt!.text, status: 'scheduled', message: withoutHtmlComments(issue.body) || issue.title }];
  if (issue.closedAt) {
    const cancelled = issue.closedAt.date < start.date;
    const at = cancelled ? issue.closedAt : end;
    if (at.date >= issue.createdAt!.date) updates.push({ at: at.text, status: cancelled ? 'cancelled' : 'completed', message: cancelled ? 'The maintenance was cancelled.' : 'The maintenance is complete.' });
  }
  return { kind: 'maintenance', started: start.date, frontmatter: { title: issue.title, services, start: start.text, end: end.text, updates } };
}
