import type { APIRoute, GetStaticPaths } from 'astro';
import type { Maintenance } from '../../domain/schema/index.ts';
import { windowCalendar } from '../../site/calendar.ts';
import { getSite } from '../../site/get-site.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { repository } = await getSite();
  return repository.maintenance.map((window) => ({ params: { slug: window.slug }, props: { window } }));
};

/** Serves one window as a calendar file, for the "Add to calendar" link on its page. */
export const GET: APIRoute<{ window: Maintenance }> = async ({ props }) => {
  const { config, now } = await getSite();
  return new Response(windowCalendar(props.window, config, now), {
    headers: { 'content-type': 'text/calendar; charset=utf-8' },
  });
};
