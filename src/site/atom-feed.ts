import type { FeedEntry } from './feed-entries.ts';
import { escapeHtml } from './markdown.ts';

export interface AtomFeed {
  title: string;
  /** The absolute URL of the feed itself; also the feed's id. */
  selfUrl: string;
  /** The absolute URL of the page the feed belongs to. */
  pageUrl: string;
  /** The build time, used when there are no entries. */
  generated: Date;
  entries: FeedEntry[];
}

/**
 * Writes an Atom 1.0 document (RFC 4287). The feed names its author once,
 * so entries need none, and each entry's id is its page's URL.
 */
export function writeAtom(feed: AtomFeed): string {
  const updated = feed.entries[0]?.updated ?? feed.generated;
  const entries = feed.entries.map(
    (entry) =>
      [
        '  <entry>',
        `    <id>${escapeHtml(entry.link)}</id>`,
        `    <title type="text">${escapeHtml(entry.title)}</title>`,
        `    <link rel="alternate" type="text/html" href="${escapeHtml(entry.link)}"/>`,
        `    <updated>${entry.updated.toISOString()}</updated>`,
        `    <summary type="text">${escapeHtml(entry.summary)}</summary>`,
        `    <content type="html">${escapeHtml(entry.contentHtml)}</content>`,
        ...entry.categories.map((category) => `    <category term="${escapeHtml(category)}"/>`),
        '  </entry>',
      ].join('\n'),
  );

  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeHtml(feed.selfUrl)}</id>`,
    `  <title type="text">${escapeHtml(feed.title)}</title>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <author><name>${escapeHtml(feed.title)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeHtml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeHtml(feed.pageUrl)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
