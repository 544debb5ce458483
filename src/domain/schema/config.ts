import { z } from 'zod';
import { isTimeZone } from '../time.ts';
import { closestMatch } from '../suggest.ts';
import { withFix, zonedTime } from './time-field.ts';

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const slugId = z.string().superRefine((id, context) => {
  if (SLUG.test(id)) return;
  const suggestion = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'public-api';
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`the id \`${id}\` is not lower-case letters, digits and hyphens`, `use a slug such as \`${suggestion}\``),
  });
});

const absoluteUrl = z.string().superRefine((value, context) => {
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'http:' || protocol === 'https:') return;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${value}\` is not a full http:// or https:// address`, 'write the full address, such as `https://status.example.com`'),
  });
});

export const serviceSchema = z
  .object({
    id: slugId,
    name: z.string().trim().min(1),
    description: z.string().trim().optional(),
    group: z.string().optional(),
  })
  .strict();

export const groupSchema = z
  .object({
    id: slugId,
    name: z.string().trim().min(1),
    description: z.string().trim().optional(),
    // Collapsed groups show one summary row on the home page until opened.
    collapsed: z.boolean().default(false),
  })
  .strict();

const linkSchema = z.object({ label: z.string().trim().min(1), url: z.string().min(1) }).strict();

/** `content/config.yml`: the site's settings and its services. */
export const siteConfigSchema = z
  .object({
    title: z.string().trim().min(1),
    description: z.string().trim().default(''),
    url: absoluteUrl,
    base: z
      .string()
      .default('/')
      .transform((base) => `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/')),
    timezone: z
      .string()
      .default('UTC')
      .superRefine((zone, context) => {
        if (isTimeZone(zone)) return;
        const guess = closestMatch(zone, Intl.supportedValuesOf('timeZone'));
        const fix = 'use an IANA name such as `UTC`, `Europe/Berlin` or `America/New_York`';
        context.addIssue({
          code: z.ZodIssueCode.custom,
          ...withFix(`unknown time zone \`${zone}\``, guess ? `did you mean \`${guess}\`? Or ${fix}` : fix),
        });
      }),
    language: z.string().default('en'),
    logo: z.string().optional(),
    links: z.array(linkSchema).default([]),
    services: z.array(serviceSchema).min(1),
    groups: z.array(groupSchema).default([]),
    // Shifts every content time so that `anchor` lands on the build time.
    // Only the shipped example uses it, so its page never looks stale.
    demo: z.object({ anchor: zonedTime }).strict().optional(),
  })
  .strict();

export type SiteConfig = z.output<typeof siteConfigSchema>;
export type Service = z.output<typeof serviceSchema>;
export type Group = z.output<typeof groupSchema>;
