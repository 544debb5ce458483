// A GitHub Git Data API on 127.0.0.1 with only the endpoints that
// commitWithGitData uses, over an in-memory object store of blobs, trees,
// commits and refs. Trees are flat maps from full path to blob, which is
// enough for these tests. `beforeRefUpdate` runs before each ref update,
// so a test can move the branch as a concurrent writer would.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { RecordingServer, type RecordedRequest } from '../alerts/helpers.ts';

interface StoredCommit {
  tree: string;
  parents: string[];
  message: string;
}

export class GitDataMock {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly commits = new Map<string, StoredCommit>();
  readonly refs = new Map<string, string>();
  /** Runs before each `PATCH …/git/refs/…` is applied. */
  beforeRefUpdate: (() => void) | undefined;

  private constructor(readonly server: RecordingServer, readonly owner: string, readonly repo: string) {}

  static async start(owner = 'acme', repo = 'status'): Promise<GitDataMock> {
    let mock: GitDataMock | undefined;
    const server = await RecordingServer.start((request, response) => mock!.handle(request, response));
    mock = new GitDataMock(server, owner, repo);
    return mock;
  }

  get url(): string {
    return this.server.url;
  }

  /** Returns every request as `METHOD path`, with the query and the `/repos/owner/repo` prefix removed. */
  calls(): string[] {
    const prefix = `/repos/${this.owner}/${this.repo}`;
    return this.server.requests.map((request) => `${request.method} ${decodeURIComponent(request.url.split('?')[0]!).replace(prefix, '')}`);
  }

  /** Returns the JSON bodies of the ref updates. */
  refUpdates(): Array<{ sha: string; force?: unknown }> {
    return this.server.requests.filter((request) => request.method === 'PATCH').map((request) => request.json as { sha: string; force?: unknown });
  }

  /** Commits `files` on top of `branch` directly, as another writer would; creates the branch when missing. */
  commitFiles(branch: string, files: Record<string, string>, message = 'Another change'): string {
    const head = this.refs.get(`heads/${branch}`);
    const entries = new Map(head ? this.trees.get(this.commits.get(head)!.tree)! : []);
    for (const [path, content] of Object.entries(files)) entries.set(path, this.storeBlob(Buffer.from(content, 'utf8')));
    const commit = this.storeCommit({ tree: this.storeTree(entries), parents: head ? [head] : [], message });
    this.refs.set(`heads/${branch}`, commit);
    return commit;
  }

  /** Returns the text of `path` at the head of `branch`, or undefined. */
  fileAt(branch: string, path: string): string | undefined {
    const head = this.refs.get(`heads/${branch}`)!;
    const blob = this.trees.get(this.commits.get(head)!.tree)!.get(path);
    return blob === undefined ? undefined : this.blobs.get(blob)!.toString('utf8');
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private storeBlob(content: Buffer): string {
    const sha = hash(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]));
    this.blobs.set(sha, content);
    return sha;
  }

  private storeTree(entries: Map<string, string>): string {
    const sha = hash(JSON.stringify([...entries].sort(([a], [b]) => a.localeCompare(b))));
    this.trees.set(sha, entries);
    return sha;
  }

  private storeCommit(commit: StoredCommit): string {
    const sha = hash(JSON.stringify(commit));
    this.commits.set(sha, commit);
    return sha;
  }

  // True when `ancestor` is `commit` or one of its ancestors.
  private descends(commit: string, ancestor: string): boolean {
    if (commit === ancestor) return true;
    return (this.commits.get(commit)?.parents ?? []).some((parent) => this.descends(parent, ancestor));
  }

  private handle(request: RecordedRequest, response: ServerResponse): void {
    const url = new URL(request.url, 'http://127.0.0.1');
    const prefix = `/repos/${this.owner}/${this.repo}/`;
    if (!url.pathname.startsWith(prefix)) return send(response, 404, { message: 'Not Found' });
    const route = decodeURIComponent(url.pathname.slice(prefix.length));
    const body = (request.json ?? {}) as Record<string, unknown>;
    const key = `${request.method} ${route}`;

    let match: RegExpExecArray | null;
    if ((match = /^GET git\/ref\/(heads\/.+)$/.exec(key))) {
      const sha = this.refs.get(match[1]!);
      if (!sha) return send(response, 404, { message: 'Not Found' });
      return send(response, 200, { ref: `refs/${match[1]}`, object: { sha, type: 'commit' } });
    }
    if ((match = /^GET git\/commits\/([0-9a-f]{40})$/.exec(key))) {
      const commit = this.commits.get(match[1]!);
      if (!commit) return send(response, 404, { message: 'Not Found' });
      return send(response, 200, { sha: match[1], tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })), message: commit.message });
    }
    if (key === 'POST git/blobs') {
      if (body.encoding !== 'base64') return send(response, 422, { message: 'this mock accepts base64 only' });
      return send(response, 201, { sha: this.storeBlob(Buffer.from(String(body.content), 'base64')) });
    }
    if (key === 'POST git/trees') {
      const base = body.base_tree === undefined ? new Map<string, string>() : this.trees.get(String(body.base_tree));
      if (!base) return send(response, 422, { message: 'base_tree not found' });
      const entries = new Map(base);
      for (const entry of body.tree as Array<{ path: string; sha: string }>) {
        if (!this.blobs.has(entry.sha)) return send(response, 422, { message: `blob ${entry.sha} not found` });
        entries.set(entry.path, entry.sha);
      }
      return send(response, 201, { sha: this.storeTree(entries) });
    }
    if (key === 'POST git/commits') {
      const tree = String(body.tree);
      const parents = body.parents as string[];
      if (!this.trees.has(tree) || !parents.every((parent) => this.commits.has(parent))) return send(response, 422, { message: 'tree or parent not found' });
      return send(response, 201, { sha: this.storeCommit({ tree, parents, message: String(body.message) }) });
    }
    if ((match = /^PATCH git\/refs\/(heads\/.+)$/.exec(key))) {
      this.beforeRefUpdate?.();
      const current = this.refs.get(match[1]!);
      const sha = String(body.sha);
      if (!current || !this.commits.has(sha)) return send(response, 422, { message: 'Reference does not exist' });
      if (body.force !== true && !this.descends(sha, current)) return send(response, 422, { message: 'Update is not a fast forward' });
      this.refs.set(match[1]!, sha);
      return send(response, 200, { ref: `refs/${match[1]}`, object: { sha, type: 'commit' } });
    }
    if ((match = /^GET contents\/(.+)$/.exec(key))) {
      const ref = url.searchParams.get('ref') ?? 'main';
      const commit = this.commits.has(ref) ? ref : this.refs.get(`heads/${ref}`);
      const blob = commit === undefined ? undefined : this.trees.get(this.commits.get(commit)!.tree)!.get(match[1]!);
      if (blob === undefined) return send(response, 404, { message: 'Not Found' });
      const content = this.blobs.get(blob)!;
      // Line breaks in the base64 text check that the client ignores them.
      const wrapped = content.toString('base64').replace(/.{60}/g, '$&\n');
      return send(response, 200, { type: 'file', path: match[1], sha: blob, size: content.length, encoding: 'base64', content: wrapped });
    }
    return send(response, 404, { message: 'Not Found' });
  }
}

function hash(data: Buffer | string): string {
  return createHash('sha1').update(data).digest('hex');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
