// What the zone pages share: reference data, labels, the facts shown for a zone.
import { api, query, t, fmtNumber } from './core.js';

export const UTILITIES = ['water', 'sewage', 'electricity', 'gas', 'district_heating', 'fibre'];
export const STATES = ['operating', 'expanding', 'in_preparation', 'planned'];

/**
 * The map's background: gmina names at their centres and the motorway junctions (from the zones service).
 * data/gmina-points.json holds only where to write a name; the names come from the TERYT register,
 * asked once per powiat. A point whose gmina the register does not know stays unnamed (it still frames the map).
 */
export async function loadPlaces() {
  const [points, junctions] = await Promise.all([
    fetch('data/gmina-points.json').then(r => r.json()).then(d => d.points ?? {}).catch(() => ({})),
    api('/api/v1/zones/reference-places?kind=motorway_junction').catch(() => []),
  ]);
  const powiaty = [...new Set(Object.keys(points).map(code => code.slice(0, 4)))];
  const pages = await Promise.all(powiaty.map(powiat =>
    api(`/api/v1/territory/units${query({ within: powiat, level: 'gmina', pageSize: 100 })}`).catch(() => ({ items: [] }))));
  const names = new Map(pages.flatMap(p => p.items).map(u => [u.code, u.name]));
  const gminy = Object.entries(points).map(([teryt, [lon, lat]]) => ({ teryt, name: names.get(teryt) ?? '', lon, lat }));
  return { gminy, junctions };
}

export function zoneFacts(z) {
  return [
    [t('zones.gmina'), z.gmina?.name ?? '–'],
    [t('zones.available'), `${fmtNumber(z.availableAreaHa, 1)} / ${fmtNumber(z.totalAreaHa, 1)} ha`],
    [t('zones.stateShort'), t(`state.${z.state}`)],
    [t('zones.junction'), z.motorwayKm === null || z.motorwayKm === undefined ? '–' : `${fmtNumber(z.motorwayKm, 1)} km (${z.nearestJunction ?? ''})`],
    [t('zones.sseShort'), z.sseName || t('no')],
    [t('zones.utilitiesShort'), UTILITIES.filter(u => z.utilities?.[u] === 'available').map(u => t(`utility.${u}`)).join(', ') || '–'],
  ];
}
