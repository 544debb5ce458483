import type { APIRoute } from 'astro';
import { jsonResponse } from '../../../../site/api/json-response.ts';
import { activeMaintenancesBody } from '../../../../site/api/statuspage-endpoints.ts';
import { createStatuspageContext } from '../../../../site/api/statuspage-page.ts';
import { getSite } from '../../../../site/get-site.ts';

/** Statuspage-compatible list of the maintenance windows under way. */
export const GET: APIRoute = async () => {
  const { repository, now, status } = await getSite();
  return jsonResponse(activeMaintenancesBody(createStatuspageContext(repository, now, status)));
};
