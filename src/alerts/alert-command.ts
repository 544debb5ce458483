// `sitrep alert`: compares the content before and after a push, sends the
// events to the webhooks and mirrors the incidents as GitHub issues.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { incidentAsOf } from '../domain/as-of.ts';
import type { Repository } from '../domain/schema/index.ts';
import { loadRepository } from '../repository/load-repository.ts';
import { createGitHubClient, DEFAULT_GITHUB_API_URL, mirrorIssues, type IssueAction } from './github-issues.ts';
import { certificateEvents, incidentChanges, incidentUrl, type AlertEvent } from './incident-changes.ts';
import { escalationFor } from './oncall.ts';
import { configuredChannels, sendWebhooks, type RetryPolicy } from './webhooks.ts';

export const ALERT_HELP = `Usage: sitrep alert --before DIR [options]

Compares the incidents in DIR (the site before the push) with the site
folder, sends each change to the configured webhooks and mirrors each
incident as a GitHub issue. docs/alerts.md describes the setup.

Options:
  --before DIR         the site folder as it was before the push, such as a
                       \`git worktree\` of the previous commit (required)
  --check-json FILE    the output of \`sitrep check --json\`; its
                       certificate warnings are sent too
  --dry-run            print what would be sent, and send nothing
  --root DIR           the site's folder after the push
                       (default: $SITREP_ROOT, or the current folder)
  -h, --help           show this help

Environment: SITREP_SLACK_WEBHOOK_URL, SITREP_DISCORD_WEBHOOK_URL,
SITREP_TEAMS_WEBHOOK_URL and SITREP_WEBHOOK_URL select the webhooks.
SITREP_GITHUB_TOKEN or GITHUB_TOKEN, with GITHUB_REPOSITORY (owner/name),
turn on issue mirroring; SITREP_GITHUB_API_URL sets the API root
(default: ${DEFAULT_GITHUB_API_URL}).

Exit status: 0 when the run completed, even when a delivery failed;
1 on invalid content or an unreadable --check-json file.`;

export interface AlertValues {
  before?: string;
  'check-json'?: string;
  'dry-run'?: boolean;
}

export interface AlertContext {
  root: string;
  cwd: string;
  environment: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The current time; defaults to SITREP_NOW or the clock. */
  now?: Date;
  /** Webhook retry timing; tests pass shorter waits. */
  retry?: RetryPolicy;
  /** Options passed to the GitHub client and mirror; for tests. */
  github?: { perPage?: number; limiters?: { write: unknown; notifications: unknown } };
}

/** Runs `sitrep alert` and returns the exit code. */
export async function runAlert(context: AlertContext, values: AlertValues): Promise<number> {
  if (!values.before) {
    context.stderr('sitrep alert: missing --before DIR, the site folder before the push.\nRun `sitrep alert --help` to see every option.\n');
    return 2;
  }
  const now = context.now ?? nowFrom(context.environment);
  const log = (line: string) => context.stderr(`sitrep alert: ${line}\n`);

  const after = await loadOrReport(context.root, 'site', context);
  const before = await loadOrReport(path.resolve(context.cwd, values.before), '--before', context);
  if (!after || !before) return 1;

  const events: AlertEvent[] = incidentChanges(before, after, now);
  if (values['check-json']) {
    const file = path.resolve(context.cwd, values['check-json']);
    try {
      events.push(...certificateEvents(JSON.parse(await readFile(file, 'utf8')), now));
    } catch (error) {
      context.stderr(`sitrep alert: --check-json ${values['check-json']} is not usable: ${(error as Error).message}\n  Fix: pass the file that \`sitrep check --json\` wrote.\n`);
      return 1;
    }
  }

  const urlOf = (slug: string) => incidentUrl(after.config, slug);
  const dryRun = values['dry-run'] === true;
  const channels = configuredChannels(context.environment).map((entry) => entry.channel);
  for (const event of events) {
    const id = event.kind === 'certificate' ? `certificate:${event.serviceId}` : event.slug;
    context.stdout(`event ${event.kind} ${id}\n`);
  }

  if (dryRun) {
    for (const event of events) {
      const id = event.kind === 'certificate' ? `certificate:${event.serviceId}` : event.slug;
      for (const channel of channels) context.stdout(`would send ${event.kind} ${id} to ${channel}\n`);
    }
  } else {
    const deliveries = await sendWebhooks(events, { environment: context.environment, incidentUrl: urlOf, retry: context.retry, log });
    for (const delivery of deliveries) {
      const outcome = delivery.ok ? 'sent' : `failed (${delivery.error})`;
      context.stdout(`webhook ${delivery.channel} ${delivery.event} ${delivery.id}: ${outcome}\n`);
    }
  }

  const incidents = incidentsToMirror(after, events, now);
  for (const action of await mirror(context, incidents, after, now, dryRun, log)) {
    const issue = action.issue === undefined ? '' : ` #${action.issue}`;
    context.stdout(`issue ${action.slug}${issue}: ${action.action}${action.detail ? ` (${action.detail})` : ''}\n`);
  }
  return 0;
}

