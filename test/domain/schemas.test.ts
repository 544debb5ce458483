// Parses small site folders written to a temp dir, so every case runs
// through the real loader: gray-matter, the `yaml` package, the zod schemas
// and the messages that describe-issue.ts writes.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRepository, type LoadResult } from '../../src/repository/load-repository.ts';
import type { Problem } from '../../src/repository/problem.ts';

const CONFIG_FILE = 'content/config.yml';

const VALID_CONFIG = yaml(
  'title: Test Status',
  'url: https://status.example.com',
  'services:',
  '  - id: api',
  '    name: API',
  '  - id: web',
  '    name: Website',
);

const temporaryRoots: string[] = [];

afterAll(async () => {
  await Promise.all(temporaryRoots.map((root) => rm(root, { recursive: true, force: true })));
});

/** Joins lines into a file's text with a final newline. */
function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** Builds a markdown file whose frontmatter fields start on line 2. */
function markdown(...fields: string[]): string {
  return `---\n${fields.join('\n')}\n---\n\nBody text.\n`;
}

/**
 * Writes a site folder to a new temp dir and loads it. `files` maps paths
 * relative to the site root to their text. The config defaults to a valid
 * one with the services `api` and `web`, and `incidents/` always exists.
 */
async function loadSite(files: Record<string, string>): Promise<LoadResult> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-schemas-'));
  temporaryRoots.push(root);

  await mkdir(path.join(root, 'incidents'), { recursive: true });
  const allFiles = { [CONFIG_FILE]: VALID_CONFIG, ...files };
  for (const [file, text] of Object.entries(allFiles)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }

  return loadRepository(root);
}

interface InvalidCase {
  name: string;
  file: string;
  text: string;
  line: number | undefined;
  field: string | undefined;
  /** Words that the message must contain. */
  message: string[];
  /** Words that the fix must contain. */
  fix: string[];
  /** Total number of problems in the site, checked only when given. */
  count?: number;
}

/** Returns the problem in `file` at `field`, failing with the full list when there is none. */
function problemAt(problems: readonly Problem[], file: string, field: string | undefined): Problem {
  const problem = problems.find((candidate) => candidate.file === file && candidate.field === field);
  if (!problem) throw new Error(`no problem at ${file} ${field ?? '(no field)'}; got ${JSON.stringify(problems, null, 2)}`);
  return problem;
}

async function expectProblem(testCase: InvalidCase): Promise<void> {
  const { problems, repository } = await loadSite({ [testCase.file]: testCase.text });
  const problem = problemAt(problems, testCase.file, testCase.field);

  expect(repository).toBeUndefined();
  expect(problem.line).toBe(testCase.line);
  for (const word of testCase.message) expect(problem.message).toContain(word);
  for (const word of testCase.fix) expect(problem.fix).toContain(word);
  if (testCase.count !== undefined) expect(problems).toHaveLength(testCase.count);
}

const INCIDENT = 'incidents/database-slow.md';

