import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandFailure, writeAndValidate, type CommandContext } from '../../src/cli/authoring-support.ts';

const BASIC_SITE = fileURLToPath(new URL('../fixtures/sites/basic', import.meta.url));
const INCIDENT = 'incidents/2026-03-07-overnight-database.md';
let site: string;

async function makeContext(): Promise<CommandContext> {
  site = await mkdtemp(path.join(os.tmpdir(), 'sitrep-write-'));
  await cp(BASIC_SITE, site, { recursive: true });
  return { command: 'test', root: site, cwd: site, stdout: () => {}, stderr: () => {} };
}

afterEach(async () => {
  await rm(site, { recursive: true, force: true });
});

describe('writeAndValidate', () => {
  it('rejects an edit of a file that changed since it was read', async () => {
    const context = await makeContext();
    const current = await readFile(path.join(site, INCIDENT), 'utf8');

    const write = writeAndValidate(context, [{ file: INCIDENT, text: 'edited', editedFrom: `${current}# changed\n` }], []);

    await expect(write).rejects.toBeInstanceOf(CommandFailure);
    await expect(write).rejects.toThrow(`${INCIDENT}: The file changed while the command ran.`);
    expect(await readFile(path.join(site, INCIDENT), 'utf8')).toBe(current);
  });

  it('undoes every write when one file is invalid', async () => {
    const context = await makeContext();
    const original = await readFile(path.join(site, INCIDENT), 'utf8');
    const edited = original.replace('title: Overnight database failover', 'title: Renamed');
    const invalid = '---\ntitle: Broken\nincidents: []\npublished: 2026-03-09T12:00Z\n---\n';

    const write = writeAndValidate(
      context,
      [
        { file: INCIDENT, text: edited, editedFrom: original },
        { file: 'content/postmortems/new/broken.md', text: invalid },
      ],
      [],
    );

    await expect(write).rejects.toThrow('content/postmortems/new/broken.md:3 incidents: `incidents` lists nothing.');
    expect(await readFile(path.join(site, INCIDENT), 'utf8')).toBe(original);
    expect(await readdir(path.join(site, 'content/postmortems'))).toEqual(['2026-01-database-review.md']);
  });

  it('keeps the writes when only old problems remain', async () => {
    const context = await makeContext();
    await writeFile(path.join(site, 'incidents/old.md'), '---\ntitle: Old\n---\n');
    const before = [
      { file: 'incidents/old.md', line: 2, field: 'started', message: 'the time is missing', fix: 'write the time with its offset, such as `2026-03-02T14:30Z` or `2026-03-02T15:30+01:00`' },
    ];

    const remaining = await writeAndValidate(context, [{ file: 'incidents/new.md', text: '---\ntitle: New\nstarted: 2026-03-11T10:00Z\nresolved: 2026-03-11T11:00Z\n---\n' }], before);

    expect(remaining).toEqual(before);
    expect(await readdir(path.join(site, 'incidents'))).toContain('new.md');
  });
});
