// Labour market: registered unemployment as SVG charts, each with its data table, source and revision.
import { api, query, h, t, fmtNumber, initLayout, showError } from '../core.js';
import { lineChart, barChart, dataTable, describeSource } from '../charts.js';

initLayout({ titleKey: 'labour.title' });
const COUNTY = '1203';
const FROM = '2015';
const body = id => document.querySelector(`#${id} .chart-body`);

async function section(id, build) {
  try {
    body(id).replaceChildren(...await build());
  } catch (e) {
    showError(body(id), e);
  }
}

const series = (indicator, breakdown = 'total', unit = COUNTY) =>
  api(`/api/v1/labour/series${query({ indicator, unit, from: FROM, breakdown })}`);

const countyTask = section('chart-county', async () => {
  const s = await series('registered_unemployed');
  const pts = s.points;
  const first = pts[0], last = pts[pts.length - 1];
  return [
    h('p', null, pts.length ? t('labour.countyLead', { from: first.period, to: last.period, a: fmtNumber(first.value), b: fmtNumber(last.value) }) : t('labour.noData')),
    h('figure', null, lineChart({
      label: t('labour.countyAlt', { from: first?.period ?? '', to: last?.period ?? '' }),
      series: [{ name: t('labour.registered'), points: pts.map(p => ({ x: p.period, y: p.value })) }],
    }), h('figcaption', null, `${s.indicator.name} (${s.indicator.unitOfMeasure}), ${t('labour.endOfYear')}`)),
    h('details.data-table', { open: true }, h('summary', null, t('labour.table')),
      dataTable({ id: 'table-county', caption: t('labour.countyTable'), headers: [t('labour.year'), t('labour.registered'), t('labour.revisionShort')],
        rows: pts.map(p => [p.period, fmtNumber(p.value), String(p.revision)]) })),
    describeSource(pts),
  ];
});

const gminyTask = section('chart-gminy', async () => {
  const latest = await api(`/api/v1/labour/latest${query({ indicator: 'registered_unemployed', unit: COUNTY, frequency: 'month' })}`);
  const period = latest.latest?.period;
  if (!period) return [h('p.muted', null, t('labour.noData'))];
  const cmp = await api(`/api/v1/labour/compare${query({ indicator: 'registered_unemployed', period, parent: COUNTY })}`);
  const values = cmp.values.filter(v => v.observation);
  const sorted = [...values].sort((a, b) => b.observation.value - a.observation.value);
  return [
    h('p', null, t('labour.gminyLead', { period, max: sorted[0]?.unit.name ?? '–', min: sorted[sorted.length - 1]?.unit.name ?? '–' })),
    h('figure', null, barChart({
      label: t('labour.gminyAlt', { period, list: values.map(v => `${v.unit.name} ${fmtNumber(v.observation.value)}`).join(', ') }),
      categories: values.map(v => v.unit.name),
      series: [{ name: t('labour.registered'), values: values.map(v => Number(v.observation.value)) }],
    }), h('figcaption', null, t('labour.gminyCaption', { period }))),
    h('details.data-table', { open: true }, h('summary', null, t('labour.table')),
      dataTable({ id: 'table-gminy', caption: t('labour.gminyTable', { period }), headers: [t('labour.gmina'), t('labour.teryt'), t('labour.registered'), t('labour.revisionShort')],
        rows: cmp.values.map(v => [v.unit.name, v.unit.teryt, v.observation ? fmtNumber(v.observation.value) : '–', v.observation ? String(v.observation.revision) : '–']) })),
    describeSource(values.map(v => v.observation)),
  ];
});

const sexTask = section('chart-sex', async () => {
  const [women, men] = await Promise.all([series('registered_unemployed', 'sex:female'), series('registered_unemployed', 'sex:male')]);
  const periods = [...new Set([...women.points, ...men.points].map(p => p.period))].sort();
  const w = new Map(women.points.map(p => [p.period, p])), m = new Map(men.points.map(p => [p.period, p]));
  const val = (map, p) => (map.has(p) ? Number(map.get(p).value) : null);
  return [
    h('figure', null, barChart({
      label: t('labour.sexAlt', { list: periods.map(p => `${p}: ${t('labour.women')} ${fmtNumber(val(w, p))}, ${t('labour.men')} ${fmtNumber(val(m, p))}`).join('; ') }),
      categories: periods, stacked: true,
      series: [{ name: t('labour.women'), values: periods.map(p => val(w, p)), colour: '#c8102e' }, { name: t('labour.men'), values: periods.map(p => val(m, p)), colour: '#1f4e8c' }],
    }), h('figcaption', null, t('labour.sexCaption'))),
    h('details.data-table', { open: true }, h('summary', null, t('labour.table')),
      dataTable({ id: 'table-sex', caption: t('labour.sexTable'), headers: [t('labour.year'), t('labour.women'), t('labour.men'), t('labour.womenShare'), t('labour.revisionShort')],
        rows: periods.map(p => {
          const a = val(w, p), b = val(m, p);
          return [p, fmtNumber(a), fmtNumber(b), a !== null && b !== null && a + b > 0 ? `${fmtNumber(a / (a + b) * 100, 1)}%` : '–',
            String(Math.max(w.get(p)?.revision ?? 0, m.get(p)?.revision ?? 0) || '–')];
        }) })),
    describeSource([...women.points, ...men.points]),
  ];
});

const longTask = section('chart-longterm', async () => {
  const [long, all] = await Promise.all([series('long_term_unemployed'), series('registered_unemployed')]);
  const totals = new Map(all.points.map(p => [p.period, p]));
  const rows = long.points.filter(p => totals.has(p.period)).map(p => ({ period: p.period, long: Number(p.value), total: Number(totals.get(p.period).value), share: Number(p.value) / Number(totals.get(p.period).value) * 100, revision: Math.max(p.revision, totals.get(p.period).revision) }));
  return [
    h('figure', null, lineChart({
      label: t('labour.longAlt', { list: rows.map(r => `${r.period}: ${fmtNumber(r.share, 1)}%`).join(', ') }),
      series: [{ name: t('labour.longShare'), points: rows.map(r => ({ x: r.period, y: Math.round(r.share * 10) / 10 })), colour: '#a35d00' }],
      ySuffix: '%', yMax: 100,
    }), h('figcaption', null, t('labour.longCaption'))),
    h('details.data-table', { open: true }, h('summary', null, t('labour.table')),
      dataTable({ id: 'table-longterm', caption: t('labour.longTable'), headers: [t('labour.year'), t('labour.longTermCount'), t('labour.registered'), t('labour.longShare'), t('labour.revisionShort')],
        rows: rows.map(r => [r.period, fmtNumber(r.long), fmtNumber(r.total), `${fmtNumber(r.share, 1)}%`, String(r.revision)]) })),
    describeSource([...long.points, ...all.points]),
  ];
});

await Promise.all([countyTask, gminyTask, sexTask, longTask]);
document.body.dataset.ready = 'true';
