import { z } from 'zod';
import { isCalendarDate, isTimeZone } from '../time.ts';
import { closestMatch } from '../suggest.ts';
import { withFix, zonedTime } from './time-field.ts';
import { checkSchema, monitorSettingsSchema } from './check.ts';
import { onCallSchema } from './oncall.ts';
import { statuspageIdField } from './statuspage-id.ts';

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

// A calendar date in the site's time zone, such as the day tracking began.
const localDateField = z.string().superRefine((value, context) => {
  if (isCalendarDate(value)) return;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${value}\` is not a date`, 'write the date as `YYYY-MM-DD`, such as `2026-01-15`; it is read in the site\'s time zone'),
  });
});

export const serviceSchema = z
  .object({
    id: slugId,
    name: z.string().trim().min(1),
    description: z.string().trim().optional(),
    group: z.string().optional(),
    // The first day of uptime tracking; earlier days show as "no data".
    since: localDateField.optional(),
    // The check that `sitrep check` runs for this service.
    check: checkSchema.optional(),
    // The component id on Statuspage, which the compatible API keeps.
    statuspage_id: statuspageIdField.optional(),
  })
  .strict();

const weight = z.number().min(0).max(1);

/** The uptime settings: impact weights and the maintenance rule. */
export const uptimeSettingsSchema = z
  .object({
    // The share of time in each impact that counts as down.
    weights: z
      .object({ major_outage: weight.default(1), partial_outage: weight.default(0.3), degraded_performance: weight.default(0) })
      .strict()
      .default({}),
    // `exclude` leaves maintenance time out of uptime; `count` counts it as normal time.
    maintenance: z.enum(['exclude', 'count']).default('exclude'),
  })
  .strict();

export const groupSchema = z
  .object({
    id: slugId,
    name: z.string().trim().min(1),
    description: z.string().trim().optional(),
    // Collapsed groups show one summary row on the home page until opened.
    collapsed: z.boolean().default(false),
    // The group component's id on Statuspage, which the compatible API keeps.
    statuspage_id: statuspageIdField.optional(),
  })
  .strict();

// Links may point at the web, at mail, or within the site, as in markdown.
const linkUrl = z.string().superRefine((value, context) => {
  // `//host` would leave the site, so a site link must start with one slash.
  if (/^(https?:|mailto:|\/(?!\/)|#)/i.test(value.trim())) return;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${value}\` is not a web, mail or site link`, 'start it with `https://`, `http://`, `mailto:`, `/` or `#`'),
  });
});

const linkSchema = z.object({ label: z.string().trim().min(1), url: linkUrl }).strict();

const locale = z.string().superRefine((value, context) => {
  let supported = false;
  try {
    supported = Intl.DateTimeFormat.supportedLocalesOf([value]).length > 0;
  } catch {
    supported = false;
  }
  if (supported) return;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${value}\` is not a language tag this Node.js can format dates in`, 'use a BCP 47 tag such as `en`, `en-GB` or `de`'),
  });
});

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
    language: locale.default('en'),
    logo: z.string().optional(),
    links: z.array(linkSchema).default([]),
    services: z.array(serviceSchema).min(1),
    groups: z.array(groupSchema).default([]),
    uptime: uptimeSettingsSchema.default({}),
    feed: z
      .object({
        // Feeds keep the most recently updated entries, so they stay small as history grows.
        items: z.number().int().min(1).max(1000).default(50),
      })
      .strict()
      .default({}),
    // Shifts every content time so that `anchor` lands on the build time.
    // Only the shipped example uses it, so its page never looks stale.
    demo: z.object({ anchor: zonedTime }).strict().optional(),
    // The settings of `sitrep check`. When the section is absent,
    // `resolveMonitorSettings` fills in every default.
    monitor: monitorSettingsSchema.optional(),
    // The rotation whose handle `sitrep alert` assigns incident issues to, and the escalation handle.
    oncall: onCallSchema.optional(),
  })
  .strict();

export type SiteConfig = z.output<typeof siteConfigSchema>;
export type Service = z.output<typeof serviceSchema>;
export type Group = z.output<typeof groupSchema>;
export type UptimeSettings = z.output<typeof uptimeSettingsSchema>;
