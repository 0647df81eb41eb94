import { WORLD_PROJECTION } from '../../shared/geo/world-paths.generated';

/**
 * The `place-picker` page script: clicks on a map marked `data-place-map`
 * become longitude and latitude, through the inverse of the maps' Equal
 * Earth projection (shared/geo/projection.ts, whose constants are written
 * in here). Two uses, each an enhancement of a form that works without it:
 *
 * - `[data-place-editor="<textarea id>"]` (the compose form): "Draw a
 *   polygon" then click the corners and "Finish the polygon", or "Place a
 *   circle" then click its centre; each shape is appended to the GeoJSON in
 *   the textarea and drawn on the map. When the chosen countries change,
 *   the map is fetched again from `data-map-url?countries=…`.
 * - `[data-place-picker]` (the subscribe form): a click fills the inputs
 *   named by `data-lat` and `data-lon` and marks the point.
 *
 * Every change is announced in the editor's `role="status"` line.
 */
export const PLACE_PICKER_SOURCE = `(() => {
  const S = ${WORLD_PROJECTION.scale}, TX = ${WORLD_PROJECTION.translate[0]}, TY = ${WORLD_PROJECTION.translate[1]};
  const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2, R = Math.PI / 180;
  const unproject = (px, py) => {
    const x = (px - TX) / S, y = (TY - py) / S;
    let l = y, l2 = l * l, l6 = l2 * l2 * l2;
    for (let i = 0; i < 12; i++) {
      const delta = (l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2)) - y) / (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2));
      l -= delta; l2 = l * l; l6 = l2 * l2 * l2;
      if (Math.abs(delta) < 1e-12) break;
    }
    return [M * x * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2)) / Math.cos(l) / R, Math.asin(Math.sin(l) / M) / R];
  };
  const round = (n) => Math.round(n * 10000) / 10000;
  const NS = 'http://www.w3.org/2000/svg';
  const svgPoint = (svg, event) => {
    const p = svg.createSVGPoint();
    p.x = event.clientX; p.y = event.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  };
  const shape = (svg, name, attrs) => {
    const el = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    svg.appendChild(el);
    return el;
  };

  for (const editor of document.querySelectorAll('[data-place-editor]')) {
    const field = document.getElementById(editor.getAttribute('data-place-editor'));
    const slot = editor.querySelector('[data-place-map-slot]');
    const status = editor.querySelector('[data-place-status]');
    const radius = editor.querySelector('[data-radius]');
    const tools = editor.querySelector('[data-place-tools]');
    if (!field || !slot || !tools) continue;
    tools.hidden = false;
    let mode = null, corners = [], draft = null;
    const say = (text) => { if (status) status.textContent = text; };
    const read = () => {
      try {
        const parsed = JSON.parse(field.value);
        if (parsed && parsed.type === 'FeatureCollection' && Array.isArray(parsed.features)) return parsed;
      } catch (error) {}
      return { type: 'FeatureCollection', features: [] };
    };
    const add = (feature) => {
      const collection = read();
      collection.features.push(feature);
      field.value = JSON.stringify(collection);
    };
    const svg = () => slot.querySelector('svg');
    const drawDraft = () => {
      const map = svg();
      if (!map) return;
      if (draft) draft.remove();
      draft = corners.length ? shape(map, 'path', { class: 'draft', d: 'M' + corners.map((c) => c.xy.join(',')).join('L') + (corners.length > 2 ? 'Z' : '') }) : null;
    };
    tools.addEventListener('click', (event) => {
      const tool = event.target.closest('[data-tool]');
      if (!tool) return;
      const name = tool.getAttribute('data-tool');
      if (name === 'polygon') { mode = 'polygon'; corners = []; drawDraft(); say('Drawing a polygon: click its corners on the map, then Finish the polygon.'); }
      if (name === 'circle') { mode = 'circle'; say('Placing a circle: click its centre on the map.'); }
      if (name === 'finish') {
        if (mode !== 'polygon' || corners.length < 3) { say('A polygon needs at least three corners.'); return; }
        const ring = corners.map((c) => c.lonLat);
        ring.push(ring[0]);
        add({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });
        if (draft) { draft.setAttribute('class', 'area'); draft = null; }
        say('Polygon of ' + corners.length + ' corners added to the areas.');
        mode = null; corners = [];
      }
      if (name === 'clear') {
        field.value = '';
        for (const el of slot.querySelectorAll('.area, .draft')) el.remove();
        mode = null; corners = []; draft = null;
        say('Areas cleared.');
      }
    });
    slot.addEventListener('click', (event) => {
      const map = svg();
      if (!map || !mode) return;
      const p = svgPoint(map, event);
      const lonLat = unproject(p.x, p.y).map(round);
      if (mode === 'polygon') {
        corners.push({ xy: [round(p.x), round(p.y)], lonLat });
        drawDraft();
        say('Corner ' + corners.length + ' at ' + lonLat[1] + ', ' + lonLat[0] + '.');
      } else {
        const km = Number(radius && radius.value) || 2;
        add({ type: 'Feature', properties: { radiusKm: km }, geometry: { type: 'Point', coordinates: lonLat } });
        shape(map, 'circle', { class: 'area', cx: p.x, cy: p.y, r: Math.max(0.05, (km / 111.2) * R * S * 1.2) });
        say('Circle of ' + km + ' km around ' + lonLat[1] + ', ' + lonLat[0] + ' added to the areas.');
        mode = null;
      }
    });
    const url = editor.getAttribute('data-map-url');
    if (url) {
      // The country picker tells which countries are chosen (its countrieschange event).
      document.addEventListener('countrieschange', async (event) => {
        const codes = (event.detail && event.detail.codes || []).join(',');
        try {
          const res = await fetch(url + '?countries=' + encodeURIComponent(codes) + '&areas=' + encodeURIComponent(field.value), { credentials: 'same-origin' });
          if (res.ok) { slot.innerHTML = await res.text(); draft = null; corners = []; say('Map shows ' + (codes || 'the world') + '.'); }
        } catch (error) {}
      });
    }
  }

  for (const picker of document.querySelectorAll('[data-place-picker]')) {
    const lat = document.getElementById(picker.getAttribute('data-lat'));
    const lon = document.getElementById(picker.getAttribute('data-lon'));
    const status = picker.querySelector('[data-place-status]');
    if (!lat || !lon) continue;
    let marker = null;
    picker.addEventListener('click', (event) => {
      const map = picker.querySelector('svg');
      if (!map) return;
      const p = svgPoint(map, event);
      const [x, y] = unproject(p.x, p.y).map(round);
      lat.value = String(y); lon.value = String(x);
      if (marker) marker.remove();
      marker = shape(map, 'circle', { class: 'draft', cx: p.x, cy: p.y, r: 1.5 });
      if (status) status.textContent = 'Place set to ' + y + ', ' + x + ' (latitude, longitude).';
    });
  }
})();
`;
