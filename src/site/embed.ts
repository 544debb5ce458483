// `embed.js`: a script that other sites include to show the current status
// next to their link to the status page.
//
//   <script src="https://status.example.com/embed.js" async></script>
//   <a data-sitrep-status href="https://status.example.com/">Status</a>
//
// The script reads `api/status.json` next to its own URL, so it works under
// any base path. On success it fills every `[data-sitrep-status]` element
// with a coloured dot and the file's `description`, as text, and sets
// `data-sitrep-state` to the `status`. On any failure it leaves the
// elements as they are: a missing script URL, a network error, a non-2xx
// response, invalid JSON, an unknown `status`, or no response within
// EMBED_TIMEOUT_MS. A cross-origin page can read the file only when the
// status host sends `Access-Control-Allow-Origin` for it.

import type { ServiceStatus } from '../domain/schema/index.ts';
import { STATUS_COLOURS } from './badges.ts';

/** How long the script waits for `api/status.json` before it gives up. */
export const EMBED_TIMEOUT_MS = 5000;

/** Path of the file the script fetches, relative to the script's own URL. */
export const EMBED_STATUS_PATH = 'api/status.json';

/**
 * Returns the script's source. It avoids innerHTML, so a description with
 * markup shows as text, and it catches every error it can cause, so no
 * error reaches the host page.
 */
export function embedScript(colours: Readonly<Record<ServiceStatus, string>> = STATUS_COLOURS): string {
  // A Map, unlike an object literal, has no inherited keys such as
  // `constructor` that a status could name.
  const palette = JSON.stringify(Object.entries(colours));
  return `(() => {
  const script = document.currentScript;
  if (!script || !script.src || !window.fetch || !window.AbortController) return;
  const colours = new Map(${palette});
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ${EMBED_TIMEOUT_MS});

  const decorate = (data) => {
    const colour = data && colours.get(data.status);
    if (!colour || typeof data.description !== 'string' || !data.description) return;
    for (const element of document.querySelectorAll('[data-sitrep-status]')) {
      const dot = document.createElement('span');
      dot.setAttribute('aria-hidden', 'true');
      dot.style.cssText = 'display:inline-block;width:.6em;height:.6em;margin-right:.4em;border-radius:50%;background:' + colour;
      element.replaceChildren(dot, data.description);
      element.setAttribute('data-sitrep-state', data.status);
    }
  };

  fetch(new URL(${JSON.stringify(EMBED_STATUS_PATH)}, script.src), { signal: controller.signal, credentials: 'omit', cache: 'no-cache' })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (document.readyState !== 'loading') return decorate(data);
      document.addEventListener('DOMContentLoaded', () => {
        try {
          decorate(data);
        } catch {}
      });
    })
    .catch(() => {})
    .finally(() => clearTimeout(timer));
})();
`;
}
