// Runs each probe against real servers on 127.0.0.1 and checks the outcome,
// the failure kind and the sentence.
import { gzipSync } from 'node:zlib';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, type CheckConfig, type DnsCheckConfig, type TcpCheckConfig } from '../../src/domain/schema/index.ts';
import { createRedactor, type ResolvedHttpCheck } from '../../src/monitor/config-secrets.ts';
import { probeHttp } from '../../src/monitor/probes/http.ts';
import { probeTcp } from '../../src/monitor/probes/tcp.ts';
import { probeDns } from '../../src/monitor/probes/dns.ts';
import { judgeHeartbeat } from '../../src/monitor/probes/heartbeat.ts';
import {
  closedPort,
  closedUdpPort,
  generateAuthority,
  generateServerCertificate,
  readRequestBody,
  respondLater,
  startDnsServer,
  startHttpServer,
  startHttpsServer,
  startTcpServer,
  type Credentials,
  type RunningServer,
} from './servers.ts';

function parseCheck<T extends CheckConfig>(fields: Record<string, unknown>): T {
  return checkSchema.parse(fields) as T;
}

function httpCheck(fields: Record<string, unknown>): ResolvedHttpCheck {
  const check = parseCheck<ResolvedHttpCheck>({ type: 'http', ...fields });
  return { ...check, urlTemplate: check.url };
}

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

async function track<T extends RunningServer>(server: Promise<T>): Promise<T> {
  const running = await server;
  servers.push(running);
  return running;
}

