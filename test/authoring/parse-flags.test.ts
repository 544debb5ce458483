import { describe, expect, it } from 'vitest';
import {
  addDuration,
  formatUtc,
  parseAffected,
  parseDuration,
  parseIncidentStatus,
  parseServices,
  parseText,
  parseTimeFlag,
  timeNow,
} from '../../src/authoring/parse-flags.ts';

const SERVICES = ['api', 'web', 'db'];

describe('parseAffected', () => {
  it('reads repeated and comma-separated pairs', () => {
    expect(parseAffected(['api=major_outage,web=partial_outage', 'db:degraded_performance'], SERVICES)).toEqual({
      ok: true,
      value: { api: 'major_outage', web: 'partial_outage', db: 'degraded_performance' },
    });
  });

  it('reads `none` as an empty map', () => {
    expect(parseAffected(['none'], SERVICES)).toEqual({ ok: true, value: {} });
  });

  it.each([
    [['api'], '`api` is not `SERVICE=IMPACT`', 'api=major_outage'],
    [['apii=major_outage'], 'unknown service `apii`', 'did you mean `api`?'],
    [['api=major_outgae'], '`major_outgae` is not an impact', 'did you mean `major_outage`?'],
    [['api=major_outage', 'api=partial_outage'], 'given twice', 'once'],
    [[''], 'no service is given', 'none'],
  ])('rejects %j', (values, message, fix) => {
    const result = parseAffected(values, SERVICES);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(message);
    expect(result.fix).toContain(fix);
  });

  it('accepts any id when the site lists no services', () => {
    expect(parseAffected(['anything=major_outage'], [])).toEqual({ ok: true, value: { anything: 'major_outage' } });
  });
});

describe('parseServices', () => {
  it('reads a comma-separated list', () => {
    expect(parseServices(['api, db'], SERVICES)).toEqual({ ok: true, value: ['api', 'db'] });
  });

  it('rejects an unknown id with a suggestion', () => {
    const result = parseServices(['api,dbb'], SERVICES);

    expect(result).toMatchObject({ ok: false, message: 'unknown service `dbb`' });
    expect(result.ok ? '' : result.fix).toContain('did you mean `db`?');
  });

  it('rejects a repeated id', () => {
    expect(parseServices(['api', 'api'], SERVICES).ok).toBe(false);
  });
});

describe('parseDuration', () => {
  it.each([
    ['2h', 7_200_000],
    ['90m', 5_400_000],
    ['45min', 2_700_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    [' 1h 15m ', 4_500_000],
  ])('reads %j', (text, milliseconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: milliseconds });
  });

  it.each(['2', 'two hours', '1.5h', '0m', '-1h', ''])('rejects %j', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });
});

describe('parseTimeFlag', () => {
  it('keeps the text as written', () => {
    expect(parseTimeFlag(' 2026-03-10T15:10+01:00 ')).toEqual({
      ok: true,
      value: { date: new Date('2026-03-10T14:10:00Z'), text: '2026-03-10T15:10+01:00' },
    });
  });

  it('rejects a time without offset, with the fix', () => {
    expect(parseTimeFlag('2026-03-10T14:10')).toEqual({
      ok: false,
      message: '`2026-03-10T14:10` has no time zone offset',
      fix: 'add `Z` for UTC or an offset, for example `2026-03-10T14:10Z` or `2026-03-10T14:10+01:00`',
    });
  });
});

describe('timeNow and formatUtc', () => {
  it('drops milliseconds', () => {
    expect(timeNow(new Date('2026-03-10T14:10:05.789Z'))).toEqual({ date: new Date('2026-03-10T14:10:05Z'), text: '2026-03-10T14:10:05Z' });
  });

  it('keeps milliseconds that are set', () => {
    expect(formatUtc(new Date('2026-03-10T14:10:05.250Z'))).toBe('2026-03-10T14:10:05.250Z');
  });
});

describe('addDuration', () => {
  it('writes the end with the offset of the start', () => {
    const start = { date: new Date('2026-12-12T21:00:00Z'), text: '2026-12-12T22:00+01:00' };

    expect(addDuration(start, 7_200_000)).toEqual({ date: new Date('2026-12-12T23:00:00Z'), text: '2026-12-13T00:00:00+01:00' });
  });

  it('handles negative and compact offsets', () => {
    const start = { date: new Date('2026-03-10T15:00:00Z'), text: '2026-03-10T10:00-0500' };

    expect(addDuration(start, 5_400_000).text).toBe('2026-03-10T11:30:00-05:00');
  });

  it('writes Z for a UTC start', () => {
    const start = { date: new Date('2026-03-10T10:00:00Z'), text: '2026-03-10T10:00Z' };

    expect(addDuration(start, 60_000).text).toBe('2026-03-10T10:01:00Z');
  });
});

describe('parseIncidentStatus and parseText', () => {
  it('suggests a close status', () => {
    expect(parseIncidentStatus('resovled')).toMatchObject({ ok: false, fix: expect.stringContaining('did you mean `resolved`?') });
  });

  it('rejects empty text', () => {
    expect(parseText('   ', 'title')).toEqual({ ok: false, message: 'the title is empty', fix: 'write the title in plain words' });
  });
});
