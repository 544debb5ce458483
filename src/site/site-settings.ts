import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { siteConfigSchema } from '../domain/schema/index.ts';

/**
 * Reads the canonical URL and base path from content/config.yml for
 * astro.config.mjs. Astro needs them before integrations run, and setting
 * `base` from an integration does not reach `import.meta.env.BASE_URL`.
 * Invalid config yields the defaults here; the integration then stops the
 * build with the full report.
 */
export function readSiteSettings(root: string): { site?: string; base: string } {
  try {
    const text = readFileSync(path.join(root, 'content', 'config.yml'), 'utf8');
    const result = siteConfigSchema.safeParse(parse(text));
    if (result.success) return { site: result.data.url, base: result.data.base };
  } catch {
    // A missing or unreadable file is reported by the integration.
  }
  return { base: '/' };
}
