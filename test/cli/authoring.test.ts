// Runs the real `sitrep new`, `update` and `resolve` commands as child
// processes on copies of the basic fixture site, and checks exit codes,
// output, that the site still validates, and that edited files keep every
// byte they had.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/repository/load-repository.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SITREP = path.join(REPOSITORY_ROOT, 'scripts', 'sitrep.mjs');
const BASIC_SITE = fileURLToPath(new URL('../fixtures/sites/basic', import.meta.url));
const execFileAsync = promisify(execFile);

const sites: string[] = [];

afterAll(async () => {
  for (const site of sites) await rm(site, { recursive: true, force: true });
});

/** Copies the basic fixture site to a new temporary folder and returns its path. */
async function makeSite(): Promise<string> {
  const site = await mkdtemp(path.join(os.tmpdir(), 'sitrep-authoring-'));
  sites.push(site);
  await cp(BASIC_SITE, site, { recursive: true });
  return site;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sitrep` with `args` and returns its exit code and output, also when the code is not 0. */
async function sitrep(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  const env = { ...process.env, GITHUB_ACTIONS: '', SITREP_DEBUG: '', SITREP_ROOT: '', ...options.env };
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [SITREP, ...args], { cwd: options.cwd ?? REPOSITORY_ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw error;
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

async function expectValid(site: string): Promise<void> {
  const { problems } = await loadRepository(site);
  expect(problems).toEqual([]);
}

/** Returns the lines that `after` inserts into `before`, and fails unless nothing else changed. */
function insertedLines(before: string, after: string): { index: number; lines: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  expect(prefix + suffix, 'lines of the original that changed').toBe(a.length);
  return { index: prefix, lines: b.slice(prefix, b.length - suffix) };
}

const OPEN_INCIDENT = 'incidents/2026-03-11-checkout-slow.md';

// An open incident written by hand: comments, a flow map, quotes, a wide
// gap after `-`, blocks, a flow item and a body with `---` lines.
const HAND_FORMATTED = [
  '---',
  '# Hand-written; keep this comment.',
  `title: 'Checkout: "slow" pages'   # single-quoted, with a colon`,
  'affected: {web: degraded_performance, api: partial_outage}',
  'started: 2026-03-11T10:00:00+01:00',
  'updates:',
  '    -   at: "2026-03-11T10:05:00+01:00"',
  '        status: investigating',
  '        message: >-',
  '          Pages load slowly.',
  '          We are looking into it.',
  '',
  '    # The cause was found at 10:20.',
  '    -   {at: 2026-03-11T10:20+01:00, status: identified, message: "DB: locks"}',
  '    -   at: 2026-03-11T10:30:00+01:00',
  '        status: monitoring',
  '        affected: {web: degraded_performance}',
  '        message: |',
  '          A fix is deployed.',
  '',
  '          ---',
  '',
  '          We are watching.',
  '    # trailing comment after the list',
  'impact: minor',
  '# last line is a comment',
  '---',
  'Body text.',
  '',
  '---',
  '',
  'More body after a rule.',
  '',
].join('\n');

