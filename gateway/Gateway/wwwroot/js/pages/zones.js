// Investment zones: filter panel, map (Leaflet) and list kept in sync, GeoJSON/CSV download of the result.
import { api, query, h, t, initLayout, showError, ApiError } from '../core.js';
import { createMap, boundsOf } from '../map.js';
import { loadPlaces, UTILITIES, STATES, zoneFacts } from '../zones-common.js';
import { createTerritorySearch } from '../territory-search.js';
import { downloadCsv } from '../tables.js';

initLayout({ titleKey: 'zones.title' });

const form = document.getElementById('zone-filters');
const list = document.getElementById('zone-list');
const count = document.getElementById('result-count');
const status = document.getElementById('zones-status');
const errorsBox = document.getElementById('filter-errors');

// checkboxes for utilities and states
const utilBox = document.getElementById('f-utilities');
for (const u of UTILITIES) {
  utilBox.append(h('label', null, h('input', { type: 'checkbox', name: 'utilities', value: u }), t(`utility.${u}`)));
}
const stateBox = document.getElementById('f-state');
for (const st of STATES) {
  stateBox.append(h('label', null, h('input', { type: 'checkbox', name: 'state', value: st }), t(`state.${st}`)));
}

// On a phone the filters start folded (the result comes first); the button unfolds them.
const toggle = document.getElementById('toggle-filters');
const filterBody = document.getElementById('filter-body');
function foldFilters(folded) {
  filterBody.hidden = folded;
  toggle.setAttribute('aria-expanded', String(!folded));
  toggle.textContent = folded ? t('zones.showFilters') : t('zones.hideFilters');
}
toggle.addEventListener('click', () => foldFilters(!filterBody.hidden));
const phone = matchMedia('(max-width: 800px)');
foldFilters(phone.matches && !location.search);
phone.addEventListener('change', e => { if (!e.matches) foldFilters(false); });

const places = await loadPlaces();

const map = await createMap(document.getElementById('zones-map'), {
  label: t('zones.mapLabel'), describedBy: 'zone-list',
  zoneHref: id => `zone.html?id=${encodeURIComponent(id)}`,
  onHover: id => highlight(id),
});
const countyView = boundsOf({ points: places.gminy.map(g => [g.lon, g.lat]) });
map.fitTo(countyView);
map.setPlaces(places);

// The area filter: a gmina, powiat or voivodeship of the TERYT register, sent as the matching parameter
// (made once the map exists: a choice redraws it).
const AREA_PARAMS = { gmina: 'gmina', powiat: 'powiat', voivodeship: 'voivodeship' };
const territory = createTerritorySearch(document.getElementById('f-territory-field'), {
  id: 'f-territory', label: t('zones.territory'), levels: Object.keys(AREA_PARAMS),
  onChange: () => search({ push: true }),
});


function highlight(id) {
  map.select(id);
  for (const li of list.children) li.classList.toggle('selected', li.dataset.zoneId === id);
}

/** The filter values as the API's query parameters. */
function criteria() {
  const data = new FormData(form);
  const area = territory.value;
  return {
    ...Object.fromEntries(Object.values(AREA_PARAMS).map(p => [p, area && AREA_PARAMS[area.level] === p ? area.code : ''])),
    minAvailableHa: data.get('minAvailableHa') || '',
    maxMotorwayKm: data.get('maxMotorwayKm') || '',
    utilities: data.getAll('utilities'),
    state: data.getAll('state'),
    sse: data.get('sse') || '',
    sort: data.get('sort') || 'name',
  };
}

/** Fills the filters from the address; an area code the register does not know is returned as the error to show. */
async function fillForm(params) {
  const area = Object.values(AREA_PARAMS).map(p => params.get(p)).find(Boolean);
  let areaError = null;
  try {
    await territory.setValue(area || null);
  } catch (e) {
    territory.clear();
    areaError = e;
  }
  form.elements.minAvailableHa.value = params.get('minAvailableHa') || '';
  form.elements.maxMotorwayKm.value = params.get('maxMotorwayKm') || '';
  form.elements.sse.value = params.get('sse') || '';
  form.elements.sort.value = params.get('sort') || 'name';
  const utilities = (params.get('utilities') || '').split(',');
  for (const box of form.querySelectorAll('input[name="utilities"]')) box.checked = utilities.includes(box.value);
  const states = (params.get('state') || '').split(',');
  for (const box of form.querySelectorAll('input[name="state"]')) box.checked = states.includes(box.value);
  return areaError;
}

async function fromAddress() {
  const areaError = await fillForm(new URLSearchParams(location.search));
  await search();
  if (areaError) showError(errorsBox, areaError);
}

let current = [];
let searchSeq = 0;

