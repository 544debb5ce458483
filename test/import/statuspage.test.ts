import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.ts';
import { loadRepository } from '../../src/repository/load-repository.ts';
import { createStatuspageContext } from '../../src/site/api/statuspage-page.ts';
import { statuspageIncidents } from '../../src/site/api/statuspage-incidents.ts';
import { statuspageMaintenances } from '../../src/site/api/statuspage-maintenances.ts';
import { emptyFolder, importFixture, readConfig, readFrontmatter, temporarySites } from './helpers.ts';

const SINGLE = path.join(importFixture('statuspage'), 'single');
const PAGED = path.join(importFixture('statuspage'), 'paged');
const { folders, site } = temporarySites();

describe('Statuspage import', () => {
  it('maps components and groups to services and groups', async () => {
    const root = await emptyFolder();
    folders.push(root);
    const report = await runImport({ kind: 'statuspage', source: SINGLE, root });
    expect(report.problems).toEqual([]);

    const config = await readConfig(root);
    expect(config).toMatchObject({ title: 'Quillon Status', url: 'https://status.quillon.example' });
    expect(config.groups).toEqual([{ id: 'edge-network', name: 'Edge network', description: 'Where traffic enters.', statuspage_id: 'grpedge00001' }]);
    expect(config.services).toEqual([
      { id: 'cdn', name: 'CDN', group: 'edge-network', since: '2025-06-01', statuspage_id: 'cmpcdn000001' },
      { id: 'dns', name: 'DNS', group: 'edge-network', since: '2025-06-01', statuspage_id: 'cmpdns000001' },
      { id: 'orders-api', name: 'Orders API', description: 'The REST API for orders.', since: '2025-06-01', statuspage_id: 'cmpapi000001' },
      { id: 'website', name: 'Website', since: '2025-06-01', statuspage_id: 'cmpweb000001' },
    ]);
    const text = await readFile(path.join(root, 'content', 'config.yml'), 'utf8');
    expect(text).not.toContain('# statuspage-id:');
    expect(report.unmapped).toContain('component `Orders API`: `only_show_if_degraded` has no equivalent; Sitrep always shows the service');
  });

  it('keeps updates and per-update component changes', async () => {
    const root = await site();
    const report = await runImport({ kind: 'statuspage', source: SINGLE, root });
    expect(report.problems).toEqual([]);

    const file = 'incidents/2026-01-05-orders-failing-at-checkout.md';
    const text = await readFile(path.join(root, file), 'utf8');
    expect(text.startsWith('---\n# statuspage-update-ids: upd01a upd01b upd01c\ntitle: Orders failing at checkout\nstatuspage_id: inc0checkout\n')).toBe(true);
    expect(await readFrontmatter(root, file)).toEqual({
      title: 'Orders failing at checkout',
      statuspage_id: 'inc0checkout',
      affected: { 'orders-api': 'partial_outage' },
      impact: 'major',
      started: '2026-01-05T10:00:00.000Z',
      updates: [
        { at: '2026-01-05T10:02:00.000Z', status: 'investigating', message: 'Some orders fail at checkout.' },
        {
          at: '2026-01-05T10:40:00.000Z',
          status: 'identified',
          affected: { 'orders-api': 'major_outage' },
          message: 'A certificate expired on the database proxy. Every order fails now.',
        },
        { at: '2026-01-05T11:30:00.000Z', status: 'resolved', message: 'Orders go through again.' },
      ],
    });
    expect(report.unmapped).toContain(
      'incident inc0checkout (Orders failing at checkout): component `Old billing` (cmpgone000001) is not in summary.json and was left out',
    );
  });

  it('keeps a postmortem update in the body', async () => {
    const root = await site();
    await runImport({ kind: 'statuspage', source: SINGLE, root });
    const text = await readFile(path.join(root, 'incidents', '2026-01-12-slow-dns-answers.md'), 'utf8');
    expect(text).toContain('## Postmortem\n\nA resolver ran out of memory after a configuration change.');
    expect(await readFrontmatter(root, 'incidents/2026-01-12-slow-dns-answers.md')).toMatchObject({
      affected: { dns: 'degraded_performance' },
      impact: 'minor',
      updates: [{ status: 'investigating' }, { status: 'resolved', message: 'The status changed to resolved.' }],
    });
  });

  it('reuses existing services of the same name', async () => {
    const root = await site();
    const report = await runImport({ kind: 'statuspage', source: SINGLE, root });
    expect(report.mapped).toContain('component `Website` → the existing service `web` of the same name');
    expect(await readFrontmatter(root, 'incidents/2026-02-20-website-shows-stale-prices.md')).toMatchObject({
      affected: { web: 'major_outage' },
      updates: [{ status: 'investigating' }, { status: 'monitoring' }],
    });
  });

  it('turns scheduled maintenance into windows', async () => {
    const root = await site();
    const report = await runImport({ kind: 'statuspage', source: SINGLE, root });
    expect(await readFrontmatter(root, 'content/maintenance/2026-01-20-orders-api-upgrade.md')).toEqual({
      title: 'Orders API upgrade',
      statuspage_id: 'mnt0apiupgrd',
      services: ['orders-api'],
      start: '2026-01-20T22:00:00.000Z',
      end: '2026-01-21T00:00:00.000Z',
      updates: [
        { at: '2026-01-15T09:00:00.000Z', status: 'scheduled', message: 'We will upgrade the Orders API.' },
        { at: '2026-01-20T22:00:00.000Z', status: 'in_progress', message: 'The upgrade has started.' },
        { at: '2026-01-20T23:20:00.000Z', status: 'verifying', message: 'We are checking the new version.' },
        { at: '2026-01-20T23:40:00.000Z', status: 'completed', message: 'The upgrade is done.' },
      ],
    });
    // The window is in both incidents.json and scheduled-maintenances.json, and is written once.
    expect(report.files.filter((entry) => entry.file.includes('orders-api-upgrade'))).toHaveLength(1);
    expect(report.skipped).toContain(
      'maintenance mnt0backward (Window that ends before it starts): its `scheduled_until` (2026-03-20T09:00:00.000Z) is not after its `scheduled_for` (2026-03-20T10:00:00.000Z)',
    );
    expect(report.skipped).toContain('maintenance mnt0nocompnt (Office move): it names no component, and a maintenance window needs at least one service');
  });

  it('reports a maintenance status as no impact', async () => {
    const root = await site();
    const report = await runImport({ kind: 'statuspage', source: SINGLE, root });
    expect(report.unmapped.some((line) => line.includes('`CDN` changed to `under_maintenance`, which is not an incident impact'))).toBe(true);
  });

  it('reads pages of incidents', async () => {
    const root = await site();
    const report = await runImport({ kind: 'statuspage', source: path.join(PAGED, 'summary.json'), root });
    expect(report.problems).toEqual([]);
    expect(report.notes).toContain('read summary.json, incidents-1.json, incidents-2.json');
    expect(report.files.filter((entry) => entry.file.startsWith('incidents/')).map((entry) => entry.file)).toEqual([
      'incidents/2026-01-05-orders-failing-at-checkout.md',
      'incidents/2026-01-12-slow-dns-answers.md',
      'incidents/2026-02-02-cdn-under-maintenance-by-accident.md',
      'incidents/2026-02-20-website-shows-stale-prices.md',
    ]);
  });

  it('keeps an id of another shape in a comment', async () => {
    const source = await emptyFolder();
    const root = await emptyFolder();
    folders.push(source, root);
    const summary = { page: { name: 'Legacy', url: 'https://status.legacy.example' }, components: [{ id: 'Legacy-API', name: 'API' }] };
    await writeFile(path.join(source, 'summary.json'), JSON.stringify(summary));

    const report = await runImport({ kind: 'statuspage', source, root });
    const config = await readConfig(root);
    expect(config.services).toEqual([{ id: 'api', name: 'API' }]);
    expect(await readFile(path.join(root, 'content', 'config.yml'), 'utf8')).toContain('# statuspage-id: Legacy-API\n  - id: api');
    expect(report.unmapped).toContain(
      'component `API`: its id `Legacy-API` is not lower-case letters and digits, so it is kept in a comment and the API derives a new id',
    );
  });

  it('imported ids reach the compatible API', async () => {
    const root = await emptyFolder();
    folders.push(root);
    await runImport({ kind: 'statuspage', source: SINGLE, root });
    const loaded = await loadRepository(root);
    expect(loaded.problems).toEqual([]);

    const context = createStatuspageContext(loaded.repository!, new Date('2026-03-01T00:00:00Z'));
    const componentIds = context.components.map((component) => component.id);
    expect(componentIds).toEqual(expect.arrayContaining(['grpedge00001', 'cmpcdn000001', 'cmpdns000001', 'cmpapi000001', 'cmpweb000001']));
    expect(statuspageIncidents(context).map((incident) => incident.id)).toContain('inc0checkout');
    expect(statuspageMaintenances(context).map((window) => window.id)).toContain('mnt0apiupgrd');
  });

  it('changes nothing on a second run and keeps edits', async () => {
    const root = await site();
    await runImport({ kind: 'statuspage', source: SINGLE, root });
    const file = path.join(root, 'incidents', '2026-01-05-orders-failing-at-checkout.md');
    const edited = `${await readFile(file, 'utf8')}\nA note a person added.\n`;
    await writeFile(file, edited);

    const second = await runImport({ kind: 'statuspage', source: SINGLE, root });
    expect(second.count('created')).toBe(0);
    expect(second.count('updated')).toBe(0);
    expect(second.count('kept')).toBe(1);
    expect(second.count('unchanged')).toBe(second.files.length - 1);
    expect(await readFile(file, 'utf8')).toBe(edited);
  });
});
