// The `check` and `monitor` settings in content/config.yml: defaults,
// validation messages, `${NAME}` secrets and their redaction, and the
// helpers that quote remote text.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSchema, parseJsonPath, parseResolverAddress, siteConfigSchema } from '../../src/domain/schema/index.ts';
import { loadRepository } from '../../src/repository/load-repository.ts';
import { ConfigurationError, createRedactor, resolveMonitorConfig } from '../../src/monitor/config-secrets.ts';
import { classifyError, escapeRemoteText } from '../../src/monitor/classify.ts';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/** Writes a site whose config has the given lines after the title and URL, and returns its problems. */
async function problemsOf(...lines: string[]) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-monitor-config-'));
  folders.push(root);
  await mkdir(path.join(root, 'content'), { recursive: true });
  await mkdir(path.join(root, 'incidents'), { recursive: true });
  await writeFile(path.join(root, 'content', 'config.yml'), ['title: Test', 'url: https://status.example.com', ...lines, ''].join('\n'));
  return (await loadRepository(root)).problems;
}

function configWith(services: unknown[], monitor?: unknown) {
  return siteConfigSchema.parse({ title: 'Test', url: 'https://status.example.com', services, monitor });
}

describe('check schema', () => {
  it('fills http defaults', () => {
    const check = checkSchema.parse({ type: 'http', url: 'https://api.example.com/health' });
    expect(check).toMatchObject({
      method: 'GET',
      headers: {},
      expected_status: [{ from: 200, to: 299 }],
      max_redirects: 5,
      timeout: 10_000,
      tls_warning_days: 14,
    });
  });

  it('parses durations and response times', () => {
    const check = checkSchema.parse({ type: 'http', url: 'http://127.0.0.1/', timeout: '1.5s', degraded_after: 800 });
    expect(check).toMatchObject({ timeout: 1500, degraded_after: 800 });
    const minutes = checkSchema.parse({ type: 'heartbeat', period: '5m', grace: '30s' });
    expect(minutes).toMatchObject({ period: 300_000, grace: 30_000 });
    expect(checkSchema.parse({ type: 'heartbeat', period: '1h' })).toMatchObject({ period: 3_600_000, grace: 0 });
    expect(checkSchema.safeParse({ type: 'heartbeat', period: '0s' }).error?.issues[0]?.message).toBe('the duration is zero');
  });

  it('parses status lists', () => {
    const check = checkSchema.parse({ type: 'http', url: 'http://127.0.0.1/', expected_status: [204, '300-302', '4xx'] });
    expect(check.type).toBe('http');
    if (check.type !== 'http') return;
    expect(check.expected_status).toEqual([
      { from: 204, to: 204 },
      { from: 300, to: 302 },
      { from: 400, to: 499 },
    ]);
  });

  it('fills monitor defaults', () => {
    const config = configWith([{ id: 'api', name: 'API' }], {});
    expect(config.monitor).toEqual({
      confirmations: { open: 2, resolve: 2 },
      retries: 2,
      retry_delay: 1000,
      concurrency: 20,
      existing_incident: 'update',
    });
  });

  it('parses JSON paths', () => {
    expect(parseJsonPath('$.status')).toEqual({ steps: ['status'] });
    expect(parseJsonPath('data.items[0].ok')).toEqual({ steps: ['data', 'items', 0, 'ok'] });
    expect(parseJsonPath('$["odd key"][2]')).toEqual({ steps: ['odd key', 2] });
    expect(parseJsonPath('$')).toEqual({ error: 'the path names no field' });
    expect('error' in parseJsonPath('$.a[x]')).toBe(true);
  });

  it('parses resolver addresses', () => {
    expect(parseResolverAddress('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseResolverAddress('10.0.0.2')).toEqual({ host: '10.0.0.2', port: 53 });
    expect(parseResolverAddress('[::1]:53')).toEqual({ host: '::1', port: 53 });
    expect(parseResolverAddress('::1')).toEqual({ host: '::1', port: 53 });
    expect(parseResolverAddress('dns.example.com:53')).toBeUndefined();
    expect(parseResolverAddress('127.0.0.1:70000')).toBeUndefined();
  });
});

describe('check validation messages', () => {
  it('suggests a check type', async () => {
    const problems = await problemsOf('services:', '  - id: api', '    name: API', '    check:', '      type: htpp', '      url: https://api.example.com');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('services[0].check.type');
    expect(problems[0]!.message).toBe('`htpp` is not a valid `type`');
    expect(problems[0]!.fix).toContain('did you mean `http`?');
  });

  it('lists the fields of the check type', async () => {
    const problems = await problemsOf('services:', '  - id: api', '    name: API', '    check:', '      type: tcp', '      host: db', '      port: 5432', '      url: x');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe('unknown field `url`');
    expect(problems[0]!.fix).toBe('the fields allowed here are `type`, `host`, `port`, `timeout` or `degraded_after`');
  });

  it('requires the resolver', async () => {
    const problems = await problemsOf('services:', '  - id: dns', '    name: DNS', '    check: { type: dns, name: example.com }');
    expect(problems.map((problem) => problem.field)).toEqual(['services[0].check.resolver']);
  });

  it('rejects a resolver host name', async () => {
    const problems = await problemsOf('services:', '  - id: dns', '    name: DNS', '    check: { type: dns, name: example.com, resolver: "dns.google:53" }');
    expect(problems[0]!.message).toBe("`dns.google:53` is not a resolver's IP address and port");
  });

  it('rejects a duration without unit', async () => {
    const problems = await problemsOf('services:', '  - id: api', '    name: API', '    check: { type: http, url: "https://api.example.com", timeout: 10 }');
    expect(problems[0]!.field).toBe('services[0].check.timeout');
    expect(problems[0]!.message).toBe('`10` has no unit');
  });

  it('rejects a broken placeholder', async () => {
    const problems = await problemsOf('services:', '  - id: api', '    name: API', '    check: { type: http, url: "https://api.example.com/${TOKEN", headers: { X-Key: "${1BAD}" } }');
    expect(problems.map((problem) => problem.field)).toEqual(['services[0].check.url', 'services[0].check.headers.X-Key']);
  });

  it('accepts placeholders in the URL host', async () => {
    const problems = await problemsOf('services:', '  - id: api', '    name: API', '    check: { type: http, url: "https://${API_HOST}/health" }');
    expect(problems).toEqual([]);
  });

  it('rejects an unknown existing_incident', async () => {
    const problems = await problemsOf('services:', '  - id: api', '    name: API', 'monitor:', '  existing_incident: replace');
    expect(problems[0]!.field).toBe('monitor.existing_incident');
    expect(problems[0]!.fix).toBe('use one of `update` or `ignore`');
  });
});

describe('secrets', () => {
  const services = [
    {
      id: 'api',
      name: 'API',
      check: { type: 'http', url: 'https://127.0.0.1/v1/${API_TOKEN}/health', headers: { Authorization: 'Bearer ${API_TOKEN}' }, body: '{"key":"${BODY_KEY}"}' },
    },
    { id: 'db', name: 'Database', check: { type: 'tcp', host: '127.0.0.1', port: 5432 } },
    { id: 'web', name: 'Website' },
  ];

  it('fills placeholders from the environment', () => {
    const resolved = resolveMonitorConfig(configWith(services), { API_TOKEN: 't0ken-value', BODY_KEY: 'b0dy/key' });
    const api = resolved.services.find((service) => service.id === 'api')!;
    expect(resolved.services.map((service) => service.id)).toEqual(['api', 'db']);
    expect(api.check.type).toBe('http');
    if (api.check.type !== 'http') return;
    expect(api.check.url).toBe('https://127.0.0.1/v1/t0ken-value/health');
    expect(api.check.urlTemplate).toBe('https://127.0.0.1/v1/${API_TOKEN}/health');
    expect(api.check.headers.Authorization).toBe('Bearer t0ken-value');
  });

  it('names a missing variable and its service', () => {
    let error: unknown;
    try {
      resolveMonitorConfig(configWith(services), { API_TOKEN: 'x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe('the environment variable `BODY_KEY` (used in `body` of service `api`) is not set');
  });

  it('ignores unselected services', () => {
    const resolved = resolveMonitorConfig(configWith(services), {}, ['db']);
    expect(resolved.services.map((service) => service.id)).toEqual(['db']);
  });

  it('rejects unknown --only services', () => {
    expect(() => resolveMonitorConfig(configWith(services), {}, ['nope'])).toThrow('unknown service `nope` in --only');
    expect(() => resolveMonitorConfig(configWith(services), {}, ['web'])).toThrow('the service `web` has no `check`');
  });

  it('redacts every form of a value', () => {
    const resolved = resolveMonitorConfig(configWith(services), { API_TOKEN: 't0ken value', BODY_KEY: 'b0dy"key' });
    const { redact } = resolved.redactor;
    expect(redact('GET /v1/t0ken value/health')).toBe('GET /v1/[redacted:API_TOKEN]/health');
    expect(redact('GET /v1/t0ken%20value/health')).toBe('GET /v1/[redacted:API_TOKEN]/health');
    expect(redact('{"key":"b0dy\\"key"}')).toBe('{"key":"[redacted:BODY_KEY]"}');
  });

  it('redacts the longer secret first', () => {
    const redactor = createRedactor([
      { name: 'SHORT', value: 'abc' },
      { name: 'LONG', value: 'abcdef' },
    ]);
    expect(redactor.redact('abcdef abc')).toBe('[redacted:LONG] [redacted:SHORT]');
  });
});

describe('remote text', () => {
  it('escapes markdown and HTML', () => {
    expect(escapeRemoteText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    expect(escapeRemoteText('[link](javascript:x) **bold** `code` #1 |a| ~b~ !img {x}')).toBe(
      '\\[link\\]\\(javascript\\:x\\) \\*\\*bold\\*\\* \\`code\\` \\#1 \\|a\\| \\~b\\~ \\!img {x}',
    );
  });

  it('breaks autolinks', () => {
    expect(escapeRemoteText('see https://evil.test or www.evil.test or a@b.test')).toBe(
      'see https\\://evil.test or www\\.evil.test or a\\@b.test',
    );
  });

  it('flattens lines and truncates', () => {
    expect(escapeRemoteText('line one\r\nline\ttwo\u0000')).toBe('line one line two');
    expect(escapeRemoteText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect([...escapeRemoteText('é'.repeat(100))].length).toBe(80);
  });

  it('classifies error codes', () => {
    const target = { address: 'api.test:443', host: 'api.test', request: 'GET /health' };
    const kinds = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'HPE_INVALID_CONSTANT', 'ERR_SSL_WRONG_VERSION_NUMBER', 'EWHATEVER'].map(
      (code) => classifyError(Object.assign(new Error(code), { code }), target).kind,
    );
    expect(kinds).toEqual(['refused', 'reset', 'reset', 'timeout', 'dns', 'dns', 'network', 'status', 'tls', 'network']);
  });
});
