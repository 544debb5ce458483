import type { APIRoute } from 'astro';
import { jsonResponse } from '../../site/api/json-response.ts';
import { nativeStatus } from '../../site/api/native-status.ts';
import { getSite } from '../../site/get-site.ts';

/** Sitrep's own status file, small enough for an embed script to fetch on every page view. */
export const GET: APIRoute = async () => {
  const { repository, now, status, uptime } = await getSite();
  return jsonResponse(nativeStatus(repository, now, uptime, status));
};
