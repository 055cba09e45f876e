// What the strategy pages share: statuses, chips, progress bars, the strategy list and tree helpers.
import { api, h, t, fmtPercent } from './core.js';

export const STATUSES = ['completed', 'continuous', 'partial', 'in_progress', 'not_started', 'not_realized', 'abandoned'];

export function statusChip(status) {
  if (!status) return h('span.chip.st-missing', null, t('status.missing'));
  return h(`span.chip.st-${status}`, { 'data-status': status }, t(`status.${status}`));
}

export function progressBar(progress, label) {
  const value = progress?.progress;
  const text = value === null || value === undefined ? t('strategy.noData') : fmtPercent(value);
  return h('div.progress-cell', null,
    h('div.bar', { role: 'img', 'aria-label': `${label ? `${label}: ` : ''}${t('strategy.progress')} ${text}` },
      h('span', { style: `width:${value ? Math.round(value * 100) : 0}%` })),
    h('span.small', null, text));
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

export function defaultYear(strategy) {
  const now = new Date().getFullYear();
  return String(Math.min(Math.max(now, strategy.periodFrom), strategy.periodTo));
}

export function periodOptions(strategy) {
  const options = [];
  for (let y = strategy.periodTo; y >= strategy.periodFrom; y--) options.push([String(y), String(y)]);
  options.push([`${strategy.periodFrom}-${strategy.periodTo}`, t('strategy.wholePeriod', { from: strategy.periodFrom, to: strategy.periodTo })]);
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
