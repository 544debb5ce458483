// Parses the values of the authoring commands' options. Each parser returns
// the value or a message and a fix, in the words of `sitrep validate`, so a
// typo at 2 a.m. gets a suggestion rather than a stack trace.
import { closestMatch } from '../domain/suggest.ts';
import { parseZonedTime } from '../domain/time.ts';
import { incidentStatuses, serviceImpacts, type IncidentStatus, type ServiceImpact } from '../domain/schema/vocabulary.ts';
import { listOf } from '../repository/describe-issue.ts';

/** The reason a value was rejected, and the fix to suggest. */
export interface Rejection {
  ok: false;
  message: string;
  fix: string;
}

export type Parsed<T> = { ok: true; value: T } | Rejection;

/** A time given on the command line: the instant, and the text to write into the file. */
export interface GivenTime {
  date: Date;
  text: string;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string, fix: string): Rejection => ({ ok: false, message, fix });

/** Formats an instant as ISO 8601 in UTC, with seconds and without milliseconds unless they are set. */
export function formatUtc(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Parses `--at`, `--start` or `--end`. The time must name its offset, as
 * every time in the content does; the text is kept as written.
 */
export function parseTimeFlag(text: string): Parsed<GivenTime> {
  const result = parseZonedTime(text);
  if (!result.ok) return fail(result.message, result.fix);
  return ok({ date: result.date, text: text.trim() });
}

/** Returns the current time as a GivenTime, written in UTC with `Z`. */
export function timeNow(now: Date = new Date()): GivenTime {
  const seconds = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return { date: seconds, text: formatUtc(seconds) };
}

/** Parses text that must not be empty, such as a title or a message. */
export function parseText(text: string, label: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return fail(`the ${label} is empty`, `write the ${label} in plain words`);
  return ok(trimmed);
}

/** Parses an incident status such as `identified`. */
export function parseIncidentStatus(text: string): Parsed<IncidentStatus> {
  const status = text.trim();
  if ((incidentStatuses as readonly string[]).includes(status)) return ok(status as IncidentStatus);
  return fail(`\`${status}\` is not an incident status`, withGuess(status, incidentStatuses));
}

/**
 * Parses the values of `--affected`, which may repeat and may each hold a
 * comma-separated list: `api=major_outage,web=partial_outage`. The single
 * value `none` gives an empty map, which clears the affected services.
 * `serviceIds` are the services in content/config.yml; when the list is
 * empty, ids are not checked here and the validation after writing checks them.
 */
export function parseAffected(values: readonly string[], serviceIds: readonly string[]): Parsed<Record<string, ServiceImpact>> {
  const parts = splitList(values);
  if (parts.length === 1 && parts[0]!.toLowerCase() === 'none') return ok({});
  if (parts.length === 0) {
    return fail('no service is given', 'write `SERVICE=IMPACT`, such as `api=major_outage`, or `none` for no service');
  }

  const affected: Record<string, ServiceImpact> = {};
  for (const part of parts) {
    const match = /^([^=:\s]+)\s*[=:]\s*(\S+)$/.exec(part);
    if (!match) {
      return fail(`\`${part}\` is not \`SERVICE=IMPACT\``, 'write it like `api=major_outage`; separate several with commas');
    }

    const [, id, impact] = match as unknown as [string, string, string];
    const idProblem = checkServiceId(id, serviceIds);
    if (idProblem) return idProblem;
    if (!(serviceImpacts as readonly string[]).includes(impact)) {
      return fail(`\`${impact}\` is not an impact, in \`${part}\``, withGuess(impact, serviceImpacts));
    }
    if (id in affected) return fail(`the service \`${id}\` is given twice`, 'give each service once, with its current impact');
    affected[id] = impact as ServiceImpact;
  }
  return ok(affected);
}

/** Parses the values of `--services`: service ids, repeated or comma-separated. */
export function parseServices(values: readonly string[], serviceIds: readonly string[]): Parsed<string[]> {
  const ids = splitList(values);
  if (ids.length === 0) return fail('no service is given', 'give one or more service ids, such as `api,db`');

  for (const id of ids) {
    const problem = checkServiceId(id, serviceIds);
    if (problem) return problem;
  }
  if (new Set(ids).size !== ids.length) return fail('a service is given twice', 'give each service once');
  return ok(ids);
}

const DURATION_UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, min: 60_000 };

/**
 * Parses a duration such as `2h`, `90m`, `1h30m` or `1d`, and returns it in
 * milliseconds. Units: `d` days, `h` hours, `m` or `min` minutes.
 */
export function parseDuration(text: string): Parsed<number> {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  const fix = 'write a whole number with a unit: `d` days, `h` hours, `m` minutes, such as `2h`, `90m` or `1h30m`';
  if (!/^(\d+(d|h|min|m))+$/.test(compact)) return fail(`\`${text.trim()}\` is not a duration`, fix);

  let milliseconds = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)(d|h|min|m)/g)) milliseconds += Number(amount) * DURATION_UNITS[unit!]!;
  if (milliseconds === 0) return fail('the duration is zero', fix);
  return ok(milliseconds);
}

function splitList(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((part) => part.trim()).filter((part) => part !== '');
}

function checkServiceId(id: string, serviceIds: readonly string[]): Rejection | undefined {
  if (serviceIds.length === 0 || serviceIds.includes(id)) return undefined;
  const guess = closestMatch(id, serviceIds);
  const known = `use one of ${listOf(serviceIds)}, the services in content/config.yml`;
  return fail(`unknown service \`${id}\``, guess ? `did you mean \`${guess}\`? ${capitalise(known)}` : known);
}

function withGuess(value: string, options: readonly string[]): string {
  const guess = closestMatch(value, options);
  const use = `use one of ${listOf(options)}`;
  return guess ? `did you mean \`${guess}\`? ${capitalise(use)}` : use;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Returns the time `milliseconds` after `start`, written with the same
 * offset as `start`, so a window's `end` reads like its `start`.
 */
export function addDuration(start: GivenTime, milliseconds: number): GivenTime {
  const date = new Date(start.date.getTime() + milliseconds);
  const offset = /(z|[+-]\d{2}(?::?\d{2})?)$/i.exec(start.text)?.[1] ?? 'Z';
  if (/^z$/i.test(offset)) return { date, text: formatUtc(date) };

  const digits = offset.slice(1).replace(':', '').padEnd(4, '0');
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  const local = formatUtc(new Date(date.getTime() + offsetMinutes * 60_000)).slice(0, -1);
  return { date, text: `${local}${offset[0]}${digits.slice(0, 2)}:${digits.slice(2)}` };
}
