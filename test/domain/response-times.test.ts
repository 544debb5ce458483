import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  daysInRange,
  formatResponseTimes,
  parseResponseTimes,
  RESPONSE_TIMES_HEADER,
  type ResponseDay,
  type ResponseTimesProblem,
} from '../../src/domain/response-times.ts';

const HEADER = 'date,count,min_ms,p50_ms,p95_ms,max_ms';

function file(...rows: string[]): string {
  return `${[HEADER, ...rows].join('\n')}\n`;
}

function day(date: string, p50Ms = 63): ResponseDay {
  return { date, count: 288, minMs: 41, p50Ms, p95Ms: 120, maxMs: 480 };
}

function describeProblems(problems: readonly ResponseTimesProblem[]): string {
  return problems.map((problem) => `${problem.line} ${problem.field ?? '-'} ${problem.message} / ${problem.fix}`).join('\n');
}

describe('parseResponseTimes on valid files', () => {
  const cases: Array<[string, string, number]> = [
    ['example row', file('2026-03-01,288,41,63,120,480'), 1],
    ['header only', `${HEADER}\n`, 0],
    ['header without newline', HEADER, 0],
    ['no final newline', `${HEADER}\n2026-03-01,288,41,63,120,480`, 1],
    ['Windows line endings', `${HEADER}\r\n2026-03-01,288,41,63,120,480\r\n2026-03-02,1,0,0,0,0\r\n`, 2],
    ['byte order mark', `\uFEFF${HEADER}\n2026-03-01,288,41,63,120,480\n`, 1],
    ['equal values', file('2026-03-01,1,50,50,50,50'), 1],
    ['zero milliseconds', file('2026-03-01,5,0,0,0,0'), 1],
    ['missing days', file('2026-03-01,288,41,63,120,480', '2026-03-05,288,41,63,120,480'), 2],
    ['leap day', file('2028-02-29,288,41,63,120,480'), 1],
    ['across a year', file('2025-12-31,288,41,63,120,480', '2026-01-01,288,41,63,120,480'), 2],
  ];

  it.each(cases)('accepts %s', (_name, text, dayCount) => {
    const result = parseResponseTimes(text);
    expect(result.problems, describeProblems(result.problems)).toEqual([]);
    expect(result.days).toHaveLength(dayCount);
  });

  it('reads every column', () => {
    const result = parseResponseTimes(file('2026-03-01,288,41,63,120,480'));
    expect(result.days).toEqual([{ date: '2026-03-01', count: 288, minMs: 41, p50Ms: 63, p95Ms: 120, maxMs: 480 }]);
  });
});

/** A file, then the one expected problem: line, field (undefined when none), a word in the message and a word in the fix. */
type InvalidCase = [string, string, number, string | undefined, string, string];

