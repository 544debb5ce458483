import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir } from '../helpers/astro-build.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';

// Loads the built fixture site (see build.test.ts) in headless Chromium,
// served over real HTTP under its base path `/status/`.

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await serveStatic(buildDir('basic'), '/status/');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page and records every console error and uncaught exception. */
async function open(path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await page.goto(new URL(path, server.url).href);
  expect(response?.status()).toBe(200);
  return { page, errors };
}

describe('home page in Chromium', () => {
  it('shows the banner and services', async () => {
    const { page, errors } = await open('');
    await expect(page.getByRole('status').innerText()).resolves.toContain('Major outage: Public API');
    expect(await page.getByRole('link', { name: 'Elevated API errors', exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Under maintenance').first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('works with JavaScript off', async () => {
    const { page, errors } = await open('', { javaScriptEnabled: false });
    await expect(page.getByRole('status').innerText()).resolves.toContain('Major outage');
    expect(await page.getByRole('heading', { name: 'Services' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    const { page } = await open('', { viewport: { width: 360, height: 740 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });

  it('shows the newest 30 bars on a phone', async () => {
    const { page } = await open('', { viewport: { width: 360, height: 740 } });
    const visible = await page.locator('.service').first().locator('.bars > a:visible').count();
    expect(visible).toBe(30);
    expect(await page.locator('.service').first().locator('.days-30').isVisible()).toBe(true);
  });

  it('shows all 90 bars on a desktop', async () => {
    const { page } = await open('', { viewport: { width: 1280, height: 900 } });
    expect(await page.locator('.service').first().locator('.bars > a:visible').count()).toBe(90);
  });

  it('names a bar on keyboard focus', async () => {
    const { page } = await open('', { viewport: { width: 1280, height: 900 } });
    const today = page.locator('.service').first().locator('.bars > a').last();
    await today.focus();
    const tooltip = await today.evaluate((bar) => getComputedStyle(bar, '::after').content);
    expect(tooltip).toContain('Mar 10, 2026: 81.25% uptime');
  });

  it('uses dark colours in dark mode', async () => {
    const { page } = await open('', { colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(13, 17, 23)');
  });

  it('opens a collapsed group without JavaScript', async () => {
    const { page } = await open('', { javaScriptEnabled: false });
    const database = page.getByRole('link', { name: 'Database', exact: true });
    expect(await database.isVisible()).toBe(false);
    await page.locator('summary', { hasText: 'Data' }).click();
    expect(await database.isVisible()).toBe(true);
  });
});

describe('incident page in Chromium', () => {
  it('shows the timeline newest first', async () => {
    const { page, errors } = await open('incidents/2026-03-10-api-errors/');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Elevated API errors');
    const statuses = await page.locator('.timeline .update-status').allInnerTexts();
    expect(statuses).toEqual(['Monitoring', 'Identified', 'Investigating']);
    expect(errors).toEqual([]);
  });

  it('reaches the postmortem by its link', async () => {
    const { page } = await open('incidents/2026-01-15-database-outage/');
    await page.getByRole('link', { name: 'Database outage review' }).click();
    expect(new URL(page.url()).pathname).toBe('/status/postmortems/2026-01-database-review/');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Database outage review');
  });
});
