import { z } from 'zod';
import { zonedTime } from './time-field.ts';

/** The frontmatter of one file in `content/postmortems/`. */
export const postmortemSchema = z
  .object({
    title: z.string().trim().min(1),
    incidents: z.array(z.string()).min(1),
    published: zonedTime,
  })
  .strict();

export type PostmortemFrontmatter = z.output<typeof postmortemSchema>;

/** A postmortem as the site uses it. */
export interface Postmortem extends PostmortemFrontmatter {
  slug: string;
  body: string;
}
