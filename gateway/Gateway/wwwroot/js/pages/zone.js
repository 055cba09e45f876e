// A zone's page: facts, utilities, distances, plots, contact, and its boundary on the map.
import { fill, api, h, t, fmtNumber, initLayout, showError, param } from '../core.js';
import { createMap, boundsOf } from '../map.js';
import { loadPlaces, UTILITIES } from '../zones-common.js';
import { powiatName } from '../territory-search.js';

initLayout({ titleKey: 'zone.title' });
const content = document.getElementById('zone-content');
const id = param('id');
if (document.referrer.includes('zones.html')) document.getElementById('back-link').href = new URL(document.referrer).pathname.split('/').pop() + new URL(document.referrer).search;

function table(caption, headers, rows, numeric = []) {
  return h('div.table-wrap', null, h('table', null,
    h('caption', null, caption),
    h('thead', null, h('tr', null, headers.map((x, i) => h(numeric.includes(i) ? 'th.num' : 'th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map(r => h('tr', null, r.map((c, i) => h(numeric.includes(i) ? 'td.num' : 'td', null, c)))))));
}

async function load() {
  if (!id) { showError(content, new Error(t('zone.missing'))); return; }
  try {
    const [d, places] = await Promise.all([api(`/api/v1/zones/${encodeURIComponent(id)}`), loadPlaces()]);
    const z = d.zone;
    document.getElementById('zone-name').textContent = z.name;
    document.title = `${z.name} – ${t('site.name')}`;
    const price = z.priceMinPlnM2 == null ? '–'
      : z.priceMaxPlnM2 != null && z.priceMaxPlnM2 !== z.priceMinPlnM2 ? `${fmtNumber(z.priceMinPlnM2)}–${fmtNumber(z.priceMaxPlnM2)}` : fmtNumber(z.priceMinPlnM2);
    const facts = [
      [t('zones.gmina'), `${z.gmina.name} (${z.gmina.teryt}), ${powiatName(z.powiat.name)}`],
      [t('zone.kind'), t(`kind.${z.kind}`)],
      [t('zones.stateShort'), t(`state.${z.state}`)],
      [t('zone.total'), `${fmtNumber(z.totalAreaHa, 2)} ha`],
      [t('zone.free'), `${fmtNumber(z.availableAreaHa, 2)} ha`],
      [t('zone.computed'), `${fmtNumber(z.computedAreaHa, 2)} ha${z.approximateBoundary ? ` (${t('zone.boundaryApprox').toLowerCase()})` : ''}`],
      [t('zone.year'), z.yearEstablished ?? '–'],
      [t('zones.sse'), z.sseName || t('no')],
      [t('zone.psi'), z.psiEligible ? t('yes') : t('no')],
      [t('zone.zoning'), d.zoningDesignation || '–'],
      [t('zone.ownership'), t(`ownership.${z.ownership}`)],
      [t('zone.price'), price],
      [t('zone.rail'), z.railwaySiding ? t('yes') : t('no')],
      [t('zones.junction'), z.motorwayKm == null ? '–' : `${fmtNumber(z.motorwayKm, 1)} km – ${z.nearestJunction}`],
    ];
    if (d.unemployment) {
      facts.push([t('zone.unemployment'), d.unemployment.ratePercent != null
        ? `${fmtNumber(d.unemployment.ratePercent, 1)}% (${d.unemployment.period})` : (d.unemployment.reason || '–')]);
    }
    const mapBox = h('div', { id: 'zone-map' });
    const contact = d.contact || {};
    fill(content,
      h('div.two-equal', null,
        h('section.card', { 'aria-labelledby': 'facts-h' }, h('h2#facts-h', { style: 'margin-top:0' }, t('zone.facts')),
          h('dl.facts', null, facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, String(v))]))),
        h('section.card', { 'aria-labelledby': 'map-h' }, h('h2#map-h', { style: 'margin-top:0' }, t('map.label')), mapBox,
          h('p.small.muted', null, t('zone.mapNote')))),
      d.description ? h('section.card', null, h('h2', { style: 'margin-top:0' }, t('zone.description')), h('p', null, d.description)) : null,
      h('section.card', { id: 'utilities' },
        table(t('zone.utilities'), [t('zone.utility'), t('zone.utilityStatus')],
          UTILITIES.map(u => [t(`utility.${u}`), t(`ustatus.${z.utilities?.[u] ?? 'none'}`)]))),
      h('section.card', { id: 'distances' },
        table(t('zone.distances'), [t('zone.place'), t('zone.km')],
          (d.distances || []).map(x => [x.placeName, fmtNumber(x.km, 1)]), [1])),
      h('section.card', { id: 'plots' },
        d.plots?.length
          ? table(t('zone.plots'), [t('zone.parcel'), t('zone.area'), t('zone.plotState')],
            d.plots.map(p => [p.parcelId, fmtNumber(p.areaHa, 2), t(`plot.${p.state}`)]), [1])
          : [h('h2', { style: 'margin-top:0' }, t('zone.plots')), h('p.muted', null, t('zone.noPlots'))]),
      h('section.card', { id: 'contact' }, h('h2', { style: 'margin-top:0' }, t('zone.contact')),
        h('dl.facts', null,
          h('dt', null, t('zone.contactName')), h('dd', null, contact.name || '–'),
          h('dt', null, t('zone.email')), h('dd', null, contact.email ? h('a', { href: `mailto:${contact.email}` }, contact.email) : '–'),
          h('dt', null, t('zone.phone')), h('dd', null, contact.phone ? h('a', { href: `tel:${contact.phone.replace(/\s/g, '')}` }, contact.phone) : '–'))));

    const map = await createMap(mapBox, { label: t('zone.mapLabel', { name: z.name }), map: 'zone', zoneHref: () => '#plots', markers: false });
    map.fitTo(boundsOf({ geometries: [d.boundary] }), 0.6);
    map.setPlaces(places);
    const shapes = [{ id: z.id, name: z.name, state: z.state, geometry: d.boundary }];
    for (const p of d.plots || []) if (p.boundary) shapes.push({ id: p.id, name: `${t('zone.parcel')} ${p.parcelId}`, state: 'plot', geometry: p.boundary });
    map.setZones(shapes);
  } catch (e) {
    showError(content, e);
  }
  document.body.dataset.ready = 'true';
}
load();
