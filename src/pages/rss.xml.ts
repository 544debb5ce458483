import type { APIRoute } from 'astro';
import { rssResponse } from '../site/feeds.ts';
import { getSite } from '../site/get-site.ts';

/** The site's RSS 2.0 feed: the latest incidents and maintenance windows. */
export const GET: APIRoute = async () => rssResponse(await getSite());
