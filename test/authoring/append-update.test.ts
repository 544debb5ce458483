// The byte-preserving append: each case checks the exact lines inserted and
// that every other byte of the file is unchanged.
import { describe, expect, it } from 'vitest';
import { appendUpdate } from '../../src/authoring/append-update.ts';
import { addTopLevelField, FrontmatterEditError } from '../../src/authoring/frontmatter-edit.ts';
import { updateEntry } from '../../src/authoring/incident-file.ts';
import { incidentSchema } from '../../src/domain/schema/index.ts';
import { parseMarkdownFile } from '../../src/repository/markdown-file.ts';

/** Lines joined with `\n`, each ending with a line break. */
const lines = (...parts: string[]) => parts.map((part) => `${part}\n`).join('');

/**
 * Returns the lines that `after` has in place of `before`'s lines
 * `[index, index + removed)`. For a pure insertion, `removed` is 0.
 */
function lineDiff(before: string, after: string): { index: number; removed: string[]; inserted: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { index: prefix, removed: a.slice(prefix, a.length - suffix), inserted: b.slice(prefix, b.length - suffix) };
}

/** Checks that `edited` is a valid incident file, and returns its frontmatter. */
function validIncident(edited: string) {
  const parsed = parseMarkdownFile(edited);
  expect(parsed.problems).toEqual([]);
  const result = incidentSchema.safeParse(parsed.data);
  expect(result.success ? [] : result.error.issues).toEqual([]);
  return result.success ? result.data : undefined;
}

const IDENTIFIED = updateEntry({ at: '2026-03-10T11:00:00Z', status: 'identified', message: 'A failed disk took down half the nodes.' });

// Comments, a flow map, single- and double-quoted strings, a wide gap
// after `-`, a folded and a literal block, a flow item, a trailing
// comment after the list, and a body with `---` lines.
const HAND_FORMATTED = lines(
  '---',
  '# Hand-written; keep this comment.',
  `title: 'Checkout: "slow" pages'   # single-quoted, with a colon`,
  'affected: {web: degraded_performance, api: partial_outage}',
  'started: 2026-03-10T10:00:00+01:00',
  'updates:',
  '    -   at: "2026-03-10T10:05:00+01:00"',
  '        status: investigating',
  '        message: >-',
  '          Pages load slowly.',
  '          We are looking into it.',
  '',
  '    # The cause was found at 10:20.',
  '    -   {at: 2026-03-10T10:20+01:00, status: identified, message: "DB: locks"}',
  '    -   at: 2026-03-10T10:30:00+01:00',
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
  '---',
  'Body text.',
  '',
  '---',
  '',
  'More body after a rule.',
);

