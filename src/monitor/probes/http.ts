// The HTTP and HTTPS probe. It opens each connection itself, so that it can
// check the certificate before any header is sent, follow redirects with its
// own rules, and stop everything at one deadline.
import { request as httpRequest, STATUS_CODES, type IncomingMessage } from 'node:http';
import { connect as netConnect, isIP, type LookupFunction, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { performance } from 'node:perf_hooks';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { StatusRange } from '../../domain/schema/index.ts';
import type { Redactor, ResolvedHttpCheck } from '../config-secrets.ts';
import { failure, up, type CertificateInfo, type ProbeResult } from '../check-result.ts';
import { classifyError, escapeRemoteText, formatMilliseconds, timeoutFailure, type ProbeTarget } from '../classify.ts';
import { readJsonPath } from '../json-path.ts';
import { trustedAuthorities, verifyPeer } from './tls.ts';

/** The most of a response body that the probe reads, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface HttpProbeOptions {
  /** Extra certificate authorities to trust, as PEM text (from `ca_file`). */
  ca?: string;
  /** The host name lookup; tests replace it so that they never use the system resolver. */
  lookup?: LookupFunction;
  /**
   * Removes secrets from remote text before it is escaped and cut, because
   * a secret cut in half or escaped would no longer match a later redaction.
   */
  redactor?: Redactor;
}

/** Redacts, escapes and cuts remote text for a message. */
type Quote = (text: string, maxLength?: number) => string;

/** A response that arrived, before the check's rules judge it. */
interface Response {
  status: number;
  statusMessage: string;
  location?: string;
  body: Buffer;
  /** True when the body was longer than MAX_BODY_BYTES and was cut there. */
  truncated: boolean;
}

/** Runs one attempt of an HTTP check and returns what it found. */
export async function probeHttp(check: ResolvedHttpCheck, options: HttpProbeOptions = {}): Promise<ProbeResult> {
  const started = performance.now();
  const quote: Quote = (text, maxLength) => escapeRemoteText(options.redactor ? options.redactor.redact(text) : text, maxLength);
  const firstLabel = `${check.method} ${templatePath(check.urlTemplate)}`;
  const firstTarget = templateTarget(check.urlTemplate, firstLabel);
  const deadline = new Deadline(check.timeout);

  let url = new URL(check.url);
  let method: string = check.method;
  let body = check.body;
  let headers = requestHeaders(check, url);
  let label = firstLabel;
  let target = firstTarget;
  let certificate: CertificateInfo | undefined;

  try {
    for (let redirects = 0; ; redirects++) {
      const attempt = await exchange(url, method, headers, body, target, deadline, options);
      if ('outcome' in attempt) return attempt;
      certificate = attempt.certificate ?? certificate;
      const response = attempt.response;

      const location = response.location;
      if (!REDIRECT_STATUSES.has(response.status) || location === undefined || check.max_redirects === 0) {
        const ms = Math.round(performance.now() - started);
        const where = redirects === 0 ? label : `${label}, redirected from ${firstLabel}`;
        return judge(check, response, where, ms, certificate, quote);
      }

      if (redirects >= check.max_redirects) {
        return failure('status', `more than ${check.max_redirects} redirects from ${firstLabel}`);
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        next = new URL('invalid:');
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return failure('status', `${label} redirected to an address that is not http or https: "${quote(location)}"`);
      }

      // Configured headers may carry secrets, so they go only to the configured origin.
      if (next.origin !== url.origin) headers = { 'user-agent': headers['user-agent']!, connection: 'close' };
      headers.host = next.host;
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        delete headers['content-type'];
      }
      url = next;
      label = `${method} ${quote(next.pathname)}`;
      target = { address: addressOf(next), host: hostOf(next), request: label };
    }
  } catch (error) {
    if (deadline.expired) return timeoutFailure(label, check.timeout);
    return classifyError(error, target);
  } finally {
    deadline.clear();
  }
}

