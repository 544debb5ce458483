import { z } from 'zod';
import { isCalendarDate, parseZonedTime } from '../time.ts';
import { withFix } from './time-field.ts';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses a duration such as `30m`, `12h`, `7d` or `2w` to milliseconds, or returns undefined. */
export function parseRotationDuration(text: string): number | undefined {
  const match = /^(\d+)\s*(m|h|d|w)$/.exec(text.trim());
  if (!match) return undefined;
  const milliseconds = Number(match[1]) * UNITS[match[2]!]!;
  return milliseconds > 0 ? milliseconds : undefined;
}

const rotationDuration = z.unknown().transform((value, context) => {
  const milliseconds = typeof value === 'string' ? parseRotationDuration(value) : undefined;
  if (milliseconds !== undefined) return milliseconds;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${String(value)}\` is not a duration`, 'write a whole number with a unit: `m`, `h`, `d` or `w`, such as `30m` or `7d`'),
  });
  return z.NEVER;
});

// A calendar date is midnight UTC; a time with an offset is taken as written.
const rotationStart = z.unknown().transform((value, context) => {
  if (typeof value === 'string' && isCalendarDate(value)) return new Date(`${value}T00:00:00Z`);
  if (typeof value === 'string') {
    const parsed = parseZonedTime(value);
    if (parsed.ok) return parsed.date;
  }
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${String(value)}\` is not a date or a time`, 'write a date such as `2026-01-05` (midnight UTC) or a time such as `2026-01-05T09:00+01:00`'),
  });
  return z.NEVER;
});

// A GitHub login: letters, digits and single hyphens, at most 39 characters.
const handle = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, ''))
  .superRefine((value, context) => {
    if (/^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i.test(value)) return;
    context.addIssue({
      code: z.ZodIssueCode.custom,
      ...withFix(`\`${value}\` is not a GitHub user name`, 'write the login without spaces, such as `octocat` or `@octocat`'),
    });
  });

/** The `oncall` section of `content/config.yml`: who is assigned new incidents, and whom to escalate to. */
export const onCallSchema = z
  .object({
    // GitHub logins, in the order they take turns.
    rotation: z.array(handle).min(1),
    // How long each turn lasts; parses to milliseconds.
    length: rotationDuration.default('7d'),
    // When the first handle's first turn begins.
    start: rotationStart,
    escalation: z
      .object({
        // How long an automated incident may go without a person's update; parses to milliseconds.
        after: rotationDuration,
        handle,
      })
      .strict()
      .optional(),
  })
  .strict();

export type OnCallSettings = z.output<typeof onCallSchema>;
