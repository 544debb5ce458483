// Turns what a probe ran into (a socket error, a timeout) into a failure
// kind and one plain sentence, and makes remote text safe to quote.
import { failure, type ProbeResult } from './check-result.ts';

/** The maximum length of remote text that a message quotes, in characters. */
export const MAX_QUOTED_LENGTH = 80;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
const NETWORK_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** The address and request of a probe, for messages. */
export interface ProbeTarget {
  /** `host:port`, as configured. */
  address: string;
  /** The host name as configured, for DNS failures. */
  host: string;
  /** The request, such as `GET /health`, when there is one. */
  request?: string;
}

/**
 * Classifies a socket or protocol error. Codes decide the kind, because
 * messages vary between Node.js releases. An unknown error is a `network`
 * failure that names its code.
 */
export function classifyError(error: unknown, target: ProbeTarget): ProbeResult {
  const code = errorCode(error);
  const during = target.request ? ` during ${target.request}` : '';

  if (code === 'ECONNREFUSED') return failure('refused', `connection refused by ${target.address}`, { networkLevel: true });
  if (RESET_CODES.has(code)) return failure('reset', `connection reset by ${target.address}${during}`, { networkLevel: true });
  if (code === 'ETIMEDOUT') return failure('timeout', `connection to ${target.address} timed out`, { networkLevel: true });
  if (DNS_CODES.has(code)) {
    const notFound = code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_NODATA' || code === 'ENODATA';
    const reason = notFound ? 'name not found' : `resolver failure (${code})`;
    // A resolver that does not respond means the runner's network may be down.
    return failure('dns', `DNS lookup of ${target.host} failed: ${reason}`, { networkLevel: !notFound });
  }
  if (NETWORK_CODES.has(code)) return failure('network', `${target.address} is unreachable (${code})`, { networkLevel: true });
  if (code.startsWith('HPE_')) return failure('status', `invalid HTTP response from ${target.request ?? target.address} (${code})`);
  if (code.startsWith('ERR_SSL') || code === 'EPROTO' || code.startsWith('ERR_TLS')) {
    return failure('tls', `TLS handshake with ${target.address} failed (${code})`);
  }
  return failure('network', `${target.request ?? `connection to ${target.address}`} failed (${code || 'unknown error'})`, { networkLevel: true });
}

/** Returns the failure for a request or connection that took longer than `timeoutMs`. */
export function timeoutFailure(what: string, timeoutMs: number): ProbeResult {
  return failure('timeout', `${what} timed out after ${formatSeconds(timeoutMs)}`, { networkLevel: true });
}

/** Returns `error.code` as text, or an empty string. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * Makes text from a remote server safe to quote in a markdown message.
 * Control characters and line breaks become spaces, and the text is cut to
 * `maxLength` characters with `…`. Markdown punctuation is escaped with a
 * backslash, and `&`, `<`, `>` and `"` become HTML entities. Autolinks such
 * as `http://…`, `www.…` and addresses with `@` are broken up, so quoted
 * text never becomes a link.
 */
export function escapeRemoteText(text: string, maxLength = MAX_QUOTED_LENGTH): string {
  // eslint-disable-next-line no-control-regex
  let plain = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  const characters = [...plain];
  if (characters.length > maxLength) plain = `${characters.slice(0, maxLength - 1).join('').trimEnd()}…`;

  return plain
    .replace(/[\\`*_[\]()#|~!@:]/g, (character) => `\\${character}`)
    .replace(/www\./gi, (match) => `${match.slice(0, 3)}\\.`)
    .replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]!);
}

/** Formats a duration for messages: `250 ms`, `1.5 s`, `10 s`. */
export function formatSeconds(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = Math.round(milliseconds / 100) / 10;
  return `${seconds} s`;
}

/** Formats a whole number of milliseconds with thousands separators: `2,400 ms`. */
export function formatMilliseconds(milliseconds: number): string {
  return `${Math.round(milliseconds).toLocaleString('en-US')} ms`;
}

/** Formats an instant's UTC date, `2026-01-02`. */
export function formatUtcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