describe('http probe', () => {
  let origin = '';
  const seen: { path: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    const server = await track(
      startHttpServer(async (request, response) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        seen.push({ path: url.pathname, headers: request.headers, body: await readRequestBody(request) });
        switch (url.pathname) {
          case '/health':
            response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","data":{"items":[{"ok":true}]}}');
            return;
          case '/unavailable':
            response.writeHead(503).end('upstream down');
            return;
          case '/odd-reason':
            response.statusMessage = '<b>Down</b> *now* see http://evil.test';
            response.writeHead(500).end();
            return;
          case '/no-content':
            response.writeHead(204).end();
            return;
          case '/slow':
            respondLater(response, 300, 200, 'ok');
            return;
          case '/hang':
            respondLater(response, 5_000, 200, 'late');
            return;
          case '/reset':
            request.socket.destroy();
            return;
          case '/html':
            response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance page</body></html>');
            return;
          case '/gzip':
            response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('compressed status: all good'));
            return;
          case '/redirect-a':
            response.writeHead(302, { location: '/redirect-b' }).end();
            return;
          case '/redirect-b':
            response.writeHead(301, { location: `${origin}/health` }).end();
            return;
          case '/loop':
            response.writeHead(302, { location: '/loop' }).end();
            return;
          case '/see-other':
            response.writeHead(303, { location: '/health' }).end();
            return;
          case '/bad-scheme':
            response.writeHead(302, { location: 'ftp://127.0.0.1/file' }).end();
            return;
          case '/leak':
            response.statusMessage = 'bad key sk_live_4f2a';
            response.writeHead(401).end(`<p>key sk_live_4f2a_${'9'.repeat(60)} rejected</p>`);
            return;
          case '/echo':
            response.writeHead(200).end(`method=${request.method}`);
            return;
          default:
            response.writeHead(404).end('not found');
        }
      }),
    );
    origin = server.origin;
  });

  it('passes on 200', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/health` }));
    expect(result.outcome).toBe('up');
    expect(result.message).toBe('HTTP 200 from GET /health');
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('fails on unexpected status', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/unavailable` }));
    expect(result.outcome).toBe('down');
    expect(result.kind).toBe('status');
    expect(result.message).toBe('HTTP 503 from GET /unavailable');
    expect(result.networkLevel).toBe(false);
  });

  it('accepts listed codes and ranges', async () => {
    const single = await probeHttp(httpCheck({ url: `${origin}/no-content`, expected_status: 204 }));
    expect(single.outcome).toBe('up');
    const list = await probeHttp(httpCheck({ url: `${origin}/unavailable`, expected_status: [200, '500-503'] }));
    expect(list.outcome).toBe('up');
    const family = await probeHttp(httpCheck({ url: `${origin}/health`, expected_status: '3xx', max_redirects: 0 }));
    expect(family.kind).toBe('status');
  });

  it('escapes a remote status text', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/odd-reason` }));
    expect(result.kind).toBe('status');
    expect(result.message).toContain('&lt;b&gt;Down&lt;/b&gt;');
    expect(result.message).toContain('\\*now\\*');
    expect(result.message).not.toContain('http://');
    expect(result.message).toMatch(/^HTTP 500 \(".*"\) from GET \/odd-reason$/);
  });

  it('reports slow responses as degraded', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/slow`, degraded_after: 100 }));
    expect(result.outcome).toBe('degraded');
    expect(result.kind).toBe('slow');
    expect(result.message).toMatch(/^GET \/slow took [\d,]+ ms, over the 100 ms limit$/);
    expect(result.ms).toBeGreaterThanOrEqual(250);
  });

  it('times out', async () => {
    const started = Date.now();
    const result = await probeHttp(httpCheck({ url: `${origin}/hang`, timeout: '200ms' }));
    expect(result.kind).toBe('timeout');
    expect(result.message).toBe('GET /hang timed out after 200 ms');
    expect(result.networkLevel).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a reset connection', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/reset` }));
    expect(result.kind).toBe('reset');
    expect(result.message).toBe(`connection reset by 127.0.0.1:${new URL(origin).port} during GET /reset`);
    expect(result.networkLevel).toBe(true);
  });

  it('reports a refused connection', async () => {
    const port = await closedPort();
    const result = await probeHttp(httpCheck({ url: `http://127.0.0.1:${port}/health` }));
    expect(result.kind).toBe('refused');
    expect(result.message).toBe(`connection refused by 127.0.0.1:${port}`);
    expect(result.networkLevel).toBe(true);
  });

  it('reports a failed name lookup', async () => {
    // The lookup is replaced, so the test never queries the system resolver.
    const lookup: LookupFunction = (hostname, _options, callback) => {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      process.nextTick(() => callback(error, '', 4));
    };
    const result = await probeHttp(httpCheck({ url: 'http://status-check.invalid/health' }), { lookup });
    expect(result.kind).toBe('dns');
    expect(result.message).toBe('DNS lookup of status-check.invalid failed: name not found');
    expect(result.networkLevel).toBe(false);
  });

  it('reports a missing keyword', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/html`, contains: 'All systems go' }));
    expect(result.kind).toBe('body');
    expect(result.message).toBe('the response to GET /html does not contain "All systems go"');
  });

  it('reports a present keyword', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/html`, not_contains: 'Maintenance' }));
    expect(result.kind).toBe('body');
    expect(result.message).toBe('the response to GET /html contains "Maintenance"');
  });

  it('reads a gzip body', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/gzip`, contains: 'all good' }));
    expect(result.outcome).toBe('up');
  });

  it('reports bad JSON', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/html`, json: { path: '$.status', equals: 'ok' } }));
    expect(result.kind).toBe('body');
    expect(result.message).toBe('the response to GET /html is not valid JSON: it starts with "&lt;html&gt;&lt;body&gt;Maintenance page&lt;/body&gt;&lt;/ht…"');
  });

  it('checks a JSON path', async () => {
    const match = await probeHttp(httpCheck({ url: `${origin}/health`, json: { path: 'data.items[0].ok', equals: true } }));
    expect(match.outcome).toBe('up');
    const exists = await probeHttp(httpCheck({ url: `${origin}/health`, json: { path: '$.status' } }));
    expect(exists.outcome).toBe('up');

    const mismatch = await probeHttp(httpCheck({ url: `${origin}/health`, json: { path: '$.status', equals: 'green' } }));
    expect(mismatch.kind).toBe('body');
    expect(mismatch.message).toBe('$.status is &quot;ok&quot; in the response to GET /health, expected &quot;green&quot;');

    const missing = await probeHttp(httpCheck({ url: `${origin}/health`, json: { path: '$.data.items[3].ok', equals: true } }));
    expect(missing.kind).toBe('body');
    expect(missing.message).toBe('$.data.items\\[3\\].ok is missing from the response to GET /health');
  });

  it('redacts before escaping and cutting', async () => {
    const secret = `sk_live_4f2a_${'9'.repeat(60)}`;
    const redactor = createRedactor([
      { name: 'KEY', value: 'sk_live_4f2a' },
      { name: 'LONG_KEY', value: secret },
    ]);
    const status = await probeHttp(httpCheck({ url: `${origin}/leak` }), { redactor });
    expect(status.message).toBe('HTTP 401 ("bad key \\[redacted\\:KEY\\]") from GET /leak');
    const body = await probeHttp(httpCheck({ url: `${origin}/leak`, expected_status: 401, json: { path: '$.ok' } }), { redactor });
    expect(body.message).toContain('redacted\\:LONG\\_KEY');
    expect(body.message).not.toContain('sk\\_live');
    expect(body.message).not.toContain('99999');
  });

  it('follows redirects', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/redirect-a`, contains: '"ok"' }));
    expect(result.outcome).toBe('up');
    expect(result.message).toBe('HTTP 200 from GET /health, redirected from GET /redirect-a');
  });

  it('stops after max redirects', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/loop`, max_redirects: 3 }));
    expect(result.kind).toBe('status');
    expect(result.message).toBe('more than 3 redirects from GET /loop');
  });

  it('checks a redirect itself without following', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/redirect-a`, max_redirects: 0, expected_status: 302 }));
    expect(result.outcome).toBe('up');
  });

  it('rejects a redirect to another scheme', async () => {
    const result = await probeHttp(httpCheck({ url: `${origin}/bad-scheme` }));
    expect(result.kind).toBe('status');
    expect(result.message).toContain('not http or https');
  });

  it('turns POST into GET after 303', async () => {
    seen.length = 0;
    const result = await probeHttp(httpCheck({ url: `${origin}/see-other`, method: 'POST', body: '{"probe":true}' }));
    expect(result.outcome).toBe('up');
    expect(seen.map((request) => request.path)).toEqual(['/see-other', '/health']);
    expect(seen[0]!.body).toBe('{"probe":true}');
    expect(seen[1]!.body).toBe('');
  });

  it('sends method, headers and body', async () => {
    seen.length = 0;
    const result = await probeHttp(
      httpCheck({ url: `${origin}/echo`, method: 'PUT', headers: { 'X-Probe': 'yes', 'User-Agent': 'custom' }, body: 'payload', contains: 'method=PUT' }),
    );
    expect(result.outcome).toBe('up');
    expect(seen[0]!.headers['x-probe']).toBe('yes');
    expect(seen[0]!.headers['user-agent']).toBe('custom');
    expect(seen[0]!.headers.host).toBe(new URL(origin).host);
    expect(seen[0]!.body).toBe('payload');
  });

  it('drops headers on cross-origin redirects', async () => {
    const other = await track(
      startHttpServer((request, response) => {
        response.writeHead(200).end(`token=${String(request.headers['x-token'] ?? 'none')}`);
      }),
    );
    const redirector = await track(
      startHttpServer((_request, response) => {
        response.writeHead(307, { location: `${other.origin}/landing` }).end();
      }),
    );
    const result = await probeHttp(httpCheck({ url: `${redirector.origin}/start`, headers: { 'X-Token': 'secret-value' }, contains: 'token=none' }));
    expect(result.outcome).toBe('up');
  });
});

describe('https probe', () => {
  let authority: Credentials;
  const requests: string[] = [];

  async function httpsServer(credentials: Credentials): Promise<RunningServer> {
    return track(
      startHttpsServer(credentials, (request, response) => {
        requests.push(String(request.headers.authorization ?? ''));
        response.writeHead(200).end('secure ok');
      }),
    );
  }

  beforeAll(async () => {
    authority = await generateAuthority();
  });

  it('passes with a trusted certificate', async () => {
    const server = await httpsServer(await generateServerCertificate({ names: ['IP:127.0.0.1'], authority }));
    const result = await probeHttp(httpCheck({ url: `${server.origin}/`, contains: 'secure ok' }), { ca: authority.cert });
    expect(result.outcome).toBe('up');
    expect(result.certificate?.validTo.getTime()).toBeGreaterThan(Date.now());
    expect(result.certificate?.fingerprint).toMatch(/^[0-9A-F:]+$/);
  });

  it('reports an expired certificate', async () => {
    const credentials = await generateServerCertificate({
      names: ['IP:127.0.0.1'],
      authority,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2026-01-02T12:00:00Z'),
    });
    const server = await httpsServer(credentials);
    const result = await probeHttp(httpCheck({ url: `${server.origin}/` }), { ca: authority.cert });
    expect(result.kind).toBe('tls');
    expect(result.message).toBe('certificate expired on 2026-01-02');
  });

  it('reports a wrong host name', async () => {
    const server = await httpsServer(await generateServerCertificate({ names: ['DNS:wrong.test'], authority }));
    const result = await probeHttp(httpCheck({ url: `${server.origin}/` }), { ca: authority.cert });
    expect(result.kind).toBe('tls');
    expect(result.message).toBe('certificate is not valid for 127.0.0.1: it names wrong.test');
  });

  it('reports an untrusted issuer', async () => {
    const server = await httpsServer(await generateServerCertificate({ names: ['IP:127.0.0.1'], authority }));
    const result = await probeHttp(httpCheck({ url: `${server.origin}/` }));
    expect(result.kind).toBe('tls');
    expect(result.message).toBe('certificate is not trusted: its issuer is unknown');
  });

  it('reports a self-signed certificate', async () => {
    const server = await httpsServer(await generateServerCertificate({ names: ['IP:127.0.0.1'] }));
    const result = await probeHttp(httpCheck({ url: `${server.origin}/` }));
    expect(result.kind).toBe('tls');
    expect(result.message).toBe('certificate is not trusted: it is self-signed');
  });

  it('sends no headers to an untrusted server', async () => {
    const server = await httpsServer(await generateServerCertificate({ names: ['DNS:wrong.test'], authority }));
    requests.length = 0;
    const result = await probeHttp(httpCheck({ url: `${server.origin}/`, headers: { Authorization: 'Bearer secret-token' } }), { ca: authority.cert });
    expect(result.kind).toBe('tls');
    expect(requests).toEqual([]);
  });

  it('reports plain HTTP on an HTTPS address', async () => {
    const plain = await track(startHttpServer((_request, response) => response.writeHead(200).end('plain')));
    const result = await probeHttp(httpCheck({ url: `https://127.0.0.1:${plain.port}/` }));
    expect(result.kind).toBe('tls');
    expect(result.message).toMatch(/^TLS handshake with 127\.0\.0\.1:\d+ failed \(/);
  });
});

