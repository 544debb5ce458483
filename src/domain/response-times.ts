// Daily response times of one service, as the monitor records them.
//
// Format: one CSV file per service, `content/response-times/<service-id>.csv`,
// with one line per day, oldest first. The first line is exactly
//
//   date,count,min_ms,p50_ms,p95_ms,max_ms
//   2026-03-01,288,41,63,120,480
//
// - `date` is the calendar date (`YYYY-MM-DD`) in the site's time zone, so a
//   row covers the same day as the uptime bar for that date.
// - `count` is the number of successful samples that day, a whole number of
//   at least 1. A day without a successful sample has no row.
// - `min_ms`, `p50_ms`, `p95_ms` and `max_ms` are whole milliseconds (0 or
//   more) over those samples, with min_ms ≤ p50_ms ≤ p95_ms ≤ max_ms.
// - Every row has these 6 fields, and dates strictly increase, so a day
//   appears at most once.
//
// The parser accepts a missing final newline, Windows line endings and a
// leading byte order mark, because editors add them. It rejects anything
// else that differs from the format, such as spaces around a field.

/** The response times of one service on one calendar day. */
export interface ResponseDay {
  /** The calendar date in the site's time zone, `YYYY-MM-DD`. */
  date: string;
  /** The number of successful samples, at least 1. */
  count: number;
  minMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** A problem in one response-times file. The caller adds the file's path. */
export interface ResponseTimesProblem {
  /** 1-based line in the file. */
  line: number;
  /** The column name, such as `p50_ms`, when one field is wrong. */
  field?: string;
  message: string;
  fix: string;
}

export interface ParsedResponseTimes {
  /** The rows without problems, oldest first. */
  days: ResponseDay[];
  problems: ResponseTimesProblem[];
}

/** The column names, in file order. */
export const RESPONSE_TIMES_COLUMNS = ['date', 'count', 'min_ms', 'p50_ms', 'p95_ms', 'max_ms'] as const;

/** The exact first line of every response-times file. */
export const RESPONSE_TIMES_HEADER = RESPONSE_TIMES_COLUMNS.join(',');

type Column = (typeof RESPONSE_TIMES_COLUMNS)[number];
type MillisecondColumn = 'min_ms' | 'p50_ms' | 'p95_ms' | 'max_ms';

const MILLISECOND_COLUMNS: readonly MillisecondColumn[] = ['min_ms', 'p50_ms', 'p95_ms', 'max_ms'];
const EXAMPLE_ROW = '2026-03-01,288,41,63,120,480';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGITS = /^\d+$/;

/**
 * Parses the text of one response-times file and checks every rule of the
 * format. Returns the valid rows and every problem found, not only the first.
 * A row with any problem is left out of `days`.
 */
export function parseResponseTimes(text: string): ParsedResponseTimes {
  const problems: ResponseTimesProblem[] = [];
  const days: ResponseDay[] = [];

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // The newline that ends the last row leaves one empty string behind.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();

  const firstRow = checkHeader(lines, problems);

  // The latest valid date so far, and its line, for the order check.
  let previous: { date: string; line: number } | undefined;

  for (let index = firstRow; index < lines.length; index++) {
    const line = index + 1;
    const rowProblems: ResponseTimesProblem[] = [];
    const day = parseRow(lines[index]!, line, rowProblems);

    if (day.date !== undefined) {
      if (previous && day.date <= previous.date) rowProblems.push(orderProblem(day.date, line, previous));
      else previous = { date: day.date, line };
    }

    problems.push(...rowProblems);
    if (rowProblems.length === 0 && isComplete(day)) days.push(day);
  }

  return { days, problems };
}

/**
 * Formats days as the text of a response-times file: the header, one row per
 * day and a final newline. Throws a RangeError when the days break a rule of
 * the format, so the monitor never writes a file that validation rejects.
 */
export function formatResponseTimes(days: readonly ResponseDay[]): string {
  const rows = days.map((day) => [day.date, day.count, day.minMs, day.p50Ms, day.p95Ms, day.maxMs].join(','));
  const text = `${[RESPONSE_TIMES_HEADER, ...rows].join('\n')}\n`;

  const { problems } = parseResponseTimes(text);
  const first = problems[0];
  if (first) {
    // Line 2 of the file is days[0].
    const place = first.field ? `days[${first.line - 2}].${first.field}` : `days[${first.line - 2}]`;
    throw new RangeError(`invalid response times: ${place}: ${first.message}`);
  }
  return text;
}

/** Returns the days from `fromDate` to `toDate` (`YYYY-MM-DD`), both included. */
export function daysInRange(days: readonly ResponseDay[], fromDate: string, toDate: string): ResponseDay[] {
  return days.filter((day) => day.date >= fromDate && day.date <= toDate);
}

// Returns the index of the first data line. A missing header is reported
// and line 1 is then read as data, so its own problems are reported too.
function checkHeader(lines: readonly string[], problems: ResponseTimesProblem[]): number {
  const header = lines[0] ?? '';
  const secondLine = lines[1];
  if (header === RESPONSE_TIMES_HEADER) return 1;

  if (header === '' && lines.length === 1) {
    problems.push({
      line: 1,
      message: 'the file is empty',
      fix: `write the header line \`${RESPONSE_TIMES_HEADER}\` and one row per day, or delete the file`,
    });
    return 1;
  }

  if (header === '' && secondLine === RESPONSE_TIMES_HEADER) {
    problems.push({ line: 1, message: 'line 1 is empty, and the header is on line 2', fix: 'remove the empty first line' });
    return 2;
  }

  if (header === '') {
    problems.push({
      line: 1,
      message: 'line 1 is empty, but it must be the header',
      fix: `make the first line exactly \`${RESPONSE_TIMES_HEADER}\``,
    });
    return 1;
  }

  if (/^\d{4}-\d{2}-\d{2},/.test(header)) {
    problems.push({
      line: 1,
      message: `the header line is missing: line 1 is the data row \`${header}\``,
      fix: `insert \`${RESPONSE_TIMES_HEADER}\` as the first line`,
    });
    return 0;
  }

  problems.push({
    line: 1,
    message: `the header is \`${header}\`, expected \`${RESPONSE_TIMES_HEADER}\``,
    fix: `make the first line exactly \`${RESPONSE_TIMES_HEADER}\`, and check that the rows follow that column order`,
  });
  return 1;
}

type PartialDay = Partial<ResponseDay>;

function isComplete(day: PartialDay): day is ResponseDay {
  return (
    day.date !== undefined &&
    day.count !== undefined &&
    day.minMs !== undefined &&
    day.p50Ms !== undefined &&
    day.p95Ms !== undefined &&
    day.maxMs !== undefined
  );
}

// Parses one data row, pushing a problem for each field that breaks a rule.
// A row with the wrong number of fields is not split into columns, because
// which value belongs to which column is then unknown.
function parseRow(text: string, line: number, problems: ResponseTimesProblem[]): PartialDay {
  if (text.trim() === '') {
    problems.push({ line, message: 'the line is empty', fix: 'remove the empty line; every line after the header is one day' });
    return {};
  }

  // Two files joined with `cat` repeat the header in the middle.
  if (text === RESPONSE_TIMES_HEADER) {
    problems.push({ line, message: `line ${line} repeats the header`, fix: 'remove it; only line 1 is the header' });
    return {};
  }

  const fields = text.split(',');
  if (fields.length !== RESPONSE_TIMES_COLUMNS.length) {
    problems.push({
      line,
      message: `the row \`${text}\` has ${fields.length} fields, expected ${RESPONSE_TIMES_COLUMNS.length}`,
      fix: `write the fields \`${RESPONSE_TIMES_HEADER}\`, such as \`${EXAMPLE_ROW}\``,
    });
    return {};
  }

  const value = (column: Column) => fields[RESPONSE_TIMES_COLUMNS.indexOf(column)]!;
  const day: PartialDay = {
    date: parseDate(value('date'), line, problems),
    count: parseCount(value('count'), line, problems),
    minMs: parseMilliseconds(value('min_ms'), 'min_ms', line, problems),
    p50Ms: parseMilliseconds(value('p50_ms'), 'p50_ms', line, problems),
    p95Ms: parseMilliseconds(value('p95_ms'), 'p95_ms', line, problems),
    maxMs: parseMilliseconds(value('max_ms'), 'max_ms', line, problems),
  };

  checkOrder(day, line, problems);
  return day;
}

function parseDate(text: string, line: number, problems: ResponseTimesProblem[]): string | undefined {
  const field = 'date';
  if (text === '') {
    problems.push({ line, field, message: 'the date is empty', fix: 'write the date as `YYYY-MM-DD`, such as `2026-03-01`' });
    return undefined;
  }
  if (text.trim() !== text) {
    problems.push({ line, field, message: `the date \`${text}\` has spaces around it`, fix: 'remove the spaces; fields are separated by a comma only' });
    return undefined;
  }

  const match = ISO_DATE.exec(text);
  if (!match) {
    problems.push({ line, field, message: `\`${text}\` is not a date in the form YYYY-MM-DD`, fix: 'write the date as `YYYY-MM-DD`, such as `2026-03-01`' });
    return undefined;
  }

  // Date.UTC rolls 2026-02-30 over to March 2; comparing the parts catches that.
  const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, dayOfMonth));
  const isReal = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === dayOfMonth;
  if (!isReal) {
    problems.push({ line, field, message: `\`${text}\` is not a real date`, fix: 'check the month and the day' });
    return undefined;
  }
  return text;
}

