// Response-time samples and their daily rollup. The state keeps one day of
// samples per service. The first run on a later day turns them into one row
// of content/response-times/<service>.csv, in the format that
// src/domain/response-times.ts describes, and starts the new day.
import { RESPONSE_TIMES_HEADER, parseResponseTimes, type ResponseDay } from '../domain/response-times.ts';
import { RESPONSE_TIMES_FOLDER } from '../repository/read-response-times.ts';
import type { FileOperation, ServiceState } from './state-file.ts';

/** Returns the response-times file of a service, relative to the site root. */
export function responseTimesFile(serviceId: string): string {
  return `${RESPONSE_TIMES_FOLDER}/${serviceId}.csv`;
}

/** Returns the `p`th percentile (0–100) of ascending values by the nearest-rank method. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no values');
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Summarises one day's samples, in milliseconds, as a row of the response-times file. */
export function summariseDay(date: string, samples: readonly number[]): ResponseDay {
  const sorted = samples.map((value) => Math.round(value)).sort((a, b) => a - b);
  return {
    date,
    count: sorted.length,
    minMs: sorted[0]!,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1)!,
  };
}

/** Formats a day as one CSV row without a line break. */
export function formatRow(day: ResponseDay): string {
  return [day.date, day.count, day.minMs, day.p50Ms, day.p95Ms, day.maxMs].join(',');
}

export interface RollupPlan {
  state: ServiceState;
  operation?: FileOperation;
  /** The reason samples were dropped instead of written, when they were. */
  problem?: string;
}

/**
 * Finalises the samples of a day before `today` (a `YYYY-MM-DD` date in the
 * site's time zone) into a row operation, then adds this run's sample.
 * `csvText` is the service's current file, or undefined when it does not
 * exist. A day that the file already has, or one older than its last row,
 * is dropped with a problem rather than written twice or out of order.
 */
export function planRollup(serviceId: string, state: ServiceState, today: string, sampleMs: number | undefined, csvText: string | undefined): RollupPlan {
  const next: ServiceState = { ...state };
  let operation: FileOperation | undefined;
  let problem: string | undefined;

  const samples = state.samples;
  if (samples && samples.date < today) {
    next.samples = undefined;
    if (samples.ms.length > 0) {
      const file = responseTimesFile(serviceId);
      const lastDate = csvText === undefined ? undefined : parseResponseTimes(csvText).days.at(-1)?.date;
      if (lastDate !== undefined && lastDate >= samples.date) {
        problem = `${file} already has a row for ${lastDate}, so the ${samples.ms.length} samples of ${samples.date} were not written`;
      } else {
        operation = { kind: 'append-row', file, date: samples.date, row: formatRow(summariseDay(samples.date, samples.ms)), service: serviceId };
      }
    }
  }

  if (sampleMs !== undefined) {
    const current = next.samples && next.samples.date === today ? next.samples.ms : [];
    next.samples = { date: today, ms: [...current, Math.round(sampleMs)] };
  }
  return { state: next, operation, problem };
}

/**
 * Returns the text of a response-times file with `row` appended, or
 * undefined when the file already has that date. Every existing byte stays,
 * a missing final newline is added, and Windows line endings are kept.
 * Throws a RangeError when the file has problems or the row would break the
 * format, so a file that validation rejects is never written.
 */
export function appendRow(csvText: string | undefined, date: string, row: string): string | undefined {
  if (csvText === undefined) return checked(`${RESPONSE_TIMES_HEADER}\n${row}\n`);

  const before = parseResponseTimes(csvText);
  if (before.problems.length > 0) {
    const first = before.problems[0]!;
    throw new RangeError(`line ${first.line}: ${first.message}`);
  }
  if (before.days.some((day) => day.date === date)) return undefined;

  const eol = csvText.includes('\r\n') ? '\r\n' : '\n';
  const separator = csvText.endsWith('\n') ? '' : eol;
  return checked(`${csvText}${separator}${row}${eol}`);
}

function checked(text: string): string {
  const first = parseResponseTimes(text).problems[0];
  if (first) throw new RangeError(`line ${first.line}: ${first.message}`);
  return text;
}
