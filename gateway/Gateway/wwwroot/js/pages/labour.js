// Labour market: registered unemployment of a unit of the TERYT register chosen with the territory search,
// as SVG charts, each with its data table, source and revision; a comparison of the units within it (or of
// units the reader adds). Names come from the register, through the labour and territory APIs.
import { api, query, h, t, fmtNumber, initLayout, showError, showInfo, loadConfig, param } from '../core.js';
import { lineChart, barChart, dataTable, describeSource } from '../charts.js';
import { createTerritorySearch, loadUnit } from '../territory-search.js';

initLayout({ titleKey: 'labour.title' });
const FROM_YEAR = 2015;
const SECTIONS = ['chart-county', 'chart-gminy', 'chart-sex', 'chart-longterm'];
const body = id => document.querySelector(`#${id} .chart-body`);
const heading = id => document.querySelector(`#${id} h2`);
const statusBox = document.getElementById('labour-status');
const chips = document.getElementById('compare-chips');
const note = document.getElementById('compare-note');

let unit = null;       // the unit whose charts are shown (as the register answers it)
let compared = [];     // units the reader added to the comparison; none = the units within `unit`
let loadSeq = 0;

document.getElementById('labour-units').addEventListener('submit', e => e.preventDefault());
const unitSearch = createTerritorySearch(document.getElementById('unit-field'), {
  id: 'f-unit', label: t('labour.unit'),
  onChange: chosen => { unit = chosen; refresh({ push: true }); },
});
const compareSearch = createTerritorySearch(document.getElementById('compare-field'), {
  id: 'f-compare', label: t('labour.addCompared'),
  onChange: chosen => {
    if (!chosen) return;
    if (!compared.some(u => u.code === chosen.code)) compared = [...compared, chosen];
    compareSearch.clear();
    refresh({ push: true });
  },
});

/** "powiat chrzanowski", "gmina Skawina" (the register's display name), else the name. */
const nameOf = u => u.displayName || u.name;

function renderChips() {
  chips.hidden = compared.length === 0;
  chips.replaceChildren(...compared.map(u => h('li', { dataset: { code: u.code } }, nameOf(u),
    h('button', {
      type: 'button', 'aria-label': t('labour.removeCompared', { name: nameOf(u) }), title: t('labour.removeCompared', { name: nameOf(u) }),
      onclick: () => { compared = compared.filter(c => c.code !== u.code); refresh({ push: true }); document.getElementById('f-compare').focus(); },
    }, '×'))));
  note.textContent = compared.length ? t('labour.compareOwn') : t('labour.compareDefault');
}

/** Fills a chart's section, unless the reader has chosen other units meanwhile (a newer load owns the page). */
async function section(id, build, load) {
  try {
    const content = await build();
    if (load === loadSeq) body(id).replaceChildren(...content);
  } catch (e) {
    if (load === loadSeq) showError(body(id), e);
  }
}

const series = (indicator, breakdown, frequency) =>
  api(`/api/v1/labour/series${query({ indicator, unit: unit.code, from: frequency === 'month' ? `${FROM_YEAR}-01` : String(FROM_YEAR), breakdown })}`);

const when = frequency => t(frequency === 'month' ? 'labour.endOfMonth' : 'labour.endOfYear');
const periodHeader = frequency => t(frequency === 'month' ? 'labour.month' : 'labour.year');
const noData = () => [h('p.muted', null, t('labour.noDataFor', { unit: nameOf(unit) }))];

/** Yearly figures where the unit has them (a powiat), else monthly ones (a gmina reports monthly). */
async function totalSeries() {
  const yearly = await series('registered_unemployed', 'total', 'year');
  if (yearly.points.length) return { frequency: 'year', total: yearly };
  return { frequency: 'month', total: await series('registered_unemployed', 'total', 'month') };
}

function unitChart({ frequency, total }) {
  const pts = total.points;
  if (!pts.length) return noData();
  const first = pts[0], last = pts[pts.length - 1];
  return [
    h('p', null, t(frequency === 'month' ? 'labour.leadMonth' : 'labour.leadYear', { from: first.period, to: last.period, a: t('count.people', { n: first.value }), b: t('count.people', { n: last.value }) })),
    h('figure', null, lineChart({
      label: t('labour.unitAlt', { unit: nameOf(unit), from: first.period, to: last.period }),
      series: [{ name: t('labour.registered'), points: pts.map(p => ({ x: p.period, y: p.value })) }],
    }), h('figcaption', null, `${total.indicator.name} (${total.indicator.unitOfMeasure}), ${when(frequency)}`)),
    h('details.data-table', { open: true }, h('summary', null, t('labour.table')),
      dataTable({ id: 'table-county', caption: t('labour.unitTable', { unit: nameOf(unit), when: when(frequency) }),
        headers: [periodHeader(frequency), t('labour.registered'), t('labour.revisionShort')],
        rows: pts.map(p => [p.period, fmtNumber(p.value), String(p.revision)]) })),
    describeSource(pts),
  ];
}

