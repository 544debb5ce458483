import type { APIRoute } from 'astro';
import { maintenanceCalendar } from '../site/calendar.ts';
import { getSite } from '../site/get-site.ts';

/** Serves the maintenance calendar to subscribe to: recent and upcoming windows. */
export const GET: APIRoute = async () => {
  const { repository, config, now } = await getSite();
  return new Response(maintenanceCalendar(config, repository.maintenance, now), {
    headers: { 'content-type': 'text/calendar; charset=utf-8' },
  });
};