describe('appendUpdate on a block list', () => {
  it('appends after the last item of a README-style file', () => {
    const before = lines(
      '---',
      'title: Elevated API errors',
      'affected:',
      '  api: partial_outage',
      'started: 2026-03-10T10:10:00Z',
      'updates:',
      '  - at: 2026-03-10T10:12:00Z',
      '    status: investigating',
      '    message: We are seeing errors on about 5% of API requests.',
      '---',
      'An optional longer description.',
    );

    const after = appendUpdate(before, IDENTIFIED);

    expect(lineDiff(before, after)).toEqual({
      index: 9,
      removed: [],
      inserted: ['  - at: 2026-03-10T11:00:00Z', '    status: identified', '    message: A failed disk took down half the nodes.'],
    });
    expect(validIncident(after)?.updates.at(-1)?.status).toBe('identified');
  });

  it('keeps a hand-formatted file byte for byte', () => {
    const update = updateEntry({ at: '2026-03-10T11:00:00Z', status: 'identified', affected: { api: 'major_outage' }, message: 'Back: mostly.' });

    const after = appendUpdate(HAND_FORMATTED, update);

    expect(lineDiff(HAND_FORMATTED, after)).toEqual({
      index: 23,
      removed: [],
      inserted: [
        '    -   at: 2026-03-10T11:00:00Z',
        '        status: identified',
        '        affected:',
        '          api: major_outage',
        '        message: "Back: mostly."',
      ],
    });
    const incident = validIncident(after);
    expect(incident?.updates).toHaveLength(4);
    expect(incident?.updates[2]?.message).toBe('A fix is deployed.\n\n---\n\nWe are watching.');
  });

  it('keeps CRLF line endings and adds only CRLF lines', () => {
    const before = HAND_FORMATTED.replace(/\n/g, '\r\n');

    const after = appendUpdate(before, IDENTIFIED);

    const { removed, inserted } = lineDiff(before, after);
    expect(removed).toEqual([]);
    expect(inserted).toEqual(['    -   at: 2026-03-10T11:00:00Z\r', '        status: identified\r', '        message: A failed disk took down half the nodes.\r']);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    // parseMarkdownFile keeps the `\r` of the last frontmatter line in its value, so check the LF form.
    expect(validIncident(after.replace(/\r\n/g, '\n'))?.updates).toHaveLength(4);
  });

  it('writes a flow item when the last item is one', () => {
    const before = lines(
      '---',
      'title: API errors',
      'started: 2026-03-10T10:00Z',
      'updates:',
      '  - {at: 2026-03-10T10:05Z, status: investigating, message: "Errors: many"}',
      '---',
    );

    const after = appendUpdate(before, IDENTIFIED);

    expect(lineDiff(before, after)).toEqual({
      index: 5,
      removed: [],
      inserted: ['  - { at: 2026-03-10T11:00:00Z, status: identified, message: A failed disk took down half the nodes. }'],
    });
    validIncident(after);
  });

  it('lines up with a list at the column of its key', () => {
    const before = lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates:', '- at: 2026-03-10T10:05Z', '  status: investigating', '  message: Errors.', '---');

    const after = appendUpdate(before, IDENTIFIED);

    expect(lineDiff(before, after).inserted).toEqual(['- at: 2026-03-10T11:00:00Z', '  status: identified', '  message: A failed disk took down half the nodes.']);
    validIncident(after);
  });

  it('indents nested maps as the file does', () => {
    const before = lines('---', 'title: API errors', 'affected:', '    api: partial_outage', 'started: 2026-03-10T10:00Z', 'updates:', '    - at: 2026-03-10T10:05Z', '      status: investigating', '      message: Errors.', '---');
    const update = updateEntry({ at: '2026-03-10T11:00:00Z', status: 'monitoring', affected: { api: 'degraded_performance' }, message: 'Better.' });

    const after = appendUpdate(before, update);

    expect(lineDiff(before, after).inserted).toEqual([
      '    - at: 2026-03-10T11:00:00Z',
      '      status: monitoring',
      '      affected:',
      '          api: degraded_performance',
      '      message: Better.',
    ]);
    validIncident(after);
  });

  it('inserts after a comment on the last line', () => {
    const before = lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates:', '  - at: 2026-03-10T10:05Z', '    status: investigating', '    message: Errors. # first guess', '---');

    const after = appendUpdate(before, IDENTIFIED);

    expect(lineDiff(before, after)).toMatchObject({ index: 7, removed: [] });
  });

  it('keeps the trailing blank lines of a |+ block in its value', () => {
    const before = lines(
      '---',
      'title: API errors',
      'started: 2026-03-10T10:00Z',
      'updates:',
      '  - at: 2026-03-10T10:05Z',
      '    status: investigating',
      '    message: |+',
      '      Errors.',
      '',
      '',
      'impact: minor',
      '---',
    );

    const after = appendUpdate(before, IDENTIFIED);

    expect(lineDiff(before, after)).toMatchObject({ index: 10, removed: [] });
    const data = parseMarkdownFile(after).data as { updates: { message: string }[] };
    expect(data.updates[0]?.message).toBe('Errors.\n\n\n');
  });

  it('writes a multi-line message as a literal block', () => {
    const before = lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates:', '  - at: 2026-03-10T10:05Z', '    status: investigating', '    message: Errors.', '---');
    const update = updateEntry({ at: '2026-03-10T11:00:00Z', status: 'identified', message: 'First paragraph.\n\n- a list\n- item' });

    const after = appendUpdate(before, update);

    expect(lineDiff(before, after).inserted).toEqual([
      '  - at: 2026-03-10T11:00:00Z',
      '    status: identified',
      '    message: |-',
      '      First paragraph.',
      '',
      '      - a list',
      '      - item',
    ]);
    expect(validIncident(after)?.updates[1]?.message).toBe('First paragraph.\n\n- a list\n- item');
  });

  it('quotes text that YAML would misread', () => {
    const before = lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates:', '  - at: 2026-03-10T10:05Z', '    status: investigating', '    message: Errors.', '---');
    const tricky = ['*not an alias*', '# not a comment', 'yes', '123', 'null', '`code` first', '"quoted" & <b>', 'trailing: colon:', '@handle', '---'];

    let text = before;
    for (const message of tricky) text = appendUpdate(text, updateEntry({ at: '2026-03-10T11:00:00Z', status: 'monitoring', message }));

    expect(validIncident(text)?.updates.slice(1).map((update) => update.message)).toEqual(tricky);
    expect(text.startsWith(before.slice(0, -4))).toBe(true);
  });

  it('keeps a byte order mark', () => {
    const before = `\uFEFF${lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates:', '  - at: 2026-03-10T10:05Z', '    status: investigating', '    message: Errors.', '---')}`;

    const after = appendUpdate(before, IDENTIFIED);

    expect(after.startsWith('\uFEFF---\n')).toBe(true);
    expect(lineDiff(before, after).removed).toEqual([]);
  });
});

