// The zones' map, drawn by Leaflet (bundled from npm into lib/map.js at build time). Base layers come from the
// deployment's settings (/config.json: OpenStreetMap, the Geoportal's WMTS…); with none the map draws offline:
// voivodeship outlines (PRG, when the operator has them), gmina names, motorways and junctions.
import { L } from '../lib/map.js';
import { t, loadConfig } from './core.js';

const rings = geometry => (geometry?.type === 'Polygon' ? geometry.coordinates
  : geometry?.type === 'MultiPolygon' ? geometry.coordinates.flat() : []);

/** The bounds of GeoJSON geometries and [lon, lat] points; extend an earlier one by passing it. */
export function boundsOf({ geometries = [], points = [] }, into = L.latLngBounds([])) {
  for (const g of geometries) for (const ring of rings(g)) for (const [lon, lat] of ring) into.extend([lat, lon]);
  for (const [lon, lat] of points) into.extend([lat, lon]);
  return into;
}

let outlines;
function loadOutlines(config) {
  outlines ??= config.voivodeshipOutlines
    ? fetch(config.voivodeshipOutlines).then(r => (r.ok ? r.json() : null)).catch(() => null)
    : Promise.resolve(null);
  return outlines;
}

/**
 * createMap(container, options) → { setZones, setPlaces, select, fitTo, leaflet }.
 * options: label (accessible name), describedBy (id of the list that is the map's text alternative),
 * zoneHref(id), onHover(id|null), markers (false: shapes only, as on a zone's page).
 */
export async function createMap(container, options = {}) {
  const config = await loadConfig();
  const box = document.createElement('div');
  box.className = 'map-frame';
  container.replaceChildren(box);
  const map = L.map(box, { zoomControl: false, attributionControl: false, keyboard: true, zoomSnap: 0.25, minZoom: 5, maxZoom: 18 })
    .setView([52.0, 19.4], 6); // Poland, until the page fits the map to what it shows
  box.dataset.map = options.map || 'zones';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', options.label || t('map.label'));
  box.setAttribute('aria-roledescription', t('map.roleDescription'));
  if (options.describedBy) box.setAttribute('aria-describedby', options.describedBy);
  L.control.zoom({ position: 'topright', zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
  L.control.attribution({ prefix: 'Leaflet', position: 'bottomright' }).addTo(map);
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);

  // Base layers from the settings, the first shown; the reader switches between them and "no base map".
  const layers = (config.baseLayers ?? []).map(l => [l.name, L.tileLayer(l.url, { attribution: l.attribution, maxZoom: l.maxZoom ?? 19 })]);
  if (layers.length) {
    layers[0][1].addTo(map);
    L.control.layers(Object.fromEntries([...layers, [t('map.noBase'), L.layerGroup()]]), null, { position: 'topright' }).addTo(map);
  }

  const background = L.layerGroup().addTo(map);
  const zonesLayer = L.layerGroup().addTo(map);
  const placesLayer = L.layerGroup().addTo(map);
  const shapes = new Map();
  let selected = null;

  loadOutlines(config).then(data => {
    if (!data) return;
    L.geoJSON(data, { interactive: false, style: { className: 'voivodeship-outline', weight: 1.5, fill: false } }).addTo(background);
  });

  function fitTo(bounds, pad = 0.12) {
    if (!bounds?.isValid()) return;
    map.fitBounds(bounds.pad(pad), { animate: false, maxZoom: 16 });
  }

  /** Gmina names, motorways (junctions of one road joined west to east) and junctions. */
  function setPlaces({ gminy = [], junctions = [] }) {
    placesLayer.clearLayers();
    const roads = new Map();
    for (const j of junctions) if (j.road) roads.set(j.road, [...(roads.get(j.road) ?? []), j]);
    for (const list of roads.values()) {
      list.sort((a, b) => a.lon - b.lon);
      L.polyline(list.map(j => [j.lat, j.lon]), { className: 'motorway', interactive: false }).addTo(placesLayer);
    }
    for (const g of gminy) {
      if (!g.name) continue;
      L.marker([g.lat, g.lon], { interactive: false, keyboard: false, icon: L.divIcon({ className: 'map-label gmina', html: '', iconSize: null }) })
        .addTo(placesLayer).getElement()?.append(g.name);
    }
    // Junctions are background, not stops for the keyboard: a circle and the road's number beside it.
    for (const j of junctions) {
      L.circleMarker([j.lat, j.lon], { radius: 6, className: 'junction', interactive: false }).addTo(placesLayer)
        .getElement()?.setAttribute('data-junction', j.code);
      if (j.road) {
        L.marker([j.lat, j.lon], { interactive: false, keyboard: false, icon: L.divIcon({ className: 'map-label junction-label', html: '', iconSize: null }) })
          .addTo(placesLayer).getElement()?.append(j.road);
      }
    }
  }

  /** zones: [{ id, name, state, geometry }]: a shape each and, at county scale, a marker a keyboard reaches. */
  function setZones(zones) {
    zonesLayer.clearLayers();
    shapes.clear();
    for (const z of zones) {
      if (!z.geometry) continue;
      const go = () => { if (options.zoneHref) location.assign(options.zoneHref(z.id)); };
      // With markers the marker is the zone's one keyboard stop (a shape with a tooltip would be another).
      const shape = L.geoJSON(z.geometry, { style: { className: `zone-shape state-${z.state}` } });
      if (options.markers === false) shape.bindTooltip(z.name, { sticky: true });
      shape.on('click', go)
        .on('mouseover', () => options.onHover?.(z.id)).on('mouseout', () => options.onHover?.(null))
        .addTo(zonesLayer);
      shape.eachLayer(l => l.getElement()?.setAttribute('data-zone-id', z.id));
      shapes.set(z.id, shape);
      if (options.markers !== false) {
        const centre = shape.getBounds().getCenter();
        const marker = L.marker(centre, {
          title: z.name, alt: z.name, keyboard: true, riseOnHover: true,
          icon: L.divIcon({ className: `zone-marker state-${z.state}`, iconSize: [18, 18], html: '' }),
        }).on('click', go).addTo(zonesLayer);
        const el = marker.getElement();
        el.dataset.zoneMarker = z.id;
        el.setAttribute('aria-label', z.name);
        el.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
        el.addEventListener('focus', () => options.onHover?.(z.id));
        el.addEventListener('blur', () => options.onHover?.(null));
        el.addEventListener('mouseenter', () => options.onHover?.(z.id));
        el.addEventListener('mouseleave', () => options.onHover?.(null));
      }
    }
    select(selected);
  }

  function select(id) {
    selected = id;
    for (const [zoneId, shape] of shapes) shape.eachLayer(l => l.getElement()?.classList.toggle('selected', zoneId === id));
    for (const el of box.querySelectorAll('[data-zone-marker]')) el.classList.toggle('selected', el.dataset.zoneMarker === id);
  }

  new ResizeObserver(() => map.invalidateSize({ animate: false })).observe(box);
  return { setZones, setPlaces, select, fitTo, leaflet: map };
}
