import { createHash } from 'node:crypto';

/**
 * The search page's one script, served from `/assets/search.js` so the page
 * runs under `script-src 'self'` (no inline script). The page works without
 * it (the form submits); with it, the results below the form follow the
 * typing: it fetches the same page for the form's current values and swaps
 * in its `#search-results`, keeps the address bar in step, and says the new
 * count in a polite live region.
 */
export const SEARCH_JS = `
(() => {
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
`.trim();

/** A content hash of the script: its ETag and the cache-busting query on its URL. */
export const SEARCH_JS_HASH = createHash('sha256').update(SEARCH_JS).digest('base64url').slice(0, 16);

/** Where the search page loads the script from; a new hash is a new URL, so it may be cached for a year. */
export const SEARCH_JS_URL = `/assets/search.js?v=${SEARCH_JS_HASH}`;
