import { getCollection, getEntry } from 'astro:content';
import { demoOffset, shiftRepository } from '../domain/demo-clock.ts';
import type { Repository, SiteConfig } from '../domain/schema/index.ts';
import { siteStatusAt, type SiteStatus } from '../domain/status.ts';

/** What every page needs: the content, the build's clock and the status then. */
export interface Site {
  repository: Repository;
  config: SiteConfig;
  /** The moment the page describes: the build time, or `$SITREP_NOW`. */
  now: Date;
  status: SiteStatus;
  /** True when the example's times were moved to the build time. */
  shifted: boolean;
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
  };

  const now = buildClock();
  const shifted = config.demo !== undefined;
  if (config.demo) repository = shiftRepository(repository, demoOffset(config.demo.anchor, now));

  return { repository, config, now, status: siteStatusAt(repository, now), shifted };
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

  const date = new Date(pinned);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`SITREP_NOW is \`${pinned}\`, which is not a time; use an ISO 8601 time such as 2026-03-02T14:30Z`);
  }
  return date;
}
