import { afterEach, describe, expect, it } from 'vitest';
import { incidentChanges, incidentUrl, type AlertEvent } from '../../src/alerts/incident-changes.ts';
import { escapeDiscord, escapeSlack, escapeTeams } from '../../src/alerts/webhook-payloads.ts';
import { sendWebhooks, type RetryPolicy } from '../../src/alerts/webhooks.ts';
import { config, incident, RecordingServer, repository, webhookReceiver } from './helpers.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const FAST: RetryPolicy = { attempts: 3, initialDelayMs: 10, timeoutMs: 2000 };
const urlOf = (slug: string) => incidentUrl(config(), slug);

const hostile = incident('2026-03-10-api', {
  title: 'API <errors> & *bold* @everyone',
  started: '2026-03-10T10:00Z',
  affected: { api: 'major_outage' },
  updates: [{ at: '2026-03-10T10:05Z', status: 'investigating', message: 'Errors from <script> & _friends_ `code` @here' }],
});
const events: AlertEvent[] = incidentChanges(repository([]), repository([hostile]), NOW);

let receiver: RecordingServer | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function environment(server: RecordingServer): NodeJS.ProcessEnv {
  return {
    SITREP_SLACK_WEBHOOK_URL: `${server.url}/slack`,
    SITREP_DISCORD_WEBHOOK_URL: `${server.url}/discord`,
    SITREP_TEAMS_WEBHOOK_URL: `${server.url}/teams`,
    SITREP_WEBHOOK_URL: `${server.url}/generic`,
  };
}

function bodyAt(server: RecordingServer, path: string): Record<string, any> {
  const request = server.requests.find((candidate) => candidate.url === path);
  expect(request, `no request to ${path}`).toBeDefined();
  return request!.json as Record<string, any>;
}

