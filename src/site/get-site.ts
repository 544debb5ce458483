import { getCollection, getEntry } from 'astro:content';
import { repositoryAsOf } from '../domain/as-of.ts';
import { demoOffset, shiftRepository } from '../domain/demo-clock.ts';
import type { Repository, SiteConfig } from '../domain/schema/index.ts';
import { siteStatusAt, type SiteStatus } from '../domain/status.ts';
import { parseZonedTime } from '../domain/time.ts';
import { trackingStarts } from '../domain/tracking.ts';
import { computeUptime, type SiteUptime } from '../domain/uptime.ts';
import { readResponseTimes } from '../repository/read-response-times.ts';
import { siteRoot } from './site-root.ts';

/** How many daily bars each service shows. */
export const UPTIME_DAYS = 90;

/** The data every page needs: the content, the build's clock and the status at that moment. */
export interface Site {
  repository: Repository;
  config: SiteConfig;
  /** The moment the page describes: the build time, or `$SITREP_NOW`. */
  now: Date;
  status: SiteStatus;
  /** True when the example's times were moved to the build time. */
  shifted: boolean;
  uptime: SiteUptime;
}

let site: Promise<Site> | undefined;

/** Loads the site once per build, so every page agrees on the same moment. */
export function getSite(): Promise<Site> {
  site ??= loadSite();
  return site;
}

async function loadSite(): Promise<Site> {
  const configEntry = await getEntry('site', 'config');
  if (!configEntry) throw new Error('content/config.yml was not loaded; run `npm run validate` to see why');
  const config = configEntry.data;

  const withSlug = <T>(entries: Array<{ id: string; data: T; body?: string }>) =>
    entries.map((entry) => ({ ...entry.data, slug: entry.id, body: entry.body ?? '' }));

  let repository: Repository = {
    config,
    incidents: withSlug(await quietly(() => getCollection('incidents'))),
    maintenance: withSlug(await quietly(() => getCollection('maintenance'))),
    postmortems: withSlug(await quietly(() => getCollection('postmortems'))),
    // Rollups are plain data files rather than a content collection; the
    // integration has already validated them.
    responseTimes: (await readResponseTimes(siteRoot(), config.services.map((service) => service.id))).series,
  };

  const now = buildClock();
  const shifted = config.demo !== undefined;
  if (config.demo) repository = shiftRepository(repository, demoOffset(config.demo.anchor, now));
  repository = repositoryAsOf(repository, now);

  const uptime = computeUptime(repository, {
    now,
    days: UPTIME_DAYS,
    weights: config.uptime.weights,
    countMaintenance: config.uptime.maintenance === 'count',
    since: trackingStarts(config, repository.incidents, firstResponseDates(repository), now),
  });

  return { repository, config, now, status: siteStatusAt(repository, now), shifted, uptime };
}

function firstResponseDates(repository: Repository): Map<string, string> {
  const dates = new Map<string, string>();
  for (const [id, series] of repository.responseTimes) {
    const first = series[0];
    if (first) dates.set(id, first.date);
  }
  return dates;
}

// Astro warns that a collection "does not exist or is empty" whenever a
// folder has no files yet. A site without postmortems is normal, and the
// validator has already checked that the folders exist where required.
async function quietly<T>(read: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('does not exist or is empty')) return;
    warn(...args);
  };
  try {
    return await read();
  } finally {
    console.warn = warn;
  }
}

// SITREP_NOW pins the clock, for reproducible builds and tests.
function buildClock(): Date {
  const pinned = process.env.SITREP_NOW;
  if (!pinned) return new Date();

  const result = parseZonedTime(pinned);
  if (!result.ok) throw new Error(`SITREP_NOW: ${result.message}; ${result.fix}`);
  return result.date;
}
