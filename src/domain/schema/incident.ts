import { z } from 'zod';
import { incidentImpacts, incidentStatuses, serviceImpacts } from './vocabulary.ts';
import { withFix, zonedTime } from './time-field.ts';
import { statuspageIdField } from './statuspage-id.ts';

/** A map from service id to that service's impact. */
export const affectedMap = z.record(z.string(), z.enum(serviceImpacts));

export const incidentUpdateSchema = z
  .object({
    at: zonedTime,
    status: z.enum(incidentStatuses),
    message: z.string().trim().min(1),
    // Replaces the incident's whole `affected` map from this update on.
    affected: affectedMap.optional(),
  })
  .strict();

/** The frontmatter of one file in `incidents/`. */
export const incidentSchema = z
  .object({
    title: z.string().trim().min(1),
    affected: affectedMap.default({}),
    impact: z.enum(incidentImpacts).optional(),
    started: zonedTime,
    resolved: zonedTime.optional(),
    updates: z.array(incidentUpdateSchema).default([]),
    automated: z.boolean().default(false),
    postmortem: z.string().trim().min(1).optional(),
    // The incident's id on Statuspage, which the compatible API keeps.
    statuspage_id: statuspageIdField.optional(),
  })
  .strict()
  .superRefine((incident, context) => {
    const { started, resolved, updates } = incident;
    if (!(started instanceof Date)) return;

    if (resolved instanceof Date && resolved < started) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['resolved'],
        ...withFix('`resolved` is earlier than `started`', 'check both times; `resolved` must come after `started`'),
      });
    }

    if (updates.length === 0 && resolved === undefined) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['updates'],
        ...withFix(
          'the incident has no updates and no `resolved` time',
          'add an update such as `- at: …, status: investigating, message: …`, or give `resolved` for a past incident',
        ),
      });
    }

    updates.forEach((update, index) => {
      if (!(update.at instanceof Date)) return;
      const previous = updates[index - 1];

      if (update.at < started) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['updates', index, 'at'],
          ...withFix('this update is earlier than the incident\'s `started` time', 'move `started` earlier or correct the update\'s time'),
        });
      } else if (previous && previous.at instanceof Date && update.at < previous.at) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['updates', index, 'at'],
          ...withFix('this update is earlier than the update before it', 'list updates oldest first and check their times'),
        });
      }

      if (previous?.status === 'resolved') {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['updates', index],
          ...withFix(
            'an update follows the `resolved` update',
            'make the resolved update the last one; if the problem came back, open a new incident',
          ),
        });
      }
    });

    const last = updates.at(-1);
    if (resolved instanceof Date && last) {
      if (last.status !== 'resolved') {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['resolved'],
          ...withFix(
            `the incident has \`resolved\` but its last update is \`${last.status}\``,
            'append an update with `status: resolved`, or remove `resolved` if the incident is still open',
          ),
        });
      } else if (last.at instanceof Date && last.at.getTime() !== resolved.getTime()) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['resolved'],
          ...withFix(
            '`resolved` differs from the time of the resolved update',
            'remove `resolved`; the time of the resolved update is used',
          ),
        });
      }
    }
  });

export type IncidentFrontmatter = z.output<typeof incidentSchema>;
export type IncidentUpdate = z.output<typeof incidentUpdateSchema>;

/** An incident as the site uses it: the frontmatter plus its slug and body. */
export interface Incident extends IncidentFrontmatter {
  slug: string;
  body: string;
}