const INVALID_CASES: InvalidCase[] = [
  ['empty file', '', 1, undefined, 'the file is empty', HEADER],
  ['empty first line', `\n${HEADER}\n2026-03-01,288,41,63,120,480\n`, 1, undefined, 'line 1 is empty, and the header is on line 2', 'remove the empty first line'],
  ['empty first line before data', `\n2026-03-01,288,41,63,120,480\n`, 1, undefined, 'line 1 is empty', HEADER],
  ['repeated header', `${HEADER}\n2026-03-01,288,41,63,120,480\n${HEADER}\n2026-03-02,288,41,63,120,480\n`, 3, undefined, 'line 3 repeats the header', 'remove it'],
  ['wrong header', 'date,count,min,p50,p95,max\n2026-03-01,288,41,63,120,480\n', 1, undefined, '`date,count,min,p50,p95,max`', HEADER],
  ['missing header', '2026-03-01,288,41,63,120,480\n', 1, undefined, 'header line is missing', `insert \`${HEADER}\``],
  ['too few fields', file('2026-03-01,288,41,63,120'), 2, undefined, 'has 5 fields, expected 6', '2026-03-01,288,41,63,120,480'],
  ['too many fields', file('2026-03-01,288,41,63,120,480,9'), 2, undefined, 'has 7 fields', HEADER],
  ['empty line between rows', `${HEADER}\n2026-03-01,288,41,63,120,480\n\n2026-03-02,288,41,63,120,480\n`, 3, undefined, 'empty', 'remove'],
  ['date in another form', file('03/01/2026,288,41,63,120,480'), 2, 'date', '`03/01/2026` is not a date in the form YYYY-MM-DD', '`YYYY-MM-DD`'],
  ['impossible date', file('2026-02-30,288,41,63,120,480'), 2, 'date', '`2026-02-30` is not a real date', 'month and the day'],
  ['month 13', file('2026-13-01,288,41,63,120,480'), 2, 'date', '`2026-13-01` is not a real date', 'month'],
  ['empty date', file(',288,41,63,120,480'), 2, 'date', 'the date is empty', 'YYYY-MM-DD'],
  ['space before a value', file('2026-03-01, 288,41,63,120,480'), 2, 'count', '` 288` has spaces', 'remove the spaces'],
  ['duplicate date', file('2026-03-01,288,41,63,120,480', '2026-03-01,288,41,63,120,480'), 3, 'date', 'the date `2026-03-01` is also on line 2', 'one row per day'],
  ['dates out of order', file('2026-03-02,288,41,63,120,480', '2026-03-01,288,41,63,120,480'), 3, 'date', '`2026-03-01` is earlier than `2026-03-02` on line 2', 'oldest first'],
  ['count of zero', file('2026-03-01,0,41,63,120,480'), 2, 'count', '`count` is 0', 'remove the row'],
  ['negative count', file('2026-03-01,-3,41,63,120,480'), 2, 'count', '`-3` is negative', '0 or more'],
  ['fractional milliseconds', file('2026-03-01,288,41,63.4,120,480'), 2, 'p50_ms', '`63.4` is not a whole number', '`63`'],
  ['negative milliseconds', file('2026-03-01,288,-1,63,120,480'), 2, 'min_ms', '`-1` is negative', '0 or more'],
  ['text in a number', file('2026-03-01,288,41,63,fast,480'), 2, 'p95_ms', '`fast` is not a whole number', 'whole number of milliseconds'],
  ['empty number', file('2026-03-01,288,41,63,120,'), 2, 'max_ms', '`max_ms` is empty', 'whole number of milliseconds'],
  ['exponent', file('2026-03-01,288,41,63,1e3,2000'), 2, 'p95_ms', '`1e3` is not a whole number', '`1000`'],
  ['huge number', file('2026-03-01,288,41,63,120,99999999999999999999'), 2, 'max_ms', 'too large', 'check the value'],
  ['min above p50', file('2026-03-01,288,70,63,120,480'), 2, 'p50_ms', '`p50_ms` is 63, which is less than `min_ms` 70', 'min_ms ≤ p50_ms ≤ p95_ms ≤ max_ms'],
  ['p50 above p95', file('2026-03-01,288,41,130,120,480'), 2, 'p95_ms', '`p95_ms` is 120, which is less than `p50_ms` 130', 'order'],
  ['p95 above max', file('2026-03-01,288,41,63,500,480'), 2, 'max_ms', '`max_ms` is 480, which is less than `p95_ms` 500', 'order'],
];

describe('parseResponseTimes on invalid files', () => {
  it.each(INVALID_CASES)('reports %s', (_name, text, line, field, messageWords, fixWords) => {
    const { problems } = parseResponseTimes(text);
    expect(problems, describeProblems(problems)).toHaveLength(1);

    const [problem] = problems;
    expect(problem!.line).toBe(line);
    expect(problem!.field).toBe(field);
    expect(problem!.message).toContain(messageWords);
    expect(problem!.fix).toContain(fixWords);
  });

  it('leaves out rows with problems', () => {
    const { days } = parseResponseTimes(file('2026-03-01,288,41,63,120,480', '2026-03-02,288,41,63,120,x', '2026-03-03,288,41,63,120,480'));
    expect(days.map((entry) => entry.date)).toEqual(['2026-03-01', '2026-03-03']);
  });

  it('keeps checking rows after a wrong header', () => {
    const { problems, days } = parseResponseTimes('date,count\n2026-03-01,288,41,63,120,480\n2026-03-02,288,41,63,120,x\n');
    expect(problems.map((problem) => problem.line)).toEqual([1, 3]);
    expect(days).toHaveLength(1);
  });

  it('reads line 1 as data without header', () => {
    const { problems } = parseResponseTimes('2026-03-01,288,41,63,120,480\n2026-03-01,288,41,63,120,480\n');
    expect(problems.map((problem) => `${problem.line} ${problem.field ?? '-'}`)).toEqual(['1 -', '2 date']);
  });

  it('compares order with latest valid date', () => {
    // Line 3 is out of order, so line 4 is compared with line 2, the latest valid date.
    const text = file('2026-03-05,288,41,63,120,480', '2026-03-01,288,41,63,120,480', '2026-03-06,288,41,63,120,480');
    const { problems, days } = parseResponseTimes(text);
    expect(problems.map((problem) => problem.line)).toEqual([3]);
    expect(days.map((entry) => entry.date)).toEqual(['2026-03-05', '2026-03-06']);
  });
});

