import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDir, type BuildResult } from '../helpers/astro-build.ts';
import { loadPage, readBuiltFile, text } from '../helpers/built-site.ts';
import { resultsFile } from '../setup/build-fixtures.ts';

// The fixture lives in test/fixtures/sites/basic, built with the clock at
// 2026-03-10T12:00Z, base `/status/` and the America/New_York time zone.

let results: Record<string, BuildResult>;
beforeAll(async () => {
  results = JSON.parse(await readFile(resultsFile(), 'utf8'));
});

describe('home page', () => {
  it('shows the worst state in the banner', async () => {
    const $ = await loadPage('basic', '');
    const banner = $('.banner');
    expect(text(banner.find('p').first().text())).toBe('Major outage: Public API');
    expect(banner.hasClass('status-major_outage')).toBe(true);
    expect(banner.find('svg').length).toBe(1);
  });

  it('lists the active incident with its latest posted update', async () => {
    const $ = await loadPage('basic', '');
    const card = $('#active-incidents').parent().find('.card');
    expect(card.length).toBe(1);
    expect(card.find('h3 a').attr('href')).toBe('/status/incidents/2026-03-10-api-errors/');
    expect(text(card.text())).toContain('Nodes are back; we are watching error rates.');
    expect(text(card.text())).not.toContain('Future update');
  });

  it('shows each service state as text and icon', async () => {
    const $ = await loadPage('basic', '');
    const states = new Map(
      $('.service-groups .services li')
        .toArray()
        .map((row) => [text($(row).find('a').first().text()), text($(row).find('.status').text())]),
    );
    expect(states.get('Public API')).toBe('Major outage');
    expect(states.get('Website')).toBe('Partial outage');
    expect(states.get('Database')).toBe('Under maintenance');
    expect(states.get('CDN')).toBe('Operational');
    expect($('.service-groups .status').toArray().every((label) => $(label).find('svg').length === 1)).toBe(true);
  });

  it('collapses only the groups marked collapsed', async () => {
    const $ = await loadPage('basic', '');
    const groups = $('details.group').toArray().map((group) => [text($(group).find('summary > span').first().text()), $(group).attr('open') !== undefined]);
    expect(groups).toEqual([
      ['Core (2 services, 99.94% uptime)', true],
      ['Data (1 services, 99.89% uptime)', false],
    ]);
  });

  it('lists maintenance in progress and upcoming apart', async () => {
    const $ = await loadPage('basic', '');
    expect(text($('#maintenance-now').parent().find('.card h3').text())).toBe('Database upgrade');
    expect(text($('#maintenance-upcoming').parent().find('.card h3').text())).toBe('Website hosting move');
  });

  it('needs no JavaScript', async () => {
    const $ = await loadPage('basic', '');
    expect($('script').length).toBe(0);
  });

  it('advertises the feed with an absolute URL', async () => {
    const $ = await loadPage('basic', '');
    expect($('link[rel="alternate"][type="application/rss+xml"]').attr('href')).toBe('https://status.example.com/status/rss.xml');
  });

  it('shows times in the site zone with the zone named', async () => {
    const $ = await loadPage('basic', '');
    const asOf = $('.banner time');
    expect(asOf.attr('datetime')).toBe('2026-03-10T12:00:00.000Z');
    expect(text(asOf.text())).toBe('Mar 10, 2026, 8:00 AM EDT');
  });

  it('stays under 10 KB compressed', async () => {
    const html = await readFile(path.join(buildDir('basic'), 'index.html'));
    expect(gzipSync(html).length).toBeLessThan(10 * 1024);
  });
});