describe('sendWebhooks', () => {
  it('posts each provider its payload shape', async () => {
    receiver = await webhookReceiver();
    const deliveries = await sendWebhooks(events, { environment: environment(receiver), incidentUrl: urlOf, retry: FAST, log: () => {} });

    expect(deliveries.map((delivery) => delivery.channel)).toEqual(['slack', 'discord', 'teams', 'generic']);
    expect(deliveries.every((delivery) => delivery.ok)).toBe(true);
    for (const request of receiver.requests) expect(request.headers['content-type']).toBe('application/json');

    const slack = bodyAt(receiver, '/slack');
    expect(slack.text).toContain('API &lt;errors&gt; &amp; *bold*');
    expect(slack.text).toContain('<https://status.example.com/status/incidents/2026-03-10-api/|View incident>');
    expect(slack.blocks[0].type).toBe('section');
    expect(slack.blocks[0].text.type).toBe('mrkdwn');
    expect(slack.blocks[0].text.text).toContain('Errors from &lt;script&gt; &amp; _friends_');

    const discord = bodyAt(receiver, '/discord');
    expect(discord.content).toContain('\\*bold\\*');
    expect(discord.content).not.toContain('@everyone');
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(discord.embeds[0].url).toBe('https://status.example.com/status/incidents/2026-03-10-api/');
    expect(discord.embeds[0].description).toContain('\\_friends\\_ \\`code\\`');

    const teams = bodyAt(receiver, '/teams');
    expect(teams.type).toBe('message');
    const card = teams.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.type).toBe('AdaptiveCard');
    expect(card.content.body[0].text).toContain('API <errors> & \\*bold\\*');
    expect(card.content.actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'View incident', url: 'https://status.example.com/status/incidents/2026-03-10-api/' });

    const generic = bodyAt(receiver, '/generic');
    expect(generic).toMatchObject({
      version: 1,
      event: 'incident.opened',
      incident: {
        slug: '2026-03-10-api',
        title: 'API <errors> & *bold* @everyone',
        status: 'investigating',
        impact: 'critical',
        url: 'https://status.example.com/status/incidents/2026-03-10-api/',
        services: ['api'],
      },
      update: { number: 1, status: 'investigating', message: 'Errors from <script> & _friends_ `code` @here', at: '2026-03-10T10:05:00.000Z' },
      time: '2026-03-10T10:05:00.000Z',
    });
  });

  it('retries a failing webhook', async () => {
    receiver = await webhookReceiver({ '/generic': 2 });
    const deliveries = await sendWebhooks(events, { environment: { SITREP_WEBHOOK_URL: `${receiver.url}/generic` }, incidentUrl: urlOf, retry: FAST, log: () => {} });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ ok: true, attempts: 3 });
    expect(receiver.requests).toHaveLength(3);
  });

  it('logs a webhook that keeps failing', async () => {
    receiver = await webhookReceiver({ '/slack': 10 });
    const lines: string[] = [];
    const deliveries = await sendWebhooks(events, {
      environment: { SITREP_SLACK_WEBHOOK_URL: `${receiver.url}/slack`, SITREP_WEBHOOK_URL: `${receiver.url}/generic` },
      incidentUrl: urlOf,
      retry: FAST,
      log: (line) => lines.push(line),
    });
    expect(deliveries.map((delivery) => [delivery.channel, delivery.ok])).toEqual([['slack', false], ['generic', true]]);
    expect(deliveries[0]!.attempts).toBe(3);
    expect(lines).toEqual(['webhook slack failed for 2026-03-10-api (opened) after 3 attempts: HTTP 500']);
    expect(lines[0]).not.toContain(receiver.url);
  });

  it('does not retry a 400 response', async () => {
    receiver = await RecordingServer.start((_request, response) => {
      response.writeHead(400);
      response.end('invalid_payload');
    });
    const deliveries = await sendWebhooks(events, { environment: { SITREP_WEBHOOK_URL: `${receiver.url}/x` }, incidentUrl: urlOf, retry: FAST, log: () => {} });
    expect(deliveries[0]).toMatchObject({ ok: false, attempts: 1, error: 'HTTP 400' });
    expect(receiver.requests).toHaveLength(1);
  });

  it('retries a refused connection', async () => {
    receiver = await webhookReceiver();
    const closedUrl = receiver.url;
    await receiver.close();
    receiver = undefined;
    const deliveries = await sendWebhooks(events, { environment: { SITREP_WEBHOOK_URL: `${closedUrl}/x` }, incidentUrl: urlOf, retry: FAST, log: () => {} });
    expect(deliveries[0]).toMatchObject({ ok: false, attempts: 3 });
  });

  it('sends nothing without configured URLs', async () => {
    expect(await sendWebhooks(events, { environment: {}, incidentUrl: urlOf, retry: FAST, log: () => {} })).toEqual([]);
  });

  it('sends the certificate event', async () => {
    receiver = await webhookReceiver();
    const certificate: AlertEvent = { kind: 'certificate', serviceId: 'api', serviceName: 'Public API', message: 'certificate expires on 2026-03-20, in 10 days', at: NOW };
    await sendWebhooks([certificate], { environment: environment(receiver), incidentUrl: urlOf, retry: FAST, log: () => {} });
    expect(bodyAt(receiver, '/generic')).toEqual({
      version: 1,
      event: 'certificate_expiring',
      service: { id: 'api', name: 'Public API' },
      message: 'certificate expires on 2026-03-20, in 10 days',
      time: '2026-03-10T12:00:00.000Z',
    });
    expect(bodyAt(receiver, '/slack').text).toBe('Public API: certificate expires on 2026-03-20, in 10 days');
  });
});

describe('escaping', () => {
  it('escapes Slack control characters', () => {
    expect(escapeSlack('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
  });

  it('escapes Discord markdown and mentions', () => {
    expect(escapeDiscord('**x** @everyone')).toBe('\\*\\*x\\*\\* @\u200beveryone');
  });

  it('escapes Teams markdown', () => {
    expect(escapeTeams('[link](x) *y*')).toBe('\\[link\\]\\(x\\) \\*y\\*');
  });
});