function parseCount(text: string, line: number, problems: ResponseTimesProblem[]): number | undefined {
  const count = parseWholeNumber(text, 'count', 'samples', line, problems);
  if (count === 0) {
    problems.push({
      line,
      field: 'count',
      message: '`count` is 0, but a row needs at least one successful sample',
      fix: 'correct the count, or remove the row of a day without successful samples',
    });
    return undefined;
  }
  return count;
}

function parseMilliseconds(text: string, field: MillisecondColumn, line: number, problems: ResponseTimesProblem[]): number | undefined {
  return parseWholeNumber(text, field, 'milliseconds', line, problems);
}

// Accepts digits only: no sign, decimal point, exponent or spaces.
function parseWholeNumber(text: string, field: Column, unit: string, line: number, problems: ResponseTimesProblem[]): number | undefined {
  const example = field === 'count' ? '`288`' : '`63`';

  if (text === '') {
    problems.push({ line, field, message: `\`${field}\` is empty`, fix: `write a whole number of ${unit}, such as ${example}` });
    return undefined;
  }
  if (text.trim() !== text) {
    problems.push({ line, field, message: `\`${text}\` has spaces around it`, fix: 'remove the spaces; fields are separated by a comma only' });
    return undefined;
  }
  if (!DIGITS.test(text)) {
    const number = Number(text);
    let message = `\`${text}\` is not a whole number`;
    let fix = `write a whole number of ${unit}, such as ${example}`;
    if (Number.isFinite(number) && number < 0) {
      message = `\`${text}\` is negative`;
      fix = `write a whole number of ${unit} that is 0 or more`;
    } else if (Number.isFinite(number)) {
      fix = `round to a whole number of ${unit}, such as \`${Math.round(number)}\`, and write it with digits only`;
    }
    problems.push({ line, field, message, fix });
    return undefined;
  }

  const number = Number(text);
  if (!Number.isSafeInteger(number)) {
    problems.push({ line, field, message: `\`${text}\` is too large`, fix: `check the value; it must be below ${Number.MAX_SAFE_INTEGER}` });
    return undefined;
  }
  return number;
}

