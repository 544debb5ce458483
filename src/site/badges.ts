// Status and uptime badges: flat SVG images in the look of Shields.io, and
// the same values as Shields.io endpoint JSON for sites that prefer to draw
// badges through Shields. Pure: the pages pass in the site's status and
// uptime.

import { hashText } from '../domain/hash.ts';
import type { ServiceStatus, SiteConfig } from '../domain/schema/index.ts';
import type { SiteStatus } from '../domain/status.ts';
import { formatUptime, type SiteUptime } from '../domain/uptime.ts';
import { SERVICE_STATUS_LABELS } from './labels.ts';

/** The badges each scope has: the current state and the 90-day uptime. */
export const BADGE_KINDS = ['status', 'uptime'] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

/** Paths of the badge files, relative to the site's base path. */
export const badgePaths = {
  site: (kind: BadgeKind, extension: 'svg' | 'json') => `badges/${kind}.${extension}`,
  service: (id: string, kind: BadgeKind, extension: 'svg' | 'json') => `badges/${id}/${kind}.${extension}`,
};

/** The text and colour of one badge. */
export interface Badge {
  /** The left, grey part. */
  label: string;
  /** The right, coloured part. */
  message: string;
  /** The message's background, as `#rrggbb`. */
  color: string;
}

/** A Shields.io endpoint response (https://shields.io/badges/endpoint-badge). */
export interface ShieldsEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

/**
 * The message colour for each state: the page's light-theme colours, each
 * with a contrast of at least 5:1 against the badge's white text.
 */
export const STATUS_COLOURS: Readonly<Record<ServiceStatus, string>> = {
  operational: '#1a7f37',
  under_maintenance: '#0550ae',
  degraded_performance: '#8a5b00',
  partial_outage: '#b54708',
  major_outage: '#c4212d',
};

/** The message colour of an uptime badge without data. */
export const NO_DATA_COLOUR = '#59636e';

/**
 * Uptime colours, best first: a badge takes the first band whose minimum
 * the shown percentage reaches.
 */
export const UPTIME_BANDS: ReadonlyArray<{ min: number; color: string }> = [
  { min: 99.9, color: STATUS_COLOURS.operational },
  { min: 99, color: STATUS_COLOURS.degraded_performance },
  { min: 95, color: STATUS_COLOURS.partial_outage },
  { min: 0, color: STATUS_COLOURS.major_outage },
];

/** The inputs of the badges. Site, from getSite(), satisfies it. */
export interface BadgeSource {
  config: Pick<SiteConfig, 'services'>;
  status: Pick<SiteStatus, 'overall' | 'services'>;
  uptime: Pick<SiteUptime, 'site' | 'services'>;
}

const HEIGHT = 20;
const PADDING = 5;
const LABEL_COLOUR = '#555';
const FONT_FAMILY = 'Verdana,Geneva,DejaVu Sans,sans-serif';

