import rss from '@astrojs/rss';
import type { Service } from '../domain/schema/index.ts';
import { writeAtom } from './atom-feed.ts';
import { feedEntries } from './feed-entries.ts';
import type { Site } from './get-site.ts';
import { absoluteUrl, paths } from './urls.ts';

/** Builds the RSS 2.0 response for the whole site, or for one service. */
export function rssResponse(site: Site, service?: Service): Promise<Response> {
  const { config, repository, now } = site;
  const entries = feedEntries(repository, now, { limit: config.feed.items, serviceId: service?.id });
  const pagePath = service ? paths.service(service.id) : paths.home();

  return rss({
    title: feedTitle(site, service),
    description: service
      ? `Incidents and maintenance of ${service.name}`
      : config.description || `Incidents and maintenance of ${config.title}`,
    site: absoluteUrl(config.url, config.base, pagePath),
    items: entries.map((entry) => ({
      title: entry.title,
      link: entry.link,
      pubDate: entry.updated,
      description: entry.summary,
      content: entry.contentHtml,
      categories: entry.categories,
    })),
    customData: `<language>${config.language}</language><lastBuildDate>${now.toUTCString()}</lastBuildDate>`,
  });
}

/** Builds the Atom response for the whole site, or for one service. */
export function atomResponse(site: Site, service?: Service): Response {
  const { config, repository, now } = site;
  const entries = feedEntries(repository, now, { limit: config.feed.items, serviceId: service?.id });
  const body = writeAtom({
    title: feedTitle(site, service),
    selfUrl: absoluteUrl(config.url, config.base, service ? paths.serviceAtom(service.id) : paths.atom()),
    pageUrl: absoluteUrl(config.url, config.base, service ? paths.service(service.id) : paths.home()),
    generated: now,
    entries,
  });
  return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
}

function feedTitle(site: Site, service: Service | undefined): string {
  return service ? `${service.name} · ${site.config.title}` : site.config.title;
}
