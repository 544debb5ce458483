import type { APIRoute, GetStaticPaths } from 'astro';
import { BADGE_KINDS, badgeSvg, serviceBadge, type BadgeKind } from '../../../site/badges.ts';
import { getSite } from '../../../site/get-site.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { config } = await getSite();
  return config.services.flatMap((service) =>
    BADGE_KINDS.map((kind) => ({ params: { service: service.id, kind }, props: { serviceId: service.id, kind } })),
  );
};

/** Serves one service's badges, `badges/<service>/status.svg` and `badges/<service>/uptime.svg`. */
export const GET: APIRoute<{ serviceId: string; kind: BadgeKind }> = async ({ props }) => {
  const badge = serviceBadge(props.kind, await getSite(), props.serviceId);
  return new Response(badgeSvg(badge), { headers: { 'content-type': 'image/svg+xml; charset=utf-8' } });
};