// Checks min_ms ≤ p50_ms ≤ p95_ms ≤ max_ms. Each value is compared with the
// nearest valid value to its left, so an invalid p50_ms does not hide a
// min_ms above p95_ms. The problem names the right-hand column.
function checkOrder(day: PartialDay, line: number, problems: ResponseTimesProblem[]): void {
  const values = [day.minMs, day.p50Ms, day.p95Ms, day.maxMs];
  let lower: { column: MillisecondColumn; value: number } | undefined;

  values.forEach((value, index) => {
    if (value === undefined) return;
    const column = MILLISECOND_COLUMNS[index]!;
    if (lower && value < lower.value) {
      problems.push({
        line,
        field: column,
        message: `\`${column}\` is ${value}, which is less than \`${lower.column}\` ${lower.value}`,
        fix: 'check the values and their order; each row needs min_ms ≤ p50_ms ≤ p95_ms ≤ max_ms',
      });
    }
    lower = { column, value };
  });
}

function orderProblem(date: string, line: number, previous: { date: string; line: number }): ResponseTimesProblem {
  if (date === previous.date) {
    return {
      line,
      field: 'date',
      message: `the date \`${date}\` is also on line ${previous.line}`,
      fix: 'keep one row per day: merge the two rows or remove one of them',
    };
  }
  return {
    line,
    field: 'date',
    message: `the date \`${date}\` is earlier than \`${previous.date}\` on line ${previous.line}`,
    fix: 'list the days oldest first, with each date later than the one above it',
  };
}
