// Imports a few hundred generated cState issues into a copy of the basic
// fixture site and validates the result with the same loader as the build.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.ts';
import { loadRepository } from '../../src/repository/load-repository.ts';
import { copyBasicSite } from './helpers.ts';
import { GENERATED_ISSUE_COUNT, generateCstateSite } from '../helpers/generate-cstate.ts';
import { buildDir, type BuildResult } from '../helpers/astro-build.ts';
import { resultsFile } from '../setup/build-fixtures.ts';

const folders: string[] = [];

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('cState round trip', () => {
  it('imports generated issues into a valid site', async () => {
    const source = await mkdtemp(path.join(os.tmpdir(), 'sitrep-cstate-source-'));
    const root = await copyBasicSite();
    folders.push(source, root);
    await generateCstateSite(source);

    const report = await runImport({ kind: 'cstate', source, root });
    expect(report.problems).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.count('created')).toBe(GENERATED_ISSUE_COUNT);

    const loaded = await loadRepository(root);
    expect(loaded.problems).toEqual([]);
    const imported = [...(loaded.repository?.incidents ?? []), ...(loaded.repository?.maintenance ?? [])].filter((item) => item.slug.includes('-generated-'));
    expect(imported).toHaveLength(GENERATED_ISSUE_COUNT);

    const second = await runImport({ kind: 'cstate', source, root });
    expect(second.count('created')).toBe(0);
    expect(second.count('unchanged')).toBe(GENERATED_ISSUE_COUNT + 1);
  });
});

describe('cState round trip build', () => {
  // The global setup imports the same generated issues into the basic
  // fixture and runs a real Astro build of the result.
  it('builds a page per imported incident', async () => {
    const results = JSON.parse(await readFile(resultsFile(), 'utf8')) as Record<string, BuildResult>;
    expect(results.imported!.code).toBe(0);

    const incidents = await readdir(path.join(buildDir('imported'), 'incidents'));
    const maintenance = await readdir(path.join(buildDir('imported'), 'maintenance'));
    const generated = [...incidents, ...maintenance].filter((name) => name.includes('-generated-'));
    expect(generated).toHaveLength(GENERATED_ISSUE_COUNT);
  });
});
