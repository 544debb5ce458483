// The `check` of a service and the `monitor` settings in content/config.yml,
// which `sitrep check` reads. docs/monitor.md describes every field.
import { isIP } from 'node:net';
import { z } from 'zod';
import { withFix } from './time-field.ts';

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const UNIT_MILLISECONDS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A `${NAME}` placeholder for an environment variable. */
export const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Parses a duration such as `500ms`, `10s`, `5m` or `1h` to milliseconds, or returns undefined. */
export function parseDurationText(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MILLISECONDS[match[2]!]!);
}

const durationFix = 'write a number with a unit: `ms`, `s`, `m` or `h`, such as `10s` or `500ms`';

/** Returns the schema of a duration written with a unit, which parses to milliseconds. */
function durationSchema(options: { allowZero: boolean }) {
  return z.union([z.string(), z.number()]).transform((value, context) => {
    const milliseconds = typeof value === 'string' ? parseDurationText(value) : undefined;
    if (milliseconds !== undefined && (milliseconds > 0 || options.allowZero)) return milliseconds;

    let message = `\`${value}\` is not a duration`;
    if (typeof value === 'number') message = `\`${value}\` has no unit`;
    else if (milliseconds === 0) message = 'the duration is zero';
    context.addIssue({ code: z.ZodIssueCode.custom, ...withFix(message, durationFix) });
    return z.NEVER;
  });
}

const duration = durationSchema({ allowZero: false });

/** A schema for a response time: a duration with a unit, or a bare number of milliseconds. */
const responseTime = z.union([z.string(), z.number()]).transform((value, context) => {
  const milliseconds = typeof value === 'number' ? value : parseDurationText(value);
  if (milliseconds !== undefined && Number.isFinite(milliseconds) && milliseconds > 0) return Math.round(milliseconds);

  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${value}\` is not a response time`, 'write milliseconds, such as `2000`, or a duration such as `2s`'),
  });
  return z.NEVER;
});

// Text that may hold `${NAME}` placeholders. A `${` that does not start a
// valid placeholder is rejected, because it is almost always a typo.
const templated = z.string().superRefine((value, context) => {
  const stray = value.replace(PLACEHOLDER, '').indexOf('${');
  if (stray === -1) return;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(
      `\`${value}\` has a \`\${\` that is not a \`\${NAME}\` placeholder`,
      'write environment variables as `${NAME}`, with letters, digits and `_` only, such as `${API_TOKEN}`',
    ),
  });
});

const checkUrl = templated.superRefine((value, context) => {
  // Placeholders are filled in at run time, so a stand-in checks the rest.
  let protocol: string | undefined;
  try {
    protocol = new URL(value.replace(PLACEHOLDER, 'x')).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'http:' || protocol === 'https:') return;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${value}\` is not a full http:// or https:// address`, 'write the full address, such as `https://api.example.com/health`'),
  });
});

/** One entry of `expected_status`: a code such as `204`, a range such as `200-299`, or a class such as `2xx`. */
export interface StatusRange {
  from: number;
  to: number;
}

const statusEntry = z.union([z.number(), z.string()]).transform((value, context): StatusRange => {
  const text = String(value).trim();
  let range: StatusRange | undefined;
  const single = /^(\d{3})$/.exec(text);
  const span = /^(\d{3})\s*-\s*(\d{3})$/.exec(text);
  const family = /^([1-5])xx$/i.exec(text);
  if (single) range = { from: Number(single[1]), to: Number(single[1]) };
  else if (span) range = { from: Number(span[1]), to: Number(span[2]) };
  else if (family) range = { from: Number(family[1]) * 100, to: Number(family[1]) * 100 + 99 };

  if (range && range.from >= 100 && range.to <= 599 && range.from <= range.to) return range;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${text}\` is not a status code or range`, 'write a code such as `204`, a range such as `200-299`, or a class such as `2xx`'),
  });
  return z.NEVER;
});

/** One step of a JSON path: an object key or an array index. */
export type JsonPathStep = string | number;

/**
 * Parses a small JSON path: `$.status`, `data.items[0].ok`, `$["odd key"]`.
 * The leading `$` is optional. Returns the steps, or a message on a syntax error.
 */
export function parseJsonPath(text: string): { steps: JsonPathStep[] } | { error: string } {
  const steps: JsonPathStep[] = [];
  let rest = text.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (rest !== '' && !rest.startsWith('[')) rest = `.${rest}`;

  while (rest !== '') {
    const key = /^\.([^.[\]]+)/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\]/.exec(rest);
    if (key) steps.push(key[1]!);
    else if (index) steps.push(Number(index[1]));
    else if (quoted) steps.push(quoted[1] !== undefined ? (JSON.parse(`"${quoted[1]}"`) as string) : quoted[2]!);
    else return { error: `unexpected \`${rest.slice(0, 20)}\`` };
    rest = rest.slice((key ?? index ?? quoted)![0].length);
  }
  if (steps.length === 0) return { error: 'the path names no field' };
  return { steps };
}

const jsonPath = z.string().transform((value, context) => {
  const parsed = parseJsonPath(value);
  if ('steps' in parsed) return { text: value.trim(), steps: parsed.steps };
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(`\`${value}\` is not a JSON path: ${parsed.error}`, 'write a dotted path such as `$.status` or `data.items[0].ok`'),
  });
  return z.NEVER;
});

