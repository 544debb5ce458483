import type { APIRoute } from 'astro';
import type { ServiceStatus } from '../domain/schema/index.ts';
import { getSite } from '../site/get-site.ts';

// The tab icon takes the colour of the site's worst state at build time,
// so a pinned tab shows trouble without being opened.
const COLOURS: Record<ServiceStatus, string> = {
  operational: '#1a7f37',
  under_maintenance: '#0550ae',
  degraded_performance: '#bf8700',
  partial_outage: '#d4620a',
  major_outage: '#c4212d',
};

export const GET: APIRoute = async () => {
  const { status } = await getSite();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="${COLOURS[status.overall]}"/></svg>`;
  return new Response(svg, { headers: { 'content-type': 'image/svg+xml' } });
};
