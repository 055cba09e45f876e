// A small SVG map: zone boundaries, motorway junctions and gmina labels in Web Mercator, optional
// raster tiles from a configured URL ({z}/{x}/{y}); without one the map works offline on a plain background.
import { s, t } from './core.js';

const REF_ZOOM = 14;               // coordinates are world pixels at this zoom
const WORLD = 256 * 2 ** REF_ZOOM;

export function project([lon, lat]) {
  const x = (lon + 180) / 360 * WORLD;
  const rad = lat * Math.PI / 180;
  const y = (1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * WORLD;
  return [x, y];
}

function rings(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

function pathData(geometry) {
  return rings(geometry).map(ring => ring.map((p, i) => {
    const [x, y] = project(p);
    return `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
  }).join('') + 'Z').join('');
}

export function geometryBounds(geometry, into = [Infinity, Infinity, -Infinity, -Infinity]) {
  for (const ring of rings(geometry)) for (const p of ring) extend(into, project(p));
  return into;
}
function extend(b, [x, y]) {
  b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
  return b;
}
function centroid(geometry) {
  const b = geometryBounds(geometry);
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

/**
 * createMap(container, options) → { setZones, setPlaces, select, fitTo, svg }.
 * options: label (accessible name), describedBy (id of the list that is the map's text alternative),
 * tileUrl, attribution, zoneHref(id), onHover(id|null).
 */
export function createMap(container, options = {}) {
  const svg = s('svg', {
    xmlns: 'http://www.w3.org/2000/svg', role: 'group', 'aria-label': options.label || t('map.label'),
    'aria-describedby': options.describedBy, tabindex: 0, focusable: 'true', viewBox: '0 0 800 500',
    preserveAspectRatio: 'xMidYMid meet', 'data-map': 'zones',
  });
  const title = s('title', {}, options.label || t('map.label'));
  const desc = s('desc', {}, options.description || t('map.description'));
  const tiles = s('g', { class: 'tiles', 'aria-hidden': 'true' });
  const background = s('g', { class: 'background', 'aria-hidden': 'true' });
  const zonesLayer = s('g', { class: 'zones' });
  const placesLayer = s('g', { class: 'places' });
  const labels = s('g', { class: 'labels', 'aria-hidden': 'true' });
  svg.append(title, desc, tiles, background, labels, zonesLayer, placesLayer);

  const tools = document.createElement('div');
  tools.className = 'map-tools';
  const button = (text, label, action) => {
    const b = document.createElement('button');
    b.type = 'button'; b.textContent = text; b.title = label; b.setAttribute('aria-label', label);
    b.addEventListener('click', action);
    return b;
  };
  tools.append(button('+', t('map.zoomIn'), () => zoom(0.6)), button('−', t('map.zoomOut'), () => zoom(1 / 0.6)),
    button('⟲', t('map.reset'), () => setView(home)));
  const frame = document.createElement('div');
  frame.className = 'map-frame';
  frame.append(svg, tools);
  if (options.tileUrl && options.attribution) {
    const att = document.createElement('div');
    att.className = 'small muted';
    att.style.cssText = 'position:absolute;bottom:0;right:0;background:rgba(255,255,255,.8);padding:0 .3rem';
    att.textContent = options.attribution;
    frame.append(att);
  }
  container.replaceChildren(frame);

  let view = [0, 0, 800, 500];
  let home = view;
  let selected = null;
  const aspect = () => {
    const r = svg.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? r.height / r.width : 0.62;
  };

  function setView(v) {
    view = v;
    svg.setAttribute('viewBox', v.map(n => n.toFixed(1)).join(' '));
    // Keep labels a constant size on screen.
    const scale = v[2] / (svg.getBoundingClientRect().width || 800);
    labels.setAttribute('data-scale', scale.toFixed(4));
    for (const el of svg.querySelectorAll('[data-fixed-size]')) {
      const [x, y] = el.dataset.at.split(',').map(Number);
      el.setAttribute('transform', `translate(${x} ${y}) scale(${scale})`);
    }
    drawTiles();
  }

  function zoom(factor, cx, cy) {
    const [x, y, w, hgt] = view;
    const px = cx ?? x + w / 2, py = cy ?? y + hgt / 2;
    const nw = Math.min(Math.max(w * factor, 200), WORLD / 4), nh = nw * (hgt / w);
    setView([px - (px - x) * (nw / w), py - (py - y) * (nh / hgt), nw, nh]);
  }

  function fitTo(bounds, pad = 0.12) {
    if (!bounds || !Number.isFinite(bounds[0])) return;
    let [x0, y0, x1, y1] = bounds;
    let w = Math.max(x1 - x0, 400), hgt = Math.max(y1 - y0, 300);
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    w *= 1 + 2 * pad; hgt *= 1 + 2 * pad;
    const a = 0.62;
    if (hgt / w > a) w = hgt / a; else hgt = w * a;
    home = [cx - w / 2, cy - hgt / 2, w, hgt];
    setView(home);
  }

  function drawTiles() {
    if (!options.tileUrl) return;
    const width = svg.getBoundingClientRect().width || 800;
    const z = Math.max(0, Math.min(19, Math.round(REF_ZOOM + Math.log2(width / view[2]))));
    const size = 256 * 2 ** (REF_ZOOM - z);
    const [x, y, w, hgt] = view;
    const n = 2 ** z;
    const parts = [];
    for (let tx = Math.floor(x / size); tx <= Math.floor((x + w) / size); tx++) {
      for (let ty = Math.floor(y / size); ty <= Math.floor((y + hgt) / size); ty++) {
        if (tx < 0 || ty < 0 || tx >= n || ty >= n) continue;
        const href = options.tileUrl.replace('{z}', z).replace('{x}', tx).replace('{y}', ty).replace('{s}', 'a');
        parts.push(s('image', { href, x: tx * size, y: ty * size, width: size, height: size, preserveAspectRatio: 'none' }));
      }
    }
    tiles.replaceChildren(...parts);
  }

  // panning with pointer and keys, zooming with the wheel
  let drag = null;
  svg.addEventListener('pointerdown', e => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, view: [...view], moved: false };
  });
  svg.addEventListener('pointermove', e => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) svg.setPointerCapture(e.pointerId);
    drag.moved = true;
    const k = view[2] / (svg.getBoundingClientRect().width || 800);
    setView([drag.view[0] - dx * k, drag.view[1] - dy * k, view[2], view[3]]);
  });
  const endDrag = e => {
    if (drag?.moved) { e.preventDefault(); svg.addEventListener('click', ev => ev.preventDefault(), { once: true, capture: true }); }
    drag = null;
  };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', () => { drag = null; });
  svg.addEventListener('wheel', e => {
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    const cx = view[0] + (e.clientX - r.left) / r.width * view[2];
    const cy = view[1] + (e.clientY - r.top) / r.height * view[3];
    zoom(e.deltaY > 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
  svg.addEventListener('keydown', e => {
    if (e.target !== svg) return;
    const step = view[2] * 0.1;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) { e.preventDefault(); setView([view[0] + moves[e.key][0], view[1] + moves[e.key][1], view[2], view[3]]); }
    else if (e.key === '+' || e.key === '=') { e.preventDefault(); zoom(0.8); }
    else if (e.key === '-') { e.preventDefault(); zoom(1.25); }
    else if (e.key === '0') { e.preventDefault(); setView(home); }
  });
  new ResizeObserver(() => setView(view)).observe(svg);

  function fixedText(x, y, text, cls, dy = 0) {
    const g = s('g', { 'data-fixed-size': '', 'data-at': `${x},${y}` });
    g.append(s('text', { class: `map-label ${cls}`, 'text-anchor': 'middle', y: dy }, text));
    return g;
  }

  /** Gmina labels and motorway junctions (the background that works without tiles). */
  function setPlaces({ gminy = [], junctions = [] }) {
    background.replaceChildren();
    placesLayer.replaceChildren();
    const roads = new Map();
    for (const j of junctions) {
      if (!j.road) continue;
      if (!roads.has(j.road)) roads.set(j.road, []);
      roads.get(j.road).push(j);
    }
    for (const [, list] of roads) {
      list.sort((a, b) => a.lon - b.lon);
      const d = list.map((j, i) => { const [x, y] = project([j.lon, j.lat]); return `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`; }).join('');
      background.append(s('path', { class: 'motorway', d }));
    }
    for (const g of gminy) {
      if (!g.name) continue;
      const [x, y] = project([g.lon, g.lat]);
      labels.append(fixedText(x, y, g.name, 'gmina', -14));
    }
    for (const j of junctions) {
      const [x, y] = project([j.lon, j.lat]);
      const mark = s('g', { 'data-fixed-size': '', 'data-at': `${x},${y}`, 'data-junction': j.code, role: 'img', 'aria-label': j.name },
        s('title', {}, j.name), s('circle', { class: 'junction', r: 6 }), s('text', { class: 'map-label junction-label', x: 9, y: 4 }, j.road || ''));
      placesLayer.append(mark);
    }
    setView(view);
  }

  /** zones: [{ id, name, state, geometry }] */
  function setZones(zones) {
    zonesLayer.replaceChildren();
    for (const z of zones) {
      if (!z.geometry) continue;
      const link = s('a', {
        class: 'zone-link', href: options.zoneHref ? options.zoneHref(z.id) : '#', 'data-zone-id': z.id, 'aria-label': z.name,
        onmouseenter: () => options.onHover?.(z.id), onmouseleave: () => options.onHover?.(null),
        onfocus: () => options.onHover?.(z.id), onblur: () => options.onHover?.(null),
        // SVG links are focusable but Chromium does not follow them on Enter by itself.
        onkeydown: e => { if (e.key === 'Enter') { e.preventDefault(); location.assign(link.getAttribute('href')); } },
      }, s('title', {}, z.name), s('path', { class: `zone-shape state-${z.state}`, d: pathData(z.geometry) }));
      if (options.markers !== false) {
        // A marker of constant size, so that a zone of a few hectares is still seen and clicked at county scale.
        const [cx, cy] = centroid(z.geometry);
        link.append(s('g', { 'data-fixed-size': '', 'data-at': `${cx},${cy}` }, s('circle', { class: `zone-marker state-${z.state}`, r: 7 })));
      }
      zonesLayer.append(link);
    }
    for (const el of labels.querySelectorAll('.zone-name')) el.closest('g').remove();
    for (const z of zones) {
      if (!z.geometry || !z.shortName) continue;
      const [x, y] = centroid(z.geometry);
      labels.append(fixedText(x, y, z.shortName, 'zone-name', 24));
    }
    select(selected);
    setView(view);
  }

  function select(id) {
    selected = id;
    for (const el of zonesLayer.querySelectorAll('.zone-shape, .zone-marker')) {
      el.classList.toggle('selected', el.closest('[data-zone-id]').dataset.zoneId === id);
    }
  }

  return { svg, setZones, setPlaces, select, fitTo, geometryBounds, project };
}