describe('parseResponseTimes reports every problem', () => {
  const text = [
    'date,count,min,p50,p95,max',
    '2026-03-01,288,41,63,120,480',
    '2026-02-30,0,41,63,120,480',
    '2026-03-01,288,41,63,120',
    '2026-03-03,288,90,63.5,50,-2',
    '2026-03-02,288,41,63,120,480',
    '',
    '2026-03-04,288,41,63,120,480',
  ].join('\n');
  const { problems, days } = parseResponseTimes(text);

  const expected: Array<[number, string | undefined, string]> = [
    [1, undefined, 'the header is'],
    [3, 'date', 'not a real date'],
    [3, 'count', '`count` is 0'],
    [4, undefined, 'has 5 fields'],
    [5, 'p50_ms', '`63.5` is not a whole number'],
    [5, 'max_ms', '`-2` is negative'],
    [5, 'p95_ms', '`p95_ms` is 50, which is less than `min_ms` 90'],
    [6, 'date', 'earlier than `2026-03-03`'],
    [7, undefined, 'the line is empty'],
  ];

  it.each(expected)('line %s field %s', (line, field, messageWords) => {
    const matches = problems.filter((problem) => problem.line === line && problem.field === field && problem.message.includes(messageWords));
    expect(matches, describeProblems(problems)).toHaveLength(1);
  });

  it('reports nothing else', () => {
    expect(problems, describeProblems(problems)).toHaveLength(expected.length);
  });

  it('keeps the valid rows', () => {
    expect(days.map((entry) => entry.date)).toEqual(['2026-03-01', '2026-03-04']);
  });
});

describe('formatResponseTimes', () => {
  it('writes the header and one row per day', () => {
    const text = formatResponseTimes([day('2026-03-01'), { date: '2026-03-02', count: 1, minMs: 0, p50Ms: 0, p95Ms: 0, maxMs: 0 }]);
    expect(text).toBe(`${HEADER}\n2026-03-01,288,41,63,120,480\n2026-03-02,1,0,0,0,0\n`);
  });

  it('writes header only without days', () => {
    expect(formatResponseTimes([])).toBe(`${RESPONSE_TIMES_HEADER}\n`);
  });

  it('round-trips through parse', () => {
    const days = [day('2026-02-27', 50), day('2026-03-01', 70), day('2026-03-02', 80)];
    expect(parseResponseTimes(formatResponseTimes(days))).toEqual({ days, problems: [] });
  });

  it('round-trips generated days', () => {
    const dayArbitrary = fc
      .record({
        count: fc.integer({ min: 1, max: 100_000 }),
        values: fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: 4, maxLength: 4 }),
      })
      .map(({ count, values }) => {
        const [minMs, p50Ms, p95Ms, maxMs] = [...values].sort((a, b) => a - b) as [number, number, number, number];
        return { count, minMs, p50Ms, p95Ms, maxMs };
      });
    const arbitrary = fc.array(dayArbitrary, { maxLength: 40 }).chain((rows) =>
      fc.uniqueArray(fc.integer({ min: 0, max: 20_000 }), { minLength: rows.length, maxLength: rows.length }).map((offsets) => {
        const sorted = [...offsets].sort((a, b) => a - b);
        return rows.map((row, index) => ({
          date: new Date(Date.UTC(2000, 0, 1 + sorted[index]!)).toISOString().slice(0, 10),
          ...row,
        }));
      }),
    );

    fc.assert(
      fc.property(arbitrary, (days) => {
        expect(parseResponseTimes(formatResponseTimes(days))).toEqual({ days, problems: [] });
      }),
    );
  });

  it('rejects days out of order', () => {
    expect(() => formatResponseTimes([day('2026-03-02'), day('2026-03-01')])).toThrow(/days\[1\]\.date: .*earlier than/);
  });

  it('rejects fractional milliseconds', () => {
    expect(() => formatResponseTimes([{ ...day('2026-03-01'), p50Ms: 62.5 }])).toThrow(/days\[0\]\.p50_ms: `62.5` is not a whole number/);
  });

  it('rejects a decreasing percentile', () => {
    expect(() => formatResponseTimes([{ ...day('2026-03-01'), p95Ms: 50 }])).toThrow(/days\[0\]\.p95_ms/);
  });
});

describe('daysInRange', () => {
  const days = [day('2026-02-27'), day('2026-03-01'), day('2026-03-02'), day('2026-03-05')];

  it('includes both ends', () => {
    expect(daysInRange(days, '2026-03-01', '2026-03-05').map((entry) => entry.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-05']);
  });

  it('returns nothing outside the data', () => {
    expect(daysInRange(days, '2026-04-01', '2026-04-30')).toEqual([]);
  });

  it('works across a month end', () => {
    expect(daysInRange(days, '2026-02-28', '2026-03-01').map((entry) => entry.date)).toEqual(['2026-03-01']);
  });
});