const jsonValue: z.ZodType<unknown> = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const httpCheckSchema = z
  .object({
    type: z.literal('http'),
    url: checkUrl,
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
    headers: z.record(z.string(), templated).default({}),
    body: templated.optional(),
    expected_status: z
      .union([statusEntry, z.array(statusEntry).min(1)])
      .default('200-299')
      .transform((value) => (Array.isArray(value) ? value : [value])),
    max_redirects: z.number().int().min(0).max(20).default(5),
    timeout: duration.default('10s'),
    contains: z.string().min(1).optional(),
    not_contains: z.string().min(1).optional(),
    json: z.object({ path: jsonPath, equals: jsonValue.optional() }).strict().optional(),
    degraded_after: responseTime.optional(),
    tls_warning_days: z.number().int().min(0).max(365).default(14),
    // A PEM file, relative to the site root, of extra certificate authorities to trust.
    ca_file: z.string().trim().min(1).optional(),
  })
  .strict();

const tcpCheckSchema = z
  .object({
    type: z.literal('tcp'),
    host: z.string().trim().min(1),
    port: z.number().int().min(1).max(65_535),
    timeout: duration.default('10s'),
    degraded_after: responseTime.optional(),
  })
  .strict();

/** A resolver's IP address and port. */
export interface ResolverAddress {
  host: string;
  port: number;
}

/** Parses `127.0.0.1:5353`, `[::1]:53` or a bare IP address (port 53). Returns undefined for anything else. */
export function parseResolverAddress(text: string): ResolverAddress | undefined {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  const ipv4 = /^([\d.]+)(?::(\d+))?$/.exec(trimmed);
  let host: string | undefined;
  let port = '53';
  if (bracketed) [host, port] = [bracketed[1]!, bracketed[2] ?? '53'];
  else if (ipv4) [host, port] = [ipv4[1]!, ipv4[2] ?? '53'];
  else if (isIP(trimmed) === 6) host = trimmed;

  const portNumber = Number(port);
  if (host === undefined || isIP(host) === 0 || !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65_535) return undefined;
  return { host, port: portNumber };
}

const resolverAddress = z.string().transform((value, context) => {
  const address = parseResolverAddress(value);
  if (address) return address;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    ...withFix(
      `\`${value}\` is not a resolver's IP address and port`,
      'write an IP address with an optional port, such as `127.0.0.1:5353`, `10.0.0.2` or `[::1]:53`; host names are not looked up',
    ),
  });
  return z.NEVER;
});

const dnsCheckSchema = z
  .object({
    type: z.literal('dns'),
    name: z.string().trim().min(1),
    record: z.enum(['A', 'AAAA', 'CNAME', 'TXT']).default('A'),
    expected: z.string().trim().min(1).optional(),
    resolver: resolverAddress,
    timeout: duration.default('5s'),
    degraded_after: responseTime.optional(),
  })
  .strict();

const heartbeatCheckSchema = z
  .object({
    type: z.literal('heartbeat'),
    // How often the job sends a beat, and how late a beat may be.
    period: duration,
    grace: durationSchema({ allowZero: true }).default('0s'),
  })
  .strict();

export const checkTypes = ['http', 'tcp', 'dns', 'heartbeat'] as const;

/** A service's `check`: what `sitrep check` runs for it. */
export const checkSchema = z.discriminatedUnion('type', [httpCheckSchema, tcpCheckSchema, dnsCheckSchema, heartbeatCheckSchema]);

/** The `monitor` settings of `sitrep check`. */
export const monitorSettingsSchema = z
  .object({
    confirmations: z
      .object({
        // Consecutive failing runs before an incident opens.
        open: z.number().int().min(1).max(100).default(2),
        // Consecutive passing runs before an automated incident resolves.
        resolve: z.number().int().min(1).max(100).default(2),
      })
      .strict()
      .default({}),
    // Extra attempts within one run before a check counts as failing.
    retries: z.number().int().min(0).max(10).default(2),
    // The wait before the first retry, which doubles for each further retry.
    retry_delay: durationSchema({ allowZero: true }).default('1s'),
    concurrency: z.number().int().min(1).max(1000).default(20),
    // An address that is up whenever the runner's network is up.
    control_url: checkUrl.optional(),
    // The action when a person has an incident open for a failing service.
    existing_incident: z.enum(['update', 'ignore']).default('update'),
  })
  .strict();

/** Returns the `monitor` settings with every default filled in. */
export function resolveMonitorSettings(settings: MonitorSettings | undefined): MonitorSettings {
  return settings ?? monitorSettingsSchema.parse({});
}

export type CheckConfig = z.output<typeof checkSchema>;
export type HttpCheckConfig = z.output<typeof httpCheckSchema>;
export type TcpCheckConfig = z.output<typeof tcpCheckSchema>;
export type DnsCheckConfig = z.output<typeof dnsCheckSchema>;
export type HeartbeatCheckConfig = z.output<typeof heartbeatCheckSchema>;
export type MonitorSettings = z.output<typeof monitorSettingsSchema>;