/**
 * What the comparison shows: the units the reader added; else the units within the chosen one (a powiat's
 * gminy, a voivodeship's powiaty); else, for a unit with nothing under it, it and its neighbours.
 */
async function comparison() {
  if (compared.length) return { params: { units: compared.map(u => u.code) }, title: t('labour.compareChosen') };
  const details = await loadUnit(unit.code);
  const childLevel = Object.keys(details.children ?? {})[0];
  if (childLevel) return { params: { parent: unit.code }, title: byLevel(childLevel, unit) };
  if (unit.parentCode) {
    const parent = (await loadUnit(unit.parentCode)).unit;
    return { params: { parent: parent.code }, title: byLevel(unit.level, parent) };
  }
  return { params: { units: [unit.code] }, title: t('labour.compare') };
}
function byLevel(level, of) {
  const key = `labour.byLevel.${level}`;
  return t(t(key) === key ? 'labour.byLevel.other' : key, { unit: nameOf(of) });
}

/** The latest month with figures for the chosen unit (else its latest period), else for the first compared units. */
async function latestPeriod() {
  for (const code of [unit.code, ...compared.map(u => u.code)].slice(0, 4)) {
    for (const frequency of ['month', '']) {
      const latest = await api(`/api/v1/labour/latest${query({ indicator: 'registered_unemployed', unit: code, frequency })}`);
      if (latest.latest?.period) return latest.latest.period;
    }
  }
  return null;
}

/** Unit names in a chart: the short name when it tells the units apart, else the register's display name. */
function labels(units) {
  const counts = new Map();
  for (const u of units) counts.set(u.name, (counts.get(u.name) ?? 0) + 1);
  return units.map(u => (counts.get(u.name) > 1 ? nameOf(u) : u.name));
}

async function compareChart(load) {
  const { params, title } = await comparison();
  if (load === loadSeq) heading('chart-gminy').textContent = title;
  const period = await latestPeriod();
  if (!period) return [h('p.muted', null, t('labour.noData'))];
  const cmp = await api(`/api/v1/labour/compare${query({ indicator: 'registered_unemployed', period, ...params })}`);
  const names = labels(cmp.values.map(v => v.unit));
  const rows = cmp.values.map((v, i) => ({ ...v, label: names[i] }));
  const values = rows.filter(v => v.observation);
  const sorted = [...values].sort((a, b) => b.observation.value - a.observation.value);
  const caption = t(/^\d{4}$/.test(period) ? 'labour.captionYear' : 'labour.captionMonth', { period });
  return [
    !values.length ? h('p.muted', null, t('labour.noData'))
      : values.length === 1 ? h('p', null, t('labour.compareLeadOne', { period, unit: values[0].label, n: t('count.people', { n: values[0].observation.value }) }))
        : h('p', null, t('labour.compareLead', { period, max: sorted[0].label, min: sorted[sorted.length - 1].label })),
    values.length ? h('figure', null, barChart({
      label: t('labour.compareAlt', { period, list: values.map(v => `${v.label} ${fmtNumber(v.observation.value)}`).join(', ') }),
      categories: values.map(v => v.label),
      series: [{ name: t('labour.registered'), values: values.map(v => Number(v.observation.value)) }],
    }), h('figcaption', null, caption)) : null,
    h('details.data-table', { open: true }, h('summary', null, t('labour.table')),
      dataTable({ id: 'table-gminy', caption: t('labour.compareTable', { period }),
        headers: [t('labour.unitCol'), t('labour.teryt'), t('labour.registered'), t('labour.revisionShort')],
        rows: rows.map(v => [nameOf(v.unit), v.unit.teryt, v.observation ? fmtNumber(v.observation.value) : '–', v.observation ? String(v.observation.revision) : '–']) })),
    describeSource(values.map(v => v.observation)),
  ];
}