const invalidIncidents: InvalidCase[] = [
  {
    name: 'naive started time',
    file: INCIDENT,
    text: markdown('title: Database slow', 'started: 2026-03-02T10:00', 'resolved: 2026-03-02T11:00Z'),
    line: 3,
    field: 'started',
    message: ['`2026-03-02T10:00`', 'no time zone offset'],
    fix: ['`2026-03-02T10:00Z`', '`2026-03-02T10:00+01:00`'],
    count: 1,
  },
  {
    name: 'date-only resolved time',
    file: INCIDENT,
    text: markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02'),
    line: 4,
    field: 'resolved',
    message: ['`2026-03-02`', 'no time zone offset'],
    fix: ['`2026-03-02T00:00Z`', '`2026-03-02T00:00+01:00`'],
    count: 1,
  },
  {
    name: 'February 30',
    file: INCIDENT,
    text: markdown('title: Database slow', 'started: 2026-02-30T10:00Z', 'resolved: 2026-03-02T11:00Z'),
    line: 3,
    field: 'started',
    message: ['`2026-02-30T10:00Z`', 'not a real date'],
    fix: ['day'],
    count: 1,
  },
  {
    name: 'resolved before started',
    file: INCIDENT,
    text: markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T09:59Z'),
    line: 4,
    field: 'resolved',
    message: ['`resolved`', 'earlier than `started`'],
    fix: ['after `started`'],
    count: 1,
  },
  {
    name: 'update before started',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'started: 2026-03-02T10:00Z',
      'updates:',
      '  - at: 2026-03-02T09:30Z',
      '    status: investigating',
      '    message: Queries are slow.',
    ),
    line: 5,
    field: 'updates[0].at',
    message: ['earlier than', '`started`'],
    fix: ['`started`'],
    count: 1,
  },
  {
    name: 'updates out of order',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'started: 2026-03-02T10:00Z',
      'updates:',
      '  - at: 2026-03-02T11:00Z',
      '    status: investigating',
      '    message: Queries are slow.',
      '  - at: 2026-03-02T10:30Z',
      '    status: identified',
      '    message: An index is missing.',
    ),
    line: 8,
    field: 'updates[1].at',
    message: ['earlier than the update before it'],
    fix: ['oldest first'],
    count: 1,
  },
  {
    name: 'update after resolved update',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'started: 2026-03-02T10:00Z',
      'updates:',
      '  - at: 2026-03-02T11:00Z',
      '    status: resolved',
      '    message: Fixed.',
      '  - at: 2026-03-02T11:30Z',
      '    status: monitoring',
      '    message: Watching.',
    ),
    line: 8,
    field: 'updates[1]',
    message: ['follows the `resolved` update'],
    fix: ['last one', 'new incident'],
    count: 1,
  },
  {
    name: 'resolved while monitoring',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'started: 2026-03-02T10:00Z',
      'resolved: 2026-03-02T12:00Z',
      'updates:',
      '  - at: 2026-03-02T11:00Z',
      '    status: monitoring',
      '    message: Watching.',
    ),
    line: 4,
    field: 'resolved',
    message: ['`resolved`', '`monitoring`'],
    fix: ['`status: resolved`', 'remove `resolved`'],
    count: 1,
  },
  {
    name: 'resolved differs from resolved update',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'started: 2026-03-02T10:00Z',
      'resolved: 2026-03-02T12:00Z',
      'updates:',
      '  - at: 2026-03-02T11:00Z',
      '    status: resolved',
      '    message: Fixed.',
    ),
    line: 4,
    field: 'resolved',
    message: ['differs from', 'resolved update'],
    fix: ['remove `resolved`'],
    count: 1,
  },
  {
    name: 'no updates and no resolved',
    file: INCIDENT,
    text: markdown('title: Database slow', 'started: 2026-03-02T10:00Z'),
    line: 2,
    field: 'updates',
    message: ['no updates', '`resolved`'],
    fix: ['status: investigating', '`resolved`'],
    count: 1,
  },
  {
    name: 'misspelt update status',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'started: 2026-03-02T10:00Z',
      'updates:',
      '  - at: 2026-03-02T11:00Z',
      '    status: resolvd',
      '    message: Fixed.',
    ),
    line: 6,
    field: 'updates[0].status',
    message: ['`resolvd`', 'not a valid `status`'],
    fix: ['did you mean `resolved`?', '`investigating`'],
    count: 1,
  },
  {
    name: 'misspelt impact',
    file: INCIDENT,
    text: markdown('title: Database slow', 'impact: majr', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z'),
    line: 3,
    field: 'impact',
    message: ['`majr`'],
    fix: ['did you mean `major`?'],
    count: 1,
  },
  {
    name: 'misspelt service impact',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'affected:',
      '  api: major-outage',
      'started: 2026-03-02T10:00Z',
      'resolved: 2026-03-02T11:00Z',
    ),
    line: 4,
    field: 'affected.api',
    message: ['`major-outage`'],
    fix: ['did you mean `major_outage`?'],
    count: 1,
  },
  {
    name: 'misspelt field name',
    file: INCIDENT,
    text: markdown('titel: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z'),
    line: 2,
    field: 'titel',
    message: ['unknown field `titel`'],
    fix: ['did you mean `title`?', '`postmortem`'],
    // The misspelt field also leaves `title` missing.
    count: 2,
  },
  {
    name: 'misspelt update field',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'started: 2026-03-02T10:00Z',
      'updates:',
      '  - at: 2026-03-02T11:00Z',
      '    status: resolved',
      '    mesage: Fixed.',
    ),
    line: 7,
    field: 'updates[0].mesage',
    message: ['unknown field `mesage`'],
    fix: ['did you mean `message`?'],
    count: 2,
  },
  {
    name: 'missing title',
    file: INCIDENT,
    text: markdown('started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z'),
    line: 2,
    field: 'title',
    message: ['required field `title`', 'missing'],
    fix: ['`title:`'],
    count: 1,
  },
  {
    name: 'automated: yes',
    file: INCIDENT,
    text: markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z', 'automated: yes'),
    line: 5,
    field: 'automated',
    message: ['`true` or `false`', '`yes`'],
    fix: ['`true` or `false`'],
    count: 1,
  },
  {
    name: 'automated: "true"',
    file: INCIDENT,
    text: markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z', 'automated: "true"'),
    line: 5,
    field: 'automated',
    message: ['`true` or `false`'],
    fix: ['without quotes'],
    count: 1,
  },
  {
    name: 'updates as a mapping',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'started: 2026-03-02T10:00Z',
      'updates:',
      '  at: 2026-03-02T11:00Z',
      '  status: resolved',
      '  message: Fixed.',
    ),
    line: 5,
    field: 'updates',
    message: ['expected a list'],
    fix: ['`- item`'],
    count: 1,
  },
];

