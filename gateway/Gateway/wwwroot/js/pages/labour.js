// Labour market: registered unemployment of any unit of the TERYT register (and units the reader adds), monthly
// or yearly over a chosen span of years: the series, its structure (sex, age, duration…), the unit against its
// powiat, voivodeship and Poland, the units within it, the long-term share. Every chart has its data table,
// source and revision, and every table downloads as CSV or XLSX (all of them in one XLSX).
import { api, query, h, t, fmtNumber, initLayout, showError, showInfo, loadConfig, param, locale } from '../core.js';
import { lineChart, barChart } from '../charts.js';
import { dataTable, downloads, downloadXlsx, fileSlug } from '../tables.js';
import { createTerritorySearch, loadUnit } from '../territory-search.js';
import { periodLabel, unitSeries, chainOf } from '../labour-data.js';

initLayout({ titleKey: 'labour.title' });
const FIRST_YEAR = 2015;
const THIS_YEAR = new Date().getFullYear();
const SECTIONS = ['chart-series', 'chart-structure', 'chart-context', 'chart-units', 'chart-longterm'];
const DIMENSIONS = ['sex', 'age', 'duration', 'education', 'experience'];
const body = id => document.querySelector(`#${id} .chart-body`);
const heading = id => document.querySelector(`#${id} h2`);
const statusBox = document.getElementById('labour-status');
const chips = document.getElementById('compare-chips');
const note = document.getElementById('compare-note');
const fromSelect = document.getElementById('f-from');
const toSelect = document.getElementById('f-to');
const dimensionSelect = document.getElementById('f-dimension');

let unit = null;       // the unit whose charts are shown (as the register answers it)
let compared = [];     // units the reader added; none = the units within `unit`
let frequency = null;  // 'month' | 'year'; null = the unit's own (monthly when it has monthly figures)
let loadSeq = 0;
const shown = new Map(); // section id → the table models it shows (for "download all")

const years = [];
for (let y = THIS_YEAR; y >= FIRST_YEAR; y--) years.push(y);
fromSelect.replaceChildren(...years.map(y => h('option', { value: String(y) }, String(y))));
toSelect.replaceChildren(...years.map(y => h('option', { value: String(y) }, String(y))));
dimensionSelect.replaceChildren(...DIMENSIONS.map(d => h('option', { value: d }, t(`labour.dim.${d}`))));

document.getElementById('labour-units').addEventListener('submit', e => e.preventDefault());
for (const input of document.querySelectorAll('input[name=frequency]')) input.addEventListener('change', () => { frequency = input.value; refresh({ push: true }); });
for (const select of [fromSelect, toSelect, dimensionSelect]) select.addEventListener('change', () => refresh({ push: true }));
document.getElementById('download-all').addEventListener('click', () =>
  downloadXlsx([...shown.values()].flat(), fileSlug(`rynek-pracy-${nameOf(unit ?? { name: '' })}-${range().from}-${range().to}`), { title: t('labour.title') }));

