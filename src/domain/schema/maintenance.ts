import { z } from 'zod';
import { maintenanceStatuses } from './vocabulary.ts';
import { withFix, zonedTime } from './time-field.ts';
import { statuspageIdField } from './statuspage-id.ts';

export const maintenanceUpdateSchema = z
  .object({
    at: zonedTime,
    status: z.enum(maintenanceStatuses),
    message: z.string().trim().min(1),
  })
  .strict();

/** The frontmatter of one file in `content/maintenance/`. */
export const maintenanceSchema = z
  .object({
    title: z.string().trim().min(1),
    services: z.array(z.string()).min(1),
    start: zonedTime,
    end: zonedTime,
    updates: z.array(maintenanceUpdateSchema).default([]),
    // The scheduled maintenance's id on Statuspage, which the compatible API keeps.
    statuspage_id: statuspageIdField.optional(),
  })
  .strict()
  .superRefine((window, context) => {
    const { start, end, updates } = window;
    if (!(start instanceof Date) || !(end instanceof Date)) return;

    if (end <= start) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['end'],
        ...withFix('`end` is not after `start`', 'give the scheduled end of the window, after its start'),
      });
    }

    updates.forEach((update, index) => {
      const previous = updates[index - 1];
      if (previous && previous.at instanceof Date && update.at instanceof Date && update.at < previous.at) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['updates', index, 'at'],
          ...withFix('this update is earlier than the update before it', 'list updates oldest first and check their times'),
        });
      }

      if (previous && (previous.status === 'completed' || previous.status === 'cancelled')) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['updates', index],
          ...withFix(
            `an update follows the \`${previous.status}\` update`,
            `make the ${previous.status} update the last one, or schedule a new window`,
          ),
        });
      }
    });
  });

export type MaintenanceFrontmatter = z.output<typeof maintenanceSchema>;
export type MaintenanceUpdate = z.output<typeof maintenanceUpdateSchema>;

/** A maintenance window as the site uses it: the frontmatter plus its slug and body. */
export interface Maintenance extends MaintenanceFrontmatter {
  slug: string;
  body: string;
}
