import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAlert, type AlertContext } from '../../src/alerts/alert-command.ts';
import { main } from '../../src/cli/main.ts';
import { GitHubMock } from './github-mock.ts';
import { webhookReceiver, type RecordingServer } from './helpers.ts';

const immediate = { key: () => ({ schedule: async (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => job(...args) }) };

const CONFIG = `title: Test Status
url: https://status.example.com
services:
  - id: api
    name: Public API
oncall:
  rotation: [alice, bob]
  length: 7d
  start: 2026-01-05
  escalation: { after: 30m, handle: lead }
`;

const INCIDENT = `---
title: API errors
affected:
  api: major_outage
started: 2026-03-10T10:00:00Z
updates:
  - at: 2026-03-10T10:05:00Z
    status: investigating
    message: Errors on <the> API.
---
`;

let folder: string;
let receiver: RecordingServer;
let github: GitHubMock;

async function site(name: string, incidents: Record<string, string>, config = CONFIG): Promise<string> {
  const root = path.join(folder, name);
  await mkdir(path.join(root, 'content'), { recursive: true });
  await mkdir(path.join(root, 'incidents'), { recursive: true });
  await writeFile(path.join(root, 'content', 'config.yml'), config);
  await writeFile(path.join(root, 'incidents', '.gitkeep'), '');
  for (const [slug, text] of Object.entries(incidents)) await writeFile(path.join(root, 'incidents', `${slug}.md`), text);
  return root;
}

function context(root: string, environment: NodeJS.ProcessEnv, output: { stdout: string; stderr: string }): AlertContext {
  return {
    root,
    cwd: folder,
    environment,
    now: new Date('2026-03-10T10:10:00Z'),
    retry: { attempts: 2, initialDelayMs: 5, timeoutMs: 2000 },
    github: { limiters: { write: immediate, notifications: immediate } },
    stdout: (text) => (output.stdout += text),
    stderr: (text) => (output.stderr += text),
  };
}

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'sitrep-alert-'));
  receiver = await webhookReceiver({ '/slack': 100 });
  github = await GitHubMock.start();
});
afterEach(async () => {
  await receiver.close();
  await github.close();
  await rm(folder, { recursive: true, force: true });
});

function environment(): NodeJS.ProcessEnv {
  return {
    SITREP_SLACK_WEBHOOK_URL: `${receiver.url}/slack`,
    SITREP_WEBHOOK_URL: `${receiver.url}/generic`,
    GITHUB_TOKEN: 'test-token',
    GITHUB_REPOSITORY: 'acme/status',
    SITREP_GITHUB_API_URL: github.url,
  };
}

