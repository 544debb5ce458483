// Content builders and local HTTP servers for the alert tests. Every server
// listens on 127.0.0.1 and is closed by the test that started it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { incidentSchema, siteConfigSchema, type Incident, type Repository } from '../../src/domain/schema/index.ts';

/** Builds a validated config for two services, with optional extra fields such as `oncall`. */
export function config(extra: Record<string, unknown> = {}): Repository['config'] {
  return siteConfigSchema.parse({
    title: 'Test Status',
    url: 'https://status.example.com',
    base: '/status/',
    services: [
      { id: 'api', name: 'Public API' },
      { id: 'web', name: 'Website' },
    ],
    ...extra,
  });
}

/** Builds a validated incident from frontmatter as it would be written in a file. */
export function incident(slug: string, frontmatter: Record<string, unknown>): Incident {
  return { ...incidentSchema.parse(frontmatter), slug, body: '' };
}

export function repository(incidents: Incident[], configuration = config()): Repository {
  return { config: configuration, incidents, maintenance: [], postmortems: [], responseTimes: new Map() };
}

/** One request that a test server received. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  json?: unknown;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void;

/** An HTTP server on 127.0.0.1 that records every request and responds through `handler`. */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private constructor(private readonly server: Server) {}

  static async start(handler: Handler): Promise<RecordingServer> {
    let recording: RecordingServer | undefined;
    const server = createServer((incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const request: RecordedRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: incoming.headers, body, json };
        recording!.requests.push(request);
        handler(request, response);
      });
    });
    recording = new RecordingServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return recording;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Starts a webhook receiver that responds 500 to the first `failures` requests on each path, then 200. */
export async function webhookReceiver(failures: Record<string, number> = {}): Promise<RecordingServer> {
  const seen = new Map<string, number>();
  return RecordingServer.start((request, response) => {
    const count = (seen.get(request.url) ?? 0) + 1;
    seen.set(request.url, count);
    const failing = count <= (failures[request.url] ?? 0);
    response.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain' });
    response.end(failing ? 'temporary failure' : 'ok');
  });
}
