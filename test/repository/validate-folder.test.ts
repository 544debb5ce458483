// Validates test/fixtures/broken-site, which contains many mistakes at once,
// and checks that one run reports every one of them: through loadRepository
// and through the real `sitrep validate` command.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type LoadResult } from '../../src/repository/load-repository.ts';
import type { Problem } from '../../src/repository/problem.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BROKEN_SITE = 'test/fixtures/broken-site';
const BROKEN_SITE_PATH = fileURLToPath(new URL('../fixtures/broken-site', import.meta.url));

const execFileAsync = promisify(execFile);

/** A row of file, line, field, a word in the message and a word in the fix. Line and field are `undefined` where the problem has none. */
type ExpectedProblem = [string, number | undefined, string | undefined, string, string];

const EXPECTED_PROBLEMS: ExpectedProblem[] = [
  ['content/config.yml', 4, 'timezone', 'unknown time zone `Europe/Berln`', 'did you mean `Europe/Berlin`?'],
  ['content/config.yml', 11, 'services[0].group', 'unknown group `platfrom`', 'did you mean `platform`?'],
  ['content/config.yml', 15, 'services[2].id', 'the id `api` is used twice', 'its own id'],
  ['content/config.yml', 17, 'services[3].id', 'lower-case letters', 'slug'],
  ['content/maintenance/database-upgrade.md', 5, 'services[1]', 'unknown service `databse`', 'content/config.yml'],
  ['content/maintenance/database-upgrade.md', 7, 'end', '`end` is not after `start`', 'after its start'],
  ['content/maintenance/website-move.md', 10, 'updates[1]', 'follows the `cancelled` update', 'last one'],
  ['content/maintenances/', undefined, undefined, 'unknown folder', 'did you mean `content/maintenance/`?'],
  ['content/postmortems/database-failover.md', 5, 'incidents[1]', 'unknown incident `checkout-outage`', '`incidents/checkout-outage.md`'],
  ['content/postmortems/unfinished.md', 1, undefined, 'not closed', '`---`'],
  ['incidents/API-down.md', 2, undefined, 'the slug `api-down` is also used by incidents/2026/api-down.md', 'rename'],
  ['incidents/API-down.md', 4, 'affected.apii', 'unknown service `apii`', 'did you mean `api`?'],
  ['incidents/broken-yaml.md', 2, undefined, 'does not parse', 'quote'],
  ['incidents/database-failover.md', 7, 'postmortem', 'unknown postmortem `database-incident-review`', '`database-failover`'],
  ['incidents/empty.md', undefined, undefined, 'empty', '`---`'],
  ['incidents/naive-date.md', 5, 'started', 'no time zone offset', '`2026-03-04T08:00Z`'],
  ['incidents/no-frontmatter.md', 1, undefined, 'no frontmatter', '`---`'],
  ['incidents/notes.txt', undefined, undefined, 'only `.md` files', '`notes.md`'],
  ['incidents/outage_2026_03_10.md', undefined, undefined, 'cannot be used in a URL', '`outage-2026-03-10.md`'],
  ['incidents/resolved-early.md', 6, 'resolved', 'earlier than `started`', 'after `started`'],
  ['incidents/unknown-field.md', 2, 'titel', 'unknown field `titel`', 'did you mean `title`?'],
  ['incidents/unknown-field.md', 2, 'title', 'required field `title` is missing', '`title:`'],
  ['incidents/unknown-status.md', 11, 'updates[1].status', '`resolvd` is not a valid `status`', 'did you mean `resolved`?'],
  ['incidents/wrong-types.md', 6, 'resolved', '`yes` is not an ISO 8601 time', 'Z'],
  ['incidents/wrong-types.md', 7, 'automated', '`true` or `false`', 'without quotes'],
];

const EXPECTED_FILES = [...new Set(EXPECTED_PROBLEMS.map(([file]) => file))];

