import { z } from 'zod';
import { withFix } from './time-field.ts';

/** The shape of a Statuspage id: lower-case letters and digits, such as `cmpapi000001`. */
export const STATUSPAGE_ID = /^[a-z0-9]{1,64}$/;

/**
 * A schema for the id an item had on Statuspage. The compatible API serves it in place of
 * the derived id, so that clients keep working after a migration.
 */
export const statuspageIdField = z.string().superRefine((id, context) => {
  if (STATUSPAGE_ID.test(id)) return;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(
      `\`${id}\` is not a Statuspage id, which is 1 to 64 lower-case letters and digits`,
      'copy the id from the Statuspage export, or remove `statuspage_id` to use a derived id',
    ),
  });
});
