/** Wraps a body as a pretty-printed JSON response, for a static endpoint. */
export function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body, null, 2), { headers: { 'content-type': 'application/json' } });
}
