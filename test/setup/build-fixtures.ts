// Builds the fixture sites once, before the test files run: Astro builds
// take seconds each, and concurrent builds would share the project's
// `.astro/` folder.
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateContent } from '../../scripts/generate-content.ts';
import { buildDir, fixtureDir, PACKAGE_ROOT, runAstroBuild, type BuildResult } from '../helpers/astro-build.ts';

export const CONTENT_DIR = path.join(PACKAGE_ROOT, '.sitrep', 'test-content');
export const RESULTS_FILE = path.join(PACKAGE_ROOT, '.sitrep', 'test-builds', 'results.json');

export default async function setup(): Promise<void> {
  await rm(path.dirname(RESULTS_FILE), { recursive: true, force: true });
  await rm(CONTENT_DIR, { recursive: true, force: true });
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  const results: Record<string, BuildResult> = {};

  // The hand-written fixture with every kind of content.
  results.basic = await runAstroBuild(fixtureDir('basic'), buildDir('basic'));

  // Enough generated history to need several history pages.
  const paged = path.join(CONTENT_DIR, 'paged');
  await generateContent(paged, { incidents: 70, years: 1, services: 6, maintenance: 0, end: new Date('2026-03-01T00:00:00Z') });
  results.paged = await runAstroBuild(paged, buildDir('paged'));

  // The fixture with one broken incident, which must stop the build.
  const broken = path.join(CONTENT_DIR, 'broken');
  await cp(fixtureDir('basic'), broken, { recursive: true });
  await writeFile(
    path.join(broken, 'incidents', 'bad.md'),
    ['---', 'title: Bad', 'affected:', '  apii: major_outage', 'started: 2026-03-02T10:00', 'updates: []', '---', ''].join('\n'),
  );
  results.broken = await runAstroBuild(broken, buildDir('broken'));

  await writeFile(RESULTS_FILE, JSON.stringify(results, null, 2));
  for (const [name, result] of Object.entries(results)) {
    if (name !== 'broken' && result.code !== 0) {
      throw new Error(`The fixture site \`${name}\` did not build (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
  }
}
