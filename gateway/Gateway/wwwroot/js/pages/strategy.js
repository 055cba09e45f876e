// Strategy dashboard: the tree with each node's status counts and progress for a chosen year, filters,
// the filtered list of directions and — for a coordinator — the directions still missing an entry.
import { fill, api, query, h, t, fmtNumber, fmtPercent, initLayout, showError, canRecordEntries } from '../core.js';
import { barChart } from '../charts.js';
import { STATUSES, statusChip, progressBar, countChips, loadStrategies, periodParams, defaultYear, periodOptions, total, directionStatus, directionChip, walk, coverageText, periodKey, periodCoverage } from '../strategy-common.js';

const user = initLayout({ titleKey: 'strategy.title' });
const form = document.getElementById('strategy-filters');
const statusBox = document.getElementById('strategy-status');
const PAGE_SIZE = 25;

const statusSelect = document.getElementById('f-status');
for (const st of STATUSES) statusSelect.append(h('option', { value: st }, t(`status.${st}`)));
// Beside the statuses: the directions with any entry, with an unrecognised status text, without an entry.
for (const st of ['reported', 'unmapped', 'missing']) statusSelect.append(h('option', { value: st }, t(`filter.${st}`)));

let strategies = [];
let strategy = null;
let page = 1;

function params() {
  const data = new FormData(form);
  return {
    strategy: data.get('strategy') || '', year: data.get('year') || '', status: data.get('status') || '',
    implementer: (data.get('implementer') || '').trim(), areaWide: data.get('areaWide') || '', q: (data.get('q') || '').trim(),
    node: data.get('node') || '',
  };
}

/** The dashboard itself with other filters: every number links to the directions behind it. */
function listHref(year, filter) {
  return `strategy.html${query({ strategy: strategy.id, year, ...filter })}#dirs-h`;
}

function directionHref(id, period) {
  return `direction.html${query({ id, strategy: strategy.id, year: period })}`;
}

async function init() {
  try {
    strategies = await loadStrategies();
  } catch (e) { showError(statusBox, e); return; }
  if (!strategies.length) { statusBox.replaceChildren(h('p.alert.alert-info', null, t('strategy.none'))); return; }
  const url = new URLSearchParams(location.search);
  const select = document.getElementById('f-strategy');
  for (const s of strategies) select.append(h('option', { value: s.id }, s.name));
  document.getElementById('strategy-field').hidden = strategies.length < 2;
  select.value = strategies.some(s => s.id === url.get('strategy')) ? url.get('strategy') : strategies[0].id;
  setStrategy(select.value, url.get('year'));
  for (const name of ['status', 'implementer', 'areaWide', 'q', 'node']) if (url.get(name)) form.elements[name].value = url.get(name);
  page = Number(url.get('page')) || 1;
  await refresh();
}

function setStrategy(id, year) {
  strategy = strategies.find(s => s.id === id);
  const yearSelect = document.getElementById('f-year');
  yearSelect.replaceChildren(...periodOptions(strategy).map(([v, label]) => h('option', { value: v }, label)));
  yearSelect.value = year && [...yearSelect.options].some(o => o.value === year) ? year : defaultYear(strategy);
}

