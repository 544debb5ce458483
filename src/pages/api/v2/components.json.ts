import type { APIRoute } from 'astro';
import { jsonResponse } from '../../../site/api/json-response.ts';
import { componentsBody } from '../../../site/api/statuspage-endpoints.ts';
import { createStatuspageContext } from '../../../site/api/statuspage-page.ts';
import { getSite } from '../../../site/get-site.ts';

/** Statuspage-compatible list of every service and group. */
export const GET: APIRoute = async () => {
  const { repository, now, status } = await getSite();
  return jsonResponse(componentsBody(createStatuspageContext(repository, now, status)));
};
