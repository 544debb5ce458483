import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_COLOURS } from '../../src/site/badges.ts';
import { EMBED_TIMEOUT_MS, embedScript } from '../../src/site/embed.ts';
import { buildDir } from '../helpers/astro-build.ts';
import { readBuiltFile } from '../helpers/built-site.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';

// Runs the built `embed.js` in headless Chromium on a host page from another
// origin (another port on 127.0.0.1), as a customer's site would include it.
// The status site is a copy of the built fixture behind a small server that
// adds `Access-Control-Allow-Origin: *`, which the status host must send, and
// that can make `api/status.json` fail in each way the script must survive.

// Used when the build has no `api/status.json` yet. It has the documented
// shape, with the home page's headline as the description.
const TEST_ONLY_STATUS = {
  generated_at: '2026-03-10T12:00:00.000Z',
  status: 'major_outage',
  description: 'Major outage: Public API',
  services: [],
  active_incidents: [],
  upcoming_maintenance: [],
};

/** How the status host responds to a request for `api/status.json`. */
type Scenario =
  | { kind: 'file' }
  | { kind: 'not-found' }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'no-cors' }
  | { kind: 'body'; body: string };

interface HttpServer {
  url: string;
  close(): Promise<void>;
}

let browser: Browser;
let siteCopy: string;
let staticServer: StaticServer;
let statusHost: HttpServer;
let hostPage: HttpServer;
let scenario: Scenario = { kind: 'file' };
let hostHtml = '';

