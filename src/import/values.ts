// Helpers for the loose values that hand-written source files contain:
// booleans written as text, naive times, and names with typos.
import { closestMatch } from '../domain/suggest.ts';
import { parseZonedTime } from '../domain/time.ts';
import type { ImportReport } from './report.ts';

const TRUE_WORDS = ['true', 'yes', 'y', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'n', 'off', '0', ''];

/** Reads `true`, `"true"`, `yes`, `True` and the like; returns undefined for anything else. */
export function looseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim().toLowerCase();
  if (TRUE_WORDS.includes(text)) return true;
  if (FALSE_WORDS.includes(text)) return false;
  return undefined;
}

const NAIVE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A source time written with an offset, as Sitrep requires. */
export interface ConvertedTime {
  text: string;
  date: Date;
  /** Whether the source had no offset and UTC was assumed. */
  assumedUtc: boolean;
}

/**
 * Converts a source time to ISO 8601 with an offset. A time without an
 * offset, or a bare date, is read as UTC and gets `Z`. Returns undefined
 * for empty or unreadable values.
 */
export function toZonedTime(value: unknown): ConvertedTime | undefined {
  if (value instanceof Date) return { text: value.toISOString().replace('.000Z', 'Z'), date: value, assumedUtc: false };
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();

  const naive = NAIVE.exec(text);
  const candidate = naive ? `${naive[1]}T${naive[2]}Z` : DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text;
  const parsed = parseZonedTime(candidate);
  if (!parsed.ok) return undefined;
  const written = naive || DATE_ONLY.test(text) ? candidate : text.replace(' ', 'T');
  return { text: written, date: parsed.date, assumedUtc: candidate !== text };
}

/** Maps source names to service ids: exact name, then `--mapping`, then a near match. */
export class NameMapper {
  constructor(
    /** Source name to service id, for the names the source itself configures. */
    private readonly known: ReadonlyMap<string, string>,
    /** Names from the `--mapping` file, to service ids. */
    private readonly explicit: ReadonlyMap<string, string>,
    private readonly serviceIds: ReadonlySet<string>,
    private readonly report: ImportReport,
  ) {}

  /** Returns the service id for `name`, or undefined after reporting why it has none. */
  resolve(name: string, where: string): string | undefined {
    const exact = this.known.get(name);
    if (exact !== undefined) return exact;

    const explicit = this.explicit.get(name);
    if (explicit !== undefined) {
      if (this.serviceIds.has(explicit)) {
        this.report.map(`\`${name}\` → \`${explicit}\`, from the mapping file`);
        return explicit;
      }
      this.report.unmap(`${where}: the mapping file maps \`${name}\` to \`${explicit}\`, which is not a service id`);
      return undefined;
    }

    const names = [...this.known.keys()];
    const caseInsensitive = names.find((candidate) => candidate.toLowerCase() === name.trim().toLowerCase());
    const near = caseInsensitive ?? closestMatch(name.trim(), names);
    if (near !== undefined) {
      const id = this.known.get(near)!;
      this.report.map(`\`${name}\` → \`${id}\`, a near match of the name \`${near}\`; add \`${name}: ${id}\` to a --mapping file to confirm, or another id to change it`);
      return id;
    }
    if (this.serviceIds.has(name)) return name;

    this.report.unmap(`${where}: \`${name}\` matches no service; add \`${name}: <service id>\` to a --mapping file`);
    return undefined;
  }
}

/** Returns the value closest to `text` among `choices`, and whether it needed a near match. */
export function looseChoice<T extends string>(text: unknown, choices: readonly T[]): { value: T; exact: boolean } | undefined {
  if (typeof text !== 'string') return undefined;
  const cleaned = text.trim().toLowerCase();
  const exact = choices.find((choice) => choice === cleaned);
  if (exact) return { value: exact, exact: true };
  const prefixed = cleaned.length >= 4 ? choices.find((choice) => choice.startsWith(cleaned)) : undefined;
  const near = prefixed ?? closestMatch(cleaned, choices);
  return near ? { value: near as T, exact: false } : undefined;
}
