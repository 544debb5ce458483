// The short texts that every channel shows for an event, before each
// channel's escaping and layout.
import type { AlertEvent } from './incident-changes.ts';

/** An event in words: one headline, an optional detail and the page to open. */
export interface AlertSummary {
  headline: string;
  /** The update's message, cut to `MAX_DETAIL` characters. */
  detail?: string;
  url?: string;
  /** The incident slug or `certificate:<service id>`, for logs. */
  id: string;
}

/** The maximum length of the update message that a chat message repeats; the page has the rest. */
export const MAX_DETAIL = 500;

const STATUS_LABELS: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** Describes an event in plain text; each channel escapes the parts that came from content. */
export function summarize(event: AlertEvent, incidentUrl: (slug: string) => string): AlertSummary {
  if (event.kind === 'certificate') {
    return { id: `certificate:${event.serviceId}`, headline: `${event.serviceName}: ${event.message}` };
  }

  const title = event.incident.title;
  const status = STATUS_LABELS[event.status] ?? event.status;
  const detail = event.update ? shorten(event.update.message) : undefined;
  const url = incidentUrl(event.slug);
  const id = event.slug;
  switch (event.kind) {
    case 'opened':
      return { id, url, detail, headline: `Incident opened: ${title} (${status}, ${event.impact} impact)` };
    case 'updated':
      return { id, url, detail, headline: `${status}: ${title}` };
    case 'resolved':
      return { id, url, detail, headline: `Resolved: ${title}` };
    case 'impact_changed':
      return { id, url, headline: `Impact changed from ${event.previousImpact} to ${event.impact}: ${title}` };
  }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_DETAIL ? flat : `${flat.slice(0, MAX_DETAIL - 1).trimEnd()}…`;
}