describe('sitrep alert', () => {
  it('sends, mirrors and exits 0 when a webhook fails', async () => {
    const before = await site('before', {});
    const after = await site('after', { '2026-03-10-api': INCIDENT });
    const output = { stdout: '', stderr: '' };

    const code = await runAlert(context(after, environment(), output), { before });

    expect(code).toBe(0);
    expect(output.stdout.split('\n').filter(Boolean)).toEqual([
      'event opened 2026-03-10-api',
      'webhook slack opened 2026-03-10-api: failed (HTTP 500)',
      'webhook generic opened 2026-03-10-api: sent',
      'issue 2026-03-10-api #1: created issue (assigned to @bob)',
      'issue 2026-03-10-api #1: commented (update 1 (investigating))',
    ]);
    expect(output.stderr).toContain('webhook slack failed for 2026-03-10-api (opened) after 2 attempts: HTTP 500');
    expect(receiver.requests.filter((request) => request.url === '/slack')).toHaveLength(2);
    expect(github.issues[0]!.title).toBe('[incident] API errors');
  });

  it('posts nothing twice on a re-run', async () => {
    const before = await site('before', {});
    const after = await site('after', { '2026-03-10-api': INCIDENT });
    await runAlert(context(after, environment(), { stdout: '', stderr: '' }), { before });
    const writes = github.writes().length;

    const output = { stdout: '', stderr: '' };
    expect(await runAlert(context(after, environment(), output), { before })).toBe(0);
    expect(github.writes()).toHaveLength(writes);
    expect(github.issues[0]!.comments).toHaveLength(1);
  });

  it('escalates an unchanged automated incident', async () => {
    const automated = `---
title: Public API is not responding
affected:
  api: major_outage
started: 2026-03-10T10:00:00Z
automated: true
updates:
  - at: 2026-03-10T10:00:00Z
    status: investigating
    message: "The automated check failed: timed out."
---
`;
    const before = await site('before', { '2026-03-10-api-timeout': automated });
    const after = await site('after', { '2026-03-10-api-timeout': automated });
    const output = { stdout: '', stderr: '' };
    const late = { ...context(after, environment(), output), now: new Date('2026-03-10T10:45:00Z') };

    expect(await runAlert(late, { before })).toBe(0);
    expect(receiver.requests).toHaveLength(0);
    expect(output.stdout).toContain('issue 2026-03-10-api-timeout #1: escalated (mentioned @lead)');
    expect(github.issues[0]!.comments.at(-1)!.body).toContain('@lead');
  });

  it('sends nothing in a dry run', async () => {
    const before = await site('before', {});
    const after = await site('after', { '2026-03-10-api': INCIDENT });
    const output = { stdout: '', stderr: '' };
    expect(await runAlert(context(after, environment(), output), { before, 'dry-run': true })).toBe(0);
    expect(receiver.requests).toHaveLength(0);
    expect(github.requests).toHaveLength(0);
    expect(output.stdout).toContain('would send opened 2026-03-10-api to slack');
    expect(output.stdout).toContain('would mirror 2026-03-10-api to an issue in acme/status');
  });

  it('skips issues without a token', async () => {
    const before = await site('before', {});
    const after = await site('after', { '2026-03-10-api': INCIDENT });
    const output = { stdout: '', stderr: '' };
    const { GITHUB_TOKEN: _token, ...withoutToken } = environment();
    expect(await runAlert(context(after, withoutToken, output), { before })).toBe(0);
    expect(output.stdout).toContain('issues: skipped');
    expect(github.requests).toHaveLength(0);
  });

  it('forwards certificate warnings from a check report', async () => {
    const before = await site('before', {});
    const after = await site('after', {});
    const report = path.join(folder, 'check.json');
    await writeFile(report, JSON.stringify({ services: [{ id: 'api', name: 'Public API', warnings: ['certificate expires on 2026-03-20, in 10 days'] }] }));
    const output = { stdout: '', stderr: '' };
    expect(await runAlert(context(after, environment(), output), { before, 'check-json': report })).toBe(0);
    const generic = receiver.requests.find((request) => request.url === '/generic');
    expect(generic?.json).toMatchObject({ event: 'certificate_expiring', service: { id: 'api' } });
    expect(github.requests).toHaveLength(0);
  });

  it('exits 1 on invalid content', async () => {
    const before = await site('before', {});
    const after = await site('after', { '2026-03-10-api': '---\ntitle: x\n---\n' });
    const output = { stdout: '', stderr: '' };
    expect(await runAlert(context(after, environment(), output), { before })).toBe(1);
    expect(output.stderr).toContain('has invalid content');
    expect(receiver.requests).toHaveLength(0);
  });

  it('exits 1 on an unreadable check report', async () => {
    const before = await site('before', {});
    const output = { stdout: '', stderr: '' };
    expect(await runAlert(context(before, environment(), output), { before, 'check-json': 'missing.json' })).toBe(1);
    expect(output.stderr).toContain('--check-json missing.json is not usable');
  });

  it('exits 2 without --before', async () => {
    const output = { stdout: '', stderr: '' };
    expect(await runAlert(context(folder, environment(), output), {})).toBe(2);
    expect(output.stderr).toContain('missing --before');
  });

  it('rejects an option of another command', async () => {
    expect(await main(['alert', '--before', folder, '--json'])).toBe(2);
  });
});
