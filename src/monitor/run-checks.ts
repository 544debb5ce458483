// Runs every check of one monitor run: at most `concurrency` at a time, each
// attempt bounded by its own timeout, failures retried with a doubling
// delay. Then distinguishes a runner that lost its network from failing services.
import type { LookupFunction } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkSchema, type MonitorSettings } from '../domain/schema/index.ts';
import { failure, type CheckResult, type ProbeResult } from './check-result.ts';
import { errorCode, timeoutFailure } from './classify.ts';
import type { MonitoredService, Redactor, ResolvedCheck, ResolvedHttpCheck } from './config-secrets.ts';
import { probeDns } from './probes/dns.ts';
import { judgeHeartbeat, type HeartbeatTimes } from './probes/heartbeat.ts';
import { probeHttp } from './probes/http.ts';
import { probeTcp } from './probes/tcp.ts';

/** Extra time past a probe's own timeout before the run gives up on it, for a probe that fails to stop itself. */
const GUARD_MS = 2_000;

/** The timeout of the request to the control URL. */
export const CONTROL_TIMEOUT_MS = 10_000;

export interface RunChecksInput {
  services: readonly MonitoredService[];
  settings: MonitorSettings;
  /** The control URL with its placeholders filled in, and as configured. */
  control?: { url: string; urlTemplate: string };
  redactor: Redactor;
  /** Heartbeat times by service id, from the state. */
  heartbeats: ReadonlyMap<string, HeartbeatTimes>;
  /** Extra certificate authorities by service id, from each check's `ca_file`. */
  authorities: ReadonlyMap<string, string>;
  now: Date;
  timeZone: string;
  /** The host name lookup; tests replace it so that they never use the system resolver. */
  lookup?: LookupFunction;
  /** Waits between retries; tests replace it to run without delays. */
  wait?: (milliseconds: number) => Promise<unknown>;
}

export interface ChecksOutcome {
  /** The result of each service, by id, with every secret redacted. */
  results: Map<string, CheckResult>;
  /**
   * True when every network check failed without any response and the
   * control URL failed the same way, so the runner itself seems offline.
   */
  offline: boolean;
  /** The control URL's result, when the run needed it. */
  control?: ProbeResult;
}

/** Runs the checks of `services` and returns their results. */
export async function runChecks(input: RunChecksInput): Promise<ChecksOutcome> {
  const results = new Map<string, CheckResult>();
  await mapWithConcurrency(input.services, input.settings.concurrency, async (service) => {
    results.set(service.id, await runWithRetries(service, input));
  });

  const network = input.services.filter((service) => service.check.type !== 'heartbeat');
  const allUnreachable =
    network.length > 0 &&
    network.every((service) => {
      const result = results.get(service.id)!;
      return result.outcome === 'down' && result.networkLevel;
    });
  if (!allUnreachable || input.control === undefined) return { results, offline: false };

  const control = redactResult(await probeControl(input.control, input.lookup, input.redactor), input.redactor);
  const offline = control.outcome === 'down' && control.networkLevel;
  return { results, offline, control };
}

async function runWithRetries(service: MonitoredService, input: RunChecksInput): Promise<CheckResult> {
  const { retries, retry_delay: retryDelay } = input.settings;
  const wait = input.wait ?? sleep;
  const attempts = service.check.type === 'heartbeat' ? 1 : retries + 1;

  let result: ProbeResult = failure('network', 'the check did not run');
  let attempt = 0;
  while (attempt < attempts) {
    if (attempt > 0) await wait(retryDelay * 2 ** (attempt - 1));
    attempt++;
    result = await runProbe(service, input);
    // A slow response is a measurement, not a fault that a retry could clear.
    if (result.outcome !== 'down') break;
  }
  return { ...redactResult(result, input.redactor), service: service.id, attempts: attempt };
}

async function runProbe(service: MonitoredService, input: RunChecksInput): Promise<ProbeResult> {
  const check = service.check;
  if (check.type === 'heartbeat') {
    const times = input.heartbeats.get(service.id) ?? { watchingSince: input.now };
    return judgeHeartbeat(check, times, input.now, input.timeZone);
  }

  const probe = startProbe(check, service.id, input);
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => resolve(timeoutFailure(`the ${check.type} check of ${service.id}`, check.timeout)), check.timeout + GUARD_MS);
  });
  try {
    return await Promise.race([probe, guard]);
  } catch (error) {
    // A probe reports every expected failure as a result; a throw is a bug.
    const code = errorCode(error) || (error as Error).name;
    return failure('network', `the ${check.type} check of ${service.id} failed unexpectedly (${code})`);
  } finally {
    clearTimeout(timer);
  }
}

function startProbe(check: Exclude<ResolvedCheck, { type: 'heartbeat' }>, serviceId: string, input: RunChecksInput): Promise<ProbeResult> {
  switch (check.type) {
    case 'http':
      return probeHttp(check, { lookup: input.lookup, ca: input.authorities.get(serviceId), redactor: input.redactor });
    case 'tcp':
      return probeTcp(check, { lookup: input.lookup });
    case 'dns':
      return probeDns(check);
  }
}

// Any HTTP response from the control URL, whatever its status, shows that the runner's network works.
function probeControl(control: { url: string; urlTemplate: string }, lookup: LookupFunction | undefined, redactor: Redactor): Promise<ProbeResult> {
  const fields = { type: 'http', url: control.url, expected_status: '100-599', max_redirects: 0, timeout: `${CONTROL_TIMEOUT_MS}ms` };
  const check = checkSchema.parse(fields) as ResolvedHttpCheck;
  return probeHttp({ ...check, urlTemplate: control.urlTemplate }, { lookup, redactor });
}

function redactResult<T extends ProbeResult>(result: T, redactor: Redactor): T {
  return { ...result, message: redactor.redact(result.message) };
}

/** Runs `task` for every item, with at most `limit` running at once. */
export async function mapWithConcurrency<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
