import { describe, expect, it } from 'vitest';
import { escalationFor, isMonitorMessage, onCallAt } from '../../src/alerts/oncall.ts';
import { escalationUpdate, failureNoteUpdate, openingMessage, type FailureReport } from '../../src/monitor/incident-files.ts';
import { onCallSchema } from '../../src/domain/schema/index.ts';
import { config, incident } from './helpers.ts';

const settings = onCallSchema.parse({ rotation: ['alice', '@bob', 'carol'], length: '7d', start: '2026-01-05', escalation: { after: '30m', handle: 'lead' } });

describe('onCallAt', () => {
  const cases: [string, string][] = [
    ['2026-01-05T00:00:00Z', 'alice'],
    ['2026-01-11T23:59:59.999Z', 'alice'],
    ['2026-01-12T00:00:00Z', 'bob'],
    ['2026-01-19T00:00:00Z', 'carol'],
    ['2026-01-26T00:00:00Z', 'alice'],
    ['2026-01-04T23:59:59Z', 'carol'],
    ['2025-12-22T00:00:00Z', 'bob'],
  ];
  for (const [at, expected] of cases) {
    it(`picks ${expected} at ${at}`, () => {
      expect(onCallAt(settings, new Date(at))).toBe(expected);
    });
  }

  it('honours a start time with an offset', () => {
    const daily = onCallSchema.parse({ rotation: ['a', 'b'], length: '1d', start: '2026-01-05T09:00+01:00' });
    expect(onCallAt(daily, new Date('2026-01-05T07:59Z'))).toBe('b');
    expect(onCallAt(daily, new Date('2026-01-05T08:00Z'))).toBe('a');
    expect(onCallAt(daily, new Date('2026-01-06T08:00Z'))).toBe('b');
  });
});

describe('onCallSchema', () => {
  it('defaults the length to seven days', () => {
    expect(onCallSchema.parse({ rotation: ['a'], start: '2026-01-05' }).length).toBe(7 * 86_400_000);
  });

  it('rejects a duration without a unit', () => {
    expect(onCallSchema.safeParse({ rotation: ['a'], start: '2026-01-05', length: '7' }).success).toBe(false);
  });

  it('rejects an empty rotation', () => {
    expect(onCallSchema.safeParse({ rotation: [], start: '2026-01-05' }).success).toBe(false);
  });

  it('rejects a handle with a space', () => {
    expect(onCallSchema.safeParse({ rotation: ['al ice'], start: '2026-01-05' }).success).toBe(false);
  });

  it('is an optional field of the site config', () => {
    expect(config().oncall).toBeUndefined();
    expect(config({ oncall: { rotation: ['a'], start: '2026-01-05' } }).oncall?.rotation).toEqual(['a']);
  });
});

describe('escalationFor', () => {
  const monitorUpdate = { at: '2026-03-10T10:00Z', status: 'investigating', message: 'The automated check failed: timed out. It has failed once since 11:00 AM.' };
  const automated = (updates: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
    incident('2026-03-10-api-timeout', { title: 'Public API is not responding', started: '2026-03-10T10:00Z', automated: true, affected: { api: 'major_outage' }, updates, ...extra });

  it('escalates after the delay without a person', () => {
    expect(escalationFor(automated([monitorUpdate]), settings, new Date('2026-03-10T10:30Z'))).toBe('lead');
  });

  it('waits until the delay has passed', () => {
    expect(escalationFor(automated([monitorUpdate]), settings, new Date('2026-03-10T10:29:59Z'))).toBeUndefined();
  });

  it('stops once a person posted', () => {
    const person = { at: '2026-03-10T10:10Z', status: 'identified', message: 'We are on it.' };
    expect(escalationFor(automated([monitorUpdate, person]), settings, new Date('2026-03-10T11:00Z'))).toBeUndefined();
  });

  it('counts a person posting after now as absent', () => {
    const person = { at: '2026-03-10T12:10Z', status: 'identified', message: 'We are on it.' };
    expect(escalationFor(automated([monitorUpdate, person]), settings, new Date('2026-03-10T11:00Z'))).toBe('lead');
  });

  it('skips incidents opened by people', () => {
    expect(escalationFor(automated([monitorUpdate], { automated: false }), settings, new Date('2026-03-10T11:00Z'))).toBeUndefined();
  });

  it('skips resolved incidents', () => {
    const done = { at: '2026-03-10T10:20Z', status: 'resolved', message: 'The automated check passes again.' };
    expect(escalationFor(automated([monitorUpdate, done]), settings, new Date('2026-03-10T11:00Z'))).toBeUndefined();
  });

  it('skips without escalation settings', () => {
    const plain = onCallSchema.parse({ rotation: ['a'], start: '2026-01-05' });
    expect(escalationFor(automated([monitorUpdate]), plain, new Date('2026-03-10T11:00Z'))).toBeUndefined();
    expect(escalationFor(automated([monitorUpdate]), undefined, new Date('2026-03-10T11:00Z'))).toBeUndefined();
  });
});

describe('isMonitorMessage', () => {
  const report: FailureReport = {
    serviceId: 'api',
    serviceName: 'Public API',
    kind: 'timeout',
    impact: 'major_outage',
    message: 'GET /health timed out after 10 s',
    failingSince: new Date('2026-03-10T10:00Z'),
    failedRuns: 2,
    now: new Date('2026-03-10T10:05Z'),
    timeZone: 'UTC',
  };

  it('recognizes the opening message', () => {
    expect(isMonitorMessage(openingMessage(report))).toBe(true);
  });

  it('recognizes the escalation update', () => {
    expect(isMonitorMessage(String(escalationUpdate(report).message))).toBe(true);
  });

  it('recognizes the failure note', () => {
    expect(isMonitorMessage(String(failureNoteUpdate(report, 'identified').message))).toBe(true);
  });

  it('treats other text as a person', () => {
    expect(isMonitorMessage('We are looking into it.')).toBe(false);
  });
});
