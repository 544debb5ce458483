// Temporary copies of the basic fixture site, for comparing two content trees.
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRepository } from '../../src/repository/load-repository.ts';
import type { Repository } from '../../src/domain/schema/index.ts';

const BASIC_SITE = fileURLToPath(new URL('../fixtures/sites/basic', import.meta.url));

/** The fixture's pinned clock: the api incident is open and the database is under maintenance. */
export const FIXTURE_NOW = new Date('2026-03-10T12:00:00Z');

/** A copy of the basic fixture site in a temporary folder. */
export class ContentTree {
  private constructor(readonly root: string) {}

  /** Copies the fixture, without the api incident's update dated after FIXTURE_NOW, so the incident is open. */
  static async create(): Promise<ContentTree> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-summary-'));
    await cp(BASIC_SITE, root, { recursive: true });
    const tree = new ContentTree(root);
    await tree.edit('incidents/2026-03-10-api-errors.md', (text) => text.slice(0, text.indexOf('  # Posted after the pinned clock')) + '---\n');
    return tree;
  }

  async write(file: string, text: string): Promise<void> {
    await mkdir(path.dirname(path.join(this.root, file)), { recursive: true });
    await writeFile(path.join(this.root, file), text);
  }

  async read(file: string): Promise<string> {
    return readFile(path.join(this.root, file), 'utf8');
  }

  async edit(file: string, change: (text: string) => string): Promise<void> {
    await this.write(file, change(await this.read(file)));
  }

  async load(): Promise<Repository> {
    const result = await loadRepository(this.root);
    if (!result.repository) throw new Error(`the content tree ${this.root} does not load: ${JSON.stringify(result.problems, null, 2)}`);
    return result.repository;
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