describe('appendUpdate on a flow list', () => {
  it('turns an empty `updates: []` into a block list', () => {
    const before = lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates: []', 'impact: minor', '---', 'Body.');

    const after = appendUpdate(before, IDENTIFIED);

    expect(lineDiff(before, after)).toEqual({
      index: 3,
      removed: ['updates: []'],
      inserted: ['updates:', '  - at: 2026-03-10T11:00:00Z', '    status: identified', '    message: A failed disk took down half the nodes.'],
    });
    expect(validIncident(after)?.impact).toBe('minor');
  });

  it('keeps the comment after an empty `[]`', () => {
    const before = lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates: [] # none yet', '---');

    const after = appendUpdate(before, IDENTIFIED);

    expect(lineDiff(before, after)).toEqual({
      index: 3,
      removed: ['updates: [] # none yet'],
      inserted: ['updates: # none yet', '  - at: 2026-03-10T11:00:00Z', '    status: identified', '    message: A failed disk took down half the nodes.'],
    });
    validIncident(after);
  });

  it('turns `updates: []` with CRLF into CRLF lines', () => {
    const before = lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates: []', '---').replace(/\n/g, '\r\n');

    const after = appendUpdate(before, IDENTIFIED);

    expect(after).toBe(
      lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates:', '  - at: 2026-03-10T11:00:00Z', '    status: identified', '    message: A failed disk took down half the nodes.', '---').replace(/\n/g, '\r\n'),
    );
  });

  it('appends a flow item to a one-line flow list', () => {
    const before = lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates: [{at: 2026-03-10T10:05Z, status: investigating, message: Errors.}]  # flow', '---');

    const after = appendUpdate(before, IDENTIFIED);

    expect(after).toBe(
      lines(
        '---',
        'title: API errors',
        'started: 2026-03-10T10:00Z',
        'updates: [{at: 2026-03-10T10:05Z, status: investigating, message: Errors.}, { at: 2026-03-10T11:00:00Z, status: identified, message: A failed disk took down half the nodes. }]  # flow',
        '---',
      ),
    );
    validIncident(after);
  });

  it('appends a line to a multi-line flow list with a trailing comma', () => {
    const before = lines('---', 'title: API errors', 'started: 2026-03-10T10:00Z', 'updates: [', '  {at: 2026-03-10T10:05Z, status: investigating, message: Errors.},', ']', '---');

    const after = appendUpdate(before, IDENTIFIED);

    expect(lineDiff(before, after)).toEqual({
      index: 5,
      removed: [],
      inserted: ['  { at: 2026-03-10T11:00:00Z, status: identified, message: A failed disk took down half the nodes. },'],
    });
    validIncident(after);
  });
});

describe('appendUpdate without updates', () => {
  it('adds `updates:` as the last field', () => {
    const before = lines('---', 'title: API errors', 'affected:', '  api: major_outage', 'started: 2026-03-10T10:00Z', '# last comment', '---', '---', 'Body after a rule.');

    const after = appendUpdate(before, IDENTIFIED);

    expect(lineDiff(before, after)).toEqual({
      index: 6,
      removed: [],
      inserted: ['updates:', '  - at: 2026-03-10T11:00:00Z', '    status: identified', '    message: A failed disk took down half the nodes.'],
    });
    expect(parseMarkdownFile(after).body).toBe('---\nBody after a rule.\n');
  });
});

describe('appendUpdate errors', () => {
  it.each([
    ['no frontmatter', 'title: x\n', 'no frontmatter'],
    ['unclosed frontmatter', '---\ntitle: x\n', 'not closed'],
    ['YAML that does not parse', '---\ntitle: [x\n---\n', 'does not parse'],
    ['a flow mapping', '---\n{title: x}\n---\n', 'not a block'],
    ['updates that are text', '---\ntitle: x\nupdates: soon\n---\n', '`updates` is not a list'],
  ])('rejects %s', (_, text, message) => {
    expect(() => appendUpdate(text, IDENTIFIED)).toThrow(FrontmatterEditError);
    expect(() => appendUpdate(text, IDENTIFIED)).toThrow(message);
  });
});

describe('addTopLevelField', () => {
  it('adds the field before the closing line', () => {
    const after = addTopLevelField(HAND_FORMATTED, 'postmortem', '2026-03-10-checkout');

    expect(lineDiff(HAND_FORMATTED, after)).toEqual({ index: 25, removed: [], inserted: ['postmortem: 2026-03-10-checkout'] });
    expect(validIncident(after)?.postmortem).toBe('2026-03-10-checkout');
  });

  it('adds a CRLF line to a CRLF file', () => {
    const before = HAND_FORMATTED.replace(/\n/g, '\r\n');

    const after = addTopLevelField(before, 'postmortem', 'review');

    expect(lineDiff(before, after)).toEqual({ index: 25, removed: [], inserted: ['postmortem: review\r'] });
  });

  it('rejects a field that is present', () => {
    expect(() => addTopLevelField(HAND_FORMATTED, 'impact', 'major')).toThrow('already present');
  });
});
