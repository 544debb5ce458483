import type { JsonPathStep } from '../domain/schema/index.ts';

/** The value at a JSON path, or `found: false` when a step does not exist. */
export type JsonPathLookup = { found: true; value: unknown } | { found: false };

/**
 * Follows the steps of a parsed JSON path (see parseJsonPath) through
 * parsed JSON. A string step reads an object key, and a number step reads an
 * array index. Any other combination, such as an index into an object, is not found.
 */
export function readJsonPath(data: unknown, steps: readonly JsonPathStep[]): JsonPathLookup {
  let current: unknown = data;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return { found: false };
      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, step)) return { found: false };
      current = (current as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: current };
}
