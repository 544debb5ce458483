import type { APIRoute, GetStaticPaths } from 'astro';
import { BADGE_KINDS, shieldsEndpoint, siteBadge, type BadgeKind } from '../../site/badges.ts';
import { getSite } from '../../site/get-site.ts';

export const getStaticPaths: GetStaticPaths = () => BADGE_KINDS.map((kind) => ({ params: { kind }, props: { kind } }));

/** Serves the whole site's badges as Shields.io endpoint JSON, `badges/status.json` and `badges/uptime.json`. */
export const GET: APIRoute<{ kind: BadgeKind }> = async ({ props }) => {
  const badge = siteBadge(props.kind, await getSite());
  return new Response(`${JSON.stringify(shieldsEndpoint(badge))}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
