/** Joins the site's base path and a path inside the site: `/status/` + `incidents/x/`. */
export function joinBase(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Returns the path of a page inside the site, respecting Astro's `base`. */
export function pagePath(path: string): string {
  return joinBase(import.meta.env.BASE_URL, path);
}

/** Returns an absolute URL for a page, for feeds and canonical links. */
export function absoluteUrl(siteUrl: string, base: string, path: string): string {
  return new URL(joinBase(base, path), siteUrl).href;
}

export const paths = {
  home: () => '',
  incident: (slug: string) => `incidents/${slug}/`,
  maintenance: (slug: string) => `maintenance/${slug}/`,
  postmortem: (slug: string) => `postmortems/${slug}/`,
  service: (id: string) => `services/${id}/`,
  history: (page = 1) => (page <= 1 ? 'history/' : `history/${page}/`),
  feed: () => 'rss.xml',
  atom: () => 'atom.xml',
  calendar: () => 'maintenance.ics',
  serviceFeed: (id: string) => `services/${id}/rss.xml`,
  serviceAtom: (id: string) => `services/${id}/atom.xml`,
};
