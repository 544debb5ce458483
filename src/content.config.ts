import { defineCollection } from 'astro:content';
import { incidentSchema, maintenanceSchema, postmortemSchema, siteConfigSchema } from './domain/schema/index.ts';
import { sitrepLoader } from './site/content-loader.ts';

// The same zod schemas back `sitrep validate` and these
// collections, so the site can never accept what the validator rejects.
export const collections = {
  site: defineCollection({ loader: sitrepLoader('site'), schema: siteConfigSchema }),
  incidents: defineCollection({ loader: sitrepLoader('incidents'), schema: incidentSchema }),
  maintenance: defineCollection({ loader: sitrepLoader('maintenance'), schema: maintenanceSchema }),
  postmortems: defineCollection({ loader: sitrepLoader('postmortems'), schema: postmortemSchema }),
};