const unitSearch = createTerritorySearch(document.getElementById('unit-field'), {
  id: 'f-unit', label: t('labour.unit'),
  onChange: chosen => { unit = chosen; frequency = null; refresh({ push: true }); },
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
const range = () => {
  const a = Number(fromSelect.value), b = Number(toSelect.value);
  return { from: Math.min(a, b), to: Math.max(a, b) };
};
const periodHeader = () => t(frequency === 'month' ? 'labour.month' : 'labour.year');
const when = () => t(frequency === 'month' ? 'labour.endOfMonth' : 'labour.endOfYear');
const periodCol = () => ({ header: periodHeader(), kind: 'text' });
const spanText = periods => (periods.length ? `${periodLabel(periods[0])} – ${periodLabel(periods[periods.length - 1])}` : '');
const fileName = what => fileSlug(`${what}-${nameOf(unit)}-${range().from}-${range().to}`);

function renderChips() {
  chips.hidden = compared.length === 0;
  chips.replaceChildren(...compared.map(u => h('li', { dataset: { code: u.code } }, nameOf(u),
    h('button', {
      type: 'button', 'aria-label': t('labour.removeCompared', { name: nameOf(u) }), title: t('labour.removeCompared', { name: nameOf(u) }),
      onclick: () => { compared = compared.filter(c => c.code !== u.code); refresh({ push: true }); document.getElementById('f-compare').focus(); },
    }, '×'))));
  note.textContent = compared.length ? t('labour.compareOwn') : t('labour.compareDefault');
}

/** A chart, its table (with downloads) and the source line; the table models are kept for "download all". */
function figure(id, { chart, caption, model, name, points }) {
  shown.set(id, [...(shown.get(id) ?? []), model]);
  return [
    chart ? h('figure', null, chart, h('figcaption', null, caption)) : null,
    h('details.data-table', { open: true }, h('summary', null, t('labour.table')), dataTable(model), downloads(model, name)),
    describeSource(points),
  ];
}

function describeSource(points) {
  const sources = [...new Set(points.map(p => p.source).filter(Boolean))];
  const revisions = points.map(p => p.revision).filter(r => r !== undefined);
  const maxRevision = revisions.length ? Math.max(...revisions) : null;
  const received = points.map(p => p.receivedAt).filter(Boolean).sort().pop();
  return h('p.small.muted.source', null,
    h('strong', null, `${t('labour.source')}: `), sources.join('; ') || '–', '. ',
    h('strong', null, `${t('labour.revision')}: `), maxRevision === null ? '–' : (maxRevision === 1 ? t('labour.firstRevision') : t('labour.revisedUpTo', { n: maxRevision })), '. ',
    h('strong', null, `${t('labour.received')}: `), received ? new Date(received).toLocaleDateString(locale, { timeZone: 'Europe/Warsaw' }) : '–', '.');
}

/** Fills a section unless the reader has chosen otherwise meanwhile (a newer load owns the page). */
async function section(id, build, load) {
  try {
    const content = await build();
    if (load === loadSeq) body(id).replaceChildren(...content.filter(Boolean));
  } catch (e) {
    if (load === loadSeq) showError(body(id), e);
  }
}

const series = (code, indicator = 'registered_unemployed', breakdown = 'total') =>
  unitSeries(code, indicator, breakdown, frequency, range());

/** The registered unemployed of the unit and of every unit the reader added, as lines over the same periods. */
async function seriesChart() {
  const units = [unit, ...compared];
  const all = await Promise.all(units.map(u => series(u.code)));
  const periods = [...new Set(all.flatMap(s => [...s.keys()]))].sort();
  if (!periods.length) return [h('p.muted', null, t('labour.noDataFor', { unit: nameOf(unit) }))];
  const first = all[0].get(periods[0]), last = all[0].get(periods[periods.length - 1]);
  const lead = first && last
    ? h('p', null, t(frequency === 'month' ? 'labour.leadMonth' : 'labour.leadYear', { from: periodLabel(periods[0]), to: periodLabel(periods[periods.length - 1]), a: t('count.people', { n: Number(first.value) }), b: t('count.people', { n: Number(last.value) }) }))
    : null;
  const names = units.map(nameOf);
  return [lead, ...figure('chart-series', {
    chart: lineChart({
      label: t('labour.seriesAlt', { units: names.join(', '), span: spanText(periods) }),
      labels: periods.map(p => periodLabel(p, true)),
      series: all.map((s, i) => ({ name: names[i], values: periods.map(p => (s.has(p) ? Number(s.get(p).value) : null)) })),
      xTitle: periodHeader(), yTitle: t('labour.people'),
    }),
    caption: t('labour.seriesCaption', { when: when() }),
    model: {
      id: 'table-series', sheet: t('labour.registered'), caption: t('labour.unitTable', { unit: names.join(', '), when: when() }),
      columns: [periodCol(), ...names.map(n => ({ header: n, kind: 'int' })), { header: t('labour.revisionShort'), kind: 'int' }],
      rows: periods.map(p => [periodLabel(p), ...all.map(s => (s.has(p) ? Number(s.get(p).value) : null)), Math.max(...all.map(s => s.get(p)?.revision ?? 0))]),
    },
    name: fileName('bezrobotni'),
    points: all.flatMap(s => [...s.values()]),
  })];
}

/** The chosen unit's figures in the bands of one breakdown (sex, age, duration…), stacked per period. */
async function structureChart(bands) {
  const dimension = dimensionSelect.value;
  heading('chart-structure').textContent = t('labour.structureOf', { dimension: t(`labour.dim.${dimension}`).toLocaleLowerCase(locale), unit: nameOf(unit) });
  const mine = bands.filter(b => b.code.startsWith(`${dimension}:`));
  const all = await Promise.all(mine.map(b => series(unit.code, 'registered_unemployed', b.code)));
  const periods = [...new Set(all.flatMap(s => [...s.keys()]))].sort();
  if (!periods.length) return [h('p.muted', null, t('labour.noStructure', { dimension: t(`labour.dim.${dimension}`).toLocaleLowerCase(locale), unit: nameOf(unit) }))];
  const value = (s, p) => (s.has(p) ? Number(s.get(p).value) : null);
  const sum = p => all.reduce((a, s) => a + (value(s, p) ?? 0), 0);
  return figure('chart-structure', {
    chart: barChart({
      label: t('labour.structureAlt', { dimension: t(`labour.dim.${dimension}`).toLocaleLowerCase(locale), unit: nameOf(unit), span: spanText(periods) }),
      labels: periods.map(p => periodLabel(p, true)), stacked: true,
      series: mine.map((b, i) => ({ name: b.name, values: periods.map(p => value(all[i], p)) })),
      xTitle: periodHeader(), yTitle: t('labour.people'),
    }),
    caption: t('labour.structureCaption', { when: when() }),
    model: {
      id: 'table-structure', sheet: t(`labour.dim.${dimension}`), caption: t('labour.structureTable', { dimension: t(`labour.dim.${dimension}`).toLocaleLowerCase(locale), unit: nameOf(unit), when: when() }),
      columns: [periodCol(), ...mine.map(b => ({ header: b.name, kind: 'int' })), { header: t('labour.sum'), kind: 'int' }],
      rows: periods.map(p => [periodLabel(p), ...all.map(s => value(s, p)), sum(p)]),
    },
    name: fileName(`struktura-${dimension}`),
    points: all.flatMap(s => [...s.values()]),
  });
}

/**
 * The unit against the units above it (powiat, voivodeship, Poland): the unemployment rate where GUS gives one
 * (powiaty and up), and the registered unemployed as an index (first period = 100) for every unit with figures.
 */
async function contextChart() {
  const chain = await chainOf(unit);
  heading('chart-context').textContent = t('labour.contextOf', { unit: nameOf(unit) });
  const [rates, counts] = await Promise.all([
    Promise.all(chain.map(u => series(u.code, 'unemployment_rate'))),
    Promise.all(chain.map(u => series(u.code))),
  ]);
  const out = [];
  const withRate = chain.map((u, i) => ({ u, s: rates[i] })).filter(x => x.s.size);
  if (withRate.length) {
    const periods = [...new Set(withRate.flatMap(x => [...x.s.keys()]))].sort();
    if (!rates[0].size) out.push(h('p.small.muted', null, t('labour.noRateFor', { unit: nameOf(unit) })));
    out.push(...figure('chart-context', {
      chart: lineChart({
        label: t('labour.rateAlt', { units: withRate.map(x => nameOf(x.u)).join(', '), span: spanText(periods) }),
        labels: periods.map(p => periodLabel(p, true)), ySuffix: '\u00a0%',
        series: withRate.map(x => ({ name: nameOf(x.u), values: periods.map(p => (x.s.has(p) ? Number(x.s.get(p).value) : null)) })),
        xTitle: periodHeader(), yTitle: t('labour.ratePercent'),
      }),
      caption: t('labour.rateCaption'),
      model: {
        id: 'table-rate', sheet: t('labour.rate'), caption: t('labour.rateTable', { when: when() }),
        columns: [periodCol(), ...withRate.map(x => ({ header: nameOf(x.u), kind: 'decimal' }))],
        rows: periods.map(p => [periodLabel(p), ...withRate.map(x => (x.s.has(p) ? Number(x.s.get(p).value) : null))]),
      },
      name: fileName('stopa-bezrobocia'),
      points: withRate.flatMap(x => [...x.s.values()]),
    }));
  }
  const withCounts = chain.map((u, i) => ({ u, s: counts[i] })).filter(x => x.s.size >= 2);
  if (withCounts.length >= 2) {
    const periods = [...new Set(withCounts.flatMap(x => [...x.s.keys()]))].sort();
    const index = (s, p) => {
      const base = [...s.values()][0];
      return s.has(p) && Number(base.value) ? Math.round(Number(s.get(p).value) / Number(base.value) * 1000) / 10 : null;
    };
    out.push(...figure('chart-context', {
      chart: lineChart({
        label: t('labour.indexAlt', { units: withCounts.map(x => nameOf(x.u)).join(', '), span: spanText(periods) }),
        labels: periods.map(p => periodLabel(p, true)),
        series: withCounts.map(x => ({ name: nameOf(x.u), values: periods.map(p => index(x.s, p)) })),
        xTitle: periodHeader(), yTitle: t('labour.indexAxis'),
      }),
      caption: t('labour.indexCaption'),
      model: {
        id: 'table-index', sheet: t('labour.indexSheet'), caption: t('labour.indexTable', { when: when() }),
        columns: [periodCol(), ...withCounts.map(x => ({ header: nameOf(x.u), kind: 'decimal' }))],
        rows: periods.map(p => [periodLabel(p), ...withCounts.map(x => index(x.s, p))]),
      },
      name: fileName('indeks-bezrobocia'),
      points: withCounts.flatMap(x => [...x.s.values()]),
    }));
  }
  return out.length ? out : [h('p.muted', null, t('labour.noContext', { unit: nameOf(unit) }))];
}

/**
 * The units compared at the latest period shown: those the reader added; else the units within the chosen one
 * (a powiat's gminy, a voivodeship's powiaty); else, for a unit with nothing under it, it and its neighbours.
 */
async function comparison() {
  if (compared.length) return { params: { units: [unit.code, ...compared.map(u => u.code)] }, title: t('labour.compareChosen') };
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

/** Unit names in a chart: the short name when it tells the units apart, else the register's display name. */
function labels(units) {
  const counts = new Map();
  for (const u of units) counts.set(u.name, (counts.get(u.name) ?? 0) + 1);
  return units.map(u => (counts.get(u.name) > 1 ? nameOf(u) : u.name));
}

/** The latest of the periods shown (newest first, a year's worth at most) at which the compared units have figures. */
async function latestCompared(periods, params) {
  let first = null;
  for (const period of periods.slice(0, 13)) {
    const cmp = await api(`/api/v1/labour/compare${query({ indicator: 'registered_unemployed', period, ...params })}`);
    if (cmp.values.some(v => v.observation)) return { period, cmp };
    first ??= { period, cmp };
  }
  return first; // none has figures: the units are still listed, each without one
}

async function unitsChart(load, periods) {
  const { params, title } = await comparison();
  if (load === loadSeq) heading('chart-units').textContent = title;
  if (!periods.length) return [h('p.muted', null, t('labour.noData'))];
  const { period: latestShown, cmp } = await latestCompared(periods, params);
  const names = labels(cmp.values.map(v => v.unit));
  const rows = cmp.values.map((v, i) => ({ ...v, label: names[i] }));
  const values = rows.filter(v => v.observation);
  const sorted = [...values].sort((a, b) => b.observation.value - a.observation.value);
  return [
    latestShown === periods[0] ? null : h('p.small.muted', null, t('labour.unitsEarlier', { latest: periodLabel(periods[0]), period: periodLabel(latestShown) })),
    !values.length ? h('p.muted', null, t('labour.noDataAt', { period: periodLabel(latestShown) }))
      : values.length === 1 ? h('p', null, t('labour.compareLeadOne', { period: periodLabel(latestShown), unit: values[0].label, n: t('count.people', { n: Number(values[0].observation.value) }) }))
      : h('p', null, t('labour.compareLead', { period: periodLabel(latestShown), max: sorted[0].label, min: sorted[sorted.length - 1].label })),
    ...figure('chart-units', {
      chart: values.length === 0 ? null : barChart({
        label: t('labour.compareAlt', { period: periodLabel(latestShown), list: values.map(v => `${v.label} ${fmtNumber(v.observation.value)}`).join(', ') }),
        labels: values.map(v => v.label),
        series: [{ name: t('labour.registered'), values: values.map(v => Number(v.observation.value)) }],
        yTitle: t('labour.people'),
      }),
      caption: t(frequency === 'month' ? 'labour.captionMonth' : 'labour.captionYear', { period: periodLabel(latestShown) }),
      model: {
        id: 'table-units', sheet: t('labour.unitsSheet'), caption: t('labour.compareTable', { period: periodLabel(latestShown) }),
        columns: [{ header: t('labour.unitCol'), kind: 'text' }, { header: t('labour.teryt'), kind: 'text' }, { header: t('labour.registered'), kind: 'int' }, { header: t('labour.revisionShort'), kind: 'int' }],
        rows: rows.map(v => [nameOf(v.unit), v.unit.teryt, v.observation ? Number(v.observation.value) : null, v.observation?.revision ?? null]),
      },
      name: fileName(`jednostki-${latestShown}`),
      points: values.map(v => v.observation),
    }),
  ];
}

async function longTermChart() {
  const [long, total] = await Promise.all([series(unit.code, 'long_term_unemployed'), series(unit.code)]);
  const periods = [...long.keys()].filter(p => total.has(p)).sort();
  if (!periods.length) return [h('p.muted', null, t('labour.noDataFor', { unit: nameOf(unit) }))];
  const rows = periods.map(p => {
    const l = Number(long.get(p).value), all = Number(total.get(p).value);
    return { period: p, long: l, total: all, share: all ? Math.round(l / all * 1000) / 10 : null, revision: Math.max(long.get(p).revision, total.get(p).revision) };
  });
  return figure('chart-longterm', {
    chart: lineChart({
      label: t('labour.longAlt', { list: rows.map(r => `${periodLabel(r.period)}: ${fmtNumber(r.share, 1)}%`).join(', ') }),
      labels: periods.map(p => periodLabel(p, true)), ySuffix: '\u00a0%', yMax: 100,
      series: [{ name: t('labour.longShare'), values: rows.map(r => r.share), colour: '#a35d00' }],
      xTitle: periodHeader(), yTitle: t('labour.sharePercent'),
    }),
    caption: t('labour.longCaption'),
    model: {
      id: 'table-longterm', sheet: t('labour.longTermCount'), caption: t('labour.longTable', { unit: nameOf(unit) }),
      columns: [periodCol(), { header: t('labour.longTermCount'), kind: 'int' }, { header: t('labour.registered'), kind: 'int' }, { header: t('labour.longShare'), kind: 'percent' }, { header: t('labour.revisionShort'), kind: 'int' }],
      rows: rows.map(r => [periodLabel(r.period), r.long, r.total, r.share, r.revision]),
    },
    name: fileName('dlugotrwale-bezrobotni'),
    points: [...long.values(), ...total.values()],
  });
}

/** Monthly when the unit (or a compared one) has monthly figures, else yearly. */
async function ownFrequency() {
  for (const code of [unit.code, ...compared.map(u => u.code)].slice(0, 4)) {
    const latest = await api(`/api/v1/labour/latest${query({ indicator: 'registered_unemployed', unit: code, frequency: 'month' })}`);
    if (latest.latest?.period) return 'month';
  }
  return 'year';
}

function syncControls() {
  for (const input of document.querySelectorAll('input[name=frequency]')) input.checked = input.value === frequency;
}

async function refresh({ push = false } = {}) {
  renderChips();
  statusBox.replaceChildren();
  shown.clear();
  if (!unit) {
    writeAddress(push);
    showInfo(statusBox, t('labour.chooseUnit'));
    for (const id of SECTIONS) body(id).replaceChildren();
    return;
  }
  const mine = ++loadSeq;
  document.body.dataset.busy = 'true';
  heading('chart-series').textContent = t('labour.registeredIn', { unit: nameOf(unit) });
  for (const id of SECTIONS) body(id).replaceChildren(h('p.muted', { role: 'status' }, t('loading')));
  try {
    frequency ??= await ownFrequency();
    syncControls();
    writeAddress(push);
    const [indicators, total] = await Promise.all([api('/api/v1/labour/indicators'), series(unit.code)]);
    const newestFirst = [...total.keys()].sort().reverse();
    await Promise.all([
      section('chart-series', seriesChart, mine),
      section('chart-structure', () => structureChart(indicators.breakdowns), mine),
      section('chart-context', contextChart, mine),
      section('chart-units', () => unitsChart(mine, newestFirst), mine),
      section('chart-longterm', longTermChart, mine),
    ]);
  } catch (e) {
    if (mine === loadSeq) showError(statusBox, e);
  } finally {
    if (mine === loadSeq) delete document.body.dataset.busy;
  }
}

function writeAddress(push) {
  const { from, to } = range();
  const q = query({
    unit: unit?.code, compare: compared.map(u => u.code), frequency: frequency ?? undefined,
    from: from === FIRST_YEAR ? undefined : from, to: to === THIS_YEAR ? undefined : to,
    dimension: dimensionSelect.value === DIMENSIONS[0] ? undefined : dimensionSelect.value,
  });
  if (push) history.pushState(null, '', `labour.html${q}`); else history.replaceState(null, '', `labour.html${q}`);
}

/** The choice named in the address (?unit=…&compare=…&frequency=…&from=…&to=…&dimension=…), else the deployment's default unit. */
async function fromAddress() {
  const code = param('unit') || (await loadConfig()).defaultUnit || '';
  const codes = (param('compare') || '').split(',').filter(Boolean);
  frequency = ['month', 'year'].includes(param('frequency')) ? param('frequency') : null;
  fromSelect.value = String(years.includes(Number(param('from'))) ? Number(param('from')) : FIRST_YEAR);
  toSelect.value = String(years.includes(Number(param('to'))) ? Number(param('to')) : THIS_YEAR);
  dimensionSelect.value = DIMENSIONS.includes(param('dimension')) ? param('dimension') : DIMENSIONS[0];
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