// Incidents with an event in this push, and open automated incidents due for
// escalation, which need no change in the files to come due.
function incidentsToMirror(after: Repository, events: readonly AlertEvent[], now: Date) {
  const changed = new Set(events.flatMap((event) => (event.kind === 'certificate' ? [] : [event.slug])));
  return after.incidents
    .filter((incident) => incident.started <= now)
    .map((incident) => incidentAsOf(incident, now))
    .filter((incident) => changed.has(incident.slug) || escalationFor(incident, after.config.oncall, now) !== undefined);
}

async function mirror(
  context: AlertContext,
  incidents: ReturnType<typeof incidentsToMirror>,
  after: Repository,
  now: Date,
  dryRun: boolean,
  log: (line: string) => void,
): Promise<IssueAction[]> {
  if (incidents.length === 0) return [];
  const environment = context.environment;
  const token = environment.SITREP_GITHUB_TOKEN || environment.GITHUB_TOKEN;
  const repository = environment.GITHUB_REPOSITORY ?? '';
  const [owner, repo, extra] = repository.split('/');
  if (!token || !owner || !repo || extra !== undefined) {
    context.stdout('issues: skipped, because SITREP_GITHUB_TOKEN or GITHUB_TOKEN, or GITHUB_REPOSITORY (owner/name), is not set\n');
    return [];
  }
  if (dryRun) {
    for (const incident of incidents) context.stdout(`would mirror ${incident.slug} to an issue in ${owner}/${repo}\n`);
    return [];
  }

  const octokit = createGitHubClient({
    token,
    baseUrl: environment.SITREP_GITHUB_API_URL || DEFAULT_GITHUB_API_URL,
    log,
    limiters: context.github?.limiters,
  });
  return mirrorIssues(octokit, { owner, repo }, {
    incidents,
    now,
    oncall: after.config.oncall,
    incidentUrl: (slug) => incidentUrl(after.config, slug),
    perPage: context.github?.perPage,
    log,
  });
}

async function loadOrReport(root: string, label: string, context: AlertContext): Promise<Repository | undefined> {
  const result = await loadRepository(root);
  if (result.repository) return result.repository;
  const problems = result.problems.map((problem) => `  ${problem.file}${problem.line ? `:${problem.line}` : ''} ${problem.message}`).join('\n');
  context.stderr(`sitrep alert: the ${label} folder ${root} has invalid content, so no alerts were sent:\n${problems}\n  Fix: run \`sitrep validate --root ${root}\`.\n`);
  return undefined;
}

function nowFrom(environment: NodeJS.ProcessEnv): Date {
  const text = environment.SITREP_NOW;
  const parsed = text ? new Date(text) : new Date();
  return Number.isNaN(parsed.getTime()) ? new Date() : parsed;
}
