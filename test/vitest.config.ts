import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // Builds every fixture site once, before any test file runs.
    globalSetup: ['test/setup/build-fixtures.ts'],
    // Astro builds and Chromium take seconds; these bound a hung child, not speed.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