async function refresh({ push = false } = {}) {
  const p = params();
  const q = query({ ...p, page: page > 1 ? page : '' });
  if (push) history.pushState(null, '', `strategy.html${q}`); else history.replaceState(null, '', `strategy.html${q}`);
  statusBox.replaceChildren();
  document.body.dataset.busy = 'true';
  try {
    const period = periodParams(p.year);
    const filter = { status: p.status, implementer: p.implementer, areaWide: p.areaWide, q: p.q, node: p.node };
    const filtered = Object.values(filter).some(Boolean);
    const [detail, dirs, missing, matching] = await Promise.all([
      api(`/api/v1/catalogue/strategies/${strategy.id}${query(period)}`),
      api(`/api/v1/catalogue/strategies/${strategy.id}/directions${query({ ...period, ...filter, page, pageSize: PAGE_SIZE })}`),
      canRecordEntries(user) ? api(`/api/v1/catalogue/strategies/${strategy.id}/missing-entries${query({ ...period, pageSize: 500 })}`) : null,
      // the tree shows only the directions the filters leave (the catalogue's largest page holds them all)
      filtered ? api(`/api/v1/catalogue/strategies/${strategy.id}/directions${query({ ...period, ...filter, pageSize: 500 })}`) : null,
    ]);
    renderHeader(detail);
    renderSummary(detail, p.year);
    renderAreas(detail, p.year);
    renderTimeline(p.year);
    renderNodeFilter(detail);
    renderMissing(missing, p.year);
    renderDocumentCheck(detail, p.year);
    renderTree(detail.tree, p.year, matching ? new Set(matching.items.map(d => d.id)) : null);
    renderDirections(dirs, p.year);
  } catch (e) {
    showError(statusBox, e);
  } finally {
    delete document.body.dataset.busy;
    document.body.dataset.ready = 'true';
  }
}

/** A coordinator archives a strategy imported by mistake (an administrator restores it from the archive). */
function renderArchive(detail) {
  const box = document.getElementById('archive-box');
  box.hidden = !canRecordEntries(user);
  if (box.hidden) return;
  const result = h('span', { id: 'archive-result', role: 'status' });
  fill(box, h('button.btn.btn-secondary', { type: 'button', id: 'archive-strategy', onclick: async () => {
    if (!window.confirm(t('strategy.archiveConfirm', { name: detail.name }))) return;
    try {
      await api(`/api/v1/catalogue/strategies/${detail.id}/archive${query({ expectedVersion: detail.version })}`, { method: 'POST' });
      fill(result, t('strategy.archived'));
      location.href = 'strategy.html';
    } catch (e) { showError(result, e); }
  } }, t('strategy.archive')), result);
}

function renderHeader(detail) {
  renderArchive(detail);
  document.getElementById('strategy-name').textContent = detail.name;
  document.title = `${t('strategy.title')}: ${detail.name} – ${t('site.name')}`;
  document.getElementById('strategy-meta').textContent =
    [`${detail.owner?.name ?? ''}`, `${t('strategy.period')} ${detail.periodFrom}–${detail.periodTo}`, detail.adoptedBy].filter(Boolean).join(' · ');
}

function periodLabel(year) {
  return /-/.test(year) ? year.replace('-', '–') : year;
}

