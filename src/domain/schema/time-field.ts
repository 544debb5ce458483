import { z } from 'zod';
import { parseZonedTime } from '../time.ts';

/** A schema for an ISO 8601 time with an offset; it parses to a Date. */
export const zonedTime = z
  .string({ invalid_type_error: 'expected a time such as 2026-03-02T14:30Z' })
  .transform((text, context) => {
    const result = parseZonedTime(text);
    if (result.ok) return result.date;

    context.addIssue({ code: z.ZodIssueCode.custom, message: result.message, params: { fix: result.fix } });
    return z.NEVER;
  });

/** Issue parameters that carry a suggested fix to the error report. */
export function withFix(message: string, fix: string): { message: string; params: { fix: string } } {
  return { message, params: { fix } };
}