describe('tcp probe', () => {
  function tcpCheck(fields: Record<string, unknown>): TcpCheckConfig {
    return parseCheck<TcpCheckConfig>({ type: 'tcp', host: '127.0.0.1', ...fields });
  }

  it('passes when the port accepts', async () => {
    const server = await track(startTcpServer());
    const result = await probeTcp(tcpCheck({ port: server.port }));
    expect(result.outcome).toBe('up');
    expect(result.message).toBe(`connected to 127.0.0.1:${server.port}`);
  });

  it('reports a closed port', async () => {
    const port = await closedPort();
    const result = await probeTcp(tcpCheck({ port }));
    expect(result.kind).toBe('refused');
    expect(result.message).toBe(`connection refused by 127.0.0.1:${port}`);
  });

  it('times out', async () => {
    // A lookup that never calls back keeps the connection attempt open.
    const lookup: LookupFunction = () => {};
    const result = await probeTcp(tcpCheck({ host: 'db.internal.test', port: 5432, timeout: '150ms' }), { lookup });
    expect(result.kind).toBe('timeout');
    expect(result.message).toBe('connecting to db.internal.test:5432 timed out after 150 ms');
  });
});

describe('dns probe', () => {
  let resolver = '';

  beforeAll(async () => {
    const server = await track(
      startDnsServer((name, type) => {
        if (name === 'api.sitrep.test' && type === 'A') return { answers: [{ type: 'A', name, ttl: 60, data: '10.0.0.7' }] };
        if (name === 'api.sitrep.test' && type === 'AAAA') return { answers: [{ type: 'AAAA', name, ttl: 60, data: '2001:db8:0:0::7' }] };
        if (name === 'www.sitrep.test' && type === 'CNAME') return { answers: [{ type: 'CNAME', name, ttl: 60, data: 'Edge.CDN.test' }] };
        if (name === 'sitrep.test' && type === 'TXT') return { answers: [{ type: 'TXT', name, ttl: 60, data: ['v=spf1 ', '-all'] }] };
        if (name === 'broken.sitrep.test') return { rcode: 'SERVFAIL' };
        if (name === 'quiet.sitrep.test') return 'silent';
        if (name === 'empty.sitrep.test') return { answers: [] };
        return { rcode: 'NXDOMAIN' };
      }),
    );
    resolver = server.origin;
  });

  function dnsCheck(fields: Record<string, unknown>): DnsCheckConfig {
    return parseCheck<DnsCheckConfig>({ type: 'dns', resolver, ...fields });
  }

  it('resolves an A record', async () => {
    const result = await probeDns(dnsCheck({ name: 'api.sitrep.test', expected: '10.0.0.7' }));
    expect(result.outcome).toBe('up');
    expect(result.message).toBe('api.sitrep.test A is "10.0.0.7"');
  });

  it('compares AAAA, CNAME and TXT values', async () => {
    expect((await probeDns(dnsCheck({ name: 'api.sitrep.test', record: 'AAAA', expected: '2001:db8::7' }))).outcome).toBe('up');
    expect((await probeDns(dnsCheck({ name: 'www.sitrep.test', record: 'CNAME', expected: 'edge.cdn.test.' }))).outcome).toBe('up');
    expect((await probeDns(dnsCheck({ name: 'sitrep.test', record: 'TXT', expected: 'v=spf1 -all' }))).outcome).toBe('up');
  });

  it('reports an unexpected value', async () => {
    const result = await probeDns(dnsCheck({ name: 'api.sitrep.test', expected: '10.0.0.8' }));
    expect(result.kind).toBe('dns');
    expect(result.message).toBe('api.sitrep.test A is "10.0.0.7", expected "10.0.0.8"');
  });

  it('reports a missing name', async () => {
    const result = await probeDns(dnsCheck({ name: 'gone.sitrep.test' }));
    expect(result.kind).toBe('dns');
    expect(result.message).toBe(`DNS name gone.sitrep.test not found (NXDOMAIN from resolver ${resolver})`);
    expect(result.networkLevel).toBe(false);
  });

  it('reports a resolver failure', async () => {
    const result = await probeDns(dnsCheck({ name: 'broken.sitrep.test' }));
    expect(result.kind).toBe('dns');
    expect(result.message).toBe(`resolver ${resolver} answered SERVFAIL for broken.sitrep.test A`);
  });

  it('reports no records', async () => {
    const result = await probeDns(dnsCheck({ name: 'empty.sitrep.test' }));
    expect(result.kind).toBe('dns');
    expect(result.message).toBe(`resolver ${resolver} has no A record for empty.sitrep.test`);
  });

  it('times out on silence', async () => {
    const result = await probeDns(dnsCheck({ name: 'quiet.sitrep.test', timeout: '150ms' }));
    expect(result.kind).toBe('timeout');
    expect(result.message).toBe(`the query for quiet.sitrep.test A to resolver ${resolver} timed out after 150 ms`);
    expect(result.networkLevel).toBe(true);
  });

  it('reports a closed resolver port', async () => {
    const port = await closedUdpPort();
    const result = await probeDns(dnsCheck({ name: 'api.sitrep.test', resolver: `127.0.0.1:${port}`, timeout: '1s' }));
    expect(result.kind).toBe('dns');
    expect(result.message).toBe(`resolver 127.0.0.1:${port} did not take the query for api.sitrep.test A (ECONNREFUSED)`);
    expect(result.networkLevel).toBe(true);
  });
});