// Applies the check's rules to the final response, in the order that names
// the most basic problem first: status, then body, then speed.
function judge(check: ResolvedHttpCheck, response: Response, label: string, ms: number, certificate: CertificateInfo | undefined, quote: Quote): ProbeResult {
  const options = { ms, certificate };
  if (!statusExpected(response.status, check.expected_status)) {
    const standard = STATUS_CODES[response.status];
    const reason = response.statusMessage && response.statusMessage !== standard ? ` ("${quote(response.statusMessage)}")` : '';
    return failure('status', `HTTP ${response.status}${reason} from ${label}`, options);
  }

  const bodyProblem = checkBody(check, response, label, quote);
  if (bodyProblem) return failure('body', bodyProblem, options);

  if (check.degraded_after !== undefined && ms > check.degraded_after) {
    return failure('slow', `${label} took ${formatMilliseconds(ms)}, over the ${formatMilliseconds(check.degraded_after)} limit`, options);
  }
  return up(`HTTP ${response.status} from ${label}`, ms, certificate);
}

function checkBody(check: ResolvedHttpCheck, response: Response, label: string, quote: Quote): string | undefined {
  const text = new TextDecoder('utf-8').decode(response.body);
  const cut = response.truncated ? ` (in its first ${MAX_BODY_BYTES / 1024 / 1024} MiB)` : '';

  if (check.contains !== undefined && !text.includes(check.contains)) {
    return `the response to ${label} does not contain "${escapeRemoteText(check.contains)}"${cut}`;
  }
  if (check.not_contains !== undefined && text.includes(check.not_contains)) {
    return `the response to ${label} contains "${escapeRemoteText(check.not_contains)}"`;
  }
  if (!check.json) return undefined;

  if (response.truncated) return `the response to ${label} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB, so its JSON was not read`;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const start = text.trim() === '' ? 'it is empty' : `it starts with "${quote(text, 40)}"`;
    return `the response to ${label} is not valid JSON: ${start}`;
  }

  const path = escapeRemoteText(check.json.path.text);
  const found = readJsonPath(data, check.json.path.steps);
  if (!found.found) return `${path} is missing from the response to ${label}`;
  if (check.json.equals === undefined) return undefined;
  if (JSON.stringify(found.value) === JSON.stringify(check.json.equals)) return undefined;
  return `${path} is ${quote(JSON.stringify(found.value) ?? 'undefined', 60)} in the response to ${label}, expected ${escapeRemoteText(JSON.stringify(check.json.equals))}`;
}

/** Returns true when `status` is in one of the ranges. */
export function statusExpected(status: number, ranges: readonly StatusRange[]): boolean {
  return ranges.some((range) => status >= range.from && status <= range.to);
}

// Sends one request on a new connection and reads the response.
async function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  target: ProbeTarget,
  deadline: Deadline,
  options: HttpProbeOptions,
): Promise<{ response: Response; certificate?: CertificateInfo } | ProbeResult> {
  const host = hostOf(url);
  const secure = url.protocol === 'https:';
  const defaultPort = secure ? 443 : 80;
  const port = url.port ? Number(url.port) : defaultPort;

  let socket: Socket;
  let certificate: CertificateInfo | undefined;
  if (secure) {
    const tlsSocket = tlsConnect({
      host,
      port,
      servername: isIP(host) === 0 ? host : undefined,
      rejectUnauthorized: false,
      ca: trustedAuthorities(options.ca),
      lookup: options.lookup,
      ALPNProtocols: ['http/1.1'],
    });
    tlsSocket.on('error', ignore);
    deadline.watch(tlsSocket);
    await connected(tlsSocket, 'secureConnect');
    const verdict = verifyPeer(tlsSocket as TLSSocket, host);
    if (!verdict.ok) {
      tlsSocket.destroy();
      return verdict.result;
    }
    certificate = verdict.certificate;
    socket = tlsSocket;
  } else {
    socket = netConnect({ host, port, lookup: options.lookup });
    socket.on('error', ignore);
    deadline.watch(socket);
    await connected(socket, 'connect');
  }

  const response = await send(socket, url, method, headers, body, deadline);
  return { response, certificate };
}

