// @ts-check
import path from 'node:path';
import { defineConfig } from 'astro/config';
import { sitrep } from './src/site/integration.ts';
import { readSiteSettings } from './src/site/site-settings.ts';
import { siteRoot } from './src/site/site-root.ts';

// SITREP_OUT_DIR lets tests and benchmarks build several sites side by side.
// Each gets its own cache, because Astro keeps the content data store there.
const outDir = process.env.SITREP_OUT_DIR ? path.resolve(process.env.SITREP_OUT_DIR) : undefined;

const { site, base } = readSiteSettings(siteRoot());

export default defineConfig({
  site,
  base,
  ...(outDir ? { outDir, cacheDir: `${outDir}-cache` } : {}),
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [sitrep()],
  devToolbar: { enabled: false },
});
