import { describe, expect, it } from 'vitest';
import { appendUpdate } from '../../src/authoring/append-update.ts';
import { AppendMergeError, mergeAppendedUpdates } from '../../src/github/merge-appended-updates.ts';

const BASE = `---
title: Elevated API errors # shown on the home page
affected:
  api: partial_outage
started: 2026-03-10T10:00:00Z
updates:
  - at: 2026-03-10T10:05:00Z
    status: investigating
    message: 'We are looking into it.'
---
Body text.
`;
const EARLY = { at: '2026-03-10T10:20:00Z', status: 'identified', message: 'A bad deploy.' };
const LATE = { at: '2026-03-10T10:40:00Z', status: 'monitoring', message: 'Rolled back.' };

describe('mergeAppendedUpdates', () => {
  it('appends local updates after upstream ones', () => {
    const merged = mergeAppendedUpdates(BASE, appendUpdate(BASE, EARLY), appendUpdate(BASE, LATE));
    expect(merged).toBe(appendUpdate(appendUpdate(BASE, EARLY), LATE));
  });

  it('keeps upstream bytes and edits', () => {
    const upstream = appendUpdate(BASE, EARLY).replace('Body text.', 'Body text, edited upstream.');
    const merged = mergeAppendedUpdates(BASE, upstream, appendUpdate(BASE, LATE));
    expect(merged).toContain('# shown on the home page');
    expect(merged).toContain('Body text, edited upstream.');
    expect(merged.indexOf('A bad deploy.')).toBeLessThan(merged.indexOf('Rolled back.'));
  });

  it('orders interleaved updates by time', () => {
    const merged = mergeAppendedUpdates(BASE, appendUpdate(BASE, LATE), appendUpdate(BASE, EARLY));
    expect(merged).toBe(appendUpdate(appendUpdate(BASE, EARLY), LATE));
  });

  it('rejects a changed earlier update', () => {
    const local = appendUpdate(BASE.replace('We are looking into it.', 'Changed.'), LATE);
    expect(() => mergeAppendedUpdates(BASE, appendUpdate(BASE, EARLY), local)).toThrow(AppendMergeError);
  });

  it('rejects an update after resolved', () => {
    const upstream = appendUpdate(BASE, { at: '2026-03-10T10:30:00Z', status: 'resolved', message: 'Fixed.' });
    expect(() => mergeAppendedUpdates(BASE, upstream, appendUpdate(BASE, LATE))).toThrow(/would be invalid/);
  });
});
