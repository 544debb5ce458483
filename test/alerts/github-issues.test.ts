import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, incidentMarker, mirrorIssues, updateMarker, type MirrorInput } from '../../src/alerts/github-issues.ts';
import { incidentUrl } from '../../src/alerts/incident-changes.ts';
import { onCallSchema, type Incident } from '../../src/domain/schema/index.ts';
import { GitHubMock } from './github-mock.ts';
import { config, incident } from './helpers.ts';

// Runs each throttled write at once; the real limiters space writes 1 s and 3 s apart.
const immediate = { key: () => ({ schedule: async (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => job(...args) }) };
const LIMITERS = { write: immediate, notifications: immediate };

const oncall = onCallSchema.parse({ rotation: ['alice', 'bob'], length: '7d', start: '2026-01-05', escalation: { after: '30m', handle: 'lead' } });
const target = { owner: 'acme', repo: 'status' };

const updates = [
  { at: '2026-03-10T10:05Z', status: 'investigating', message: 'Errors on the API.' },
  { at: '2026-03-10T10:30Z', status: 'identified', message: 'A bad deploy.' },
  { at: '2026-03-10T11:00Z', status: 'resolved', message: 'Rolled back.' },
];

function apiIncident(count: number, extra: Record<string, unknown> = {}): Incident {
  return incident('2026-03-10-api', { title: 'API errors', started: '2026-03-10T10:00Z', affected: { api: 'major_outage', web: 'degraded_performance' }, updates: updates.slice(0, count), ...extra });
}

let github: GitHubMock;
const logs: string[] = [];
beforeEach(async () => {
  github = await GitHubMock.start();
  logs.length = 0;
});
afterEach(async () => {
  await github.close();
});

function client(rateLimitRetries?: number) {
  return createGitHubClient({ token: 'test-token', baseUrl: github.url, log: (line) => logs.push(line), limiters: LIMITERS, rateLimitRetries });
}

function input(incidents: Incident[], now = '2026-03-10T12:00Z', perPage = 100): MirrorInput {
  return { incidents, now: new Date(now), oncall, incidentUrl: (slug) => incidentUrl(config(), slug), perPage, log: (line) => logs.push(line) };
}

describe('mirrorIssues', () => {
  it('opens, comments and closes across runs', async () => {
    const octokit = client();
    const opened = await mirrorIssues(octokit, target, input([apiIncident(1)], '2026-03-10T10:10Z'));
    expect(opened.map((action) => action.action)).toEqual(['created issue', 'commented']);
    expect(github.issues).toHaveLength(1);
    const issue = github.issues[0]!;
    expect(issue.title).toBe('[incident] API errors');
    expect(issue.labels).toEqual(['incident', 'service:api', 'service:web']);
    // 2026-03-10 falls in the tenth seven-day turn since 2026-01-05, which is bob's.
    expect(issue.assignees).toEqual(['bob']);
    expect(issue.body).toContain(incidentMarker('2026-03-10-api'));
    expect(issue.body).toContain('https://status.example.com/status/incidents/2026-03-10-api/');
    expect(issue.comments[0]!.body).toContain(updateMarker('2026-03-10-api', 1));
    expect(issue.comments[0]!.body).toContain('Errors on the API.');

    const updated = await mirrorIssues(octokit, target, input([apiIncident(2)], '2026-03-10T10:40Z'));
    expect(updated.map((action) => action.action)).toEqual(['commented']);
    expect(issue.comments[1]!.body).toContain(updateMarker('2026-03-10-api', 2));

    const resolved = await mirrorIssues(octokit, target, input([apiIncident(3)]));
    expect(resolved.map((action) => action.action)).toEqual(['commented', 'closed issue']);
    expect(issue.state).toBe('closed');
    expect(issue.state_reason).toBe('completed');
    expect(issue.comments).toHaveLength(3);
    expect(github.requests.every((request) => request.headers.authorization === 'token test-token')).toBe(true);
  });

  it('posts nothing twice on a re-run', async () => {
    const octokit = client();
    await mirrorIssues(octokit, target, input([apiIncident(3)]));
    const writes = github.writes().length;
    const again = await mirrorIssues(octokit, target, input([apiIncident(3)]));
    expect(again).toEqual([]);
    expect(github.writes()).toHaveLength(writes);
    expect(github.issues).toHaveLength(1);
  });

  it('finds issues and comments over several pages', async () => {
    for (let index = 0; index < 6; index++) github.seed({ title: `other ${index}`, labels: ['incident'], body: incidentMarker(`other-${index}`) });
    github.seed({ title: 'a pull request', labels: ['incident'], body: incidentMarker('2026-03-10-api'), pull_request: true });
    const existing = github.seed({ title: '[incident] API errors', labels: ['incident'], body: incidentMarker('2026-03-10-api') });
    for (let index = 0; index < 5; index++) github.addComment(existing, `chatter ${index}`);
    github.addComment(existing, `${updateMarker('2026-03-10-api', 1)}\nfirst`);
    for (let index = 0; index < 5; index++) github.seed({ title: `newer ${index}`, labels: ['incident'], body: incidentMarker(`newer-${index}`) });

    const actions = await mirrorIssues(client(), target, input([apiIncident(2)], '2026-03-10T10:40Z', 4));
    expect(actions).toEqual([{ slug: '2026-03-10-api', action: 'commented', issue: existing.number, detail: 'update 2 (identified)' }]);

    const issuePages = github.requests.filter((request) => request.method === 'GET' && /\/issues\?/.test(request.url));
    expect(issuePages.length).toBeGreaterThanOrEqual(3);
    expect(issuePages.every((request) => request.url.includes('labels=incident') && request.url.includes('state=all'))).toBe(true);
    const commentPages = github.requests.filter((request) => request.method === 'GET' && request.url.includes(`/issues/${existing.number}/comments`));
    expect(commentPages).toHaveLength(2);
    expect(existing.comments).toHaveLength(7);
  });

  it('waits out a rate limit and retries', async () => {
    const octokit = client();
    github.rateLimitNext = 1;
    const started = Date.now();
    const actions = await mirrorIssues(octokit, target, input([apiIncident(1)], '2026-03-10T10:10Z'));
    expect(actions.map((action) => action.action)).toEqual(['created issue', 'commented']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(github.requests[0]!.url).toMatch(/\/issues\?/);
    expect(github.requests[1]!.url).toBe(github.requests[0]!.url);
    expect(logs.some((line) => line.includes('primary rate limit') && line.includes('retrying'))).toBe(true);
  }, 20_000);

  it('gives up after the bounded rate-limit retries', async () => {
    const octokit = client(1);
    github.rateLimitNext = 5;
    const actions = await mirrorIssues(octokit, target, input([apiIncident(1)], '2026-03-10T10:10Z'));
    expect(actions).toEqual([{ slug: '2026-03-10-api', action: 'failed', detail: expect.stringContaining('HTTP 403') }]);
    expect(github.requests).toHaveLength(2);
    expect(logs.some((line) => line.includes('giving up'))).toBe(true);
    expect(logs.some((line) => line.includes('could not be listed'))).toBe(true);
  }, 20_000);

  it('escalates an automated incident once', async () => {
    const automated = incident('2026-03-10-api-timeout', {
      title: 'Public API is not responding',
      started: '2026-03-10T10:00Z',
      automated: true,
      affected: { api: 'major_outage' },
      updates: [{ at: '2026-03-10T10:00Z', status: 'investigating', message: 'The automated check failed: timed out.' }],
    });
    const octokit = client();
    const first = await mirrorIssues(octokit, target, input([automated], '2026-03-10T10:10Z'));
    expect(first.map((action) => action.action)).toEqual(['created issue', 'commented']);

    const later = await mirrorIssues(octokit, target, input([automated], '2026-03-10T10:45Z'));
    expect(later).toEqual([{ slug: '2026-03-10-api-timeout', action: 'escalated', issue: 1, detail: 'mentioned @lead' }]);
    expect(github.issues[0]!.comments.at(-1)!.body).toContain('@lead');

    expect(await mirrorIssues(octokit, target, input([automated], '2026-03-10T11:00Z'))).toEqual([]);
  });

  it('assigns the handle on call when the incident started', async () => {
    const nextWeek = incident('2026-01-13-web', { title: 'Web slow', started: '2026-01-13T09:00Z', affected: { web: 'degraded_performance' }, updates: [{ at: '2026-01-13T09:00Z', status: 'investigating', message: 'Slow.' }] });
    await mirrorIssues(client(), target, input([nextWeek], '2026-01-13T10:00Z'));
    expect(github.issues[0]!.assignees).toEqual(['bob']);
  });
});
