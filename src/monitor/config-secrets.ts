// Fills `${NAME}` placeholders in the checks from environment variables,
// and removes the values again from every text the monitor writes or prints.
import { escapeRemoteText } from './classify.ts';
import {
  PLACEHOLDER,
  resolveMonitorSettings,
  type CheckConfig,
  type DnsCheckConfig,
  type HeartbeatCheckConfig,
  type HttpCheckConfig,
  type MonitorSettings,
  type SiteConfig,
  type TcpCheckConfig,
} from '../domain/schema/index.ts';

/** A check configuration that cannot run, such as one that names an unset variable. */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/** An HTTP check with its placeholders filled in. */
export interface ResolvedHttpCheck extends HttpCheckConfig {
  /** The URL as configured, with placeholders kept, for messages. */
  urlTemplate: string;
}

export type ResolvedCheck = ResolvedHttpCheck | TcpCheckConfig | DnsCheckConfig | HeartbeatCheckConfig;

/** A service that has a check, ready to run. */
export interface MonitoredService {
  id: string;
  name: string;
  check: ResolvedCheck;
}

/** Replaces secret values in text with `[redacted:NAME]`. */
export interface Redactor {
  redact(text: string): string;
}

interface Secret {
  name: string;
  value: string;
}

/**
 * Returns a redactor for the values of the given variables. It also
 * replaces each value as it appears URL-encoded, JSON-escaped and escaped
 * for markdown, because a server may echo a secret back in any of them.
 */
export function createRedactor(secrets: readonly Secret[]): Redactor {
  const replacements = new Map<string, string>();
  for (const { name, value } of secrets) {
    if (value === '') continue;
    const forms = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), escapeRemoteText(value, Infinity)];
    for (const form of forms) if (!replacements.has(form)) replacements.set(form, `[redacted:${name}]`);
  }
  // Longer values first, so a secret that contains another is replaced whole.
  const ordered = [...replacements.entries()].sort(([a], [b]) => b.length - a.length);

  return {
    redact(text: string): string {
      let result = text;
      for (const [value, replacement] of ordered) result = result.split(value).join(replacement);
      return result;
    },
  };
}

/** The services to check, the monitor settings, and the redactor for every secret they use. */
export interface ResolvedMonitorConfig {
  services: MonitoredService[];
  settings: MonitorSettings;
  /** The control URL with placeholders filled in, and as configured. */
  control?: { url: string; urlTemplate: string };
  redactor: Redactor;
}

/**
 * Resolves the checks of the services in `only` (every service with a
 * check when `only` is empty) against the environment. Throws a
 * ConfigurationError that names every unset variable with its service, and
 * every id in `only` that is unknown or has no check.
 */
export function resolveMonitorConfig(config: SiteConfig, environment: NodeJS.ProcessEnv, only: readonly string[] = []): ResolvedMonitorConfig {
  const settings = resolveMonitorSettings(config.monitor);
  const secrets: Secret[] = [];
  const missing: string[] = [];
  const fill = (template: string, where: string, owner: string): string =>
    template.replace(PLACEHOLDER, (_, name: string) => {
      const value = environment[name];
      if (value === undefined) {
        missing.push(`\`${name}\` (used in ${where} of ${owner})`);
        return '';
      }
      secrets.push({ name, value });
      return value;
    });

  checkSelection(config, only);
  const selected = config.services.filter((service) => service.check && (only.length === 0 || only.includes(service.id)));
  const services = selected.map((service): MonitoredService => {
    const owner = `service \`${service.id}\``;
    return { id: service.id, name: service.name, check: resolveCheck(service.check!, owner, fill) };
  });
  const template = settings.control_url;
  const control = template === undefined ? undefined : { url: fill(template, '`control_url`', '`monitor`'), urlTemplate: template };

  if (missing.length > 0) {
    const variables = missing.length === 1 ? 'variable' : 'variables';
    throw new ConfigurationError(
      `the environment ${variables} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`,
      'set each variable in the environment of `sitrep check`, for example from a repository secret in the workflow',
    );
  }
  return { services, settings, control, redactor: createRedactor(secrets) };
}

function resolveCheck(check: CheckConfig, owner: string, fill: (template: string, where: string, owner: string) => string): ResolvedCheck {
  if (check.type !== 'http') return check;

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(check.headers)) headers[name] = fill(value, `the header \`${name}\``, owner);
  return {
    ...check,
    urlTemplate: check.url,
    url: fill(check.url, '`url`', owner),
    headers,
    body: check.body === undefined ? undefined : fill(check.body, '`body`', owner),
  };
}

function checkSelection(config: SiteConfig, only: readonly string[]): void {
  const ids = new Map(config.services.map((service) => [service.id, service]));
  for (const id of only) {
    const service = ids.get(id);
    if (!service) {
      throw new ConfigurationError(`unknown service \`${id}\` in --only`, `use the id of a service in content/config.yml, such as \`${config.services[0]!.id}\``);
    }
    if (!service.check) {
      throw new ConfigurationError(`the service \`${id}\` has no \`check\``, 'add a `check:` to the service in content/config.yml (see docs/monitor.md), or leave it out of --only');
    }
  }
}