describe('heartbeat judgement', () => {
  const check = parseCheck<Extract<CheckConfig, { type: 'heartbeat' }>>({ type: 'heartbeat', period: '5m', grace: '1m' });
  const watchingSince = new Date('2026-03-10T12:00:00Z');

  it('waits for the first beat', () => {
    const result = judgeHeartbeat(check, { watchingSince }, new Date('2026-03-10T12:05:59Z'), 'UTC');
    expect(result.outcome).toBe('up');
    expect(result.message).toBe('waiting for the first heartbeat, due by 2026-03-10 12:06 UTC');
  });

  it('fails without any beat', () => {
    const result = judgeHeartbeat(check, { watchingSince }, new Date('2026-03-10T12:06:01Z'), 'UTC');
    expect(result.kind).toBe('heartbeat');
    expect(result.message).toBe('no heartbeat since monitoring began at 2026-03-10 12:00 UTC; one is expected every 5 min');
  });

  it('passes within period and grace', () => {
    const lastBeat = new Date('2026-03-10T12:30:00Z');
    expect(judgeHeartbeat(check, { watchingSince, lastBeat }, new Date('2026-03-10T12:36:00Z'), 'UTC').outcome).toBe('up');
    const late = judgeHeartbeat(check, { watchingSince, lastBeat }, new Date('2026-03-10T12:36:01Z'), 'America/New_York');
    expect(late.kind).toBe('heartbeat');
    expect(late.message).toBe('no heartbeat since 2026-03-10 08:30 EDT; one is expected every 5 min');
  });
});
