import type { APIRoute } from 'astro';
import { jsonResponse } from '../../../site/api/json-response.ts';
import { incidentsBody } from '../../../site/api/statuspage-endpoints.ts';
import { createStatuspageContext } from '../../../site/api/statuspage-page.ts';
import { getSite } from '../../../site/get-site.ts';

/** Statuspage-compatible list of the 50 incidents that started last. */
export const GET: APIRoute = async () => {
  const { repository, now, status } = await getSite();
  return jsonResponse(incidentsBody(createStatuspageContext(repository, now, status)));
};
