// Sends each event to the configured webhooks, with retries. A delivery that
// still fails is logged and reported, never thrown, so the run goes on.
import type { AlertEvent } from './incident-changes.ts';
import { summarize } from './messages.ts';
import { discordPayload, genericPayload, slackPayload, teamsPayload } from './webhook-payloads.ts';

export type Channel = 'slack' | 'discord' | 'teams' | 'generic';

/** The environment variable that contains each channel's webhook URL. */
export const CHANNEL_VARIABLES: Record<Channel, string> = {
  slack: 'SITREP_SLACK_WEBHOOK_URL',
  discord: 'SITREP_DISCORD_WEBHOOK_URL',
  teams: 'SITREP_TEAMS_WEBHOOK_URL',
  generic: 'SITREP_WEBHOOK_URL',
};

export interface RetryPolicy {
  /** Attempts per delivery, the first one included. */
  attempts: number;
  /** The wait before the second attempt; each later wait doubles. */
  initialDelayMs: number;
  /** How long one attempt may take. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 1000, timeoutMs: 10_000 };

/** The outcome of one event on one channel. */
export interface Delivery {
  channel: Channel;
  id: string;
  event: AlertEvent['kind'];
  ok: boolean;
  attempts: number;
  /** The last attempt's error, such as `HTTP 500`. */
  error?: string;
}

export interface WebhookOptions {
  environment: NodeJS.ProcessEnv;
  incidentUrl: (slug: string) => string;
  retry?: RetryPolicy;
  log: (line: string) => void;
  /** Waits between attempts; tests pass a shorter one. */
  sleep?: (milliseconds: number) => Promise<void>;
}

/** Returns the channels whose URL variable is set, with the URL. */
export function configuredChannels(environment: NodeJS.ProcessEnv): { channel: Channel; url: string }[] {
  return (Object.keys(CHANNEL_VARIABLES) as Channel[]).flatMap((channel) => {
    const url = environment[CHANNEL_VARIABLES[channel]]?.trim();
    return url ? [{ channel, url }] : [];
  });
}

/** Sends every event to every configured channel, in order, and returns one delivery per pair. */
export async function sendWebhooks(events: readonly AlertEvent[], options: WebhookOptions): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  const channels = configuredChannels(options.environment);
  for (const event of events) {
    const summary = summarize(event, options.incidentUrl);
    for (const { channel, url } of channels) {
      const body = payloadFor(channel, event, summary);
      const result = await postWithRetry(url, body, options);
      const delivery: Delivery = { channel, id: summary.id, event: event.kind, ...result };
      if (!result.ok) options.log(`webhook ${channel} failed for ${summary.id} (${event.kind}) after ${result.attempts} attempts: ${result.error}`);
      deliveries.push(delivery);
    }
  }
  return deliveries;
}

function payloadFor(channel: Channel, event: AlertEvent, summary: ReturnType<typeof summarize>): Record<string, unknown> {
  switch (channel) {
    case 'slack':
      return slackPayload(summary);
    case 'discord':
      return discordPayload(summary);
    case 'teams':
      return teamsPayload(summary);
    case 'generic':
      return genericPayload(event, summary);
  }
}

// Retries network errors, timeouts, 429 and 5xx responses; other 4xx
// responses mean the request itself is wrong, so they fail at once.
async function postWithRetry(url: string, body: unknown, options: WebhookOptions): Promise<{ ok: boolean; attempts: number; error?: string }> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  let error = 'no attempt made';

  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    let retryable = true;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'sitrep-alert' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      await response.arrayBuffer();
      if (response.ok) return { ok: true, attempts: attempt };
      error = `HTTP ${response.status}`;
      retryable = response.status === 429 || response.status >= 500;
    } catch (caught) {
      error = (caught as Error).name === 'TimeoutError' ? `timed out after ${policy.timeoutMs} ms` : (caught as Error).message;
    }
    if (!retryable || attempt === policy.attempts) return { ok: false, attempts: attempt, error };
    await sleep(policy.initialDelayMs * 2 ** (attempt - 1));
  }
  return { ok: false, attempts: policy.attempts, error };
}