/** Runs `sitrep validate` with `args` and returns its exit code and output, also when the code is not 0. */
async function runCli(
  args: string[],
  environment: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  // Tests may run on GitHub Actions, where the default format is `github`.
  const env = { ...process.env, GITHUB_ACTIONS: '', SITREP_DEBUG: '', SITREP_ROOT: '', ...environment };
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['scripts/sitrep.mjs', 'validate', ...args], { cwd: REPOSITORY_ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw error;
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

function describeProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => `${problem.file}:${problem.line ?? '-'} ${problem.field ?? '-'} ${problem.message}`).join('\n');
}

describe('loadRepository on broken site', () => {
  let result: LoadResult;

  beforeAll(async () => {
    result = await loadRepository(BROKEN_SITE_PATH);
  });

  it.each(EXPECTED_PROBLEMS)('reports %s:%s %s', (file, line, field, messageWord, fixWord) => {
    const matches = result.problems.filter(
      (problem) => problem.file === file && problem.line === line && problem.field === field && problem.message.includes(messageWord),
    );

    expect(matches, `not found among:\n${describeProblems(result.problems)}`).toHaveLength(1);
    expect(matches[0]?.fix).toContain(fixWord);
  });

  it('reports nothing else', () => {
    expect(result.problems, describeProblems(result.problems)).toHaveLength(EXPECTED_PROBLEMS.length);
  });

  it('returns no repository', () => {
    expect(result.repository).toBeUndefined();
  });

  it('skips the misspelt folder', () => {
    expect(result.problems.some((problem) => problem.file.startsWith('content/maintenances/old-window'))).toBe(false);
  });
});

describe('sitrep validate', () => {
  it('text format exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['--root', BROKEN_SITE]);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`${EXPECTED_PROBLEMS.length} problems in ${EXPECTED_FILES.length} files:`);
    for (const file of EXPECTED_FILES) expect(stderr).toContain(file);
    expect(stderr).not.toMatch(/^\s{4}at /m);
    expect(stderr).not.toContain('SITREP_DEBUG');
  });

  it('text format shows line and fix', async () => {
    const { stderr } = await runCli(['--root', BROKEN_SITE]);

    expect(stderr).toContain('incidents/naive-date.md:5 started: `2026-03-04T08:00` has no time zone offset.');
    expect(stderr).toContain('  Fix: Add `Z` for UTC or an offset');
  });

  it('github format annotates each problem', async () => {
    const { code, stdout, stderr } = await runCli(['--root', BROKEN_SITE, '--format', 'github']);
    const lines = stdout.trimEnd().split('\n');

    expect(code).toBe(1);
    expect(lines[0]).toMatch(new RegExp(`^::error::${EXPECTED_PROBLEMS.length} problems in the status content`));
    expect(lines).toHaveLength(EXPECTED_PROBLEMS.length + 1);
    for (const [file, line] of EXPECTED_PROBLEMS) {
      const location = line === undefined ? `::error file=${file}` : `::error file=${file},line=${line}`;
      expect(lines.some((output) => output.startsWith(`${location},`) || output.startsWith(`${location}::`)), location).toBe(true);
    }
    expect(stdout).not.toMatch(/^\s{4}at /m);
    expect(stderr).toContain(`${EXPECTED_PROBLEMS.length} problems`);
  });

  it('github format is the Actions default', async () => {
    const { stdout } = await runCli(['--root', BROKEN_SITE], { GITHUB_ACTIONS: 'true' });

    expect(stdout.split('\n')[0]).toMatch(/^::error::/);
  });

  it('example site is valid', async () => {
    const { code, stdout, stderr } = await runCli(['--root', '.']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^All \d+ content files are valid\.$/m);
    expect(stderr).toBe('');
  });

  it('missing root exits 1', async () => {
    const { code, stderr } = await runCli(['--root', 'test/fixtures/no-such-site']);

    expect(code).toBe(1);
    expect(stderr).toContain('content/config.yml');
    expect(stderr).toContain('missing');
    expect(stderr).not.toMatch(/^\s{4}at /m);
  });

  it('unknown format exits 2', async () => {
    const { code, stderr } = await runCli(['--root', BROKEN_SITE, '--format', 'json']);

    expect(code).toBe(2);
    expect(stderr).toContain('`json`');
  });
});
