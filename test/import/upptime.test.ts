import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.ts';
import { importFixture, readConfig, readFrontmatter, temporarySites } from './helpers.ts';

const SOURCE = importFixture('upptime');
const { site } = temporarySites();

describe('Upptime import', () => {
  it('maps sites and their checks to services', async () => {
    const root = await site();
    const report = await runImport({ kind: 'upptime', source: SOURCE, root });
    expect(report.problems).toEqual([]);

    const services = new Map((await readConfig(root)).services.map((service) => [service.id, service]));
    expect(services.get('main-website')).toEqual({
      id: 'main-website',
      name: 'Main Website',
      since: '2025-09-14',
      check: {
        type: 'http',
        url: 'https://www.birchwood.example',
        expected_status: [200, 301],
        contains: '</html>',
        not_contains: 'Fatal error',
        degraded_after: 3000,
      },
    });
    expect(services.get('orders')?.check).toEqual({
      type: 'http',
      url: 'https://api.birchwood.example/orders/health',
      method: 'POST',
      headers: { Authorization: 'Bearer ${API_TOKEN}', 'Content-Type': 'application/json' },
      body: '{"ping": true}',
    });
    expect(services.get('postgres')?.check).toEqual({ type: 'tcp', host: 'db.birchwood.example', port: 5432, degraded_after: 500 });
    expect(services.get('chat-socket')).toEqual({ id: 'chat-socket', name: 'Chat socket' });
    expect(services.get('redis')).toEqual({ id: 'redis', name: 'Redis' });
  });

  it('reports each setting with no equivalent', async () => {
    const root = await site();
    const report = await runImport({ kind: 'upptime', source: SOURCE, root });
    expect(report.unmapped).toEqual(
      expect.arrayContaining([
        ".upptimerc.yml: `workflowSchedule` steers Upptime's own workflows and has no equivalent",
        'site `Main Website`: `icon` has no equivalent: Sitrep shows no icons for services',
        "site `Orders API`: `__dangerous__body_degraded` has no equivalent: Sitrep's `not_contains` marks a service down, not degraded",
        'site `Orders API`: `__dangerous__insecure` has no equivalent: Sitrep always verifies TLS certificates; give a private authority with `ca_file`',
        'site `Chat socket`: `check: ws` has no equivalent; Sitrep checks http, tcp, dns and heartbeats, so the service has no check',
        "site `Redis`: `check: tcp-ping` without a `port` has no equivalent; Sitrep's tcp check needs a port, so the service has no check",
      ]),
    );
    expect(report.mapped).toContain(
      'site `Orders API`: the secret `Bearer $API_TOKEN` is written as `Bearer ${API_TOKEN}`; set those environment variables where `sitrep check` runs',
    );
  });

  it('turns issues into incidents with comments as updates', async () => {
    const root = await site();
    await runImport({ kind: 'upptime', source: SOURCE, root });
    const down = await readFrontmatter(root, 'incidents/2026-01-03-main-website-is-down.md');
    expect(down).toMatchObject({ title: 'Main Website is down', affected: { 'main-website': 'major_outage' }, started: '2026-01-03T04:10:00Z' });
    expect((down.updates as Record<string, unknown>[]).map((update) => [update.at, update.status])).toEqual([
      ['2026-01-03T04:10:00Z', 'investigating'],
      ['2026-01-03T04:20:00Z', 'investigating'],
      ['2026-01-03T04:55:00Z', 'resolved'],
    ]);

    // Naive times in the export are read as UTC.
    expect(await readFrontmatter(root, 'incidents/2026-01-08-orders-api-has-degraded-performance.md')).toMatchObject({
      affected: { orders: 'degraded_performance' },
      started: '2026-01-08T09:00:00Z',
      updates: [{ status: 'investigating' }, { at: '2026-01-08T09:40:00Z', status: 'resolved' }],
    });
    expect(await readFrontmatter(root, 'incidents/2026-02-28-postgres-is-down.md')).toMatchObject({ updates: [{ status: 'investigating' }] });
  });

  it('maps a site name in a title by near match', async () => {
    const root = await site();
    const report = await runImport({ kind: 'upptime', source: SOURCE, root });
    expect(await readFrontmatter(root, 'incidents/2026-02-02-main-websit-is-down.md')).toMatchObject({ affected: { 'main-website': 'major_outage' } });
    expect(report.mapped.some((line) => line.startsWith('`Main Websit` → `main-website`, a near match'))).toBe(true);
  });

  it('reads the REST shape and skips pull requests', async () => {
    const root = await site();
    const report = await runImport({ kind: 'upptime', source: SOURCE, root });
    expect(await readFrontmatter(root, 'incidents/2026-02-10-orders-api-is-down.md')).toMatchObject({
      affected: { orders: 'major_outage' },
      updates: [{ status: 'investigating' }, { at: '2026-02-10T15:20:00Z', status: 'resolved' }],
    });
    expect(report.unmapped).toContain('issue #8: the export has only a count of its 2 comments; export with `gh issue list --json …,comments` to import them');
    expect(report.skipped).toContain('issue #9 (Add a site): it is a pull request');
    expect(report.skipped).toContain(
      'issue #5 (Question about the badge): it is not labelled `status`, `maintenance` or a site slug, and its title names no site',
    );
  });

  it('turns maintenance issues into windows', async () => {
    const root = await site();
    const report = await runImport({ kind: 'upptime', source: SOURCE, root });
    expect(await readFrontmatter(root, 'content/maintenance/2026-01-15-database-failover-test.md')).toEqual({
      title: 'Database failover test',
      services: ['postgres'],
      start: '2026-01-15T22:00:00+01:00',
      end: '2026-01-15T23:00:00+01:00',
      updates: [
        { at: '2026-01-10T12:00:00Z', status: 'scheduled', message: 'We test the failover of the database.' },
        { at: '2026-01-15T23:00:00+01:00', status: 'completed', message: 'The maintenance is complete.' },
      ],
    });
    expect(report.skipped).toContain('issue #4 (Backwards maintenance): its `end` (2026-04-01T10:00:00Z) is not after its `start` (2026-04-02T10:00:00Z)');
  });

  it('changes nothing on a second run and keeps edits', async () => {
    const root = await site();
    await runImport({ kind: 'upptime', source: SOURCE, root });
    const file = path.join(root, 'incidents', '2026-01-03-main-website-is-down.md');
    const edited = (await readFile(file, 'utf8')).replace('status: investigating', 'status: identified');
    await writeFile(file, edited);

    const second = await runImport({ kind: 'upptime', source: SOURCE, root });
    expect(second.count('created')).toBe(0);
    expect(second.count('updated')).toBe(0);
    expect(second.count('kept')).toBe(1);
    expect(second.format('again', false)).toContain('unchanged content/maintenance/2026-01-15-database-failover-test.md');
    expect(await readFile(file, 'utf8')).toBe(edited);
  });
});
