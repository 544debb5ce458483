import type { APIRoute, GetStaticPaths } from 'astro';
import { BADGE_KINDS, badgeSvg, siteBadge, type BadgeKind } from '../../site/badges.ts';
import { getSite } from '../../site/get-site.ts';

export const getStaticPaths: GetStaticPaths = () => BADGE_KINDS.map((kind) => ({ params: { kind }, props: { kind } }));

/** Serves the whole site's badges, `badges/status.svg` and `badges/uptime.svg`. */
export const GET: APIRoute<{ kind: BadgeKind }> = async ({ props }) => {
  const badge = siteBadge(props.kind, await getSite());
  return new Response(badgeSvg(badge), { headers: { 'content-type': 'image/svg+xml; charset=utf-8' } });
};
