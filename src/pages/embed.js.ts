import type { APIRoute } from 'astro';
import { embedScript } from '../site/embed.ts';

/** Serves the script that other sites include to show the current status (see src/site/embed.ts). */
export const GET: APIRoute = () =>
  new Response(embedScript(), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
