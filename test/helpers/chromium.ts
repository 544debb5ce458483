import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs when it is missing. */
export const CHROMIUM_PATH = process.env.SITREP_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Starts headless Chromium with its background services off: this machine
 * has no network beyond loopback, and those services would only try and fail.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
    ],
  });
}
