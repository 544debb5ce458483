import type { APIRoute, GetStaticPaths } from 'astro';
import type { Service } from '../../../domain/schema/index.ts';
import { atomResponse } from '../../../site/feeds.ts';
import { getSite } from '../../../site/get-site.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { config } = await getSite();
  return config.services.map((service) => ({ params: { id: service.id }, props: { service } }));
};

/** One service's Atom feed, with the same entries as its RSS feed. */
export const GET: APIRoute<{ service: Service }> = async ({ props }) => atomResponse(await getSite(), props.service);