// Advance widths in pixels of the printable ASCII characters, U+0020 to
// U+007E, in 11 px DejaVu Sans, the font Linux shows for Verdana. Measured
// with canvas measureText in Chromium. Verdana's widths are close, and the
// SVG stretches each text to the computed width, so an estimate only
// changes the spacing, never makes text overflow.
const ASCII_WIDTHS = [
  3.5, 4.41, 5.06, 9.22, 7, 10.45, 8.58, 3.02, 4.29, 4.29, 5.5, 9.22, 3.5, 3.97, 3.5, 3.71,
  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 3.71, 3.71, 9.22, 9.22, 9.22, 5.84,
  11, 7.52, 7.55, 7.68, 8.47, 6.95, 6.33, 8.52, 8.27, 3.24, 3.24, 7.21, 6.13, 9.49, 8.23, 8.66,
  6.63, 8.66, 7.64, 6.98, 6.72, 8.05, 7.52, 10.88, 7.54, 6.72, 7.54, 4.29, 3.71, 4.29, 9.22, 5.5,
  5.5, 6.74, 6.98, 6.05, 6.98, 6.77, 3.87, 6.98, 6.97, 3.06, 3.06, 6.37, 3.06, 10.72, 6.97, 6.73,
  6.98, 6.98, 4.52, 5.73, 4.31, 6.97, 6.51, 9, 6.51, 6.51, 5.77, 7, 3.71, 7, 9.22,
];
// Other characters: marks and format characters take no room, East Asian
// wide characters and emoji a full em, anything else an average letter.
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;
const WIDE = /[\p{Extended_Pictographic}\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;
const WIDE_WIDTH = 11;
const OTHER_WIDTH = 7;

/** Returns the badge of a service state: `major outage` on red. */
export function statusBadge(label: string, status: ServiceStatus): Badge {
  return { label, message: SERVICE_STATUS_LABELS[status].toLowerCase(), color: STATUS_COLOURS[status] };
}

/**
 * Returns the badge of an uptime percentage: `99.95%`, or `no data` for
 * null. The colour follows the percentage as shown, so `99.90%` is never
 * drawn in the colour of the band below 99.9.
 */
export function uptimeBadge(label: string, percent: number | null): Badge {
  const formatted = formatUptime(percent);
  if (formatted === null) return { label, message: 'no data', color: NO_DATA_COLOUR };

  const value = Number(formatted);
  const band = UPTIME_BANDS.find((candidate) => value >= candidate.min) ?? UPTIME_BANDS.at(-1)!;
  return { label, message: `${formatted}%`, color: band.color };
}

/** Returns the whole site's badge of one kind: the worst state, or the 90-day uptime of all services. */
export function siteBadge(kind: BadgeKind, source: BadgeSource): Badge {
  if (kind === 'status') return statusBadge('status', source.status.overall);
  return uptimeBadge('90-day uptime', source.uptime.site['90d'].uptime);
}

/** Returns one service's badge of one kind, labelled with the service's name. */
export function serviceBadge(kind: BadgeKind, source: BadgeSource, serviceId: string): Badge {
  const service = source.config.services.find((candidate) => candidate.id === serviceId);
  if (!service) throw new RangeError(`unknown service \`${serviceId}\`: use an id from content/config.yml`);

  if (kind === 'status') return statusBadge(service.name, source.status.services.get(serviceId) ?? 'operational');
  return uptimeBadge(`${service.name} 90-day uptime`, source.uptime.services.get(serviceId)?.windows['90d'].uptime ?? null);
}

/** Returns the Shields.io endpoint JSON of a badge. */
export function shieldsEndpoint(badge: Badge): ShieldsEndpoint {
  return { schemaVersion: 1, label: badge.label, message: badge.message, color: badge.color };
}

/**
 * Draws a badge as a self-contained SVG: 20 px high, each part as wide as
 * its text plus padding. The `viewBox` lets it scale cleanly, and the
 * `<title>`, `role` and `aria-label` give screen readers `label: message`.
 */
export function badgeSvg(badge: Badge): string {
  const label = segment(badge.label);
  const message = segment(badge.message);
  const width = label.width + message.width;
  const name = escapeXml(`${badge.label}: ${badge.message}`);
  // Ids differ between badges, so several badges inlined in one HTML page
  // do not borrow each other's gradient and clip path.
  const id = `sitrep-badge-${hashText(`${badge.label}\u0000${badge.message}\u0000${badge.color}`).toString(36)}`;

  const texts = [
    text(label.text, label.width / 2, label.textWidth),
    text(message.text, label.width + message.width / 2, message.textWidth),
  ].join('');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${name}">`,
    `<title>${name}</title>`,
    `<linearGradient id="${id}-shade" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="${id}-round"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#${id}-round)">`,
    `<rect width="${label.width}" height="${HEIGHT}" fill="${LABEL_COLOUR}"/>`,
    `<rect x="${label.width}" width="${message.width}" height="${HEIGHT}" fill="${escapeXml(badge.color)}"/>`,
    `<rect width="${width}" height="${HEIGHT}" fill="url(#${id}-shade)"/>`,
    `</g>`,
    `<g fill="#fff" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="11" text-rendering="geometricPrecision">${texts}</g>`,
    `</svg>`,
  ].join('');
}

/** Estimates the width in pixels of a text in 11 px Verdana, from ASCII_WIDTHS. */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (codePoint >= 0x20 && codePoint <= 0x7e) width += ASCII_WIDTHS[codePoint - 0x20]!;
    else if (ZERO_WIDTH.test(character)) width += 0;
    else if (WIDE.test(character)) width += WIDE_WIDTH;
    else width += OTHER_WIDTH;
  }
  return width;
}

/**
 * Escapes text for XML content and attribute values. Characters that XML
 * 1.0 does not allow at all, such as most control characters and lone
 * UTF-16 surrogates, are dropped.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"']/g, (character) => XML_ESCAPES[character]!);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function segment(value: string): { text: string; textWidth: number; width: number } {
  const measured = Math.round(textWidth(value) * 10) / 10;
  return { text: value, textWidth: measured, width: Math.ceil(measured) + 2 * PADDING };
}

// Each text is drawn twice: a faint dark copy one pixel lower as a shadow,
// then the white text. `textLength` fits the text to the computed width.
function text(value: string, centre: number, length: number): string {
  const escaped = escapeXml(value);
  const x = Math.round(centre * 10) / 10;
  return (
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3" textLength="${length}" aria-hidden="true">${escaped}</text>` +
    `<text x="${x}" y="14" textLength="${length}">${escaped}</text>`
  );
}
