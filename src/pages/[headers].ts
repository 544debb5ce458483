import type { APIRoute } from 'astro';
import { getSite } from '../site/get-site.ts';
import { joinBase } from '../site/urls.ts';

/**
 * Writes a `_headers` file, which Netlify and Cloudflare Pages read. It lets
 * other sites fetch the JSON files and badges, which the embed script needs,
 * and keeps caches short so an outage shows within a minute. Other hosts
 * ignore the file; docs/api.md lists what to set there.
 */
// Astro skips page files whose names start with `_`, so the name comes
// from a parameter instead.
export function getStaticPaths() {
  return [{ params: { headers: '_headers' } }];
}

export const GET: APIRoute = async () => {
  const { config } = await getSite();
  const path = (suffix: string) => joinBase(config.base, suffix);
  const cors = '  Access-Control-Allow-Origin: *';
  const body = [
    path('api/*'),
    cors,
    path('badges/*'),
    cors,
    path('embed.js'),
    cors,
    // Both hosts apply every matching block, so the cache rule is given once.
    path('*'),
    '  Cache-Control: public, max-age=60',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
