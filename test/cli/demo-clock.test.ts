import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOffset } from '../../src/domain/demo-clock.ts';
import { PACKAGE_ROOT } from '../helpers/astro-build.ts';

const run = promisify(execFile);
const INCIDENT = '2026-12-04-delayed-webhook-deliveries';
const ANCHOR = new Date('2026-12-04T15:00:00Z');

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-demo-clock-'));
  await cp(path.join(PACKAGE_ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  await cp(path.join(PACKAGE_ROOT, 'incidents'), path.join(root, 'incidents'), { recursive: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('authoring on the example site', () => {
  it('writes now as the example clock shows it', async () => {
    const before = new Date();
    const { stderr } = await run(process.execPath, [
      path.join(PACKAGE_ROOT, 'scripts', 'sitrep.mjs'),
      'update',
      INCIDENT,
      '--status',
      'monitoring',
      '--message',
      'The backlog is down to 20,000 events.',
      '--root',
      root,
    ]);
    const text = await readFile(path.join(root, 'incidents', `${INCIDENT}.md`), 'utf8');
    const written = [...text.matchAll(/at: (\S+)/g)].map((match) => new Date(match[1]!)).at(-1)!;

    // At build time the example moves every time by demoOffset, so the
    // update must land at the build time, give or take the test's run.
    const shown = written.getTime() + demoOffset(ANCHOR, before);
    expect(Math.abs(shown - before.getTime())).toBeLessThan(2 * 60_000);
    expect(stderr).toContain('`demo:`');
  });
});
