import { createHash } from 'node:crypto';
import { PLACE_PICKER_SOURCE } from './place-picker';

/**
 * The few scripts pages use, each an enhancement of a page that works
 * without it. Served from `/assets/<name>.js` with their hash in the URL,
 * so a page that uses one can run under `script-src 'self'` and a changed
 * script is a new URL.
 */
const SOURCES = {
  /**
   * Keeps a delivery-status section current without a reload: while its
   * `data-state` is not `done`, fetch the section again from its
   * `data-delivery-poll` URL and put the new one in its place.
   */
  'delivery-progress': `(() => {
  const selector = '[data-delivery-poll]';
  const first = document.querySelector(selector);
  if (!first) return;
  const url = first.getAttribute('data-delivery-poll');
  const tick = async () => {
    const current = document.querySelector(selector);
    if (!current || current.getAttribute('data-state') === 'done') return;
    try {
      const res = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store' });
      if (res.ok) {
        const template = document.createElement('template');
        template.innerHTML = (await res.text()).trim();
        const next = template.content.firstElementChild;
        if (next && next.matches(selector)) current.replaceWith(next);
      }
    } catch (error) {
      // A missed poll is retried at the next tick.
    }
    setTimeout(tick, 1500);
  };
  setTimeout(tick, 1500);
})();
`,
  /** Drawing areas on the compose form's map and picking a place on the subscribe form's (see place-picker.ts). */
  'place-picker': PLACE_PICKER_SOURCE,
} as const;

export type PageScriptName = keyof typeof SOURCES;

export interface PageScript {
  source: string;
  /** The URL pages link, with the script's hash. */
  url: string;
  etag: string;
}

export const PAGE_SCRIPTS: Readonly<Record<PageScriptName, PageScript>> = Object.fromEntries(
  Object.entries(SOURCES).map(([name, source]) => {
    const hash = createHash('sha256').update(source).digest('base64url').slice(0, 16);
    return [name, { source, url: `/assets/${name}.js?v=${hash}`, etag: `"${hash}"` }];
  }),
) as Record<PageScriptName, PageScript>;

export function isPageScriptName(name: string): name is PageScriptName {
  return Object.hasOwn(SOURCES, name);
}
