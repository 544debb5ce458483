import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  badgeSvg,
  NO_DATA_COLOUR,
  shieldsEndpoint,
  STATUS_COLOURS,
  textWidth,
  uptimeBadge,
  type Badge,
} from '../../src/site/badges.ts';
import { loadPage, readBuiltFile, text } from '../helpers/built-site.ts';

// The built fixture (test/fixtures/sites/basic) at 2026-03-10T12:00Z: the
// site has a major outage, `db` is under maintenance, `cdn` is operational.

const SERVICES = ['api', 'web', 'db', 'cdn'];

interface ParsedBadge {
  width: number;
  height: number;
  viewBox: string;
  role: string;
  ariaLabel: string;
  title: string;
  /** The visible texts, left part first; the shadow copies are left out. */
  texts: string[];
  /** The fill of the message part. */
  color: string;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['rect', 'text', 'g'].includes(name) });

function parseBadge(svg: string): ParsedBadge {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = parser.parse(svg).svg;
  const [shapes, texts] = root.g as Array<{ rect?: Array<Record<string, string>>; text?: Array<Record<string, string>> }>;
  return {
    width: Number(root['@width']),
    height: Number(root['@height']),
    viewBox: root['@viewBox'],
    role: root['@role'],
    ariaLabel: root['@aria-label'],
    title: root.title,
    texts: texts!.text!.filter((element) => element['@aria-hidden'] !== 'true').map((element) => element['#text']!),
    color: shapes!.rect![1]!['@fill']!,
  };
}

const readBadge = async (path: string) => parseBadge(await readBuiltFile('basic', path));
const readEndpoint = async (path: string) => JSON.parse(await readBuiltFile('basic', path)) as Record<string, unknown>;

describe('status badges in the build', () => {
  const cases = [
    { path: 'badges/status.svg', title: 'status: major outage', message: 'major outage', color: STATUS_COLOURS.major_outage },
    { path: 'badges/db/status.svg', title: 'Database: under maintenance', message: 'under maintenance', color: STATUS_COLOURS.under_maintenance },
    { path: 'badges/cdn/status.svg', title: 'CDN: operational', message: 'operational', color: STATUS_COLOURS.operational },
  ];

  for (const { path, title, message, color } of cases) {
    it(`shows ${title}`, async () => {
      const badge = await readBadge(path);
      expect(badge.title).toBe(title);
      expect(badge.ariaLabel).toBe(title);
      expect(badge.role).toBe('img');
      expect(badge.texts[1]).toBe(message);
      expect(badge.color).toBe(color);
    });
  }

  it('uses the fixture colours', () => {
    expect(STATUS_COLOURS).toMatchObject({ major_outage: '#c4212d', under_maintenance: '#0550ae', operational: '#1a7f37' });
  });

  it('scales with a matching viewBox', async () => {
    const badge = await readBadge('badges/status.svg');
    expect(badge.height).toBe(20);
    expect(badge.viewBox).toBe(`0 0 ${badge.width} 20`);
  });
});

describe('uptime badges in the build', () => {
  it('shows the home page figure for the site', async () => {
    const $ = await loadPage('basic', '');
    const figure = /Uptime over the last 90 days: ([\d.]+%) for all services/.exec(text($('main').text()))?.[1];
    expect(figure).toBeDefined();
    const badge = await readBadge('badges/uptime.svg');
    expect(badge.title).toBe(`90-day uptime: ${figure}`);
    expect(badge.texts).toEqual(['90-day uptime', figure]);
    expect(badge.color).toBe(uptimeBadge('', Number.parseFloat(figure!)).color);
  });

  it('shows each service page figure', async () => {
    for (const id of SERVICES) {
      const $ = await loadPage('basic', `services/${id}/`);
      const name = text($('h1').first().text());
      const term = $('dl.windows dt').filter((_, element) => text($(element).text()) === 'Last 90 days');
      const figure = text(term.next('dd').text());
      const badge = await readBadge(`badges/${id}/uptime.svg`);
      expect(badge.title).toBe(`${name} 90-day uptime: ${figure}`);
    }
  });

  it('colours 99.89% amber for the database', async () => {
    const badge = await readBadge('badges/db/uptime.svg');
    expect(badge.texts[1]).toBe('99.89%');
    expect(badge.color).toBe(STATUS_COLOURS.degraded_performance);
  });
});

