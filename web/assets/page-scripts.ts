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
   * The country picker as a combobox (the ARIA 1.2 pattern with a listbox
   * popup): type a name, an alternative name, a capital or a code, choose
   * with the arrow keys and Enter or a click; the chosen countries are
   * listed with a Remove button each. Text left in the box is posted as it
   * is, and the server names it in its error if it names no country. Each
   * change of the chosen list is a bubbling \`countrieschange\` event with
   * the chosen codes, for the scripts that follow the countries (the
   * compose form's map and advisory warnings).
   */
  'country-picker': `(() => {
  const fold = (s) => s.normalize('NFD').replace(/\\p{M}/gu, '').replace(/[\\u2018\\u2019\\u02bc]/g, "'").replace(/[.\\s]+/g, ' ').trim().toLowerCase();
  const rank = (c, q) => {
    if (c.code === q || c.names[0] === q || c.keys.includes(q)) return 0;
    if (c.names[0].startsWith(q) || c.keys.some((k) => k.startsWith(q))) return 1;
    if ((' ' + c.names[0]).includes(' ' + q) || c.keys.some((k) => (' ' + k).includes(' ' + q))) return 2;
    if (q.length >= 3 && (c.names[0].includes(q) || c.keys.some((k) => k.includes(q)))) return 3;
    return -1;
  };
  document.querySelectorAll('[data-country-picker]').forEach((picker) => {
    const name = picker.getAttribute('data-country-picker');
    const select = picker.querySelector('select');
    const chosen = picker.querySelector('[data-chosen]');
    if (!select || !chosen) return;
    const countries = Array.from(select.options).filter((o) => o.value).map((o) => ({ code: o.value.toLowerCase(), value: o.value, label: o.textContent.trim(), names: [fold(o.textContent)], keys: (o.getAttribute('data-names') || '').split('|') }));
    const byValue = new Map(countries.map((c) => [c.value, c]));
    const id = select.id;
    const input = document.createElement('input');
    input.type = 'text';
    input.id = id;
    input.name = name;
    input.className = 'combobox-input';
    input.autocomplete = 'off';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id + '-listbox');
    for (const attr of ['aria-describedby', 'aria-invalid']) if (select.hasAttribute(attr)) input.setAttribute(attr, select.getAttribute(attr));
    const list = document.createElement('ul');
    list.id = id + '-listbox';
    list.className = 'combobox-list';
    list.setAttribute('role', 'listbox');
    const label = picker.querySelector('label[for="' + id + '"]');
    if (label) { label.id = id + '-label'; list.setAttribute('aria-labelledby', label.id); }
    list.hidden = true;
    const status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.id = id + '-combo-hint';
    hint.textContent = 'Type a name, capital or two-letter code, then choose from the list.';
    input.setAttribute('aria-describedby', [hint.id, input.getAttribute('aria-describedby')].filter(Boolean).join(' '));
    const wrap = select.parentElement;
    select.replaceWith(input);
    input.before(hint);
    input.after(list, status);
    const add = wrap.querySelector('[data-picker-add]');
    if (add) add.remove();
    let options = [];
    let active = -1;
    const codesChosen = () => Array.from(chosen.querySelectorAll('input[name="' + name + '"]')).map((i) => i.value);
    const changed = () => picker.dispatchEvent(new CustomEvent('countrieschange', { bubbles: true, detail: { codes: codesChosen() } }));
    const removable = (value, label) => {
      const li = document.createElement('li');
      li.className = 'chosen-country';
      const text = document.createElement('span');
      text.textContent = label;
      const hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = name;
      hidden.value = value;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'link-button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'Remove ' + label);
      remove.addEventListener('click', () => {
        li.remove();
        status.textContent = label + ' removed.';
        input.focus();
        changed();
      });
      li.append(text, ' ', hidden, remove);
      return li;
    };
    chosen.querySelectorAll('li').forEach((li) => {
      const box = li.querySelector('input');
      const c = box && byValue.get(box.value);
      if (c) li.replaceWith(removable(c.value, c.label));
    });
    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const highlight = (i) => {
      active = i;
      Array.from(list.children).forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
      if (i >= 0) input.setAttribute('aria-activedescendant', id + '-option-' + i);
      else input.removeAttribute('aria-activedescendant');
    };
    const choose = (c) => {
      if (codesChosen().includes(c.value)) status.textContent = c.label + ' is already chosen.';
      else {
        chosen.append(removable(c.value, c.label));
        status.textContent = c.label + ' added.';
        changed();
      }
      input.value = '';
      close();
      input.focus();
    };
    const update = () => {
      const q = fold(input.value);
      if (!q) { close(); status.textContent = ''; return; }
      options = countries.map((c) => ({ c, r: rank(c, q) })).filter((x) => x.r >= 0).sort((a, b) => a.r - b.r).slice(0, 8).map((x) => x.c);
      list.replaceChildren(...options.map((c, i) => {
        const li = document.createElement('li');
        li.id = id + '-option-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = c.label;
        li.addEventListener('mousedown', (event) => event.preventDefault());
        li.addEventListener('click', () => choose(c));
        return li;
      }));
      list.hidden = options.length === 0;
      input.setAttribute('aria-expanded', String(options.length > 0));
      highlight(options.length ? 0 : -1);
      status.textContent = options.length === 0 ? 'No country matches.' : options.length === 1 ? '1 country matches.' : options.length + ' countries match.';
    };
    input.addEventListener('input', update);
    input.addEventListener('blur', () => setTimeout(close, 150));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (list.hidden) update();
        else highlight(Math.min(active + 1, options.length - 1));
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === 'Enter') {
        if (!list.hidden && active >= 0 && options[active]) {
          event.preventDefault();
          choose(options[active]);
        }
      } else if (event.key === 'Escape') {
        if (!list.hidden) { event.preventDefault(); close(); }
        else input.value = '';
      }
    });
  });
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
    const posted = new FormData(form);
    // The picker posts each chosen country as its own field.
    params.set('countries', posted.getAll('countries').filter((v) => typeof v === 'string' && v.trim()).join(','));
    for (const name of ['level', 'summary']) {
      const value = posted.get(name);
      if (typeof value === 'string') params.set(name, value);
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
  form.addEventListener('countrieschange', check);
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
