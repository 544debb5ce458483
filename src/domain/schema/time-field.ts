import { z } from 'zod';
import { parseZonedTime } from '../time.ts';

/**
 * A schema for an ISO 8601 time with an offset; it parses to a Date. It
 * takes any value so that `resolved: true` or `started: 2026` get the
 * time's own fix rather than a generic "expected text".
 */
export const zonedTime = z
  .unknown()
  .transform((value, context) => {
    if (typeof value !== 'string') {
      let message = `expected a time, found \`${String(value)}\``;
      if (value === undefined) message = 'the time is missing';
      if (value === null) message = 'expected a time, found an empty value';
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message,
        params: { fix: 'write the time with its offset, such as `2026-03-02T14:30Z` or `2026-03-02T15:30+01:00`' },
      });
      return z.NEVER;
    }

    const result = parseZonedTime(value);
    if (result.ok) return result.date;

    context.addIssue({ code: z.ZodIssueCode.custom, message: result.message, params: { fix: result.fix } });
    return z.NEVER;
  });

/** Issue parameters that carry a suggested fix to the error report. */
export function withFix(message: string, fix: string): { message: string; params: { fix: string } } {
  return { message, params: { fix } };
}
