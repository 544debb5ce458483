import { describe, expect, it } from 'vitest';
import { formatTime, renderPostmortemFile, renderTimeline } from '../../src/authoring/postmortem-template.ts';
import { incidentSchema, postmortemSchema, type IncidentFrontmatter } from '../../src/domain/schema/index.ts';
import { parseMarkdownFile } from '../../src/repository/markdown-file.ts';

const NAMES = new Map([
  ['api', 'Public API'],
  ['web', 'Website'],
]);

function incident(data: unknown): IncidentFrontmatter {
  return incidentSchema.parse(data);
}

const API_ERRORS = incident({
  title: 'Elevated API errors',
  affected: { api: 'degraded_performance' },
  started: '2026-03-10T10:00:00Z',
  updates: [
    { at: '2026-03-10T10:05:00Z', status: 'investigating', message: 'We are looking into slow responses.' },
    { at: '2026-03-10T10:30:00Z', status: 'identified', message: 'A failed disk.\n\nMore detail.', affected: { api: 'major_outage', web: 'partial_outage' } },
    { at: '2026-03-10T11:05:00Z', status: 'resolved', message: 'Fixed', affected: {} },
  ],
});

describe('renderTimeline', () => {
  it('lists the start and every update in the site time zone', () => {
    expect(renderTimeline(API_ERRORS, 'America/New_York', NAMES)).toBe(
      [
        '- **2026-03-10 06:00 EDT** Started. Affected: Public API (degraded performance).',
        '- **2026-03-10 06:05 EDT** Investigating: We are looking into slow responses.',
        '- **2026-03-10 06:30 EDT** Identified: A failed disk.',
        '',
        '  More detail. Affected: Public API (major outage), Website (partial outage).',
        '- **2026-03-10 07:05 EDT** Resolved: Fixed. No service affected.',
      ].join('\n'),
    );
  });

  it('adds the resolved time of a backfilled incident', () => {
    const backfilled = incident({ title: 'Old', affected: { db: 'major_outage' }, started: '2026-01-15T10:00Z', resolved: '2026-01-15T11:00Z' });

    expect(renderTimeline(backfilled, 'UTC', NAMES)).toBe(
      ['- **2026-01-15 10:00 UTC** Started. Affected: db (major outage).', '- **2026-01-15 11:00 UTC** Resolved.'].join('\n'),
    );
  });
});

describe('renderPostmortemFile', () => {
  const text = renderPostmortemFile({
    slug: '2026-03-10-api-errors',
    incident: API_ERRORS,
    title: 'Postmortem: Elevated API errors',
    published: '2026-03-12T09:00:00Z',
    timeZone: 'UTC',
    serviceNames: NAMES,
  });

  it('has valid frontmatter that names the incident', () => {
    const parsed = parseMarkdownFile(text);
    const result = postmortemSchema.safeParse(parsed.data);

    expect(result.success).toBe(true);
    expect(result.data?.incidents).toEqual(['2026-03-10-api-errors']);
    expect(result.data?.title).toBe('Postmortem: Elevated API errors');
  });

  it('has the sections in order', () => {
    const headings = [...text.matchAll(/^## (.+)$/gm)].map((match) => match[1]);

    expect(headings).toEqual(['Timeline', 'Summary', 'Impact', 'Root cause', 'What went well', 'What went badly', 'Action items']);
  });

  it('fills in the impact and duration', () => {
    expect(text).toContain('The incident lasted 1 h 5 min.');
    expect(text).toContain('- Public API: major outage at worst\n- Website: partial outage at worst');
  });

  it('ends with an action items table', () => {
    expect(text).toMatch(/## Action items\n\n\| action \| owner \| due \| status \|\n\| --- \| --- \| --- \| --- \|\n\|.+\|\n$/);
  });
});

describe('formatTime', () => {
  it('names the zone', () => {
    expect(formatTime(new Date('2026-01-15T10:00:00Z'), 'Europe/Berlin')).toBe('2026-01-15 11:00 GMT+1');
  });
});