describe('sitrep new incident', () => {
  it('creates a valid incident named by date and title', async () => {
    const site = await makeSite();

    const result = await sitrep([
      'new', 'incident', '--root', site,
      '--title', 'Elevated API errors',
      '--affected', 'api=major_outage', '--affected', 'web=partial_outage',
      '--message', 'About 5% of requests fail: we are investigating.',
      '--at', '2026-03-11T09:15:00+01:00',
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Created incidents/2026-03-11-elevated-api-errors.md',
        `Next: git -C ${site} add incidents/2026-03-11-elevated-api-errors.md && git -C ${site} commit -m "api, web: investigating — Elevated API errors"`,
        '',
      ].join('\n'),
    );
    expect(await readFile(path.join(site, 'incidents/2026-03-11-elevated-api-errors.md'), 'utf8')).toBe(
      [
        '---',
        'title: Elevated API errors',
        'affected:',
        '  api: major_outage',
        '  web: partial_outage',
        'started: 2026-03-11T09:15:00+01:00',
        'updates:',
        '  - at: 2026-03-11T09:15:00+01:00',
        '    status: investigating',
        '    message: "About 5% of requests fail: we are investigating."',
        '---',
        '',
      ].join('\n'),
    );
    await expectValid(site);
  });

  it('adds -2 when the file exists', async () => {
    const site = await makeSite();
    const args = ['new', 'incident', '--root', site, '--title', 'API errors', '--affected', 'api=partial_outage', '--message', 'Errors.', '--at', '2026-03-11T10:00Z'];

    await sitrep(args);
    const second = await sitrep(args);

    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Created incidents/2026-03-11-api-errors-2.md');
    await expectValid(site);
  });

  it('defaults to now in UTC', async () => {
    const site = await makeSite();
    const before = Date.now();

    const result = await sitrep(['new', 'incident', '--root', site, '--title', 'Now', '--affected', 'cdn=degraded_performance,db=major_outage', '--message', 'Slow.']);

    const after = Date.now();
    const file = /Created (\S+)/.exec(result.stdout)?.[1] ?? '';
    const text = await readFile(path.join(site, file), 'utf8');
    const started = /^started: (\S+)$/m.exec(text)?.[1] ?? '';
    expect(result.code).toBe(0);
    expect(started).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(new Date(started).getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(new Date(started).getTime()).toBeLessThanOrEqual(after);
    expect(file).toBe(`incidents/${started.slice(0, 10)}-now.md`);
    expect(result.stdout).toContain('commit -m "cdn, db: investigating — Now"');
  });

  it('prints a git command relative to the current folder', async () => {
    const site = await makeSite();

    const result = await sitrep(['new', 'incident', '--title', 'Here', '--affected', 'api=major_outage', '--message', 'Down.', '--at', '2026-03-11T10:00Z'], { cwd: site });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Next: git add incidents/2026-03-11-here.md && git commit -m "api: investigating — Here"\n');
  });

  it('reads the root from SITREP_ROOT', async () => {
    const site = await makeSite();

    const result = await sitrep(['new', 'incident', '--title', 'Env', '--affected', 'none', '--message', 'Checking.', '--at', '2026-03-11T10:00Z'], { env: { SITREP_ROOT: site } });

    expect(result.code).toBe(0);
    expect(await readFile(path.join(site, 'incidents/2026-03-11-env.md'), 'utf8')).toContain('affected: {}\n');
    await expectValid(site);
  });

  it('writes when only other files have problems, and says so', async () => {
    const site = await makeSite();
    await writeFile(path.join(site, 'incidents/old-typo.md'), '---\ntitel: Old\n---\n');

    const result = await sitrep(['new', 'incident', '--root', site, '--title', 'New', '--affected', 'api=major_outage', '--message', 'Down.', '--at', '2026-03-11T10:00Z']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created incidents/2026-03-11-new.md');
    expect(result.stderr).toContain('Note: 3 problems that were there before remain in other files');
    const { problems } = await loadRepository(site);
    expect(problems.map((problem) => problem.file)).toEqual(Array(3).fill('incidents/old-typo.md'));
  });

  it.each([
    [['--affected', 'api=major_outage', '--message', 'm'], 'Missing --title.'],
    [['--title', 't', '--message', 'm'], 'Missing --affected.'],
    [['--title', 't', '--affected', 'api=major_outage'], 'Missing --message.'],
    [['--title', 't', '--affected', 'apii=major_outage', '--message', 'm'], 'Did you mean `api`?'],
    [['--title', 't', '--affected', 'api=major_outage', '--message', 'm', '--status', 'resovled'], 'Did you mean `resolved`?'],
    [['--title', 't', '--affected', 'api=major_outage', '--message', 'm', '--at', '2026-03-11 10:00'], 'Add `Z` for UTC or an offset'],
    [['--title', 't', '--affected', 'api=major_outage', '--message', 'm', '--services', 'api'], 'the option --services does not apply'],
    [['--title', 'two', 'words', '--affected', 'api=major_outage', '--message', 'm'], 'unexpected argument `words`'],
  ])('rejects %j with exit 2', async (args, message) => {
    const site = await makeSite();
    const filesBefore = await readdir(path.join(site, 'incidents'));

    const result = await sitrep(['new', 'incident', '--root', site, ...args]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(await readdir(path.join(site, 'incidents'))).toEqual(filesBefore);
  });
});

describe('sitrep update and resolve', () => {
  async function siteWithOpenIncident(text = HAND_FORMATTED): Promise<string> {
    const site = await makeSite();
    await writeFile(path.join(site, OPEN_INCIDENT), text);
    await expectValid(site);
    return site;
  }

  it('appends an update and keeps every other byte', async () => {
    const site = await siteWithOpenIncident();

    const result = await sitrep([
      'update', '2026-03-11-checkout-slow', '--root', site,
      '--status', 'identified', '--message', 'Back: mostly.', '--affected', 'api=major_outage', '--at', '2026-03-11T10:45:00Z',
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Updated ${OPEN_INCIDENT}: identified at 2026-03-11T10:45:00Z\n`);
    expect(result.stdout).toContain(`git -C ${site} commit -m 'api: identified — Checkout: "slow" pages'\n`);
    const after = await readFile(path.join(site, OPEN_INCIDENT), 'utf8');
    expect(insertedLines(HAND_FORMATTED, after)).toEqual({
      index: 23,
      lines: [
        '    -   at: 2026-03-11T10:45:00Z',
        '        status: identified',
        '        affected:',
        '          api: major_outage',
        '        message: "Back: mostly."',
      ],
    });
    await expectValid(site);
  });

  it('keeps CRLF line endings', async () => {
    const crlf = HAND_FORMATTED.replace(/\n/g, '\r\n');
    const site = await siteWithOpenIncident(crlf);

    const result = await sitrep(['update', OPEN_INCIDENT, '--root', site, '--status', 'monitoring', '--message', 'Watching.', '--at', '2026-03-11T11:00Z']);

    expect(result.code).toBe(0);
    const after = await readFile(path.join(site, OPEN_INCIDENT), 'utf8');
    expect(insertedLines(crlf, after).lines).toEqual(['    -   at: 2026-03-11T11:00Z\r', '        status: monitoring\r', '        message: Watching.\r']);
    await expectValid(site);
  });

  it('finds the incident by a path relative to the current folder', async () => {
    const site = await siteWithOpenIncident();

    const result = await sitrep(['update', `./${OPEN_INCIDENT}`, '--status', 'monitoring', '--message', 'Watching.', '--affected', 'none', '--at', '2026-03-11T11:00Z'], { cwd: site });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Next: git add ${OPEN_INCIDENT} && git commit -m 'monitoring — Checkout: "slow" pages'\n`);
    expect(insertedLines(HAND_FORMATTED, await readFile(path.join(site, OPEN_INCIDENT), 'utf8')).lines).toContain('        affected: {}');
    await expectValid(site);
  });

  it('restores the file when the update makes it invalid', async () => {
    const site = await siteWithOpenIncident();

    const result = await sitrep(['update', '2026-03-11-checkout-slow', '--root', site, '--status', 'monitoring', '--message', 'Too early.', '--at', '2026-03-11T08:00Z']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the change was undone');
    expect(result.stderr).toContain(`${OPEN_INCIDENT}:24 updates[3].at: This update is earlier than the incident's \`started\` time.\n  Fix: `);
    expect(await readFile(path.join(site, OPEN_INCIDENT), 'utf8')).toBe(HAND_FORMATTED);
  });

  it('resolves with the default message, then rejects another update', async () => {
    const site = await siteWithOpenIncident();

    const resolved = await sitrep(['resolve', '2026-03-11-checkout-slow', '--root', site, '--at', '2026-03-11T12:00+01:00']);
    const afterResolve = await readFile(path.join(site, OPEN_INCIDENT), 'utf8');
    const again = await sitrep(['update', '2026-03-11-checkout-slow', '--root', site, '--status', 'investigating', '--message', 'Back.']);

    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`Resolved ${OPEN_INCIDENT}: resolved at 2026-03-11T12:00+01:00`);
    expect(insertedLines(HAND_FORMATTED, afterResolve).lines).toEqual([
      '    -   at: 2026-03-11T12:00+01:00',
      '        status: resolved',
      '        message: This incident has been resolved.',
    ]);
    await expectValid(site);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${OPEN_INCIDENT}: The incident was resolved at 2026-03-11T11:00:00Z`);
    expect(again.stderr).toContain('open a new incident with `sitrep new incident`');
    expect(await readFile(path.join(site, OPEN_INCIDENT), 'utf8')).toBe(afterResolve);
  });

  it('rejects a backfilled incident as resolved', async () => {
    const site = await makeSite();

    const result = await sitrep(['resolve', '2026-01-15-database-outage', '--root', site]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('was resolved at 2026-01-15T11:00:00Z');
  });

  it('rejects an invalid incident file and lists its problems', async () => {
    const site = await makeSite();
    const broken = ['---', 'title: Broken', 'affected:', '  apii: major_outage', 'started: 2026-03-11T10:00Z', 'updates:', '  - at: 2026-03-11T10:05Z', '    status: investigating', '    message: x', '---', ''].join('\n');
    await writeFile(path.join(site, 'incidents/broken.md'), broken);

    const result = await sitrep(['update', 'broken', '--root', site, '--status', 'identified', '--message', 'y']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('incidents/broken.md: the file has problems, so it was not changed.');
    expect(result.stderr).toContain('incidents/broken.md:4 affected.apii: Unknown service `apii`.');
    expect(await readFile(path.join(site, 'incidents/broken.md'), 'utf8')).toBe(broken);
  });

  it('rejects an unknown slug with a suggestion', async () => {
    const site = await siteWithOpenIncident();

    const result = await sitrep(['resolve', '2026-03-11-checkout-slwo', '--root', site]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No incident has the slug `2026-03-11-checkout-slwo`');
    expect(result.stderr).toContain('Did you mean `2026-03-11-checkout-slow`?');
  });

  it.each([
    [['update', '2026-03-11-checkout-slow', '--message', 'm'], 'Missing --status.'],
    [['update', '2026-03-11-checkout-slow', '--status', 'identified'], 'Missing --message.'],
    [['update', '--status', 'identified', '--message', 'm'], 'Missing the incident.'],
    [['resolve', '2026-03-11-checkout-slow', '--status', 'identified'], 'the option --status does not apply'],
    [['update', '2026-03-11-checkout-slow', '--status', 'fixed', '--message', 'm'], '`fixed` is not an incident status'],
  ])('rejects %j with exit 2', async (args, message) => {
    const site = await siteWithOpenIncident();

    const result = await sitrep([...args, '--root', site]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await readFile(path.join(site, OPEN_INCIDENT), 'utf8')).toBe(HAND_FORMATTED);
  });
});

describe('sitrep new maintenance', () => {
  it('creates a window from a start and a duration', async () => {
    const site = await makeSite();

    const result = await sitrep([
      'new', 'maintenance', '--root', site, '--title', 'Database upgrade', '--services', 'api,db',
      '--start', '2026-12-12T22:00+01:00', '--duration', '1h30m', '--message', 'Requests may be slower.', '--at', '2026-12-05T10:00Z',
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created content/maintenance/2026-12-12-database-upgrade.md');
    expect(result.stdout).toContain('commit -m "api, db: maintenance scheduled — Database upgrade"');
    expect(await readFile(path.join(site, 'content/maintenance/2026-12-12-database-upgrade.md'), 'utf8')).toBe(
      [
        '---',
        'title: Database upgrade',
        'services:',
        '  - api',
        '  - db',
        'start: 2026-12-12T22:00+01:00',
        'end: 2026-12-12T23:30:00+01:00',
        'updates:',
        '  - at: 2026-12-05T10:00Z',
        '    status: scheduled',
        '    message: Requests may be slower.',
        '---',
        '',
      ].join('\n'),
    );
    await expectValid(site);
  });

  it('removes the file and its new folder when the window is invalid', async () => {
    const site = await makeSite();
    await rm(path.join(site, 'content/maintenance'), { recursive: true });

    const result = await sitrep([
      'new', 'maintenance', '--root', site, '--title', 'Backwards', '--services', 'db',
      '--start', '2026-12-12T22:00Z', '--end', '2026-12-12T21:00Z', '--message', 'Oops.',
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/maintenance/2026-12-12-backwards.md:6 end: `end` is not after `start`.');
    expect(await readdir(path.join(site, 'content'))).not.toContain('maintenance');
  });

  it.each([
    [['--end', '2026-12-12T23:00Z', '--duration', '1h'], '--end and --duration are both given'],
    [['--duration', '2 hours'], 'Invalid --duration: `2 hours` is not a duration.'],
    [[], 'Missing --end.'],
  ])('rejects %j with exit 2', async (args, message) => {
    const site = await makeSite();

    const result = await sitrep(['new', 'maintenance', '--root', site, '--title', 'T', '--services', 'db', '--start', '2026-12-12T22:00Z', '--message', 'm', ...args]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('sitrep new postmortem', () => {
  it('creates the postmortem and links the incident', async () => {
    const site = await makeSite();
    const incident = 'incidents/2026-03-07-overnight-database.md';
    const before = await readFile(path.join(site, incident), 'utf8');

    const result = await sitrep(['new', 'postmortem', '2026-03-07-overnight-database', '--root', site, '--at', '2026-03-09T12:00Z']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created content/postmortems/2026-03-07-overnight-database.md\n');
    expect(result.stdout).toContain(`Added \`postmortem: 2026-03-07-overnight-database\` to ${incident}\n`);
    expect(result.stdout).toContain(`add content/postmortems/2026-03-07-overnight-database.md ${incident} && git -C ${site} commit -m "Add the postmortem of Overnight database failover"`);
    expect(insertedLines(before, await readFile(path.join(site, incident), 'utf8'))).toEqual({ index: 13, lines: ['postmortem: 2026-03-07-overnight-database'] });

    const postmortem = await readFile(path.join(site, 'content/postmortems/2026-03-07-overnight-database.md'), 'utf8');
    expect(postmortem.startsWith(
      ['---', 'title: "Postmortem: Overnight database failover"', 'incidents:', '  - 2026-03-07-overnight-database', 'published: 2026-03-09T12:00Z', '---', '', '## Timeline', ''].join('\n'),
    )).toBe(true);
    expect(postmortem).toContain('- **2026-03-07 23:35 EST** Investigating: Writes are failing on the primary.');
    expect(postmortem).toContain('## Action items\n\n| action | owner | due | status |');
    await expectValid(site);
  });

  it('leaves an incident that names another postmortem alone', async () => {
    const site = await makeSite();
    const incident = 'incidents/2026-01-15-database-outage.md';
    const before = await readFile(path.join(site, incident), 'utf8');

    const result = await sitrep(['new', 'postmortem', incident, '--root', site, '--title', 'Database outage, again']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Left ${incident} unchanged: it names the postmortem \`2026-01-database-review\``);
    expect(await readFile(path.join(site, incident), 'utf8')).toBe(before);
    await expectValid(site);
  });

  it('rejects a second postmortem of the same incident', async () => {
    const site = await makeSite();
    await sitrep(['new', 'postmortem', '2026-02-20-escaping', '--root', site]);

    const again = await sitrep(['new', 'postmortem', '2026-02-20-escaping', '--root', site]);

    expect(again.code).toBe(1);
    expect(again.stderr).toContain('content/postmortems/2026-02-20-escaping.md: A postmortem for `2026-02-20-escaping` exists already.');
  });
});

describe('sitrep help', () => {
  it.each([
    [['new', 'incident', '--help'], ['--title TEXT', '--affected SERVICE=IMPACT', 'ISO 8601 with an offset', 'default: now, written in UTC']],
    [['new', 'maintenance', '-h'], ['--duration LENGTH', 'd (days), h (hours) and m (minutes)']],
    [['help', 'new', 'postmortem'], ['Root cause', '--title TEXT']],
    [['update', '--help'], ['--status STATUS', '--affected SERVICE=IMPACT']],
    [['help', 'resolve'], ['This incident has been resolved.']],
    [['--help'], ['new incident', 'update <incident>', 'resolve <incident>', 'validate']],
  ])('%j lists the options', async (args, expected) => {
    const result = await sitrep(args);

    expect(result.code).toBe(0);
    for (const text of expected) expect(result.stdout).toContain(text);
  });

  it('rejects an unknown kind', async () => {
    const result = await sitrep(['new', 'outage']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown kind `outage`');
  });

  it('keeps validate working', async () => {
    const site = await makeSite();

    const result = await sitrep(['validate', '--root', site]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^All \d+ content files are valid\.$/m);
  });
});

// `script` (util-linux) runs the command on a pseudo-terminal, so the
// command asks for the missing options instead of failing.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('sitrep new incident on a terminal', () => {
  it('asks for missing options and asks again after an invalid answer', async () => {
    const site = await makeSite();
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(SITREP)} new incident --root ${JSON.stringify(site)} --at 2026-03-11T10:00Z`;

    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, SITREP_ROOT: '' } });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
      child.stdin.end('Prompted incident\napi=majr\napi=major_outage\nWe are on it.\n');
    });

    expect(output).toContain('Services:');
    expect(output).toContain('api  Public API');
    expect(output).toContain('`majr` is not an impact');
    expect(output).toContain('Created incidents/2026-03-11-prompted-incident.md');
    expect(await readFile(path.join(site, 'incidents/2026-03-11-prompted-incident.md'), 'utf8')).toContain('  api: major_outage\n');
    await expectValid(site);
  });
});
