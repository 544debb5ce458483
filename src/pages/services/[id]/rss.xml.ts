import type { APIRoute, GetStaticPaths } from 'astro';
import type { Service } from '../../../domain/schema/index.ts';
import { rssResponse } from '../../../site/feeds.ts';
import { getSite } from '../../../site/get-site.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { config } = await getSite();
  return config.services.map((service) => ({ params: { id: service.id }, props: { service } }));
};

/** One service's RSS feed: the incidents and windows that touch it. */
export const GET: APIRoute<{ service: Service }> = async ({ props }) => rssResponse(await getSite(), props.service);