async function search({ push = false } = {}) {
  const c = criteria();
  const q = query(c);
  if (push) history.pushState(null, '', `zones.html${q}`);
  else history.replaceState(null, '', `zones.html${q}`);
  document.getElementById('download-geojson').href = `/api/v1/zones${query({ ...c, pageSize: 200, format: 'geojson' })}`;
  errorsBox.replaceChildren();
  // the previous answer's field messages go; each field gets back its own description (the area search has its hint)
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    if (el.dataset.describedBy) el.setAttribute('aria-describedby', el.dataset.describedBy); else el.removeAttribute('aria-describedby');
  }
  status.replaceChildren(h('p.muted', { role: 'status' }, t('loading')));
  const seq = ++searchSeq;
  document.body.dataset.busy = 'true';
  try {
    const fc = await api(`/api/v1/zones${query({ ...c, pageSize: 200 })}`, { accept: 'application/geo+json' });
    if (seq !== searchSeq) return;
    status.replaceChildren();
    current = fc.features.map(f => ({ ...f.properties, geometry: f.geometry }));
    render(current, fc.total);
  } catch (e) {
    if (seq !== searchSeq) return;
    status.replaceChildren();
    if (e instanceof ApiError && e.status === 400) showFieldErrors(e);
    else showError(status, e);
    current = [];
    render([], 0);
  } finally {
    if (seq === searchSeq) delete document.body.dataset.busy;
  }
}

const fieldFor = { gmina: 'f-territory', powiat: 'f-territory', voivodeship: 'f-territory', minAvailableHa: 'f-min-area', maxMotorwayKm: 'f-max-km', sse: 'f-sse', sort: 'f-sort', utilities: 'f-utilities', state: 'f-state' };
function showFieldErrors(e) {
  const items = [];
  for (const [field, messages] of Object.entries(e.fieldErrors)) {
    const el = document.getElementById(fieldFor[field] || '');
    if (el) {
      el.setAttribute('aria-invalid', 'true');
      const msg = h('div.field-error', { id: `err-${field}` }, messages.join(' '));
      el.insertAdjacentElement('afterend', msg);
      el.dataset.describedBy ??= el.getAttribute('aria-describedby') ?? '';
      el.setAttribute('aria-describedby', `${el.dataset.describedBy} ${msg.id}`.trim());
    }
    items.push(h('li', null, `${field}: ${messages.join(' ')}`));
  }
  errorsBox.replaceChildren(h('div.alert.alert-error', { role: 'alert' }, h('strong', null, e.problem.title || t('error.title')), h('ul', null, items)));
}

function render(zones, total) {
  count.textContent = `(${t('zones.found', { n: total })})`;
  map.setZones(zones.map(z => ({ id: z.id, name: z.name, state: z.state, geometry: z.geometry })));
  document.getElementById('map-caption').textContent = zones.length
    ? t('zones.mapCaption', { n: zones.length })
    : t('zones.none');
  list.replaceChildren(...zones.map(z => h('li', {
    dataset: { zoneId: z.id },
    onmouseenter: () => highlight(z.id), onmouseleave: () => highlight(null),
    onfocusin: () => highlight(z.id), onfocusout: () => highlight(null),
  },
  h('h3', null, h('a', { href: `zone.html?id=${encodeURIComponent(z.id)}` }, z.name)),
  h('div.zone-facts', null, zoneFacts(z).map(([label, value]) => h('span', null, `${label}: `, h('strong', null, value)))))));
  if (!zones.length) list.replaceChildren(h('li.muted', null, t('zones.none')));
}

document.getElementById('download-csv').addEventListener('click', () => {
  const header = ['id', 'nazwa', 'gmina', 'teryt_gminy', 'rodzaj', 'stan', 'powierzchnia_ha', 'wolna_ha', 'sse', 'wezel', 'odleglosc_od_wezla_km',
    ...UTILITIES.map(u => `media_${u}`), 'cena_min_zl_m2', 'cena_max_zl_m2', 'wlasnosc'];
  const rows = current.map(z => [z.id, z.name, z.gmina?.name, z.gmina?.teryt, z.kind, z.state, z.totalAreaHa, z.availableAreaHa, z.sseName ?? '',
    z.nearestJunction, z.motorwayKm, ...UTILITIES.map(u => z.utilities?.[u] ?? ''), z.priceMinPlnM2, z.priceMaxPlnM2, z.ownership]);
  // The API's field names and values as they are (text columns): the same CSV writer as every table of the portal.
  downloadCsv({ columns: header.map(x => ({ header: x, kind: 'text' })), rows }, 'strefy');
});

form.addEventListener('submit', e => { e.preventDefault(); search({ push: true }); });
form.addEventListener('change', () => search());
form.addEventListener('reset', () => { territory.clear(); setTimeout(() => search({ push: true })); });
window.addEventListener('popstate', fromAddress);

await fromAddress();
// the zones' extent once known, else the county
const withGeometry = current.filter(z => z.geometry);
if (withGeometry.length) map.fitTo(boundsOf({ geometries: withGeometry.map(z => z.geometry), points: places.gminy.map(g => [g.lon, g.lat]) }), 0.1);
document.body.dataset.ready = 'true';
