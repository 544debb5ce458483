// The request body of each webhook channel, with the escaping that each
// platform needs for text taken from incident files.
import type { AlertEvent } from './incident-changes.ts';
import type { AlertSummary } from './messages.ts';

/** Escapes `&`, `<` and `>`, the characters that Slack mrkdwn reads as control characters. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes Discord markdown so that content text shows as written. */
export function escapeDiscord(text: string): string {
  return text.replace(/([\\*_~`|>#[\]()-])/g, '\\$1').replace(/@/g, '@\u200b');
}

/**
 * Escapes the markdown that Adaptive Card TextBlocks render: bold, italic,
 * links and lists. TextBlocks render no HTML, so `<` and `&` stay as they are.
 * NOTE: the Adaptive Cards docs name no escape character for this markdown,
 * and this backslash escaping has not been checked in a Teams client.
 */
export function escapeTeams(text: string): string {
  return text.replace(/([\\*_`[\]()-])/g, '\\$1');
}

/** Slack incoming webhook: `text` for notifications, `blocks` for the message. */
export function slackPayload(summary: AlertSummary): Record<string, unknown> {
  const link = summary.url ? ` <${summary.url}|View incident>` : '';
  const headline = escapeSlack(summary.headline);
  const lines = [`*${headline}*`];
  if (summary.detail) lines.push(escapeSlack(summary.detail));
  if (summary.url) lines.push(`<${summary.url}|View incident>`);
  return {
    text: `${headline}${link}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }],
  };
}

/** Discord webhook: `content` plus one embed; mentions are switched off. */
export function discordPayload(summary: AlertSummary): Record<string, unknown> {
  const embed: Record<string, unknown> = { title: summary.headline.slice(0, 256) };
  if (summary.url) embed.url = summary.url;
  if (summary.detail) embed.description = escapeDiscord(summary.detail);
  return {
    content: escapeDiscord(summary.headline),
    embeds: [embed],
    allowed_mentions: { parse: [] },
  };
}

/**
 * Microsoft Teams: an Adaptive Card (version 1.4) in a `message` envelope,
 * the format that Teams Workflows ("Post to a channel when a webhook request
 * is received") accept.
 */
export function teamsPayload(summary: AlertSummary): Record<string, unknown> {
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: escapeTeams(summary.headline), weight: 'Bolder', wrap: true }];
  if (summary.detail) body.push({ type: 'TextBlock', text: escapeTeams(summary.detail), wrap: true });
  const card: Record<string, unknown> = { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body };
  if (summary.url) card.actions = [{ type: 'Action.OpenUrl', title: 'View incident', url: summary.url }];
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

/** The generic webhook body, version 1; docs/alerts.md lists every field. */
export function genericPayload(event: AlertEvent, summary: AlertSummary): Record<string, unknown> {
  if (event.kind === 'certificate') {
    return {
      version: 1,
      event: 'certificate_expiring',
      service: { id: event.serviceId, name: event.serviceName },
      message: event.message,
      time: event.at.toISOString(),
    };
  }
  return {
    version: 1,
    event: `incident.${event.kind}`,
    incident: {
      slug: event.slug,
      title: event.incident.title,
      status: event.status,
      impact: event.impact,
      previous_impact: event.previousImpact ?? null,
      url: summary.url,
      services: event.services,
      automated: event.incident.automated,
      started: event.incident.started.toISOString(),
    },
    update: event.update ? { number: event.update.number, status: event.update.status, message: event.update.message, at: event.update.at.toISOString() } : null,
    time: event.at.toISOString(),
  };
}
