// Upptime's per-site check settings, mapped to a Sitrep `check`. The
// settings follow Upptime's configuration docs
// (https://upptime.js.org/docs/configuration/). A site is down when the
// status code is not expected, when `__dangerous__body_down` text is
// present, or when `__dangerous__body_down_if_text_missing` text is absent.
// It is degraded when slower than `maxResponseTime` or on the `_degraded` texts.
import { checkSchema } from '../../domain/schema/check.ts';
import type { ImportReport } from '../report.ts';
import { text } from '../source-files.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

// Settings that only describe the site, and their reason for being left out.
const NO_EQUIVALENT: Record<string, string> = {
  __dangerous__body_degraded: "Sitrep's `not_contains` marks a service down, not degraded",
  __dangerous__body_degraded_if_text_missing: "Sitrep's `contains` marks a service down, not degraded",
  __dangerous__insecure: 'Sitrep always verifies TLS certificates; give a private authority with `ca_file`',
  __dangerous__disable_verify_peer: 'Sitrep always verifies TLS certificates; give a private authority with `ca_file`',
  __dangerous__disable_verify_host: 'Sitrep always verifies TLS certificates; give a private authority with `ca_file`',
  ipv6: 'Sitrep connects with the address the system resolver returns first',
  icon: 'Sitrep shows no icons for services',
  assignees: 'Sitrep does not assign incidents to people',
  tags: 'Sitrep has no tags for services',
  verbose: 'Sitrep has no verbose setting for a check',
};
const HANDLED = new Set(['name', 'url', 'slug', 'check', 'method', 'port', 'headers', 'body', 'expectedStatusCodes', 'maxResponseTime', 'maxRedirects', '__dangerous__body_down', '__dangerous__body_down_if_text_missing']);

// Upptime fills in `$NAME` from the repository's secrets; Sitrep writes `${NAME}`.
function placeholders(value: string, where: string, report: ImportReport): string {
  const converted = value.replace(/\$(?!\{)([A-Za-z_][A-Za-z0-9_]*)/g, '${$1}');
  if (converted !== value) report.map(`${where}: the secret \`${value}\` is written as \`${converted}\`; set those environment variables where \`sitrep check\` runs`);
  return converted;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url.replace(/^[a-z]+:\/\//i, '').replace(/[/:].*$/, '');
  }
}

function httpCheck(site: Record<string, unknown>, url: string, where: string, report: ImportReport): Record<string, unknown> {
  const check: Record<string, unknown> = { type: 'http' };
  let address = placeholders(url, where, report);
  if (typeof site.port === 'number') {
    try {
      const parsed = new URL(address);
      parsed.port = String(site.port);
      address = parsed.toString();
      report.map(`${where}: \`port: ${site.port}\` is written into the check's URL`);
    } catch {
      report.unmap(`${where}: \`port: ${site.port}\` could not be added to the URL \`${address}\``);
    }
  }
  check.url = address;

  const method = text(site.method)?.toUpperCase();
  if (method && METHODS.includes(method)) {
    if (method !== 'GET') check.method = method;
  } else if (method) report.unmap(`${where}: \`method: ${method}\` is not a method Sitrep's check sends`);

  if (Array.isArray(site.headers)) {
    const headers: Record<string, string> = {};
    for (const header of site.headers) {
      const match = /^([^:]+):\s*(.*)$/.exec(String(header));
      if (match) headers[match[1]!.trim()] = placeholders(match[2]!, where, report);
      else report.unmap(`${where}: the header \`${String(header)}\` is not \`Name: value\``);
    }
    if (Object.keys(headers).length > 0) check.headers = headers;
  }
  if (text(site.body)) check.body = placeholders(String(site.body), where, report);
  if (Array.isArray(site.expectedStatusCodes) && site.expectedStatusCodes.length > 0) check.expected_status = site.expectedStatusCodes.map(Number);
  if (typeof site.maxRedirects === 'number') check.max_redirects = site.maxRedirects;
  if (text(site.__dangerous__body_down_if_text_missing)) check.contains = String(site.__dangerous__body_down_if_text_missing);
  if (text(site.__dangerous__body_down)) check.not_contains = String(site.__dangerous__body_down);
  return check;
}

/** Returns the Sitrep check for one Upptime site, or undefined when it has none; reports each setting left out. */
export function mapSiteCheck(site: Record<string, unknown>, where: string, report: ImportReport): Record<string, unknown> | undefined {
  for (const key of Object.keys(site)) {
    if (HANDLED.has(key)) continue;
    report.unmap(`${where}: \`${key}\` has no equivalent${NO_EQUIVALENT[key] ? `: ${NO_EQUIVALENT[key]}` : ''}`);
  }

  const url = text(site.url);
  const kind = text(site.check) ?? 'http';
  if (!url) {
    report.unmap(`${where}: it has no \`url\`, so the service has no check`);
    return undefined;
  }

  let check: Record<string, unknown>;
  if (kind === 'tcp-ping') {
    if (typeof site.port !== 'number') {
      report.unmap(`${where}: \`check: tcp-ping\` without a \`port\` has no equivalent; Sitrep's tcp check needs a port, so the service has no check`);
      return undefined;
    }
    check = { type: 'tcp', host: hostOf(url), port: site.port };
  } else if (kind === 'http') {
    check = httpCheck(site, url, where, report);
  } else {
    report.unmap(`${where}: \`check: ${kind}\` has no equivalent; Sitrep checks http, tcp, dns and heartbeats, so the service has no check`);
    return undefined;
  }
  if (typeof site.maxResponseTime === 'number') check.degraded_after = site.maxResponseTime;

  const parsed = checkSchema.safeParse(check);
  if (!parsed.success) {
    report.unmap(`${where}: the mapped check is invalid (${parsed.error.issues[0]!.message}), so the service has no check`);
    return undefined;
  }
  return check;
}
