import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImportCommand } from '../../src/cli/import.ts';
import { runImport } from '../../src/import/run-import.ts';
import { loadRepository } from '../../src/repository/load-repository.ts';
import { emptyFolder, importFixture, readConfig, readFrontmatter, temporarySites } from './helpers.ts';

const SOURCE = importFixture('cstate');
const MAPPING = path.join(importFixture(''), 'cstate-mapping.yml');
const { folders, site } = temporarySites();

describe('cState import', () => {
  it('maps systems and categories into the config', async () => {
    const root = await site();
    const report = await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    expect(report.problems).toEqual([]);

    const config = await readConfig(root);
    const ids = config.services.map((service) => service.id);
    // `Website`, `API` and `Database` exist in the basic site as `web`, `api` and `db`, so they are reused.
    expect(ids).toEqual(['api', 'web', 'db', 'cdn', 'login', 'batch-jobs']);
    expect(config.services.find((service) => service.id === 'login')).toEqual({ id: 'login', name: 'Login', group: 'customer-facing' });
    expect(config.groups.find((group) => group.id === 'customer-facing')).toMatchObject({ collapsed: true, description: 'What our customers use directly.' });
    expect(config.groups.map((group) => group.id)).toContain('night-shift');
    expect(report.mapped).toContain('system `Database` → the existing service `db` of the same name');
  });

  it('keeps the comments of an existing config', async () => {
    const root = await site();
    await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    const text = await readFile(path.join(root, 'content', 'config.yml'), 'utf8');
    expect(text.startsWith('# A small site for build tests.')).toBe(true);
    expect(text).toContain('# cState system: Login');
  });

  it('converts updates, severities and naive times', async () => {
    const root = await site();
    const report = await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });

    expect(await readFrontmatter(root, 'incidents/2026-01-10-login-outage.md')).toEqual({
      title: 'Nobody can sign in',
      affected: { login: 'major_outage' },
      started: '2026-01-10T08:00:00Z',
      updates: [
        { at: '2026-01-10T08:02:00Z', status: 'investigating', message: 'Sign-in fails with a server error for every account.' },
        { at: '2026-01-10T09:05:00Z', status: 'monitoring', message: 'The session store is back and sign-ins are succeeding.' },
        { at: '2026-01-10T09:30:00Z', status: 'resolved', message: 'Sign-in works again for every account.' },
      ],
    });
    expect(report.notes.some((note) => /cState times had no offset; cState writes UTC, so they were written with `Z`/.test(note))).toBe(true);

    const slow = await readFrontmatter(root, 'incidents/2026-01-14-api-slow.md');
    expect(slow.affected).toEqual({ api: 'partial_outage' });
    expect((slow.updates as { status: string }[]).at(-1)).toMatchObject({ at: '2026-01-14T13:00:00Z', status: 'resolved' });
    expect(report.mapped).toContain('content/issues/2026-01-14-api-slow.md: severity `disrupt` read as `disrupted`, a near match');
    expect(report.mapped).toContain('content/issues/2026-01-14-api-slow.md: `resolved: "true"` read as true');
    expect(report.mapped).toContain('content/issues/2026-01-22-database-disk.md: severity `dsrupted` read as `disrupted`, a near match');
    expect(report.mapped).toContain('content/issues/2026-01-18-website-down.md: severity `Down` read as `down`, a near match');
    expect(report.mapped).toContain('content/issues/2026-01-18-website-down.md: `resolved: "yes"` read as true');
  });

  it('splits sections separated by --- into updates', async () => {
    const root = await site();
    await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    const disk = await readFrontmatter(root, 'incidents/2026-01-22-database-disk.md');
    expect(disk.affected).toEqual({ db: 'partial_outage' });
    expect(disk.updates).toEqual([
      { at: '2026-01-22T03:05:00Z', status: 'investigating', message: 'The database ran out of disk space and rejects writes.' },
      { at: '2026-01-22T03:50:00Z', status: 'investigating', message: 'We added disk space and writes are succeeding again.' },
      { at: '2026-01-22T04:00:00Z', status: 'resolved', message: 'This incident has been resolved.' },
    ]);
  });

  it('maps affected names exactly, nearly, by mapping or not at all', async () => {
    const root = await site();
    const report = await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    const down = await readFrontmatter(root, 'incidents/2026-01-18-website-down.md');
    expect(down.affected).toEqual({ web: 'major_outage', api: 'major_outage' });
    expect(report.mapped.some((line) => line.startsWith('`Websit` → `web`, a near match of the name `Website`'))).toBe(true);
    expect(report.mapped).toContain('`Payment Gateway` → `api`, from the mapping file');
    expect(report.unmapped).toContain(
      'content/issues/2026-01-18-website-down.md affected: `Mail relay` matches no service; add `Mail relay: <service id>` to a --mapping file',
    );
    expect(report.unmapped).toContain('content/issues/2026-01-18-website-down.md: `pin` has no equivalent and was left out');
  });

  it('reports names that only the mapping file could map', async () => {
    const root = await site();
    const report = await runImport({ kind: 'cstate', source: SOURCE, root });
    expect(report.unmapped.some((line) => line.includes('`Payment Gateway` matches no service'))).toBe(true);
    expect(await readFrontmatter(root, 'incidents/2026-01-18-website-down.md')).toMatchObject({ affected: { web: 'major_outage' } });
  });

  it('turns notices into informational incidents or maintenance', async () => {
    const root = await site();
    await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });

    expect(await readFrontmatter(root, 'incidents/2026-02-01-new-dashboard.md')).toEqual({
      title: 'A new dashboard is on its way',
      affected: {},
      impact: 'none',
      started: '2026-02-01T10:00:00Z',
      updates: [{ at: '2026-02-01T10:00:00Z', status: 'investigating', message: 'We are rebuilding the dashboard. Nothing changes for you yet.' }],
    });
    expect(await readFrontmatter(root, 'content/maintenance/2026-02-05-api-maintenance.md')).toEqual({
      title: 'API upgrade',
      services: ['api'],
      start: '2026-02-05T22:00:00Z',
      end: '2026-02-05T23:30:00Z',
      updates: [
        { at: '2026-02-01T09:00:00Z', status: 'scheduled', message: 'Planned: We will upgrade the API servers. Requests may fail for a few seconds.' },
        { at: '2026-02-05T23:30:00Z', status: 'completed', message: 'The maintenance is complete.' },
      ],
    });
    // Marked as maintenance by its title, and not resolved: only the `scheduled` update.
    expect(await readFrontmatter(root, 'content/maintenance/2026-02-09-database-maintenance.md')).toMatchObject({
      services: ['db'],
      start: '2026-02-09T01:00:00Z',
      end: '2026-02-09T02:00:00Z',
      updates: [{ status: 'scheduled' }],
    });
  });

  it('orders updates, keeps unknown labels and dates a name without a date', async () => {
    const root = await site();
    const report = await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    const flush = await readFrontmatter(root, 'incidents/2026-02-20-cache-flush.md');
    expect(flush.updates).toEqual([
      { at: '2026-02-20T14:01:00Z', status: 'investigating', message: 'Just began: Pages load slowly while the cache fills again.' },
      { at: '2026-02-20T14:45:00Z', status: 'resolved', message: 'Pages load at their usual speed.' },
    ]);
    expect(report.mapped.some((line) => line.includes('update label `Just began` is not a status'))).toBe(true);
  });

  it('skips backwards, unknown and draft issues', async () => {
    const root = await site();
    const report = await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    expect(report.skipped).toContain(
      'content/issues/2026-02-12-backwards.md: it ends (`resolvedWhen: 2026-02-11T10:00:00Z`) before it starts (`date: 2026-02-12T10:00:00Z`); correct one of them and import again',
    );
    expect(report.skipped.some((line) => line.startsWith('content/issues/2026-02-14-unknown-severity.md: its severity `catastrophic`'))).toBe(true);
    expect(report.skipped).toContain('content/issues/2026-02-25-draft-notice.md: it is a draft (`draft: true`), which cState does not publish');
    expect(report.files.map((entry) => entry.file)).not.toContain('incidents/2026-02-12-backwards.md');
  });

  it('changes nothing on a second run', async () => {
    const root = await site();
    await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    const config = await readFile(path.join(root, 'content', 'config.yml'), 'utf8');

    const second = await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    expect(second.count('created')).toBe(0);
    expect(second.count('updated')).toBe(0);
    expect(second.count('unchanged')).toBe(second.files.length);
    expect(second.format('again', false)).toContain('unchanged incidents/2026-01-10-login-outage.md');
    expect(await readFile(path.join(root, 'content', 'config.yml'), 'utf8')).toBe(config);
  });

  it('keeps a file that a person edited', async () => {
    const root = await site();
    await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    const file = path.join(root, 'incidents', '2026-01-10-login-outage.md');
    const edited = (await readFile(file, 'utf8')).replace('Nobody can sign in', 'Sign-in failed for everyone');
    await writeFile(file, edited);

    const again = await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    expect(await readFile(file, 'utf8')).toBe(edited);
    expect(again.files.find((entry) => entry.file === 'incidents/2026-01-10-login-outage.md')?.outcome).toBe('kept');
    expect(again.format('again', false)).toMatch(/kept incidents\/2026-01-10-login-outage\.md: it differs from what/);
  });

  it('creates a config in an empty site', async () => {
    const root = await emptyFolder();
    folders.push(root);
    const report = await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING });
    expect(report.problems).toEqual([]);
    const config = await readConfig(root);
    expect(config).toMatchObject({ title: 'Larkspur Status', url: 'https://status.larkspur.example', description: 'Live status of the Larkspur services.' });
    expect(config.services.map((service) => service.id)).toEqual(['website', 'login', 'api', 'database', 'batch-jobs']);
    expect((await loadRepository(root)).problems).toEqual([]);
  });

  it('writes nothing in a dry run', async () => {
    const root = await site();
    const before = await readFile(path.join(root, 'content', 'config.yml'), 'utf8');
    const report = await runImport({ kind: 'cstate', source: SOURCE, root, mappingFile: MAPPING, dryRun: true });
    expect(report.count('created')).toBeGreaterThan(0);
    expect(report.problems).toEqual([]);
    expect(await readFile(path.join(root, 'content', 'config.yml'), 'utf8')).toBe(before);
    expect(report.format('dry', true)).toContain('Dry run: nothing was written.');
  });
});

