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
  /**
   * The search page's results follow the typing: fetch the same page for the
   * form's current values and swap in its `#search-results`, keep the address
   * bar in step, and say the new count in a polite live region.
   */
  search: `(() => {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-q');
  const results = document.getElementById('search-results');
  const live = document.getElementById('search-live');
  if (!form || !input || !results || !window.fetch || !window.DOMParser || !window.AbortController) return;
  let timer;
  let controller;
  const update = () => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value !== '') params.append(name, value);
    const url = '/search' + (params.toString() ? '?' + params.toString() : '');
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin', signal: controller.signal })
      .then((res) => res.text())
      .then((html) => {
        const page = new DOMParser().parseFromString(html, 'text/html');
        const next = page.getElementById('search-results');
        if (!next) return;
        results.replaceChildren(...Array.from(next.childNodes));
        history.replaceState(null, '', url);
        document.title = page.title;
        const status = results.querySelector('[role=status]');
        if (live && status) live.textContent = status.textContent;
      })
      .catch(() => {});
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });
  form.addEventListener('change', (event) => {
    if (event.target !== input) update();
  });
})();
`,
  /** Drawing areas on the compose form's map and picking a place on the subscribe form's (see place-picker.ts). */
  'place-picker': PLACE_PICKER_SOURCE,
  /**
   * Warns as soon as a travel advisory's country or summary is filled in:
   * fetch the warnings for the form's country, level and summary from the
   * element's \`data-advisory-check\` URL and put them in its place (a polite
   * live region). Without it, the same warnings show on preview and save.
   */
  'advisory-check': `(() => {
  const box = document.querySelector('[data-advisory-check]');
  const form = box && box.parentElement && box.parentElement.querySelector('form.publication-form');
  if (!box || !form || !window.fetch) return;
  const check = async () => {
    const params = new URLSearchParams();
    for (const name of ['countries', 'level', 'summary']) {
      const field = form.elements.namedItem(name);
      if (field && typeof field.value === 'string') params.set(name, field.value);
    }
    try {
      const res = await fetch(box.getAttribute('data-advisory-check') + '&' + params.toString(), { headers: { accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store' });
      if (res.ok) box.innerHTML = await res.text();
    } catch (error) {
      // The warnings come back on preview and save.
    }
  };
  form.addEventListener('change', (event) => {
    const name = event.target && event.target.name;
    if (name === 'countries' || name === 'level' || name === 'summary') check();
  });
})();
`,
} as const;

export type PageScriptName = keyof typeof SOURCES;

export interface PageScript {
  source: string;
  /** The URL pages link, with the script's hash. */
  url: string;
  /** A content hash: the ETag and the cache-busting query of the URL. */
  hash: string;
}

export const PAGE_SCRIPTS: Readonly<Record<PageScriptName, PageScript>> = Object.fromEntries(
  Object.entries(SOURCES).map(([name, source]) => {
    const hash = createHash('sha256').update(source).digest('base64url').slice(0, 16);
    return [name, { source, url: `/assets/${name}.js?v=${hash}`, hash }];
  }),
) as Record<PageScriptName, PageScript>;

export function isPageScriptName(name: string): name is PageScriptName {
  return Object.hasOwn(SOURCES, name);
}
