// Builds the fixture sites once, before the test files run, because Astro
// builds take seconds each. Every vitest run builds into its own folder and
// removes it afterwards, so runs side by side do not disturb each other.
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateContent } from '../../scripts/generate-content.ts';
import { runImport } from '../../src/import/run-import.ts';
import { generateCstateSite } from '../helpers/generate-cstate.ts';
import { buildDir, buildRoot, fixtureDir, PACKAGE_ROOT, runAstroBuild, type BuildResult } from '../helpers/astro-build.ts';

/** Returns the file where the setup stores each build's exit code and output. */
export function resultsFile(): string {
  return path.join(buildRoot(), 'results.json');
}

export default async function setup(): Promise<() => Promise<void>> {
  // Workers start after this function, so they inherit the variable.
  process.env.SITREP_TEST_BUILDS = path.join(PACKAGE_ROOT, '.sitrep', 'test-builds', `run-${process.pid}`);
  const root = buildRoot();
  const content = path.join(root, 'content');
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  const results: Record<string, BuildResult> = {};

  // The hand-written fixture with every kind of content.
  results.basic = await runAstroBuild(fixtureDir('basic'), buildDir('basic'));

  // Enough generated history to need several history pages.
  const paged = path.join(content, 'paged');
  await generateContent(paged, { incidents: 70, years: 1, services: 6, maintenance: 0, end: new Date('2026-03-01T00:00:00Z') });
  results.paged = await runAstroBuild(paged, buildDir('paged'));

  // The fixture with one broken incident, which must stop the build.
  const broken = path.join(content, 'broken');
  await cp(fixtureDir('basic'), broken, { recursive: true });
  await writeFile(
    path.join(broken, 'incidents', 'bad.md'),
    ['---', 'title: Bad', 'affected:', '  apii: major_outage', 'started: 2026-03-02T10:00', 'updates: []', '---', ''].join('\n'),
  );
  results.broken = await runAstroBuild(broken, buildDir('broken'));

  // A few hundred cState issues imported into the basic fixture, built.
  const cstate = path.join(content, 'cstate-source');
  const imported = path.join(content, 'imported');
  await generateCstateSite(cstate);
  await cp(fixtureDir('basic'), imported, { recursive: true });
  const report = await runImport({ kind: 'cstate', source: cstate, root: imported });
  if (report.problems.length > 0) throw new Error(`The generated cState import left ${report.problems.length} problems`);
  results.imported = await runAstroBuild(imported, buildDir('imported'));

  await writeFile(resultsFile(), JSON.stringify(results, null, 2));
  for (const [name, result] of Object.entries(results)) {
    if (name !== 'broken' && result.code !== 0) {
      throw new Error(`The fixture site \`${name}\` did not build (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
  }

  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}