describe('Shields.io endpoint JSON in the build', () => {
  const paths = ['status', 'uptime'].flatMap((kind) => [`badges/${kind}`, ...SERVICES.map((id) => `badges/${id}/${kind}`)]);

  it('matches each SVG badge', async () => {
    for (const path of paths) {
      const endpoint = await readEndpoint(`${path}.json`);
      const badge = await readBadge(`${path}.svg`);
      expect(Object.keys(endpoint).sort()).toEqual(['color', 'label', 'message', 'schemaVersion']);
      expect(endpoint.schemaVersion).toBe(1);
      expect(`${endpoint.label}: ${endpoint.message}`).toBe(badge.title);
      expect(endpoint.color).toBe(badge.color);
    }
  });

  it('gives the site state', async () => {
    expect(await readEndpoint('badges/status.json')).toEqual({
      schemaVersion: 1,
      label: 'status',
      message: 'major outage',
      color: '#c4212d',
    });
  });
});

describe('badge builder', () => {
  const HOSTILE: Badge = {
    label: '"Quoted" & <script>alert(1)</script> \'x\' 🚨',
    message: 'a < b && c > "d" 🚨',
    color: '#c4212d',
  };

  it('escapes a hostile label and message', () => {
    const svg = badgeSvg(HOSTILE);
    const badge = parseBadge(svg);
    expect(svg).not.toContain('<script');
    expect(badge.title).toBe(`${HOSTILE.label}: ${HOSTILE.message}`);
    expect(badge.ariaLabel).toBe(`${HOSTILE.label}: ${HOSTILE.message}`);
    expect(badge.texts).toEqual([HOSTILE.label, HOSTILE.message]);
  });

  it('drops characters XML forbids', () => {
    const svg = badgeSvg({ label: 'bell\u0007 and lone \uD83D surrogate', message: 'ok', color: '#1a7f37' });
    expect(parseBadge(svg).texts[0]).toBe('bell and lone  surrogate');
  });

  it('widens with its text', () => {
    const short = parseBadge(badgeSvg({ label: 'status', message: 'ok', color: '#1a7f37' }));
    const long = parseBadge(badgeSvg({ label: 'status', message: 'degraded performance', color: '#1a7f37' }));
    // Each part is its text's width, rounded up to a whole pixel, plus 5 px on either side.
    const part = (value: string) => Math.ceil(Math.round(textWidth(value) * 10) / 10) + 10;
    expect(short.width).toBe(part('status') + part('ok'));
    expect(long.width).toBe(part('status') + part('degraded performance'));
    expect(long.width).toBeGreaterThan(short.width);
  });

  it('estimates text width from the table', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('0000')).toBe(28);
    expect(textWidth('iii')).toBeLessThan(textWidth('mmm'));
    // Combining marks add nothing; emoji and East Asian characters take a full em.
    expect(textWidth('e\u0301')).toBe(textWidth('e'));
    expect(textWidth('🚨')).toBe(11);
    expect(textWidth('中')).toBe(11);
  });

  it('gives each badge its own ids', () => {
    const first = badgeSvg({ label: 'status', message: 'ok', color: '#1a7f37' });
    const second = badgeSvg({ label: 'status', message: 'down', color: '#c4212d' });
    const ids = (svg: string) => [...svg.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids(first)).toHaveLength(2);
    expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
  });

  it('writes the Shields.io endpoint schema', () => {
    expect(shieldsEndpoint(HOSTILE)).toEqual({ schemaVersion: 1, label: HOSTILE.label, message: HOSTILE.message, color: '#c4212d' });
  });
});

describe('uptime badge colours', () => {
  const cases: Array<[number | null, string, string]> = [
    [100, '100.00%', STATUS_COLOURS.operational],
    [99.9, '99.90%', STATUS_COLOURS.operational],
    // Shown rounded to 99.90%, so it takes that band.
    [99.899, '99.90%', STATUS_COLOURS.operational],
    [99.89, '99.89%', STATUS_COLOURS.degraded_performance],
    [99, '99.00%', STATUS_COLOURS.degraded_performance],
    [98.99, '98.99%', STATUS_COLOURS.partial_outage],
    [95, '95.00%', STATUS_COLOURS.partial_outage],
    [94.99, '94.99%', STATUS_COLOURS.major_outage],
    [0, '0.00%', STATUS_COLOURS.major_outage],
    [null, 'no data', NO_DATA_COLOUR],
  ];

  for (const [percent, message, color] of cases) {
    it(`shows ${String(percent)} as ${message}`, () => {
      const badge = uptimeBadge('uptime', percent);
      expect(badge.message).toBe(message);
      expect(badge.color).toBe(color);
    });
  }
});