describe('sitrep import command', () => {
  it('rejects an unknown source with a suggestion', async () => {
    const errors: string[] = [];
    const code = await runImportCommand({ root: '.', cwd: '.', stdout: () => {}, stderr: (text) => errors.push(text) }, {}, ['cstat', 'x']);
    expect(code).toBe(2);
    expect(errors.join('')).toContain('unknown source `cstat`; did you mean `cstate`?');
  });

  it('prints the report and exits with 0', async () => {
    const root = await site();
    const output: string[] = [];
    const code = await runImportCommand(
      { root, cwd: process.cwd(), stdout: (text) => output.push(text), stderr: (text) => output.push(text) },
      { mapping: MAPPING },
      ['cstate', SOURCE],
    );
    expect(code).toBe(0);
    expect(output.join('')).toMatch(/Summary: 8 created, 1 updated, 0 unchanged/);
  });

  it('exits with 1 when the site has problems', async () => {
    const root = await site();
    await writeFile(path.join(root, 'incidents', 'broken.md'), '---\ntitle: Broken\nstarted: 2026-03-02T10:00\n---\n');
    const output: string[] = [];
    const errors: string[] = [];
    const code = await runImportCommand(
      { root, cwd: process.cwd(), stdout: (text) => output.push(text), stderr: (text) => errors.push(text) },
      { mapping: MAPPING },
      ['cstate', SOURCE],
    );
    expect(code).toBe(1);
    expect(output.join('')).toContain('Problems after the import:\n  incidents/broken.md:3 started:');
    expect(errors.join('')).toMatch(/the site has \d+ problems after the import/);
  });

  it('fails when the source folder has no config.yml', async () => {
    const errors: string[] = [];
    const code = await runImportCommand({ root: '.', cwd: '.', stdout: () => {}, stderr: (text) => errors.push(text) }, {}, ['cstate', '/nonexistent-cstate-site']);
    expect(code).toBe(1);
    expect(errors.join('')).toContain('cannot read /nonexistent-cstate-site/config.yml');
  });
});
