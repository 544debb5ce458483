import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Maintenance } from '../../src/domain/schema/index.ts';
import {
  calendarEvent,
  escapeText,
  foldLine,
  maintenanceCalendar,
  windowCalendar,
  type CalendarConfig,
} from '../../src/site/calendar.ts';
import { loadPage, readBuiltFile, text } from '../helpers/built-site.ts';

// The built fixture (test/fixtures/sites/basic) has four windows at
// 2026-03-10T12:00Z: one completed early, one cancelled, one in progress
// and one scheduled.

const SLUGS = ['2026-02-10-cdn-certificates', '2026-02-25-api-cancelled', '2026-03-10-database-upgrade', '2026-03-20-website-move'];
const HOST_AND_BASE = 'status.example.com/status';

function parseCalendar(source: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(source));
}

function eventsByUid(calendar: ICAL.Component): Map<string, ICAL.Event> {
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return new Map(events.map((event) => [event.uid, event]));
}

function eventOf(calendar: ICAL.Component, slug: string): ICAL.Event {
  const event = eventsByUid(calendar).get(`${slug}@${HOST_AND_BASE}`);
  if (!event) throw new Error(`no event for ${slug}`);
  return event;
}

function property(event: ICAL.Event, name: string): unknown {
  return event.component.getFirstPropertyValue(name);
}

/** Splits a calendar file into physical lines, checking that each ends in CRLF. */
function physicalLines(source: string): string[] {
  expect(source.endsWith('\r\n')).toBe(true);
  const lines = source.slice(0, -2).split('\r\n');
  for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
  return lines;
}

// Intl puts a narrow no-break space before AM and PM; compare with plain spaces.
const plainSpaces = (value: string) => value.replace(/\u202f/g, ' ');

