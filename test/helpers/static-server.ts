import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  /** The site's address, base path included, such as `http://127.0.0.1:4123/status/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site on 127.0.0.1 under `base`, as a plain static host
 * would: a folder is served by its index.html, an unknown path by 404.html.
 */
export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      response.writeHead(400).end('Bad request: the path is not valid percent-encoding\n');
      return;
    }
    const inside = pathname.startsWith(base) ? pathname.slice(base.length) : undefined;
    const candidate = inside === undefined ? undefined : path.join(root, path.normalize(`/${inside}`));
    const file = candidate ? await findFile(candidate) : undefined;

    if (!file) {
      response.writeHead(404, { 'content-type': TYPES['.html']! });
      createReadStream(path.join(root, '404.html')).on('error', () => response.end()).pipe(response);
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function findFile(candidate: string): Promise<string | undefined> {
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
    if (info.isDirectory()) return findFile(path.join(candidate, 'index.html'));
  } catch {
    return undefined;
  }
  return undefined;
}
