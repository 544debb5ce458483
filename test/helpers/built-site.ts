import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { buildDir } from './astro-build.ts';

/** Loads one built page of a fixture site, parsed with cheerio. */
export async function loadPage(site: string, page: string): Promise<cheerio.CheerioAPI> {
  return cheerio.load(await readBuiltFile(site, page));
}

/** Reads a file from a fixture site's build output, `index.html` for a folder. */
export function readBuiltFile(site: string, page: string): Promise<string> {
  const relative = page.endsWith('/') || page === '' ? path.join(page, 'index.html') : page;
  return readFile(path.join(buildDir(site), relative), 'utf8');
}

/** Collapses white space, as a browser shows text. */
export function text(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
