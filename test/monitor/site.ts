// A temporary copy of the basic fixture site with checks added to its
// config, and a way to run `sitrep check` on it with a pinned clock.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { runCheck, type CheckValues } from '../../src/cli/check.ts';
import type { MonitorOptions } from '../../src/monitor/monitor-run.ts';

const BASIC_SITE = fileURLToPath(new URL('../fixtures/sites/basic', import.meta.url));

/** The pinned clock of the fixture's tests: the api incident is open, db is under maintenance, cdn is free. */
export const FIXTURE_NOW = Date.parse('2026-03-10T12:00:00Z');

export interface CheckRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A copy of the basic fixture site in a temporary folder. */
export class TestSite {
  private constructor(readonly root: string) {}

  /** Copies the fixture, adds `checks` (service id to check) and `monitor` to its config. */
  static async create(checks: Record<string, unknown>, monitor: Record<string, unknown> = {}): Promise<TestSite> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-monitor-'));
    await cp(BASIC_SITE, root, { recursive: true });
    const site = new TestSite(root);
    await site.configure(checks, monitor);
    return site;
  }

  /** Replaces the checks and monitor settings in content/config.yml. */
  async configure(checks: Record<string, unknown>, monitor: Record<string, unknown> = {}): Promise<void> {
    const file = path.join(this.root, 'content', 'config.yml');
    const document = parseDocument(await readFile(file, 'utf8'));
    const services = document.toJS().services as { id: string }[];
    services.forEach((service, index) => {
      if (checks[service.id] === undefined) document.deleteIn(['services', index, 'check']);
      else document.setIn(['services', index, 'check'], document.createNode(checks[service.id]));
    });
    // Retries without a wait keep the tests fast; the tests that count attempts set their own.
    document.set('monitor', document.createNode({ retries: 0, retry_delay: '1ms', ...monitor }));
    await writeFile(file, document.toString());
  }

  path(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  async read(file: string): Promise<string> {
    return readFile(this.path(file), 'utf8');
  }

  async write(file: string, text: string): Promise<void> {
    await writeFile(this.path(file), text);
  }

  async incidentFiles(): Promise<string[]> {
    return (await readdir(this.path('incidents'))).filter((name) => name.endsWith('.md')).sort();
  }

  get statePath(): string {
    return this.path('.sitrep', 'monitor-state.json');
  }

  /** Runs `sitrep check` in this process at `now`, with `environment` as the variables. */
  async check(
    now: number,
    options: { values?: CheckValues; environment?: NodeJS.ProcessEnv; hooks?: Pick<MonitorOptions, 'afterPendingWritten' | 'wait'> } = {},
  ): Promise<CheckRun> {
    let stdout = '';
    let stderr = '';
    const code = await runCheck(
      {
        root: this.root,
        cwd: this.root,
        environment: options.environment ?? {},
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
      },
      options.values ?? {},
      [],
      { now: () => new Date(now), ...options.hooks },
    );
    return { code, stdout, stderr };
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

/** Returns every file under `root` with its text, for checks that no file contains a secret. */
export async function allFiles(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const parent = entry.parentPath ?? (entry as unknown as { path: string }).path;
    const file = path.join(parent, entry.name);
    files.set(path.relative(root, file), await readFile(file, 'utf8'));
  }
  return files;
}
