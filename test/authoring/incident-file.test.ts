import { describe, expect, it } from 'vitest';
import { renderIncidentFile, updateEntry } from '../../src/authoring/incident-file.ts';
import { renderMaintenanceFile } from '../../src/authoring/maintenance-file.ts';
import { incidentSchema, maintenanceSchema } from '../../src/domain/schema/index.ts';
import { parseMarkdownFile } from '../../src/repository/markdown-file.ts';

describe('renderIncidentFile', () => {
  it('writes the layout of the README example', () => {
    const text = renderIncidentFile({
      title: 'Elevated API errors',
      affected: { api: 'partial_outage' },
      started: '2026-12-04T14:10:00Z',
      status: 'investigating',
      message: 'We are seeing errors on about 5% of API requests.',
    });

    expect(text).toBe(
      [
        '---',
        'title: Elevated API errors',
        'affected:',
        '  api: partial_outage',
        'started: 2026-12-04T14:10:00Z',
        'updates:',
        '  - at: 2026-12-04T14:10:00Z',
        '    status: investigating',
        '    message: We are seeing errors on about 5% of API requests.',
        '---',
        '',
      ].join('\n'),
    );
  });

  it('quotes titles and messages that YAML would misread', () => {
    const incident = {
      title: '"Quoted" & <script>: outage 🚨',
      affected: {},
      started: '2026-03-10T15:10+01:00',
      status: 'identified' as const,
      message: '# Not a heading\n\nSecond: paragraph with `code`',
    };

    const parsed = parseMarkdownFile(renderIncidentFile(incident));
    const result = incidentSchema.safeParse(parsed.data);

    expect(parsed.problems).toEqual([]);
    expect(result.success).toBe(true);
    expect(result.data?.title).toBe(incident.title);
    expect(result.data?.affected).toEqual({});
    expect(result.data?.updates[0]?.message).toBe(incident.message);
  });
});

describe('updateEntry', () => {
  it('orders at, status, affected, message', () => {
    const entry = updateEntry({ message: 'm', affected: { api: 'major_outage' }, status: 'identified', at: 't' });

    expect(Object.keys(entry)).toEqual(['at', 'status', 'affected', 'message']);
  });

  it('leaves out affected when it is not given', () => {
    expect(Object.keys(updateEntry({ at: 't', status: 'monitoring', message: 'm' }))).toEqual(['at', 'status', 'message']);
  });
});

describe('renderMaintenanceFile', () => {
  it('writes a valid window with a scheduled update', () => {
    const text = renderMaintenanceFile({
      title: 'Database upgrade',
      services: ['api', 'db'],
      start: '2026-12-12T22:00+01:00',
      end: '2026-12-13T00:00:00+01:00',
      announced: '2026-12-05T10:00:00Z',
      message: 'Requests may be slower.',
    });

    expect(text).toBe(
      [
        '---',
        'title: Database upgrade',
        'services:',
        '  - api',
        '  - db',
        'start: 2026-12-12T22:00+01:00',
        'end: 2026-12-13T00:00:00+01:00',
        'updates:',
        '  - at: 2026-12-05T10:00:00Z',
        '    status: scheduled',
        '    message: Requests may be slower.',
        '---',
        '',
      ].join('\n'),
    );
    expect(maintenanceSchema.safeParse(parseMarkdownFile(text).data).success).toBe(true);
  });
});
