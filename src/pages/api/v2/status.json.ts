import type { APIRoute } from 'astro';
import { jsonResponse } from '../../../site/api/json-response.ts';
import { statusBody } from '../../../site/api/statuspage-endpoints.ts';
import { createStatuspageContext } from '../../../site/api/statuspage-page.ts';
import { getSite } from '../../../site/get-site.ts';

/** Statuspage-compatible page status: the indicator for the worst service state. */
export const GET: APIRoute = async () => {
  const { repository, now, status } = await getSite();
  return jsonResponse(statusBody(createStatuspageContext(repository, now, status)));
};
