import type { APIRoute } from 'astro';
import { atomResponse } from '../site/feeds.ts';
import { getSite } from '../site/get-site.ts';

/** The site's Atom feed, with the same entries as the RSS feed. */
export const GET: APIRoute = async () => atomResponse(await getSite());
