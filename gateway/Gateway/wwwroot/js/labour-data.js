// The labour API's series as the labour page uses them: fetched once per page and unit, cut to the years chosen,
// monthly or yearly; a year without a yearly figure takes its December figure (both are the stock at year end).
import { api, query, locale } from './core.js';
import { loadUnit } from './territory-search.js';

const FROM = 2015;
const cache = new Map();

function fetchBoth(code, indicator, breakdown) {
  const key = `${code}|${indicator}|${breakdown}`;
  if (!cache.has(key)) {
    const get = from => api(`/api/v1/labour/series${query({ indicator, unit: code, breakdown, from })}`).then(s => s.points);
    const request = Promise.all([get(String(FROM)), get(`${FROM}-01`)]).then(([year, month]) => ({ year, month }));
    request.catch(() => cache.delete(key));
    cache.set(key, request);
  }
  return cache.get(key);
}

const yearOf = period => Number(period.slice(0, 4));

/** period → figure (with its source and revision), in period order, for the years chosen. */
export async function unitSeries(code, indicator, breakdown, frequency, { from, to }) {
  const { year, month } = await fetchBoth(code, indicator, breakdown);
  const inRange = p => yearOf(p.period) >= from && yearOf(p.period) <= to;
  const points = frequency === 'month' ? month.filter(inRange) : yearly(year, month).filter(inRange);
  return new Map(points.sort((a, b) => a.period.localeCompare(b.period)).map(p => [p.period, p]));
}

function yearly(year, month) {
  const have = new Set(year.map(p => p.period));
  const decembers = month.filter(p => p.period.endsWith('-12') && !have.has(p.period.slice(0, 4)))
    .map(p => ({ ...p, period: p.period.slice(0, 4), fromMonth: p.period }));
  return [...year, ...decembers];
}

const monthFormats = {
  long: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  short: new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

/** "2026-11" → "listopad 2026" (short: "lis 2026"); a year stays as it is. */
export function periodLabel(period, short = false) {
  const m = /^(\d{4})-(\d{2})$/.exec(period ?? '');
  if (!m) return period ?? '';
  return monthFormats[short ? 'short' : 'long'].format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)));
}

/** The unit and the units above it, nearest first: gmina → powiat → voivodeship → Poland. */
export async function chainOf(unit) {
  const chain = [unit];
  let parent = unit.parentCode;
  while (parent && chain.length < 6) {
    const next = (await loadUnit(parent)).unit;
    chain.push(next);
    parent = next.parentCode;
  }
  return chain;
}
