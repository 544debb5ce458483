import type { APIRoute, GetStaticPaths } from 'astro';
import { BADGE_KINDS, serviceBadge, shieldsEndpoint, type BadgeKind } from '../../../site/badges.ts';
import { getSite } from '../../../site/get-site.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { config } = await getSite();
  return config.services.flatMap((service) =>
    BADGE_KINDS.map((kind) => ({ params: { service: service.id, kind }, props: { serviceId: service.id, kind } })),
  );
};

/** Serves one service's badges as Shields.io endpoint JSON, `badges/<service>/status.json` and `badges/<service>/uptime.json`. */
export const GET: APIRoute<{ serviceId: string; kind: BadgeKind }> = async ({ props }) => {
  const badge = serviceBadge(props.kind, await getSite(), props.serviceId);
  return new Response(`${JSON.stringify(shieldsEndpoint(badge))}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