describe('incident page', () => {
  it('shows status, impact and worst impact per service', async () => {
    const $ = await loadPage('basic', 'incidents/2026-03-10-api-errors/');
    expect(text($('h1').text())).toBe('Elevated API errors');
    expect(text($('article > p').eq(1).text())).toBe('Monitoring · Critical impact');
    const affected = $('#affected').parent().find('li').toArray().map((row) => text($(row).text()));
    expect(affected).toEqual(['Public API Major outage now · Major outage at worst', 'Website Partial outage now · Partial outage at worst']);
  });

  it('lists posted updates newest first', async () => {
    const $ = await loadPage('basic', 'incidents/2026-03-10-api-errors/');
    const statuses = $('.timeline > li .update-status').toArray().map((item) => $(item).text());
    expect(statuses).toEqual(['Monitoring', 'Identified', 'Investigating']);
  });

  it('links a backfilled incident to its postmortem', async () => {
    const $ = await loadPage('basic', 'incidents/2026-01-15-database-outage/');
    expect($('a[href="/status/postmortems/2026-01-database-review/"]').length).toBe(1);
    expect(text($('dl.facts').text())).toContain('Duration 1 h');
  });

  it('shows an incident across midnight on its local day', async () => {
    const $ = await loadPage('basic', 'incidents/2026-03-07-overnight-database/');
    const facts = text($('dl.facts').text());
    expect(facts).toContain('Started Mar 7, 2026, 11:30 PM EST');
    expect(facts).toContain('Resolved Mar 8, 2026, 12:45 AM EST');
    expect(facts).toContain('Duration 1 h 15 min');
  });

  it('escapes markup from titles and messages', async () => {
    const html = await readBuiltFile('basic', 'incidents/2026-02-20-escaping/');
    const $ = await loadPage('basic', 'incidents/2026-02-20-escaping/');
    expect(text($('h1').text())).toBe('"Quoted" & <script>alert(1)</script> outage 🚨');
    expect($('script').length).toBe(0);
    expect($('.timeline img').length).toBe(0);
    expect(html).not.toContain('href="javascript:');
    expect(text($('.timeline').text())).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('postmortem page', () => {
  it('links back to its incident', async () => {
    const $ = await loadPage('basic', 'postmortems/2026-01-database-review/');
    expect($('a[href="/status/incidents/2026-01-15-database-outage/"]').length).toBe(1);
    expect(text($('.prose h2').text())).toBe('Summary');
  });
});

describe('maintenance pages', () => {
  it('shows an early end', async () => {
    const $ = await loadPage('basic', 'maintenance/2026-02-10-cdn-certificates/');
    expect(text($('.status').text())).toBe('Maintenance: Completed');
    expect(text($('dl.facts').text())).toContain('(1 h 15 min)');
  });

  it('shows a cancelled window', async () => {
    const $ = await loadPage('basic', 'maintenance/2026-02-25-api-cancelled/');
    expect(text($('.status').text())).toBe('Maintenance: Cancelled');
  });
});

describe('service page', () => {
  it('shows state and past incidents', async () => {
    const $ = await loadPage('basic', 'services/db/');
    expect(text($('main .status').first().text())).toBe('Under maintenance');
    const past = $('#past').parent().find('li a').toArray().map((link) => $(link).attr('href'));
    expect(past).toEqual(['/status/incidents/2026-03-07-overnight-database/', '/status/incidents/2026-01-15-database-outage/']);
  });
});

describe('uptime on the home page', () => {
  // Hand-computed for 2026-03-10 in New York (EDT, from 04:00Z), with the
  // clock at 12:00Z: 480 minutes observed so far.
  const barsOf = async (service: string) => {
    const $ = await loadPage('basic', '');
    const row = $('.service').filter((_, element) => text($(element).find('.service-line a').first().text()) === service);
    return { $, row, bars: row.find('.bars > a').toArray().map((bar) => $(bar)) };
  };

  it('shows 90 bars per service', async () => {
    const { bars } = await barsOf('Public API');
    expect(bars).toHaveLength(90);
  });

  it('colours a day by its worst impact', async () => {
    const { bars } = await barsOf('Public API');
    const today = bars.at(-1)!;
    // 90 minutes of major outage in 480: 81.25 %.
    expect(today.attr('class')).toBe('bar-major_outage');
    expect(today.attr('aria-label')).toBe('Mar 10, 2026: 81.25% uptime, major outage, 1 incident: Elevated API errors');
    expect(today.attr('href')).toBe('/status/services/api/#day-2026-03-10');
  });

  it('weights a partial outage at 30 %', async () => {
    const { bars } = await barsOf('Website');
    // 90 minutes of partial outage count as 27 minutes in 480: 94.375 %.
    expect(bars.at(-1)!.attr('aria-label')).toBe('Mar 10, 2026: 94.38% uptime, partial outage, 1 incident: Elevated API errors');
  });

  it('marks maintenance days apart', async () => {
    const { bars } = await barsOf('Database');
    expect(bars.at(-1)!.attr('class')).toBe('bar-under_maintenance bar-maintenance');
    expect(bars.at(-1)!.attr('aria-label')).toBe('Mar 10, 2026: 100.00% uptime, maintenance');
  });

  it('splits an overnight incident at local midnight', async () => {
    const { bars } = await barsOf('Database');
    // 30 minutes before midnight at 30 %: 9 of 1,440 minutes.
    expect(bars.at(-4)!.attr('aria-label')).toBe('Mar 7, 2026: 99.38% uptime, partial outage, 1 incident: Overnight database failover');
    // 45 minutes after midnight at 30 % on a 23-hour DST day: 13.5 of 1,380 minutes.
    expect(bars.at(-3)!.attr('aria-label')).toBe('Mar 8, 2026: 99.02% uptime, partial outage, 1 incident: Overnight database failover');
  });

  it('shows no data before tracking began', async () => {
    const { bars } = await barsOf('CDN');
    // The CDN has no `since`, so tracking starts with the day of its first
    // incident: one hour of major outage on Feb 20 leaves 1,380 of 1,440 minutes.
    expect(bars.at(-19)!.attr('aria-label')).toBe('Feb 20, 2026: 95.83% uptime, major outage, 1 incident: "Quoted" & <script>alert(1)</script> outage 🚨');
    expect(bars.at(-20)!.attr('class')).toBe('bar-no-data');
    expect(bars.at(-20)!.attr('aria-label')).toBe('Feb 19, 2026: no data');
  });

  it('shows the 90-day percentage', async () => {
    const { row } = await barsOf('Database');
    // 82.5 weighted minutes down in 77,820 observed since Jan 15, 10:00Z.
    expect(text(row.find('.bars-scale > span').eq(1).text())).toBe('99.89% uptime (90 days)');
  });
});

describe('uptime on the service page', () => {
  // Maintenance hours are left out of the observed time; the only downtime
  // is 22.5 weighted minutes of the overnight incident.
  it('lists every window', async () => {
    const $ = await loadPage('basic', 'services/db/');
    const windows = $('dl.windows dt').toArray().map((term) => `${text($(term).text())}: ${text($(term).next('dd').text())}`);
    expect(windows).toEqual([
      'Last 24 hours: 100.00%',
      'Last 7 days: 99.75%',
      'Last 30 days: 99.95%',
      'Last 90 days: 99.89%',
      'Last 1 year: 99.89%',
    ]);
  });

  it('has a row for each bar', async () => {
    const $ = await loadPage('basic', 'services/db/');
    expect($('table.uptime-table tbody tr').length).toBe(90);
    const row = $('#day-2026-03-08');
    expect(text(row.find('td').first().text())).toBe('99.02%');
    expect(row.find('a').attr('href')).toBe('/status/incidents/2026-03-07-overnight-database/');
  });
});

describe('response-time chart', () => {
  it('draws p50 and p95 with a gap', async () => {
    const $ = await loadPage('basic', 'services/api/');
    const svg = $('figure.chart svg');
    expect(svg.attr('role')).toBe('img');
    const p50 = svg.find('g.chart-p50 polyline').toArray().map((line) => ($(line).attr('points') ?? '').trim().split(/\s+/).length);
    // Mar 7 and 8 form one line. Mar 9 has no data, so Mar 10 is a line of its own.
    expect(p50.slice(0, 2)).toEqual([2, 1]);
    expect(svg.find('g.chart-p95 polyline').length).toBeGreaterThanOrEqual(2);
    expect(text($('figure.chart figcaption').text())).toContain('ranged from 80 ms to 120 ms');
  });

  it('shows a note without data', async () => {
    const $ = await loadPage('basic', 'services/web/');
    expect($('figure.chart').length).toBe(0);
    expect(text($('#response-time').next('p').text())).toBe('No response times recorded for Website in the last 90 days.');
  });
});

describe('history', () => {
  it('groups incidents and past maintenance by month', async () => {
    const $ = await loadPage('basic', 'history/');
    expect($('main h2').toArray().map((heading) => text($(heading).text()))).toEqual(['March 2026', 'February 2026', 'January 2026']);
    const march = $('#month-2026-03').parent().find('li a').toArray().map((link) => text($(link).text()));
    expect(march).toEqual(['Elevated API errors', 'Overnight database failover']);
    const february = $('#month-2026-02').parent().find('li a').toArray().map((link) => text($(link).text()));
    expect(february).toHaveLength(3);
  });

  it('pages a long history', async () => {
    const first = await loadPage('paged', 'history/');
    const second = await loadPage('paged', 'history/2/');
    const third = await loadPage('paged', 'history/3/');
    expect(first('.entries li').length).toBe(30);
    expect(third('.entries li').length).toBe(10);
    expect(second('a[rel="prev"]').attr('href')).toBe('/history/');
    expect(second('a[rel="next"]').attr('href')).toBe('/history/3/');
  });
});

describe('RSS feed', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
  const readFeed = async () => parser.parse(await readBuiltFile('basic', 'rss.xml'));

  it('has the elements RSS 2.0 requires', async () => {
    const feed = await readFeed();
    expect(feed.rss['@version']).toBe('2.0');
    expect(feed.rss.channel.title).toBe('Fixture Status');
    expect(feed.rss.channel.link).toBe('https://status.example.com/status/');
    expect(feed.rss.channel.description).toBe('Status of the fixture services.');
    for (const item of feed.rss.channel.item) {
      expect(item.title).toBeTruthy();
      expect(item.link).toMatch(/^https:\/\/status\.example\.com\/status\//);
      expect(item.guid['#text']).toBe(item.link);
      expect(new Date(item.pubDate).toString()).not.toBe('Invalid Date');
    }
  });

  it('has one item per incident and window', async () => {
    const feed = await readFeed();
    const titles = feed.rss.channel.item.map((item: { title: string }) => item.title).sort();
    expect(titles).toEqual(
      [
        '[Monitoring] Elevated API errors',
        '[Resolved] Overnight database failover',
        '[Resolved] Database outage',
        '[Resolved] "Quoted" & <script>alert(1)</script> outage 🚨',
        '[Maintenance, in progress] Database upgrade',
        '[Maintenance, scheduled] Website hosting move',
        '[Maintenance, completed] CDN certificate rotation',
        '[Maintenance, cancelled] API gateway swap',
      ].sort(),
    );
  });

  it('dates an item by its latest update', async () => {
    const feed = await readFeed();
    const item = feed.rss.channel.item.find((entry: { title: string }) => entry.title.endsWith('Elevated API errors'));
    expect(new Date(item.pubDate).toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(item['content:encoded']).toContain('half the API nodes');
    expect(item['content:encoded']).toContain('Nodes are back');
    expect(item['content:encoded']).not.toContain('Future update');
    expect(item.category).toEqual(['Public API', 'Website']);
  });
});

describe('Atom and service feeds', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['entry', 'item', 'link', 'category'].includes(name) });
  const read = async (file: string) => parser.parse(await readBuiltFile('basic', file));

  it('writes a valid Atom feed', async () => {
    const xml = await readBuiltFile('basic', 'atom.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = await read('atom.xml');
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://status.example.com/status/atom.xml');
    expect(feed.author.name).toBe('Fixture Status');
    expect(feed.link.map((link: Record<string, string>) => link['@rel'])).toEqual(['self', 'alternate']);
    expect(feed.updated).toBe('2026-03-10T11:00:00.000Z');
    for (const entry of feed.entry) {
      expect(entry.id).toMatch(/^https:\/\/status\.example\.com\/status\//);
      expect(entry.updated).toMatch(/Z$/);
      expect(entry.content['@type']).toBe('html');
    }
  });

  it('matches the RSS items', async () => {
    const { feed } = await read('atom.xml');
    const { rss } = await read('rss.xml');
    const atomTitles = feed.entry.map((entry: { title: { '#text': string } }) => entry.title['#text']);
    const rssTitles = rss.channel.item.map((item: { title: string }) => item.title);
    expect(atomTitles).toEqual(rssTitles);
  });

  it('keeps markup in titles escaped', async () => {
    const { feed } = await read('atom.xml');
    const titles = feed.entry.map((entry: { title: { '#text': string } }) => entry.title['#text']);
    expect(titles).toContain('[Resolved] "Quoted" & <script>alert(1)</script> outage 🚨');
  });

  it('limits a service feed to its service', async () => {
    const { rss } = await read('services/db/rss.xml');
    const titles = rss.channel.item.map((item: { title: string }) => item.title).sort();
    expect(titles).toEqual(['[Maintenance, in progress] Database upgrade', '[Resolved] Database outage', '[Resolved] Overnight database failover']);
    expect(rss.channel.link).toEqual(['https://status.example.com/status/services/db/']);
    const atom = await read('services/db/atom.xml');
    expect(atom.feed.entry).toHaveLength(3);
  });

  it('keeps the newest 50 items', async () => {
    const { rss } = parser.parse(await readBuiltFile('paged', 'rss.xml'));
    expect(rss.channel.item).toHaveLength(50);
    const dates = rss.channel.item.map((item: { pubDate: string }) => Date.parse(item.pubDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('advertises service feeds on the service page', async () => {
    const $ = await loadPage('basic', 'services/db/');
    const feeds = $('link[rel="alternate"]').toArray().map((link) => $(link).attr('href'));
    expect(feeds).toEqual([
      'https://status.example.com/status/rss.xml',
      'https://status.example.com/status/atom.xml',
      'https://status.example.com/status/maintenance.ics',
      'https://status.example.com/status/services/db/rss.xml',
      'https://status.example.com/status/services/db/atom.xml',
    ]);
  });
});

describe('host headers', () => {
  it('allows other sites to read the API under the base path', async () => {
    const headers = await readBuiltFile('basic', '_headers');
    expect(headers.split('\n').slice(0, 6)).toEqual([
      '/status/api/*',
      '  Access-Control-Allow-Origin: *',
      '/status/badges/*',
      '  Access-Control-Allow-Origin: *',
      '/status/embed.js',
      '  Access-Control-Allow-Origin: *',
    ]);
  });
});

describe('invalid content', () => {
  it('stops the build with the validator report', () => {
    const output = results.broken!.stdout + results.broken!.stderr;
    expect(results.broken!.code).not.toBe(0);
    expect(output).toContain('incidents/bad.md:4 affected.apii: Unknown service `apii`.');
    expect(output).toContain('Did you mean `api`?');
    expect(output).toContain('incidents/bad.md:5 started: `2026-03-02T10:00` has no time zone offset.');
    expect(output).not.toMatch(/^\s+at /m);
  });
});