// A socket or request may report a second error after the first one ended
// the attempt; without a listener Node.js would throw it.
function ignore(): void {}

function connected(socket: Socket, event: 'connect' | 'secureConnect'): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    socket.once('error', onError);
    socket.once(event, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

function send(socket: Socket, url: URL, method: string, headers: Record<string, string>, body: string | undefined, deadline: Deadline): Promise<Response> {
  return new Promise((resolve, reject) => {
    const outgoing = { ...headers };
    if (body !== undefined) outgoing['content-length'] = String(Buffer.byteLength(body));

    const request = httpRequest({
      method,
      path: `${url.pathname}${url.search}`,
      headers: outgoing,
      setHost: false,
      createConnection: () => socket,
    });
    deadline.watch(request);
    request.on('error', reject);
    request.once('response', (incoming) => {
      readBody(incoming, method).then(
        ({ body: content, truncated }) => {
          socket.destroy();
          resolve({
            status: incoming.statusCode ?? 0,
            statusMessage: incoming.statusMessage ?? '',
            location: incoming.headers.location,
            body: content,
            truncated,
          });
        },
        reject,
      );
    });
    request.end(body);
  });
}

// Reads up to MAX_BODY_BYTES of the body, decoding gzip, deflate and brotli,
// which a server may send although the probe does not ask for them.
async function readBody(incoming: IncomingMessage, method: string): Promise<{ body: Buffer; truncated: boolean }> {
  if (method === 'HEAD') {
    incoming.resume();
    return { body: Buffer.alloc(0), truncated: false };
  }

  const encoding = String(incoming.headers['content-encoding'] ?? '').trim().toLowerCase();
  let stream: Readable = incoming;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = incoming.pipe(createGunzip());
  else if (encoding === 'deflate') stream = incoming.pipe(createInflate());
  else if (encoding === 'br') stream = incoming.pipe(createBrotliDecompress());
  if (stream !== incoming) incoming.once('error', (error) => stream.destroy(error));

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      incoming.destroy();
      return { body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES), truncated: true };
    }
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

function requestHeaders(check: ResolvedHttpCheck, url: URL): Record<string, string> {
  const headers: Record<string, string> = { host: url.host, 'user-agent': 'sitrep-monitor', connection: 'close' };
  if (url.username !== '' && !Object.keys(check.headers).some((name) => name.toLowerCase() === 'authorization')) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  for (const [name, value] of Object.entries(check.headers)) headers[name.toLowerCase()] = value;
  return headers;
}

/** Returns the path of a configured URL, placeholders kept and query left out, for messages. */
export function templatePath(template: string): string {
  const path = template.replace(/^https?:\/\/[^/?#]*/i, '').replace(/[?#].*$/, '');
  return escapeRemoteText(path === '' ? '/' : path);
}

// The address of a configured URL for messages: its host and port, without
// any user name or password, placeholders kept.
function templateTarget(template: string, request: string): ProbeTarget {
  const authority = (/^https?:\/\/([^/?#]*)/i.exec(template)?.[1] ?? '').replace(/^.*@/, '');
  const secure = /^https:/i.test(template);
  const hasPort = /:\d+$/.test(authority);
  const host = authority.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return { address: hasPort ? authority : `${authority}:${secure ? 443 : 80}`, host, request };
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

function addressOf(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
}

/** One timer for a whole attempt, redirects included; it destroys whatever is open when it fires. */
class Deadline {
  expired = false;
  private readonly timer: NodeJS.Timeout;
  private readonly watched = new Set<{ destroy(error?: Error): unknown }>();

  constructor(milliseconds: number) {
    this.timer = setTimeout(() => {
      this.expired = true;
      const error = Object.assign(new Error('the check timed out'), { code: 'ETIMEDOUT' });
      for (const item of this.watched) item.destroy(error);
    }, milliseconds);
  }

  watch(item: { destroy(error?: Error): unknown }): void {
    this.watched.add(item);
  }

  clear(): void {
    clearTimeout(this.timer);
    for (const item of this.watched) item.destroy();
  }
}