async function sexChart(frequency) {
  const [women, men] = await Promise.all([series('registered_unemployed', 'sex:female', frequency), series('registered_unemployed', 'sex:male', frequency)]);
  const periods = [...new Set([...women.points, ...men.points].map(p => p.period))].sort();
  if (!periods.length) return noData();
  const w = new Map(women.points.map(p => [p.period, p])), m = new Map(men.points.map(p => [p.period, p]));
  const val = (map, p) => (map.has(p) ? Number(map.get(p).value) : null);
  return [
    h('figure', null, barChart({
      label: t('labour.sexAlt', { list: periods.map(p => `${p}: ${t('labour.women')} ${fmtNumber(val(w, p))}, ${t('labour.men')} ${fmtNumber(val(m, p))}`).join('; ') }),
      categories: periods, stacked: true,
      series: [{ name: t('labour.women'), values: periods.map(p => val(w, p)), colour: '#c8102e' }, { name: t('labour.men'), values: periods.map(p => val(m, p)), colour: '#1f4e8c' }],
    }), h('figcaption', null, t('labour.sexCaption', { when: when(frequency) }))),
    h('details.data-table', { open: true }, h('summary', null, t('labour.table')),
      dataTable({ id: 'table-sex', caption: t('labour.sexTable', { unit: nameOf(unit), when: when(frequency) }),
        headers: [periodHeader(frequency), t('labour.women'), t('labour.men'), t('labour.womenShare'), t('labour.revisionShort')],
        rows: periods.map(p => {
          const a = val(w, p), b = val(m, p);
          return [p, fmtNumber(a), fmtNumber(b), a !== null && b !== null && a + b > 0 ? `${fmtNumber(a / (a + b) * 100, 1)}%` : '–',
            String(Math.max(w.get(p)?.revision ?? 0, m.get(p)?.revision ?? 0) || '–')];
        }) })),
    describeSource([...women.points, ...men.points]),
  ];
}

async function longTermChart({ frequency, total }) {
  const long = await series('long_term_unemployed', 'total', frequency);
  const totals = new Map(total.points.map(p => [p.period, p]));
  const rows = long.points.filter(p => totals.has(p.period)).map(p => ({ period: p.period, long: Number(p.value), total: Number(totals.get(p.period).value), share: Number(p.value) / Number(totals.get(p.period).value) * 100, revision: Math.max(p.revision, totals.get(p.period).revision) }));
  if (!rows.length) return noData();
  return [
    h('figure', null, lineChart({
      label: t('labour.longAlt', { list: rows.map(r => `${r.period}: ${fmtNumber(r.share, 1)}%`).join(', ') }),
      series: [{ name: t('labour.longShare'), points: rows.map(r => ({ x: r.period, y: Math.round(r.share * 10) / 10 })), colour: '#a35d00' }],
      ySuffix: '%', yMax: 100,
    }), h('figcaption', null, t('labour.longCaption'))),
    h('details.data-table', { open: true }, h('summary', null, t('labour.table')),
      dataTable({ id: 'table-longterm', caption: t('labour.longTable', { unit: nameOf(unit) }),
        headers: [periodHeader(frequency), t('labour.longTermCount'), t('labour.registered'), t('labour.longShare'), t('labour.revisionShort')],
        rows: rows.map(r => [r.period, fmtNumber(r.long), fmtNumber(r.total), `${fmtNumber(r.share, 1)}%`, String(r.revision)]) })),
    describeSource([...long.points, ...total.points]),
  ];
}

async function refresh({ push = false } = {}) {
  const q = query({ unit: unit?.code, compare: compared.map(u => u.code) });
  if (push) history.pushState(null, '', `labour.html${q}`); else history.replaceState(null, '', `labour.html${q}`);
  renderChips();
  statusBox.replaceChildren();
  if (!unit) {
    showInfo(statusBox, t('labour.chooseUnit'));
    for (const id of SECTIONS) body(id).replaceChildren();
    return;
  }
  const mine = ++loadSeq;
  document.body.dataset.busy = 'true';
  heading('chart-county').textContent = t('labour.registeredIn', { unit: nameOf(unit) });
  for (const id of SECTIONS) body(id).replaceChildren(h('p.muted', { role: 'status' }, t('loading')));
  try {
    const totals = totalSeries();
    await Promise.all([
      section('chart-county', async () => unitChart(await totals), mine),
      section('chart-gminy', () => compareChart(mine), mine),
      section('chart-sex', async () => sexChart((await totals).frequency), mine),
      section('chart-longterm', async () => longTermChart(await totals), mine),
    ]);
  } finally {
    if (mine === loadSeq) delete document.body.dataset.busy;
  }
}

/** The units named in the address (?unit=…&compare=…, else the deployment's default unit), from the register. */
async function fromAddress() {
  const code = param('unit') || (await loadConfig()).defaultUnit || '';
  const codes = (param('compare') || '').split(',').filter(Boolean);
  try {
    unit = await unitSearch.setValue(code || null);
    compared = (await Promise.all(codes.map(c => loadUnit(c)))).map(d => d.unit);
    await refresh();
  } catch (e) {
    // a code the register does not know: say so, and let the reader choose
    unit = null;
    compared = [];
    await refresh();
    showError(statusBox, e);
  }
}

window.addEventListener('popstate', fromAddress);
await fromAddress();
document.body.dataset.ready = 'true';
