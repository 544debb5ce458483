// A GitHub REST API on 127.0.0.1 with only the endpoints that the issue
// mirror uses, kept in memory, with Link-header pagination and a switch
// that rejects the next requests with a primary rate-limit 403.
import type { ServerResponse } from 'node:http';
import { RecordingServer, type RecordedRequest } from './helpers.ts';

export interface MockIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason?: string | null;
  labels: string[];
  assignees: string[];
  comments: { id: number; body: string }[];
  pull_request?: boolean;
}

export class GitHubMock {
  readonly issues: MockIssue[] = [];
  /** How many of the next requests get a rate-limit 403 response. */
  rateLimitNext = 0;
  private nextCommentId = 1;

  private constructor(readonly server: RecordingServer, readonly owner: string, readonly repo: string) {}

  static async start(owner = 'acme', repo = 'status'): Promise<GitHubMock> {
    let mock: GitHubMock | undefined;
    const server = await RecordingServer.start((request, response) => mock!.handle(request, response));
    mock = new GitHubMock(server, owner, repo);
    return mock;
  }

  get url(): string {
    return this.server.url;
  }

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  /** Returns the requests that changed something, as `METHOD path` without the query. */
  writes(): string[] {
    return this.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.url.split('?')[0]}`);
  }

  /** Adds an issue directly, as if someone had opened it earlier. */
  seed(issue: Partial<MockIssue> & { title: string }): MockIssue {
    const full: MockIssue = { number: this.issues.length + 1, body: '', state: 'open', labels: [], assignees: [], comments: [], ...issue };
    this.issues.push(full);
    return full;
  }

  addComment(issue: MockIssue, body: string): void {
    issue.comments.push({ id: this.nextCommentId++, body });
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private handle(request: RecordedRequest, response: ServerResponse): void {
    if (this.rateLimitNext > 0) {
      this.rateLimitNext--;
      const reset = Math.floor(Date.now() / 1000) + 1;
      return send(response, 403, { message: 'API rate limit exceeded for installation.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'retry-after': '1' });
    }

    const url = new URL(request.url, 'http://127.0.0.1');
    const prefix = `/repos/${this.owner}/${this.repo}/issues`;
    const body = (request.json ?? {}) as Record<string, unknown>;
    if (!url.pathname.startsWith(prefix)) return send(response, 404, { message: 'Not Found' });
    const rest = url.pathname.slice(prefix.length).split('/').filter(Boolean);

    if (rest.length === 0 && request.method === 'GET') {
      const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
      const state = url.searchParams.get('state') ?? 'open';
      const matching = this.issues
        .filter((issue) => labels.every((label) => issue.labels.includes(label)))
        .filter((issue) => state === 'all' || issue.state === state)
        .sort((a, b) => b.number - a.number)
        .map((issue) => this.issueJson(issue));
      return paginate(response, url, matching);
    }
    if (rest.length === 0 && request.method === 'POST') {
      const issue = this.seed({
        title: String(body.title),
        body: String(body.body ?? ''),
        labels: (body.labels as string[] | undefined) ?? [],
        assignees: (body.assignees as string[] | undefined) ?? [],
      });
      return send(response, 201, this.issueJson(issue));
    }

    const issue = this.issues.find((candidate) => candidate.number === Number(rest[0]));
    if (!issue) return send(response, 404, { message: 'Not Found' });
    if (rest.length === 1 && request.method === 'PATCH') {
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
      if ('state_reason' in body) issue.state_reason = body.state_reason as string | null;
      return send(response, 200, this.issueJson(issue));
    }
    if (rest[1] === 'comments' && request.method === 'GET') {
      return paginate(response, url, issue.comments.map((comment) => ({ id: comment.id, body: comment.body })));
    }
    if (rest[1] === 'comments' && request.method === 'POST') {
      this.addComment(issue, String(body.body));
      return send(response, 201, { id: this.nextCommentId - 1, body: body.body });
    }
    return send(response, 404, { message: 'Not Found' });
  }

  private issueJson(issue: MockIssue): Record<string, unknown> {
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason ?? null,
      labels: issue.labels.map((name) => ({ name })),
      assignees: issue.assignees.map((login) => ({ login })),
      ...(issue.pull_request ? { pull_request: { url: 'x' } } : {}),
    };
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

// Sends one page of `items` with a Link header in GitHub's format.
function paginate(response: ServerResponse, url: URL, items: unknown[]): void {
  const perPage = Number(url.searchParams.get('per_page') ?? 30);
  const page = Number(url.searchParams.get('page') ?? 1);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const link = (number: number, rel: string) => {
    const target = new URL(url.toString());
    target.searchParams.set('page', String(number));
    return `<${target.toString().replace('http://127.0.0.1', `http://${response.req.headers.host}`)}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < pages) links.push(link(page + 1, 'next'), link(pages, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  send(response, 200, items.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {});
}
