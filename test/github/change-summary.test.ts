import { afterEach, describe, expect, it } from 'vitest';
import { appendUpdate } from '../../src/authoring/append-update.ts';
import { formatSummaryMarkdown, formatSummaryText, summarizeChanges, SUMMARY_MARKER } from '../../src/github/change-summary.ts';
import { runSummarize } from '../../src/cli/summarize.ts';
import { ContentTree, FIXTURE_NOW } from './content-trees.ts';

const trees: ContentTree[] = [];

async function twoTrees(): Promise<[ContentTree, ContentTree]> {
  const base = await ContentTree.create();
  const head = await ContentTree.create();
  trees.push(base, head);
  return [base, head];
}

afterEach(async () => {
  await Promise.all(trees.splice(0).map((tree) => tree.remove()));
});

const NEW_INCIDENT = `---
title: CDN cache misses
affected:
  cdn: partial_outage
started: 2026-03-10T11:40:00Z
updates:
  - at: 2026-03-10T11:45:00Z
    status: investigating
    message: Many requests miss the cache.
---
`;

const NEW_MAINTENANCE = `---
title: API database upgrade
services: [api]
start: 2026-03-25T14:00:00Z
end: 2026-03-25T15:30:00Z
---
`;

const NEW_POSTMORTEM = `---
title: API errors review
incidents: [2026-03-10-api-errors]
published: 2026-03-10T11:50:00Z
---
A failed disk.
`;

describe('summarizeChanges', () => {
  it('lists nothing for equal trees', async () => {
    const [base, head] = await twoTrees();
    const lines = summarizeChanges(await base.load(), await head.load(), FIXTURE_NOW);
    expect(lines).toEqual([]);
    expect(formatSummaryMarkdown(lines, FIXTURE_NOW)).toContain('changes nothing that the status page shows');
    expect(formatSummaryText(lines)).toBe('No changes to the status page.\n');
  });

  it('lists states, incidents, maintenance, postmortems and config', async () => {
    const [base, head] = await twoTrees();
    await head.write('incidents/2026-03-10-cdn-cache.md', NEW_INCIDENT);
    await head.edit('incidents/2026-03-10-api-errors.md', (text) =>
      appendUpdate(text, { at: '2026-03-10T11:55:00Z', status: 'resolved', message: 'All nodes are healthy.' }));
    await head.write('content/maintenance/2026-03-25-api-database.md', NEW_MAINTENANCE);
    await head.write('content/postmortems/2026-03-api-errors-review.md', NEW_POSTMORTEM);
    await head.edit('content/config.yml', (text) =>
      text.replace('groups:\n', '  - id: search\n    name: Search\n  - id: billing\n    name: Billing\ngroups:\n'));

    const lines = summarizeChanges(await base.load(), await head.load(), FIXTURE_NOW);

    expect(lines).toEqual([
      'Public API → operational (was major outage)',
      'Website → operational (was partial outage)',
      'CDN → partial outage (was operational)',
      '1 incident opened, 1 resolved',
      'maintenance scheduled for Mar 25, 2026, 10:00 AM – 11:30 AM EDT: API database upgrade',
      'postmortem published: API errors review',
      'config: 2 services added (Search, Billing)',
    ]);
  });

  it('names an updated incident with its status', async () => {
    const [base, head] = await twoTrees();
    await base.write('incidents/2026-03-10-cdn-cache.md', NEW_INCIDENT);
    await head.write('incidents/2026-03-10-cdn-cache.md', appendUpdate(NEW_INCIDENT, {
      at: '2026-03-10T11:50:00Z',
      status: 'identified',
      message: 'A purge emptied the cache.',
    }));

    const lines = summarizeChanges(await base.load(), await head.load(), FIXTURE_NOW);

    expect(lines).toEqual(['incident updated: CDN cache misses (identified)']);
  });

  it('reports deletions, edits and a window across days', async () => {
    const [base, head] = await twoTrees();
    await head.edit('incidents/2026-01-15-database-outage.md', (text) => text.replace('Backfilled from the old status page.', 'Moved from the old page.'));
    await head.edit('content/maintenance/2026-03-20-website-move.md', (text) => text.replace('end: 2026-03-20T15:00:00Z', 'end: 2026-03-21T15:00:00Z'));
    await head.edit('content/config.yml', (text) => text.replace('title: Fixture Status', 'title: Fixture status page'));
    await base.write('content/postmortems/2026-03-api-errors-review.md', NEW_POSTMORTEM);

    const lines = summarizeChanges(await base.load(), await head.load(), FIXTURE_NOW);

    expect(lines).toEqual([
      'incident edited: Database outage',
      'maintenance rescheduled to Mar 20, 2026, 10:00 AM EDT – Mar 21, 2026, 11:00 AM EDT: Website hosting move',
      'postmortem deleted: API errors review',
      'config: title changed',
    ]);
  });

  it('counts several opened incidents in the plural', async () => {
    const [base, head] = await twoTrees();
    await head.write('incidents/2026-03-10-cdn-cache.md', NEW_INCIDENT);
    await head.write('incidents/2026-03-10-cdn-cache-2.md', NEW_INCIDENT.replace('CDN cache misses', 'CDN errors'));

    const lines = summarizeChanges(await base.load(), await head.load(), FIXTURE_NOW);

    expect(lines).toContain('2 incidents opened');
  });
});

describe('formatSummaryMarkdown', () => {
  it('starts with the marker and escapes titles', () => {
    const text = formatSummaryMarkdown(['incident updated: <img src=x> @team [link](javascript:x) (identified)'], FIXTURE_NOW);

    expect(text.split('\n')[0]).toBe(SUMMARY_MARKER);
    expect(text).toContain('- incident updated: \\<img src=x\\> @\u200bteam \\[link\\](javascript:x) (identified)');
  });
});

describe('sitrep summarize', () => {
  async function run(values: { base?: string; format?: string }, root: string) {
    let stdout = '';
    let stderr = '';
    const code = await runSummarize(
      { root, cwd: process.cwd(), environment: { SITREP_NOW: FIXTURE_NOW.toISOString() }, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
      values,
    );
    return { code, stdout, stderr };
  }

  it('prints the markdown comment body', async () => {
    const [base, head] = await twoTrees();
    await head.write('content/postmortems/2026-03-api-errors-review.md', NEW_POSTMORTEM);

    const result = await run({ base: base.root }, head.root);

    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`${SUMMARY_MARKER}\n`)).toBe(true);
    expect(result.stdout).toContain('- postmortem published: API errors review');
  });

  it('prints text with --format text', async () => {
    const [base, head] = await twoTrees();
    await head.write('content/postmortems/2026-03-api-errors-review.md', NEW_POSTMORTEM);

    const result = await run({ base: base.root, format: 'text' }, head.root);

    expect(result.stdout).toBe('postmortem published: API errors review\n');
  });

  it('fails on invalid content', async () => {
    const [base, head] = await twoTrees();
    await head.edit('incidents/2026-03-10-api-errors.md', (text) => text.replace('status: identified', 'status: identifed'));

    const result = await run({ base: base.root }, head.root);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the pull request content');
    expect(result.stdout).toBe('');
  });

  it('rejects a missing --base', async () => {
    const [, head] = await twoTrees();
    const result = await run({}, head.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --base');
  });
});
