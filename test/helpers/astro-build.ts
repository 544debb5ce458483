import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The clock every fixture build is pinned to. */
export const FIXTURE_NOW = '2026-03-10T12:00:00Z';

/**
 * Returns the folder of this test run's fixture builds. Each run of vitest
 * gets its own, named in SITREP_TEST_BUILDS by the global setup, so two runs
 * at once do not overwrite each other. Astro leaves stray files next to an
 * output folder outside the project, so the builds stay under `.sitrep/`.
 */
export function buildRoot(): string {
  return process.env.SITREP_TEST_BUILDS ?? path.join(PACKAGE_ROOT, '.sitrep', 'test-builds', 'manual');
}

/** Returns the output folder of a named fixture build. */
export function buildDir(name: string): string {
  return path.join(buildRoot(), name);
}

export function fixtureDir(name: string): string {
  return path.join(PACKAGE_ROOT, 'test', 'fixtures', 'sites', name);
}

// Vitest copies Vite's own variables (BASE_URL, MODE and others) into the
// environment. An Astro build that inherits BASE_URL=/ ignores its `base`.
const TEST_RUNNER_VARIABLES = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']);

function withoutTestRunner(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VITEST') && !TEST_RUNNER_VARIABLES.has(name)));
}

export interface BuildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a real `astro build` of the site in `root` as a child process. */
export function runAstroBuild(root: string, outDir: string, now = FIXTURE_NOW): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'node_modules', 'astro', 'astro.js'), 'build'], {
      cwd: PACKAGE_ROOT,
      env: {
        ...withoutTestRunner(process.env),
        SITREP_ROOT: root,
        SITREP_OUT_DIR: outDir,
        SITREP_NOW: now,
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