function renderSummary(detail, year) {
  const sum = total(detail.tree);
  const minority = sum.progress !== null && sum.reported * 2 < sum.directions;
  const link = (value, filter) => h('a', { href: listHref(year, filter) }, value);
  const stat = (id, label, value, note) => h('div.card', { style: 'margin:0' }, h('div.small.muted', null, label),
    h('div', { id, style: 'font-size:1.5rem;font-weight:700' }, value), note ? h('div.small', { id: `${id}-note` }, note) : null);
  fill(document.getElementById('summary-body'),
    h('p', null, t('strategy.summaryFor', { period: periodLabel(year) })),
    h('div.grid-cards', null,
      stat('sum-directions', t('strategy.directionsCount'), link(fmtNumber(sum.directions), {})),
      stat('sum-reported', t('strategy.reported'), link(fmtNumber(sum.reported), { status: 'reported' })),
      stat('sum-missing', t('strategy.missingCount'), link(fmtNumber(sum.missing), { status: 'missing' })),
      stat('sum-coverage', t('strategy.coverage'), coverageText(sum.reported, sum.directions),
        sum.directions ? fmtPercent(sum.reported / sum.directions) : null),
      stat('sum-progress', t('strategy.progress'), sum.progress === null ? t('strategy.noData') : fmtPercent(sum.progress),
        sum.progress === null ? null : h('span', { dataset: { minority: String(minority) }, style: minority ? 'color:var(--bad);font-weight:600' : null },
          minority ? t('strategy.minority', { n: sum.reported, total: fmtNumber(sum.directions) })
            : t('strategy.progressBasis', { n: sum.reported, total: fmtNumber(sum.directions) })))),
    distributionBar(sum, year),
    h('div.table-wrap', { style: 'margin-top:.75rem' }, h('table#status-counts', null,
      h('caption', null, t('strategy.countsCaption', { period: periodLabel(year) })),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('strategy.status')), h('th.num', { scope: 'col' }, t('strategy.count')))),
      h('tbody', null,
        STATUSES.map(st => h('tr', { dataset: { status: st } }, h('th', { scope: 'row' }, statusChip(st)),
          h('td.num', { 'data-count': st }, link(fmtNumber(sum.statusCounts[st] || 0), { status: st })))),
        h('tr', { dataset: { status: 'unmapped' } }, h('th', { scope: 'row' }, h('span.chip', null, t('status.unmapped'))),
          h('td.num', { 'data-count': 'unmapped' }, link(fmtNumber(sum.unmapped), { status: 'unmapped' }))),
        h('tr', { dataset: { status: 'missing' } }, h('th', { scope: 'row' }, statusChip(null)),
          h('td.num', { 'data-count': 'missing' }, link(fmtNumber(sum.missing), { status: 'missing' })))))),
    h('p.small.muted', null, t('strategy.progressNote')));
}

/** Per strategic area: its directions by status as a bar, coverage and progress, each number a link to its directions. */
function renderAreas(detail, year) {
  const areas = detail.tree.filter(n => n.progress);
  const body = document.getElementById('areas-body');
  document.getElementById('areas').hidden = !areas.length;
  // The chart: one stacked bar per area, a segment per status; a click opens that area's directions in that status.
  const segments = [...STATUSES.map(st => [st, t(`status.${st}`), a => a.progress.statusCounts?.[st] || 0]),
    ['unmapped', t('status.unmapped'), a => a.progress.unmapped || 0], ['missing', t('status.missing'), a => a.progress.missing || 0]]
    .filter(([, , count]) => areas.some(a => count(a) > 0));
  const chart = barChart({
    label: t('strategy.areasChartAlt', { period: periodLabel(year), list: areas.map(a => `${a.code}: ${segments.map(([, name, count]) => `${name} ${count(a)}`).join(', ')}`).join('; ') }),
    labels: areas.map(a => a.code), stacked: true, horizontal: true, height: Math.max(160, 44 * areas.length + 70),
    series: segments.map(([key, name, count]) => ({ name, values: areas.map(count), colour: SEGMENT_COLOURS[key] })),
    xTitle: t('strategy.directionsAxis'),
    onClick: (area, series) => location.assign(listHref(year, { node: areas[area].id, status: segments[series][0] })),
  });
  fill(body, h('figure', null, chart, h('figcaption.small.muted', null, t('strategy.areasChartCaption'))), h('div.table-wrap', null, h('table#areas-table', null,
    h('caption', null, t('strategy.areasCaption', { period: periodLabel(year) })),
    h('thead', null, h('tr', null, [t('strategy.area'), t('strategy.statusChart'), t('strategy.coverage'), t('strategy.progress')]
      .map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', null, areas.map(a => {
      const p = a.progress;
      return h('tr', { dataset: { nodeId: a.id, code: a.code } },
        h('th', { scope: 'row' }, h('a', { href: listHref(year, { node: a.id }) }, `${a.code}. ${a.title}`)),
        h('td', { style: 'min-width:12rem' }, distributionBar({ ...p, statusCounts: p.statusCounts || {} }, year, `${a.code}. ${a.title}`)),
        h('td.num', { 'data-coverage': `${p.reported}/${p.directions}` },
          h('a', { href: listHref(year, { node: a.id, status: 'reported' }) }, coverageText(p.reported, p.directions))),
        h('td', null, progressBar(p, a.code)));
    })))));
}