describe('maintenance.ics in the build', () => {
  const readFeed = async () => readBuiltFile('basic', 'maintenance.ics');

  it('has one event per recent window', async () => {
    const calendar = parseCalendar(await readFeed());
    const uids = [...eventsByUid(calendar).keys()];
    expect(uids).toEqual(SLUGS.map((slug) => `${slug}@${HOST_AND_BASE}`));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Sitrep//Maintenance calendar//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Fixture Status maintenance');
  });

  it('ends every line with CRLF', async () => {
    const source = await readFeed();
    const lines = physicalLines(source);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
  });

  it('folds lines at 75 octets', async () => {
    const lines = physicalLines(await readFeed());
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
  });

  it('writes times in UTC', async () => {
    const source = await readFeed();
    const event = eventOf(parseCalendar(source), '2026-03-20-website-move');
    expect(source).toContain('DTSTART:20260320T140000Z\r\n');
    expect(source).toContain('DTEND:20260320T150000Z\r\n');
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-20T14:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-20T15:00:00.000Z');
    expect(source).not.toMatch(/^(DTSTART|DTEND|DTSTAMP)[:;](?!\d{8}T\d{6}Z\r$)/m);
  });

  it('marks the cancelled window CANCELLED', async () => {
    const calendar = parseCalendar(await readFeed());
    expect(property(eventOf(calendar, '2026-02-25-api-cancelled'), 'status')).toBe('CANCELLED');
    expect(eventOf(calendar, '2026-02-25-api-cancelled').summary).toBe('Maintenance: API gateway swap (cancelled)');
    for (const slug of SLUGS.filter((slug) => slug !== '2026-02-25-api-cancelled')) {
      expect(property(eventOf(calendar, slug), 'status')).toBe('CONFIRMED');
    }
  });

  it('counts posted updates in SEQUENCE', async () => {
    const calendar = parseCalendar(await readFeed());
    expect(eventOf(calendar, '2026-02-10-cdn-certificates').sequence).toBe(2);
    expect(eventOf(calendar, '2026-02-25-api-cancelled').sequence).toBe(1);
    expect(eventOf(calendar, '2026-03-10-database-upgrade').sequence).toBe(1);
    expect(eventOf(calendar, '2026-03-20-website-move').sequence).toBe(1);
  });

  it('spans the time a finished window took', async () => {
    const event = eventOf(parseCalendar(await readFeed()), '2026-02-10-cdn-certificates');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-02-10T02:00:00.000Z');
    // Completed at 03:15, 45 minutes before the scheduled end.
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-02-10T03:15:00.000Z');
    expect((property(event, 'dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe('2026-02-10T03:15:00.000Z');
  });

  it('describes services and the latest message', async () => {
    const source = await readFeed();
    const event = eventOf(parseCalendar(source), '2026-03-10-database-upgrade');
    expect(event.summary).toBe('Maintenance: Database upgrade');
    expect(plainSpaces(event.description)).toBe(
      [
        'Services: Database',
        'In progress (Mar 10, 2026, 7:00 AM EDT): The upgrade has started.',
        'Details: https://status.example.com/status/maintenance/2026-03-10-database-upgrade/',
      ].join('\n'),
    );
    // The commas of the date and the line breaks arrive escaped.
    const unfolded = source.replace(/\r\n /g, '');
    expect(plainSpaces(unfolded)).toContain('DESCRIPTION:Services: Database\\nIn progress (Mar 10\\, 2026\\, 7:00 AM EDT)');
  });

  it('links each event to its page', async () => {
    const calendar = parseCalendar(await readFeed());
    for (const slug of SLUGS) {
      expect(property(eventOf(calendar, slug), 'url')).toBe(`https://status.example.com/status/maintenance/${slug}/`);
    }
  });
});

describe('single-window calendar files', () => {
  it('exist for every window with the same event', async () => {
    const feed = parseCalendar(await readBuiltFile('basic', 'maintenance.ics'));
    for (const slug of SLUGS) {
      const calendar = parseCalendar(await readBuiltFile('basic', `maintenance/${slug}.ics`));
      const events = calendar.getAllSubcomponents('vevent');
      expect(events).toHaveLength(1);
      const event = new ICAL.Event(events[0]);
      expect(event.uid).toBe(`${slug}@${HOST_AND_BASE}`);
      expect(event.sequence).toBe(eventOf(feed, slug).sequence);
      expect(event.startDate.toJSDate()).toEqual(eventOf(feed, slug).startDate.toJSDate());
    }
  });

  it('are linked from the window page', async () => {
    const $ = await loadPage('basic', 'maintenance/2026-03-10-database-upgrade/');
    const link = $('a[href="/status/maintenance/2026-03-10-database-upgrade.ics"]');
    expect(link.length).toBe(1);
    expect(text(link.text())).toBe('Add to calendar (.ics)');
  });
});

// The builders, with content made up here.

const CONFIG: CalendarConfig = {
  title: 'Example Status',
  url: 'https://status.example.com',
  base: '/',
  timezone: 'UTC',
  language: 'en',
  services: [
    { id: 'api', name: 'Public API' },
    { id: 'db', name: 'Database' },
  ],
};

const NOW = new Date('2026-03-10T12:00:00Z');

function makeWindow(overrides: Partial<Maintenance> = {}): Maintenance {
  return {
    slug: '2026-03-20-api-upgrade',
    title: 'API upgrade',
    services: ['api', 'db'],
    start: new Date('2026-03-20T10:00:00Z'),
    end: new Date('2026-03-20T11:00:00Z'),
    updates: [{ at: new Date('2026-03-01T09:00:00Z'), status: 'scheduled', message: 'Planned.' }],
    body: '',
    ...overrides,
  };
}

describe('calendar builder', () => {
  it('keeps UIDs stable between calls', () => {
    const first = parseCalendar(maintenanceCalendar(CONFIG, [makeWindow()], NOW));
    const second = parseCalendar(maintenanceCalendar(CONFIG, [makeWindow()], new Date('2026-03-15T00:00:00Z')));
    expect([...eventsByUid(first).keys()]).toEqual(['2026-03-20-api-upgrade@status.example.com']);
    expect([...eventsByUid(second).keys()]).toEqual([...eventsByUid(first).keys()]);
  });

  it('keeps the UID when updates are added', () => {
    const updated = makeWindow({
      updates: [...makeWindow().updates, { at: new Date('2026-03-05T09:00:00Z'), status: 'scheduled', message: 'Moved.' }],
    });
    expect(calendarEvent(updated, CONFIG, NOW).uid).toBe(calendarEvent(makeWindow(), CONFIG, NOW).uid);
  });

  it('puts the base path in the UID', () => {
    const event = calendarEvent(makeWindow(), { ...CONFIG, base: '/status/' }, NOW);
    expect(event.uid).toBe('2026-03-20-api-upgrade@status.example.com/status');
  });

  it('raises SEQUENCE with each posted update', () => {
    const updates = makeWindow().updates;
    const moved = { at: new Date('2026-03-05T09:00:00Z'), status: 'scheduled' as const, message: 'Moved by an hour.' };
    const future = { at: new Date('2026-03-20T10:00:00Z'), status: 'in_progress' as const, message: 'Started.' };
    expect(calendarEvent(makeWindow({ updates: [] }), CONFIG, NOW).sequence).toBe(0);
    expect(calendarEvent(makeWindow(), CONFIG, NOW).sequence).toBe(1);
    expect(calendarEvent(makeWindow({ updates: [...updates, moved] }), CONFIG, NOW).sequence).toBe(2);
    // An update dated after the build time is not posted yet.
    expect(calendarEvent(makeWindow({ updates: [...updates, moved, future] }), CONFIG, NOW).sequence).toBe(2);
  });

  it('stamps an event with its latest posted update', () => {
    expect(calendarEvent(makeWindow(), CONFIG, NOW).stamp).toEqual(new Date('2026-03-01T09:00:00Z'));
    expect(calendarEvent(makeWindow({ updates: [] }), CONFIG, NOW).stamp).toEqual(NOW);
  });

  it('marks a cancelled window CANCELLED', () => {
    const cancelled = makeWindow({
      updates: [...makeWindow().updates, { at: new Date('2026-03-09T09:00:00Z'), status: 'cancelled', message: 'Not needed.' }],
    });
    const source = windowCalendar(cancelled, CONFIG, NOW);
    expect(source).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(property(new ICAL.Event(parseCalendar(source).getFirstSubcomponent('vevent')!), 'status')).toBe('CANCELLED');
  });

  it('keeps the scheduled end of an overrunning window', () => {
    const overrunning = makeWindow({
      start: new Date('2026-03-10T09:00:00Z'),
      end: new Date('2026-03-10T10:00:00Z'),
      updates: [{ at: new Date('2026-03-10T09:00:00Z'), status: 'in_progress', message: 'Started.' }],
    });
    const event = calendarEvent(overrunning, CONFIG, NOW);
    expect(event.end).toEqual(new Date('2026-03-10T10:00:00Z'));
    expect(calendarEvent(overrunning, CONFIG, new Date('2026-03-10T15:00:00Z'))).toEqual(event);
  });

  it('starts early work at its first update', () => {
    const early = makeWindow({
      start: new Date('2026-03-10T11:00:00Z'),
      end: new Date('2026-03-10T13:00:00Z'),
      updates: [{ at: new Date('2026-03-10T10:30:00Z'), status: 'in_progress', message: 'Starting early.' }],
    });
    expect(calendarEvent(early, CONFIG, NOW).start).toEqual(new Date('2026-03-10T10:30:00Z'));
  });

  it('leaves out DTEND of a zero-length window', () => {
    const instant = makeWindow({
      start: new Date('2026-03-09T10:00:00Z'),
      end: new Date('2026-03-09T11:00:00Z'),
      updates: [{ at: new Date('2026-03-09T09:00:00Z'), status: 'completed', message: 'Done before it began.' }],
    });
    const source = windowCalendar(instant, CONFIG, NOW);
    expect(source).toContain('DTSTART:20260309T100000Z\r\n');
    expect(source).not.toContain('DTEND');
  });

  it('keeps windows that ended in the last 90 days', () => {
    const ended = (slug: string, end: string) =>
      makeWindow({ slug, start: new Date(new Date(end).getTime() - 3_600_000), end: new Date(end), updates: [] });
    const source = maintenanceCalendar(
      CONFIG,
      [ended('old', '2025-12-10T11:59:00Z'), ended('edge', '2025-12-10T12:00:00Z'), makeWindow()],
      NOW,
    );
    const uids = [...eventsByUid(parseCalendar(source)).keys()];
    expect(uids).toEqual(['edge@status.example.com', '2026-03-20-api-upgrade@status.example.com']);
  });

  it('sorts events by start', () => {
    const later = makeWindow({ slug: 'later', start: new Date('2026-04-01T10:00:00Z'), end: new Date('2026-04-01T11:00:00Z') });
    const source = maintenanceCalendar(CONFIG, [later, makeWindow()], NOW);
    expect([...eventsByUid(parseCalendar(source)).keys()]).toEqual(['2026-03-20-api-upgrade@status.example.com', 'later@status.example.com']);
  });
});

describe('calendar text escaping', () => {
  const HOSTILE_TITLE = '"Quoted" & <script>alert(1)</script>; a, b\\c 🚨';
  const HOSTILE_MESSAGE = 'Line one;\nline two, with a backslash \\n and ünïcödé 🚨🚨🚨 repeated until the line is far longer than seventy-five octets.';
  const hostile = makeWindow({
    title: HOSTILE_TITLE,
    updates: [{ at: new Date('2026-03-01T09:00:00Z'), status: 'scheduled', message: HOSTILE_MESSAGE }],
  });

  it('round-trips a hostile title and message', () => {
    const event = new ICAL.Event(parseCalendar(windowCalendar(hostile, CONFIG, NOW)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(`Maintenance: ${HOSTILE_TITLE}`);
    expect(event.description).toContain(`: ${HOSTILE_MESSAGE}\n`);
  });

  it('escapes backslash, semicolon, comma and newline', () => {
    const unfolded = windowCalendar(hostile, CONFIG, NOW).replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Maintenance: "Quoted" & <script>alert(1)</script>\\; a\\, b\\\\c 🚨\r\n');
    expect(unfolded).toContain('Line one\\;\\nline two\\, with a backslash \\\\n and');
  });

  it('folds a hostile file at 75 octets', () => {
    const lines = physicalLines(windowCalendar(hostile, CONFIG, NOW));
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('escapes text per RFC 5545', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('tab\there, bell\u0007 gone')).toBe('tab\there\\, bell gone');
    expect(escapeText('lone \uD83D surrogate')).toBe('lone \uFFFD surrogate');
  });
});

describe('line folding', () => {
  it('leaves a short line alone', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`;
    expect(foldLine(line)).toBe(line);
  });

  it('folds a long ASCII line', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const physical = foldLine(line).split('\r\n');
    // 212 characters: 75 on the first line, then a space and at most 74 on each next one.
    expect(physical.map((part) => part.length)).toEqual([75, 75, 64]);
    expect(physical.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(foldLine(line).replace(/\r\n /g, '')).toBe(line);
  });

  it('never splits a multi-byte character', () => {
    const line = `DESCRIPTION:${'é'.repeat(50)}${'🚨'.repeat(30)}${'中'.repeat(30)}`;
    const physical = foldLine(line).split('\r\n');
    for (const part of physical) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      // A string cut inside a UTF-16 pair would hold a lone surrogate.
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(foldLine(line).replace(/\r\n /g, '')).toBe(line);
  });
});