const invalidFiles: InvalidCase[] = [
  {
    name: 'empty file',
    file: INCIDENT,
    text: '',
    line: undefined,
    field: undefined,
    message: ['empty'],
    fix: ['`---`'],
    count: 1,
  },
  {
    name: 'whitespace-only file',
    file: INCIDENT,
    text: '\n  \n',
    line: undefined,
    field: undefined,
    message: ['empty'],
    fix: ['`---`'],
    count: 1,
  },
  {
    name: 'no frontmatter',
    file: INCIDENT,
    text: yaml('title: Database slow', 'started: 2026-03-02T10:00Z'),
    line: 1,
    field: undefined,
    message: ['no frontmatter'],
    fix: ['`---`', '`title:`'],
    count: 1,
  },
  {
    name: 'unclosed frontmatter',
    file: INCIDENT,
    text: yaml('---', 'title: Database slow', 'started: 2026-03-02T10:00Z', '', 'Body text.'),
    line: 1,
    field: undefined,
    message: ['not closed'],
    fix: ['`---`'],
    count: 1,
  },
  {
    name: 'empty frontmatter',
    file: INCIDENT,
    text: yaml('---', '---', 'Body text.'),
    line: 2,
    field: undefined,
    message: ['no fields'],
    fix: ['`field: value`'],
    count: 1,
  },
  {
    name: 'unquoted colon in YAML',
    file: INCIDENT,
    text: markdown('title: Database: slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z'),
    line: 2,
    field: undefined,
    message: ['does not parse'],
    fix: ['quote'],
    count: 1,
  },
  {
    name: 'misindented YAML',
    file: INCIDENT,
    text: markdown(
      'title: Database slow',
      'started: 2026-03-02T10:00Z',
      'updates:',
      '  - at: 2026-03-02T11:00Z',
      '    status: resolved',
      '   message: Fixed.',
    ),
    line: 7,
    field: undefined,
    message: ['does not parse'],
    fix: ['indentation'],
    count: 1,
  },
  {
    name: 'duplicate YAML key',
    file: INCIDENT,
    text: markdown('title: Database slow', 'title: Database slower', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z'),
    line: 3,
    field: undefined,
    message: ['`title`', 'appears twice'],
    fix: ['delete the other'],
    count: 1,
  },
  {
    name: 'file name with underscore',
    file: 'incidents/Database_slow.md',
    text: markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z'),
    line: undefined,
    field: undefined,
    message: ['`Database_slow`', 'URL'],
    fix: ['`database-slow.md`'],
    count: 1,
  },
];

const MAINTENANCE = 'content/maintenance/database-upgrade.md';

const invalidMaintenance: InvalidCase[] = [
  {
    name: 'end before start',
    file: MAINTENANCE,
    text: markdown('title: Database upgrade', 'services: [api]', 'start: 2026-03-20T22:00Z', 'end: 2026-03-20T21:00Z'),
    line: 5,
    field: 'end',
    message: ['`end` is not after `start`'],
    fix: ['after its start'],
    count: 1,
  },
  {
    name: 'end equal to start',
    file: MAINTENANCE,
    text: markdown('title: Database upgrade', 'services: [api]', 'start: 2026-03-20T22:00Z', 'end: 2026-03-20T23:00+01:00'),
    line: 5,
    field: 'end',
    message: ['`end` is not after `start`'],
    fix: ['after its start'],
    count: 1,
  },
  {
    name: 'naive start',
    file: MAINTENANCE,
    text: markdown('title: Database upgrade', 'services: [api]', 'start: 2026-03-20 22:00', 'end: 2026-03-20T23:00Z'),
    line: 4,
    field: 'start',
    message: ['no time zone offset'],
    fix: ['`2026-03-20T22:00Z`'],
    count: 1,
  },
  {
    name: 'no services',
    file: MAINTENANCE,
    text: markdown('title: Database upgrade', 'services: []', 'start: 2026-03-20T22:00Z', 'end: 2026-03-20T23:00Z'),
    line: 3,
    field: 'services',
    message: ['`services` lists nothing'],
    fix: ['at least 1 item'],
    count: 1,
  },
  {
    name: 'misspelt status',
    file: MAINTENANCE,
    text: markdown(
      'title: Database upgrade',
      'services: [api]',
      'start: 2026-03-20T22:00Z',
      'end: 2026-03-20T23:00Z',
      'updates:',
      '  - at: 2026-03-20T22:00Z',
      '    status: in-progress',
      '    message: Started.',
    ),
    line: 8,
    field: 'updates[0].status',
    message: ['`in-progress`'],
    fix: ['did you mean `in_progress`?'],
    count: 1,
  },
  {
    name: 'update after completed',
    file: MAINTENANCE,
    text: markdown(
      'title: Database upgrade',
      'services: [api]',
      'start: 2026-03-20T22:00Z',
      'end: 2026-03-20T23:00Z',
      'updates:',
      '  - at: 2026-03-20T22:40Z',
      '    status: completed',
      '    message: Done.',
      '  - at: 2026-03-20T22:50Z',
      '    status: verifying',
      '    message: Checking.',
    ),
    line: 10,
    field: 'updates[1]',
    message: ['follows the `completed` update'],
    fix: ['last one'],
    count: 1,
  },
  {
    name: 'updates out of order',
    file: MAINTENANCE,
    text: markdown(
      'title: Database upgrade',
      'services: [api]',
      'start: 2026-03-20T22:00Z',
      'end: 2026-03-20T23:00Z',
      'updates:',
      '  - at: 2026-03-20T22:00Z',
      '    status: in_progress',
      '    message: Started.',
      '  - at: 2026-03-19T09:00Z',
      '    status: scheduled',
      '    message: Planned.',
    ),
    line: 10,
    field: 'updates[1].at',
    message: ['earlier than the update before it'],
    fix: ['oldest first'],
    count: 1,
  },
];

const POSTMORTEM = 'content/postmortems/database-review.md';

const invalidPostmortems: InvalidCase[] = [
  {
    name: 'empty incidents list',
    file: POSTMORTEM,
    text: markdown('title: Database review', 'incidents: []', 'published: 2026-03-09T10:00Z'),
    line: 3,
    field: 'incidents',
    message: ['`incidents` lists nothing'],
    fix: ['at least 1 item'],
    count: 1,
  },
  {
    name: 'missing incidents',
    file: POSTMORTEM,
    text: markdown('title: Database review', 'published: 2026-03-09T10:00Z'),
    line: 2,
    field: 'incidents',
    message: ['required field `incidents`', 'missing'],
    fix: ['`incidents:`', 'a list'],
    count: 1,
  },
  {
    name: 'unknown incident',
    file: POSTMORTEM,
    text: markdown('title: Database review', 'incidents:', '  - database-slow', 'published: 2026-03-09T10:00Z'),
    line: 4,
    field: 'incidents[0]',
    message: ['unknown incident `database-slow`'],
    fix: ['`incidents/database-slow.md`'],
    count: 1,
  },
];

const invalidConfigs: InvalidCase[] = [
  {
    name: 'unknown time zone',
    file: CONFIG_FILE,
    text: VALID_CONFIG + 'timezone: Europe/Berln\n',
    line: 8,
    field: 'timezone',
    message: ['unknown time zone `Europe/Berln`'],
    fix: ['did you mean `Europe/Berlin`?', 'IANA'],
    count: 1,
  },
  {
    name: 'URL without scheme',
    file: CONFIG_FILE,
    text: VALID_CONFIG.replace('https://status.example.com', 'status.example.com'),
    line: 2,
    field: 'url',
    message: ['`status.example.com`', 'not a full http:// or https:// address'],
    fix: ['`https://status.example.com`'],
  },
  {
    name: 'ftp URL',
    file: CONFIG_FILE,
    text: VALID_CONFIG.replace('https://status.example.com', 'ftp://status.example.com'),
    line: 2,
    field: 'url',
    message: ['http:// or https://'],
    fix: ['`https://status.example.com`'],
    count: 1,
  },
  {
    name: 'service id with capitals',
    file: CONFIG_FILE,
    text: VALID_CONFIG.replace('id: web', 'id: Web'),
    line: 6,
    field: 'services[1].id',
    message: ['lower-case letters, digits and hyphens'],
    fix: ['slug'],
    count: 1,
  },
  {
    name: 'missing services',
    file: CONFIG_FILE,
    text: yaml('title: Test Status', 'url: https://status.example.com'),
    line: 1,
    field: 'services',
    message: ['required field `services`', 'missing'],
    fix: ['`services:`', 'a list'],
    count: 1,
  },
  {
    name: 'empty services',
    file: CONFIG_FILE,
    text: yaml('title: Test Status', 'url: https://status.example.com', 'services: []'),
    line: 3,
    field: 'services',
    message: ['`services` lists nothing'],
    fix: ['at least 1 item'],
    count: 1,
  },
  {
    name: 'misspelt service field',
    file: CONFIG_FILE,
    text: VALID_CONFIG.replace('    name: Website', '    nmae: Website'),
    line: 7,
    field: 'services[1].nmae',
    message: ['unknown field `nmae`'],
    fix: ['did you mean `name`?'],
    // The misspelt field also leaves `name` missing.
    count: 2,
  },
  {
    name: 'collapsed as text',
    file: CONFIG_FILE,
    text: VALID_CONFIG + yaml('groups:', '  - id: core', '    name: Core', '    collapsed: "yes"'),
    line: 11,
    field: 'groups[0].collapsed',
    message: ['`true` or `false`'],
    fix: ['`true` or `false`'],
    count: 1,
  },
];

describe('incident schema', () => {
  it.each(invalidIncidents)('rejects $name', expectProblem);
});

describe('markdown file', () => {
  it.each(invalidFiles)('rejects $name', expectProblem);
});

describe('maintenance schema', () => {
  it.each(invalidMaintenance)('rejects $name', expectProblem);
});

describe('postmortem schema', () => {
  it.each(invalidPostmortems)('rejects $name', expectProblem);
});

describe('config schema', () => {
  it.each(invalidConfigs)('rejects $name', expectProblem);
});

describe('type mismatches', () => {
  it('time given as boolean', async () => {
    const { problems } = await loadSite({
      [INCIDENT]: markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: true'),
    });
    const problem = problemAt(problems, INCIDENT, 'resolved');

    expect(problem.line).toBe(4);
    expect(problem.message).toContain('time');
    expect(problem.fix).toContain('Z');
  });

  it('quoted boolean shows quotes', async () => {
    const { problems } = await loadSite({
      [INCIDENT]: markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z', 'automated: "true"'),
    });
    const problem = problemAt(problems, INCIDENT, 'automated');

    expect(problem.message).toContain('"true"');
  });

  it('number as title', async () => {
    const { problems } = await loadSite({
      [INCIDENT]: markdown('title: 2026', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z'),
    });
    const problem = problemAt(problems, INCIDENT, 'title');

    expect(problem.line).toBe(2);
    expect(problem.message).toContain('expected text');
    expect(problem.fix).toContain('quotes');
  });
});

describe('problems in one file', () => {
  it('reports every field at once', async () => {
    const { problems } = await loadSite({
      [INCIDENT]: markdown(
        'title: Database slow',
        'started: 2026-03-02T10:00',
        'resolved: 2026-02-30T11:00Z',
        'automated: yes',
        'impact: majr',
      ),
    });

    expect(problems.map((problem) => problem.field).sort()).toEqual(['automated', 'impact', 'resolved', 'started']);
  });

  it('CRLF keeps line numbers', async () => {
    const text = markdown('title: Database slow', 'started: 2026-03-02T10:00', 'resolved: 2026-03-02T11:00Z').replace(/\n/g, '\r\n');
    const { problems } = await loadSite({ [INCIDENT]: text });

    expect(problemAt(problems, INCIDENT, 'started').line).toBe(3);
  });

  it('byte order mark keeps line numbers', async () => {
    const text = `\uFEFF${markdown('title: Database slow', 'started: 2026-03-02T10:00', 'resolved: 2026-03-02T11:00Z')}`;
    const { problems } = await loadSite({ [INCIDENT]: text });

    expect(problemAt(problems, INCIDENT, 'started').line).toBe(3);
  });
});

describe('content folders', () => {
  it('misspelt postmortems folder', async () => {
    const { problems } = await loadSite({
      'content/postmortem/database-review.md': markdown('title: Database review', 'incidents: [x]', 'published: 2026-03-09T10:00Z'),
    });
    const problem = problemAt(problems, 'content/postmortem/', undefined);

    expect(problem.message).toContain('unknown folder');
    expect(problem.fix).toContain('did you mean `content/postmortems/`?');
    expect(problems).toHaveLength(1);
  });

  it('incidents under content', async () => {
    const { problems } = await loadSite({
      'content/incidents/database-slow.md': markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z'),
    });
    const problem = problemAt(problems, 'content/incidents/', undefined);

    expect(problem.fix).toContain('`incidents/`');
    expect(problem.fix).not.toContain('content/maintenance/');
  });

  it('skips README and dot files', async () => {
    const { problems, fileCount } = await loadSite({
      'incidents/README.md': '# How to write an incident\n',
      'incidents/.gitkeep': '',
      'incidents/.drafts/unfinished.md': 'not yet\n',
    });

    expect(problems).toEqual([]);
    expect(fileCount).toBe(1);
  });

  it('missing incidents folder', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-schemas-'));
    temporaryRoots.push(root);
    await mkdir(path.join(root, 'content'));
    await writeFile(path.join(root, CONFIG_FILE), VALID_CONFIG);
    const { problems } = await loadRepository(root);
    const problem = problemAt(problems, 'incidents/', undefined);

    expect(problem.message).toContain('missing');
    expect(problem.fix).toContain('.gitkeep');
  });
});

describe('valid content', () => {
  it('backfilled incident without updates', async () => {
    const { problems, repository } = await loadSite({
      [INCIDENT]: markdown(
        'title: Database slow',
        'affected:',
        '  api: degraded_performance',
        'started: 2026-03-02T10:00Z',
        'resolved: 2026-03-02T11:30+01:00',
      ),
    });
    const incident = repository?.incidents[0];

    expect(problems).toEqual([]);
    expect(incident?.slug).toBe('database-slow');
    expect(incident?.updates).toEqual([]);
    expect(incident?.resolved?.toISOString()).toBe('2026-03-02T10:30:00.000Z');
    expect(incident?.automated).toBe(false);
    expect(incident?.body).toBe('Body text.');
  });

  it('update that changes affected', async () => {
    const { problems, repository } = await loadSite({
      [INCIDENT]: markdown(
        'title: Database slow',
        'affected:',
        '  api: degraded_performance',
        'started: 2026-03-02T10:00Z',
        'updates:',
        '  - at: 2026-03-02T10:05Z',
        '    status: investigating',
        '    message: Queries are slow.',
        '  - at: 2026-03-02T10:20Z',
        '    status: identified',
        '    message: The website is down too.',
        '    affected:',
        '      api: major_outage',
        '      web: partial_outage',
      ),
    });
    const updates = repository?.incidents[0]?.updates;

    expect(problems).toEqual([]);
    expect(updates?.[0]?.affected).toBeUndefined();
    expect(updates?.[1]?.affected).toEqual({ api: 'major_outage', web: 'partial_outage' });
  });

  it('maintenance with cancelled update', async () => {
    const { problems, repository } = await loadSite({
      [MAINTENANCE]: markdown(
        'title: Database upgrade',
        'services: [api, web]',
        'start: 2026-03-20T22:00Z',
        'end: 2026-03-21T00:00Z',
        'updates:',
        '  - at: 2026-03-10T09:00Z',
        '    status: scheduled',
        '    message: Planned.',
        '  - at: 2026-03-18T09:00Z',
        '    status: cancelled',
        '    message: Not needed after all.',
      ),
    });
    const window = repository?.maintenance[0];

    expect(problems).toEqual([]);
    expect(window?.services).toEqual(['api', 'web']);
    expect(window?.updates.map((update) => update.status)).toEqual(['scheduled', 'cancelled']);
  });

  it('postmortem naming an incident', async () => {
    const { problems, repository } = await loadSite({
      [INCIDENT]: markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'resolved: 2026-03-02T11:00Z', 'postmortem: database-review'),
      [POSTMORTEM]: markdown('title: Database review', 'incidents:', '  - database-slow', 'published: 2026-03-09T10:00Z'),
    });

    expect(problems).toEqual([]);
    expect(repository?.postmortems[0]?.incidents).toEqual(['database-slow']);
  });

  const baseCases: [string, string][] = [
    ['status', '/status/'],
    ['/status', '/status/'],
    ['status/', '/status/'],
    ['/status/', '/status/'],
    ['/', '/'],
    ["''", '/'],
  ];

  it.each(baseCases)('config base %s', async (base, expected) => {
    const { problems, repository } = await loadSite({ [CONFIG_FILE]: `${VALID_CONFIG}base: ${base}\n` });

    expect(problems).toEqual([]);
    expect(repository?.config.base).toBe(expected);
  });

  it('config defaults', async () => {
    const { repository } = await loadSite({});

    expect(repository?.config.base).toBe('/');
    expect(repository?.config.timezone).toBe('UTC');
    expect(repository?.config.groups).toEqual([]);
  });

  const timeCases: [string, string][] = [
    ['2026-03-02T10:15Z', '2026-03-02T10:15:00.000Z'],
    ['2026-03-02T11:15:00+01:00', '2026-03-02T10:15:00.000Z'],
    ['2026-03-02 11:15:00+01:00', '2026-03-02T10:15:00.000Z'],
    ['2026-03-02T05:15-05:00', '2026-03-02T10:15:00.000Z'],
    ['2026-03-02T10:15:30.250Z', '2026-03-02T10:15:30.250Z'],
    ['2028-02-29T10:15Z', '2028-02-29T10:15:00.000Z'],
  ];

  it.each(timeCases)('time %s', async (text, expected) => {
    const { problems, repository } = await loadSite({
      [INCIDENT]: markdown('title: Database slow', `started: ${text}`, 'resolved: 2030-01-01T00:00Z'),
    });

    expect(problems).toEqual([]);
    expect(repository?.incidents[0]?.started.toISOString()).toBe(expected);
  });
});

describe('line endings', () => {
  it('CRLF file ending in an update validates', async () => {
    const text = markdown('title: Database slow', 'started: 2026-03-02T10:00Z', 'updates:', '  - at: 2026-03-02T11:00Z', '    message: Fixed.', '    status: resolved').replace(/\n/g, '\r\n');
    const { problems, repository } = await loadSite({ [INCIDENT]: text });

    expect(problems).toEqual([]);
    expect(repository?.incidents[0]?.updates[0]?.status).toBe('resolved');
  });
});
