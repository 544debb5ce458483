import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getSite } from '../site/get-site.ts';
import { feedItems } from '../site/feed-items.ts';
import { absoluteUrl, paths } from '../site/urls.ts';

/** The site's RSS 2.0 feed: every incident and maintenance window. */
export const GET: APIRoute = async () => {
  const { repository, config, now } = await getSite();
  return rss({
    title: config.title,
    description: config.description || `Incidents and maintenance of ${config.title}`,
    site: absoluteUrl(config.url, config.base, paths.home()),
    items: feedItems(repository, now),
    customData: `<language>${config.language}</language><lastBuildDate>${now.toUTCString()}</lastBuildDate>`,
  });
};