/** Coverage by year (and the whole period): how many directions have an entry, each a link to that period. */
function renderTimeline(current) {
  const years = [];
  for (let y = strategy.periodFrom; y <= strategy.periodTo; y++) years.push(String(y));
  const whole = periodKey(strategy.periodFrom, strategy.periodTo);
  const rows = [...years, whole].map(key => ({ key, n: periodCoverage(strategy, key) }));
  const all = strategy.directionCount || 0;
  const chart = barChart({
    label: t('strategy.timelineChartAlt', { list: rows.map(({ key, n }) => `${periodLabel(key)}: ${coverageText(n, all)}`).join('; ') }),
    labels: rows.map(({ key }) => periodLabel(key)), yMax: all || undefined,
    series: [{ name: t('strategy.coverage'), values: rows.map(({ n }) => n), colour: '#1f4e8c' }],
    yTitle: t('strategy.directionsAxis'),
    onClick: i => location.assign(`strategy.html${query({ strategy: strategy.id, year: rows[i].key })}`),
  });
  fill(document.getElementById('timeline-body'),
    h('figure', null, chart, h('figcaption.small.muted', null, t('strategy.timelineChartCaption', { n: all }))),
    h('div.table-wrap', null, h('table#coverage-timeline', null,
      h('caption', null, t('strategy.timelineCaption')),
      h('thead', null, h('tr', null, [t('strategy.periodLabel'), t('strategy.coverageChart'), t('strategy.coverage')].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.map(({ key, n }) => h('tr', { dataset: { period: key, reported: String(n) }, 'aria-current': key === current ? 'true' : null },
        h('th', { scope: 'row' }, h('a', { href: `strategy.html${query({ strategy: strategy.id, year: key })}` }, periodLabel(key))),
        h('td', { style: 'min-width:10rem' }, h('div.bar', { role: 'img', 'aria-label': `${periodLabel(key)}: ${coverageText(n, all)}` },
          h('span', { style: `width:${all ? Math.round((n / all) * 100) : 0}%` }))),
        h('td.num', null, coverageText(n, all))))))));
}

/** A filter by tree node (from an area's link) is shown and can be removed. */
function renderNodeFilter(detail) {
  const id = form.elements.node.value;
  const box = document.getElementById('node-filter');
  const found = id ? (() => { let n = null; walk(detail.tree, x => { if (x.id === id) n = x; }); return n; })() : null;
  box.hidden = !found;
  if (!found) return;
  fill(box, t('strategy.nodeFilter', { node: `${found.code}. ${found.title}` }), ' ',
    h('button.btn.btn-secondary', { type: 'button', onclick: () => { form.elements.node.value = ''; page = 1; refresh({ push: true }); } }, t('strategy.nodeFilterClear')));
}

/**
 * The evaluated document's own summary (lists of direction codes it names) set against the statuses in
 * its table: real documents contradict themselves, and the dashboard says where.
 */
const SUMMARY_LISTS = [
  ['not_realized', ['not_realized', 'not_started', 'abandoned']],
  ['not_fully_realized', ['partial', 'in_progress', 'not_realized', 'not_started', 'abandoned']],
  ['not_done_as_area_wide_project', null],
  ['study_only_then_stopped', null],
];
function renderDocumentCheck(detail, year) {
  const section = document.getElementById('document-check');
  let summary = detail.evaluationSummary;
  if (typeof summary === 'string') { try { summary = JSON.parse(summary); } catch { summary = null; } }
  const whole = year === `${detail.periodFrom}-${detail.periodTo}`;
  const lists = summary && typeof summary === 'object' ? SUMMARY_LISTS.filter(([key]) => Array.isArray(summary[key]) && summary[key].length) : [];
  section.hidden = !whole || !lists.length;
  if (section.hidden) return;
  const byCode = new Map();
  walk(detail.tree, n => { if (n.kind === 'direction') byCode.set(n.code, n); });
  let contradictions = 0;
  const rows = lists.flatMap(([key, expected]) => summary[key].map(code => {
    const node = byCode.get(code);
    const status = node ? directionStatus(node) : null;
    const agrees = !expected || (status && expected.includes(status));
    if (!agrees) contradictions++;
    return h('tr', { dataset: { code, agrees: String(agrees) } },
      h('td', null, t(`summary.${key}`)),
      h('td', null, node ? h('a', { href: directionHref(node.id, year) }, code) : code),
      h('td', null, node ? directionChip(node) : statusChip(null)),
      h('td', null, expected ? (agrees ? t('strategy.docAgrees') : h('strong', { style: 'color:var(--bad)' }, t('strategy.docContradicts'))) : '–'));
  }));
  fill(document.getElementById('document-check-body'),
    h('p', null, contradictions ? t('strategy.docContradictions', { n: contradictions }) : t('strategy.docConsistent')),
    h('div.table-wrap', null, h('table#document-check-table', null,
      h('caption.visually-hidden', null, t('strategy.docCheck')),
      h('thead', null, h('tr', null, [t('strategy.docClaim'), t('strategy.code'), t('strategy.docTable'), t('strategy.docVerdict')].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows))));
}

const SEGMENT_COLOURS = {
  completed: '#2e8b47', continuous: '#4caf6a', partial: '#e0a030', in_progress: '#f0c060',
  not_started: '#d9776f', not_realized: '#c0392b', abandoned: '#8e2a22', unmapped: '#8a94a3', missing: '#e5e8ed',
};
/** The directions by status as one bar (an image whose text alternative lists the counts; the table follows). */
function distributionBar(sum, year, what) {
  const parts = [...STATUSES.map(st => [st, sum.statusCounts[st] || 0, t(`status.${st}`)]),
    ['unmapped', sum.unmapped, t('status.unmapped')], ['missing', sum.missing, t('status.missing')]].filter(([, n]) => n > 0);
  const label = `${what ? `${what} – ` : ''}${t('strategy.countsCaption', { period: periodLabel(year) })}: ${parts.map(([, n, name]) => `${name} ${n}`).join(', ')}`;
  return h('div', { role: 'img', 'aria-label': label, style: 'display:flex;height:1.4rem;border-radius:4px;overflow:hidden;border:1px solid var(--line);margin-top:.75rem' },
    parts.map(([key, n, name]) => h('span', { title: `${name}: ${n}`, style: `flex:${n} 0 0;background:${SEGMENT_COLOURS[key]}` })));
}

function renderMissing(missing, year) {
  const section = document.getElementById('missing-section');
  section.hidden = !missing;
  if (!missing) return;
  const body = document.getElementById('missing-body');
  if (!missing.items.length) { body.replaceChildren(h('p.alert.alert-ok', null, t('strategy.noneMissing', { period: periodLabel(year) }))); return; }
  body.replaceChildren(
    h('p', null, t('strategy.missingIntro', { n: missing.total, period: periodLabel(year) })),
    h('ul#missing-list', null, missing.items.map(d => h('li', { dataset: { directionId: d.id, code: d.code } },
      h('a', { href: `${directionHref(d.id, year)}#record` }, `${d.code} `), d.title.length > 140 ? `${d.title.slice(0, 140)}…` : d.title))));
}

function renderTree(tree, year, only) {
  const visible = n => (n.kind === 'direction' ? !only || only.has(n.id) : (n.children || []).some(visible));
  const item = n => {
    if (!visible(n)) return null;
    if (n.kind === 'direction') {
      return h('li.direction-leaf', { dataset: { nodeId: n.id, code: n.code } },
        h('a', { href: directionHref(n.id, year) }, n.code), ' ', directionChip(n),
        h('span.small', null, n.title.length > 160 ? `${n.title.slice(0, 160)}…` : n.title),
        n.areaWide ? h('span.chip', null, t('strategy.areaWideShort')) : null);
    }
    return h('li', { dataset: { nodeId: n.id, code: n.code } },
      h('details', { open: n.kind === 'area' || only ? true : null },
        h('summary', null, h('div.node-row', null,
          h('div', null, h('span.node-kind', null, t(`kind.${n.kind}`)), h('span.node-title', null, `${n.code}. ${n.title}`), countChips(n.progress)),
          progressBar(n.progress, `${n.code}`))),
        n.children?.length ? h('ul', null, n.children.map(item)) : null));
  };
  fill(document.getElementById('tree-body'),
    only ? h('p.small.muted', { id: 'tree-filter-note' }, t('strategy.treeFiltered', { n: only.size })) : null,
    only && only.size === 0 ? h('p.muted', null, t('strategy.noDirections')) : h('ul.tree', null, tree.map(item)));
}

function renderDirections(dirs, year) {
  document.getElementById('dirs-count').textContent = `(${t('strategy.found', { n: dirs.total })})`;
  const pages = Math.max(1, Math.ceil(dirs.total / dirs.pageSize));
  const pager = h('nav.pager', { 'aria-label': t('pager.label') },
    h('button.btn.btn-secondary', { type: 'button', disabled: page <= 1, onclick: () => { page--; refresh({ push: true }); } }, t('pager.prev')),
    h('span', null, t('pager.of', { page, pages })),
    h('button.btn.btn-secondary', { type: 'button', disabled: page >= pages, onclick: () => { page++; refresh({ push: true }); } }, t('pager.next')));
  fill(document.getElementById('dirs-body'),
    dirs.items.length ? h('div.table-wrap', null, h('table#directions-table', null,
      h('caption.visually-hidden', null, t('strategy.directions')),
      h('thead', null, h('tr', null, [t('strategy.code'), t('strategy.direction'), t('strategy.status'), t('strategy.implementers'), t('strategy.areaWideShort')]
        .map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', null, dirs.items.map(d => h('tr', { dataset: { directionId: d.id } },
        h('td', null, h('a', { href: directionHref(d.id, year) }, d.code)),
        h('td', null, d.title),
        h('td', null, d.entry && !d.entry.status
          ? h('span.chip', { title: d.entry.statusText || '' }, `${t('status.unmapped')}: ${d.entry.statusText || '–'}`)
          : statusChip(d.entry?.status ?? null)),
        h('td', null, (d.entry?.implementers?.length ? d.entry.implementers : d.implementers).join(', ') || '–'),
        h('td', null, d.areaWide ? t('yes') : t('no'))))))) : h('p.muted', null, t('strategy.noDirections')),
    ...(pages > 1 ? [pager] : []));
  // implementers seen so far feed the filter's suggestions
  const list = document.getElementById('implementers-list');
  const known = new Set([...list.options].map(o => o.value));
  for (const d of dirs.items) for (const i of [...d.implementers, ...(d.entry?.implementers || [])]) {
    if (!known.has(i)) { known.add(i); list.append(h('option', { value: i })); }
  }
}

form.addEventListener('submit', e => { e.preventDefault(); page = 1; refresh({ push: true }); });
form.addEventListener('change', e => {
  if (e.target.name === 'strategy') setStrategy(e.target.value);
  if (e.target.name === 'q' || e.target.name === 'implementer') return;
  page = 1;
  refresh({ push: true });
});
document.getElementById('expand-all').addEventListener('click', () => { for (const d of document.querySelectorAll('#tree-body details')) d.open = true; });
document.getElementById('collapse-all').addEventListener('click', () => { for (const d of document.querySelectorAll('#tree-body details')) d.open = false; });
window.addEventListener('popstate', () => location.reload());
init();
