import type { APIRoute } from 'astro';
import { jsonResponse } from '../../../site/api/json-response.ts';
import { summaryBody } from '../../../site/api/statuspage-endpoints.ts';
import { createStatuspageContext } from '../../../site/api/statuspage-page.ts';
import { getSite } from '../../../site/get-site.ts';

/** Statuspage-compatible summary: components, open incidents, maintenance under way or upcoming, and the indicator. */
export const GET: APIRoute = async () => {
  const { repository, now, status } = await getSite();
  return jsonResponse(summaryBody(createStatuspageContext(repository, now, status)));
};
