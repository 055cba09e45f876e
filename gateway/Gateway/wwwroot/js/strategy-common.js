// What the strategy pages share: statuses, chips, progress bars, the strategy list and tree helpers.
import { api, h, t, fmtNumber, fmtPercent } from './core.js';

export const STATUSES = ['completed', 'continuous', 'partial', 'in_progress', 'not_started', 'not_realized', 'abandoned'];

export function statusChip(status) {
  if (!status) return h('span.chip.st-missing', null, t('status.missing'));
  return h(`span.chip.st-${status}`, { 'data-status': status }, t(`status.${status}`));
}

/** "1 z 92": how many directions the progress is computed from, always shown beside it. */
export function coverageText(reported, directions) {
  return t('strategy.coverageOf', { n: fmtNumber(reported), total: fmtNumber(directions) });
}

/** Progress is shown only with its coverage; from a minority of the directions it is marked as such. */
export function progressBar(progress, label) {
  const value = progress?.progress;
  const known = value !== null && value !== undefined;
  const minority = known && progress.reported * 2 < progress.directions;
  const text = known ? `${fmtPercent(value)} (${coverageText(progress.reported, progress.directions)})` : t('strategy.noData');
  return h('div.progress-cell', { dataset: { minority: String(minority) } },
    h('div.bar', { role: 'img', 'aria-label': `${label ? `${label}: ` : ''}${t('strategy.progress')} ${text}${minority ? ` – ${t('strategy.minorityShort')}` : ''}` },
      h('span', { style: `width:${value ? Math.round(value * 100) : 0}%${minority ? ';opacity:.45' : ''}` })),
    h('span.small', { title: minority ? t('strategy.minorityShort') : null }, minority ? `${text} *` : text));
}

/** The counts of a node as small chips ("ciągła 3", "brak wpisu 2" …). */
export function countChips(progress) {
  if (!progress) return null;
  const chips = STATUSES.filter(st => progress.statusCounts?.[st]).map(st =>
    h(`span.chip.st-${st}`, null, `${t(`status.${st}`)}: ${progress.statusCounts[st]}`));
  if (progress.missing) chips.push(h('span.chip.st-missing', null, `${t('status.missing')}: ${progress.missing}`));
  if (progress.unmapped) chips.push(h('span.chip', null, `${t('status.unmapped')}: ${progress.unmapped}`));
  return h('div.node-counts', null, chips);
}

export async function loadStrategies() {
  const page = await api('/api/v1/catalogue/strategies?pageSize=100');
  return page.items;
}

/** ?year=2023 or the whole period "2015-2023" → query parameters of the catalogue. */
export function periodParams(period) {
  if (!period) return {};
  const m = /^(\d{4})-(\d{4})$/.exec(period);
  return m ? { yearFrom: m[1], yearTo: m[2] } : { year: period };
}

/** The period key the filters use: "2023" for a year, "2015-2023" for a span. */
export function periodKey(yearFrom, yearTo) {
  return yearFrom === yearTo ? String(yearFrom) : `${yearFrom}-${yearTo}`;
}

/** Directions with an entry for a period key (0 when none), from the catalogue's list of periods with entries. */
export function periodCoverage(strategy, key) {
  return (strategy.entryPeriods || []).find(p => periodKey(p.yearFrom, p.yearTo) === key)?.directions ?? 0;
}

/** The current year, within the strategy's period (where a new yearly entry goes by default). */
export function currentYearIn(strategy) {
  const now = new Date().getFullYear();
  return String(Math.min(Math.max(now, strategy.periodFrom), strategy.periodTo));
}

/**
 * The period a dashboard opens on: the latest with entries (the catalogue lists them latest first, the better
 * covered first among equals), else the current year within the strategy's period.
 */
export function defaultYear(strategy) {
  const first = strategy.entryPeriods?.[0];
  return first ? periodKey(first.yearFrom, first.yearTo) : currentYearIn(strategy);
}

/** The period choices, each with its coverage ("2023 – wpisy: 1 z 92"), the whole period last. */
export function periodOptions(strategy) {
  const label = (key, text) => {
    const n = periodCoverage(strategy, key);
    return n ? t('strategy.periodWithEntries', { period: text, n: fmtNumber(n), total: fmtNumber(strategy.directionCount) }) : text;
  };
  const options = [];
  for (let y = strategy.periodTo; y >= strategy.periodFrom; y--) options.push([String(y), label(String(y), String(y))]);
  const whole = `${strategy.periodFrom}-${strategy.periodTo}`;
  options.push([whole, label(whole, t('strategy.wholePeriod', { from: strategy.periodFrom, to: strategy.periodTo }))]);
  return options;
}

export function walk(nodes, visit, path = []) {
  for (const n of nodes) {
    visit(n, path);
    if (n.children?.length) walk(n.children, visit, [...path, n]);
  }
}

export function findNode(tree, id) {
  let found = null;
  walk(tree, (n, path) => { if (n.id === id) found = { node: n, path }; });
  return found;
}

/** The strategy's total, from its directions (weighted like the catalogue's roll-up). */
export function total(tree) {
  const sum = { directions: 0, reported: 0, missing: 0, unmapped: 0, statusCounts: {}, weighted: 0, weight: 0 };
  walk(tree, n => {
    if (n.kind !== 'direction' || !n.progress) return;
    const p = n.progress;
    sum.directions += p.directions; sum.reported += p.reported; sum.missing += p.missing; sum.unmapped += p.unmapped;
    for (const [k, v] of Object.entries(p.statusCounts || {})) sum.statusCounts[k] = (sum.statusCounts[k] || 0) + v;
    if (p.progress !== null && p.progress !== undefined) { const w = Number(n.weight ?? 1); sum.weighted += p.progress * w; sum.weight += w; }
  });
  sum.progress = sum.weight ? sum.weighted / sum.weight : null;
  return sum;
}

/** A direction's chip for the period: its status, an unrecognised status text, or no entry. */
export function directionChip(node) {
  const status = directionStatus(node);
  if (status || !node.progress?.unmapped) return statusChip(status);
  return h('span.chip', null, t('status.unmapped'));
}

/** A direction's status for the period, from its own roll-up node. */
export function directionStatus(node) {
  const counts = node.progress?.statusCounts || {};
  return STATUSES.find(st => counts[st] > 0) || null;
}
