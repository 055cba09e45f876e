// What the zone pages share: reference data, labels, the facts shown for a zone.
import { api, t, fmtNumber } from './core.js';

export const UTILITIES = ['water', 'sewage', 'electricity', 'gas', 'district_heating', 'fibre'];
export const STATES = ['operating', 'expanding', 'in_preparation', 'planned'];

let configPromise;
/** wwwroot/config.json: the tile URL (empty: plain background, works offline). */
export function loadConfig() {
  configPromise ??= fetch('config.json', { headers: { Accept: 'application/json' } })
    .then(r => (r.ok ? r.json() : {}))
    .catch(() => ({}));
  return configPromise;
}

/** Gmina labels (static) and motorway junctions (from the zones service). */
export async function loadPlaces() {
  const [gminy, junctions] = await Promise.all([
    fetch('data/gminy.json').then(r => r.json()).then(d => d.gminy).catch(() => []),
    api('/api/v1/zones/reference-places?kind=motorway_junction').catch(() => []),
  ]);
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
