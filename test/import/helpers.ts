// Shared set-up for the importer tests: temporary site folders and file reading.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { splitFrontmatter } from '../../src/import/source-files.ts';

const TEST_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Returns the folder of an importer fixture, such as `cstate`. */
export function importFixture(name: string): string {
  return path.join(TEST_ROOT, 'fixtures', 'import', name);
}

/** Copies the `basic` fixture site into a new temporary folder and returns it. */
export async function copyBasicSite(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-import-test-'));
  await cp(path.join(TEST_ROOT, 'fixtures', 'sites', 'basic'), root, { recursive: true });
  return root;
}

/**
 * Registers clean-up for the calling test file and returns its folder list,
 * emptied after each test, with `site()` to copy the basic fixture into it.
 */
export function temporarySites(): { folders: string[]; site: () => Promise<string> } {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  const site = async () => {
    const root = await copyBasicSite();
    folders.push(root);
    return root;
  };
  return { folders, site };
}

/** Creates an empty temporary folder and returns it. */
export async function emptyFolder(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'sitrep-import-test-'));
}

/** Reads the frontmatter of a content file under `root`. */
export async function readFrontmatter(root: string, file: string): Promise<Record<string, unknown>> {
  const split = splitFrontmatter(await readFile(path.join(root, file), 'utf8'));
  if ('error' in split) throw new Error(`${file}: ${split.error}`);
  return split.data;
}

export async function readConfig(root: string): Promise<{ services: Record<string, unknown>[]; groups: Record<string, unknown>[]; [key: string]: unknown }> {
  return parseYaml(await readFile(path.join(root, 'content', 'config.yml'), 'utf8')) as never;
}