beforeAll(async () => {
  siteCopy = await mkdtemp(path.join(os.tmpdir(), 'sitrep-embed-'));
  await cp(buildDir('basic'), siteCopy, { recursive: true });
  // Until the build writes `api/status.json`, the test writes its own.
  const statusFromBuild = await readFile(path.join(siteCopy, 'api', 'status.json')).then(
    () => true,
    () => false,
  );
  if (!statusFromBuild) {
    await mkdir(path.join(siteCopy, 'api'), { recursive: true });
    await writeFile(path.join(siteCopy, 'api', 'status.json'), JSON.stringify(TEST_ONLY_STATUS));
  }

  staticServer = await serveStatic(siteCopy, '/status/');
  statusHost = await listen((incoming, outgoing) => handleStatusHostRequest(incoming, outgoing));
  hostPage = await listen((_incoming, outgoing) => {
    outgoing.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    outgoing.end(hostHtml);
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hostPage?.close();
  await statusHost?.close();
  await staticServer?.close();
  if (siteCopy) await rm(siteCopy, { recursive: true, force: true });
});

/** Starts an HTTP server on 127.0.0.1 whose `close` also ends open and hanging requests. */
async function listen(handler: (incoming: IncomingMessage, outgoing: ServerResponse) => void): Promise<HttpServer> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function handleStatusHostRequest(incoming: IncomingMessage, outgoing: ServerResponse): void {
  const isStatusFile = new URL(incoming.url ?? '/', 'http://127.0.0.1').pathname === '/status/api/status.json';
  const cors = { 'access-control-allow-origin': '*' };

  if (isStatusFile && scenario.kind === 'not-found') {
    outgoing.writeHead(404, { ...cors, 'content-type': 'text/plain' });
    outgoing.end('Not found');
    return;
  }
  if (isStatusFile && scenario.kind === 'reset') {
    incoming.socket.destroy();
    return;
  }
  if (isStatusFile && scenario.kind === 'hang') return;
  if (isStatusFile && scenario.kind === 'body') {
    outgoing.writeHead(200, { ...cors, 'content-type': 'application/json' });
    outgoing.end(scenario.body);
    return;
  }

  // Everything else comes from the copy of the build, through serveStatic.
  const withCors = !(isStatusFile && scenario.kind === 'no-cors');
  const upstream = request(new URL(incoming.url ?? '/', staticServer.url), { method: incoming.method }, (upstreamResponse) => {
    outgoing.writeHead(upstreamResponse.statusCode ?? 502, { ...upstreamResponse.headers, ...(withCors ? cors : {}) });
    upstreamResponse.pipe(outgoing);
  });
  upstream.on('error', () => outgoing.destroy());
  upstream.end();
}

/** Sets the host page: two status links, then the script, as the docs show. */
function setHostPage(scriptUrl: string): void {
  const statusPage = new URL('/status/', statusHost.url).href;
  hostHtml = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Customer site</title></head>
<body>
<header><a data-sitrep-status href="${statusPage}">Status</a></header>
<footer><a data-sitrep-status href="${statusPage}">Status</a></footer>
<script src="${scriptUrl}" async></script>
</body>
</html>`;
}

interface Visit {
  page: Page;
  /** Uncaught exceptions on the host page. */
  pageErrors: string[];
  /** The address the script requested the status from, once it did. */
  statusRequests: string[];
}

async function visitHostPage(scriptUrl = new URL('/status/embed.js', statusHost.url).href): Promise<Visit> {
  setHostPage(scriptUrl);
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const statusRequests: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (sent) => {
    if (sent.url().endsWith('/api/status.json')) statusRequests.push(sent.url());
  });
  const response = await page.goto(hostPage.url);
  expect(response?.status()).toBe(200);
  return { page, pageErrors, statusRequests };
}

/** Waits until the status request has ended in a response or a failure. */
async function statusRequestSettled(page: Page): Promise<void> {
  await Promise.race([
    page.waitForEvent('requestfinished', (finished) => finished.url().endsWith('/api/status.json')),
    page.waitForEvent('requestfailed', (failed) => failed.url().endsWith('/api/status.json')),
  ]);
  // The script handles the response in a few promise steps after the network
  // events; a short pause lets them run before the page is checked.
  await page.waitForTimeout(250);
}

async function expectPlainLinks(visit: Visit): Promise<void> {
  expect(await visit.page.locator('[data-sitrep-status]').allInnerTexts()).toEqual(['Status', 'Status']);
  expect(await visit.page.locator('[data-sitrep-state]').count()).toBe(0);
  expect(visit.pageErrors).toEqual([]);
}

describe('embed.js file', () => {
  it('stays under 3 KB', async () => {
    const script = await readBuiltFile('basic', 'embed.js');
    expect(Buffer.byteLength(script, 'utf8')).toBeLessThan(3 * 1024);
  });

  it('is the builder output', async () => {
    expect(await readBuiltFile('basic', 'embed.js')).toBe(embedScript());
  });
});

describe('embed.js in Chromium', () => {
  it('shows the description with a coloured dot', async () => {
    scenario = { kind: 'file' };
    const served = JSON.parse(await readFile(path.join(siteCopy, 'api', 'status.json'), 'utf8')) as { status: keyof typeof STATUS_COLOURS; description: string };
    const visit = await visitHostPage();
    await visit.page.waitForSelector('footer [data-sitrep-state]');

    expect(await visit.page.locator('[data-sitrep-status]').allInnerTexts()).toEqual([served.description, served.description]);
    expect(await visit.page.locator('header a').getAttribute('data-sitrep-state')).toBe(served.status);
    expect(await visit.page.locator('header a').getAttribute('href')).toBe(new URL('/status/', statusHost.url).href);
    const dot = visit.page.locator('header a > span[aria-hidden="true"]');
    const background = await dot.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toBe(rgb(STATUS_COLOURS[served.status]));
    expect(visit.pageErrors).toEqual([]);
  });

  it('reads the file next to the script', async () => {
    scenario = { kind: 'file' };
    const visit = await visitHostPage();
    await statusRequestSettled(visit.page);
    expect(visit.statusRequests).toEqual([new URL('/status/api/status.json', statusHost.url).href]);
  });

  it('shows markup in the description as text', async () => {
    scenario = { kind: 'body', body: JSON.stringify({ ...TEST_ONLY_STATUS, status: 'partial_outage', description: '<img src=x onerror="window.hacked=1"> & more' }) };
    const visit = await visitHostPage();
    await visit.page.waitForSelector('footer [data-sitrep-state]');
    expect(await visit.page.locator('header a').innerText()).toBe('<img src=x onerror="window.hacked=1"> & more');
    expect(await visit.page.locator('[data-sitrep-status] img').count()).toBe(0);
    expect(await visit.page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  });

  it('keeps the link when the file is missing', async () => {
    scenario = { kind: 'not-found' };
    const visit = await visitHostPage();
    await statusRequestSettled(visit.page);
    await expectPlainLinks(visit);
  });

  it('keeps the link when the connection drops', async () => {
    scenario = { kind: 'reset' };
    const visit = await visitHostPage();
    await statusRequestSettled(visit.page);
    await expectPlainLinks(visit);
  });

  it('keeps the link when the server is gone', async () => {
    // This server serves the script once and closes before the script runs,
    // so the status request finds no server at all.
    const script = embedScript();
    let closingServer: HttpServer | undefined;
    closingServer = await listen((_incoming, outgoing) => {
      outgoing.writeHead(200, { 'content-type': 'text/javascript', connection: 'close' });
      outgoing.end(script);
      void closingServer?.close();
    });
    const visit = await visitHostPage(new URL('/status/embed.js', closingServer.url).href);
    await statusRequestSettled(visit.page);
    await expectPlainLinks(visit);
  });

  it('keeps the link on invalid JSON', async () => {
    scenario = { kind: 'body', body: '{"status": "major_outage", "description": ' };
    const visit = await visitHostPage();
    await statusRequestSettled(visit.page);
    await expectPlainLinks(visit);
  });

  it('keeps the link on an unknown status', async () => {
    for (const status of ['on_fire', 'constructor', '__proto__']) {
      scenario = { kind: 'body', body: JSON.stringify({ ...TEST_ONLY_STATUS, status }) };
      const visit = await visitHostPage();
      await statusRequestSettled(visit.page);
      await expectPlainLinks(visit);
    }
  });

  it('keeps the link without a CORS header', async () => {
    scenario = { kind: 'no-cors' };
    const visit = await visitHostPage();
    await statusRequestSettled(visit.page);
    await expectPlainLinks(visit);
  });

  it('gives up after the timeout', async () => {
    scenario = { kind: 'hang' };
    const started = Date.now();
    const visit = await visitHostPage();
    const failed = await visit.page.waitForEvent('requestfailed', {
      predicate: (request) => request.url().endsWith('/api/status.json'),
      timeout: EMBED_TIMEOUT_MS + 5000,
    });
    expect(failed.failure()?.errorText).toBe('net::ERR_ABORTED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(EMBED_TIMEOUT_MS - 500);
    await visit.page.waitForTimeout(250);
    await expectPlainLinks(visit);
  });
});

function rgb(hex: string): string {
  const [red, green, blue] = [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16));
  return `rgb(${red}, ${green}, ${blue})`;
}
