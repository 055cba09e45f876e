// SVG charts drawn here (no library): line and bar charts with axes, each an image with a text
// alternative; the page puts the data table under every chart.
import { s, h, t, fmtNumber, locale } from './core.js';

export const PALETTE = ['#1f4e8c', '#c8102e', '#2e8b47', '#a35d00', '#6a3d9a', '#008b8b'];

function niceMax(value) {
  if (value <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * exp >= value) return m * exp;
  return 10 * exp;
}

function frame({ width, height, label, yMax, ySuffix = '', margin }) {
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
  svg.append(s('title', {}, label));
  const grid = s('g', { class: 'grid' });
  const axis = s('g', { class: 'axis' });
  const ticks = 5;
  const plotH = height - margin.top - margin.bottom;
  for (let i = 0; i <= ticks; i++) {
    const v = yMax * i / ticks;
    const y = margin.top + plotH - plotH * i / ticks;
    grid.append(s('line', { x1: margin.left, x2: width - margin.right, y1: y, y2: y }));
    axis.append(s('text', { x: margin.left - 6, y: y + 4, 'text-anchor': 'end' }, `${fmtNumber(v, yMax < 10 ? 1 : 0)}${ySuffix}`));
  }
  axis.append(s('line', { x1: margin.left, x2: width - margin.right, y1: margin.top + plotH, y2: margin.top + plotH }));
  svg.append(grid, axis);
  return svg;
}

function legend(series) {
  if (series.length < 2) return null;
  return h('div.chart-legend', { 'aria-hidden': 'true' }, series.map((se, i) =>
    h('span', null, h('span.sw', { style: `background:${se.colour || PALETTE[i]}` }), se.name)));
}

/** series: [{ name, points: [{ x: label, y: number }] }] sharing the same x labels. */
export function lineChart({ label, series, ySuffix = '', yMax: fixedMax }) {
  const width = 640, height = 300, margin = { top: 16, right: 16, bottom: 36, left: 56 };
  const labels = series[0]?.points.map(p => p.x) ?? [];
  const yMax = fixedMax ?? niceMax(Math.max(0, ...series.flatMap(se => se.points.map(p => p.y ?? 0))));
  const svg = frame({ width, height, label, yMax, ySuffix, margin });
  const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
  const x = i => margin.left + (labels.length < 2 ? plotW / 2 : plotW * i / (labels.length - 1));
  const y = v => margin.top + plotH - plotH * v / yMax;
  const every = Math.ceil(labels.length / 12);
  labels.forEach((l, i) => { if (i % every === 0 || i === labels.length - 1) svg.append(s('text', { x: x(i), y: height - 14, 'text-anchor': 'middle' }, l)); });
  series.forEach((se, k) => {
    const colour = se.colour || PALETTE[k];
    const pts = se.points.map((p, i) => (p.y === null || p.y === undefined ? null : [x(i), y(p.y)])).filter(Boolean);
    svg.append(s('polyline', { class: 'series-line', stroke: colour, points: pts.map(p => p.join(',')).join(' ') }));
    se.points.forEach((p, i) => {
      if (p.y === null || p.y === undefined) return;
      svg.append(s('circle', { cx: x(i), cy: y(p.y), r: 3.5, fill: colour }, s('title', {}, `${se.name} ${p.x}: ${fmtNumber(p.y, 2)}${ySuffix}`)));
    });
  });
  return h('div', null, svg, legend(series));
}

/** Bars per category; several series are drawn side by side (grouped) or stacked. */
export function barChart({ label, categories, series, stacked = false, ySuffix = '' }) {
  const width = 640, height = 300, margin = { top: 16, right: 16, bottom: 48, left: 56 };
  const totals = categories.map((_, i) => stacked ? series.reduce((a, se) => a + (se.values[i] ?? 0), 0) : Math.max(...series.map(se => se.values[i] ?? 0)));
  const yMax = niceMax(Math.max(0, ...totals));
  const svg = frame({ width, height, label, yMax, ySuffix, margin });
  const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
  const band = plotW / Math.max(categories.length, 1);
  const barW = stacked ? band * 0.6 : band * 0.7 / series.length;
  const y = v => plotH * v / yMax;
  categories.forEach((c, i) => {
    const x0 = margin.left + band * i;
    svg.append(s('text', { x: x0 + band / 2, y: height - 28, 'text-anchor': 'middle' }, c));
    let stack = 0;
    series.forEach((se, k) => {
      const v = se.values[i] ?? 0;
      const colour = se.colour || PALETTE[k];
      const bx = stacked ? x0 + (band - barW) / 2 : x0 + band * 0.15 + barW * k;
      const by = margin.top + plotH - y(v) - (stacked ? y(stack) : 0);
      svg.append(s('rect', { x: bx, y: by, width: barW, height: Math.max(0, y(v)), fill: colour },
        s('title', {}, `${c}, ${se.name}: ${fmtNumber(v, 2)}${ySuffix}`)));
      if (!stacked && series.length === 1) svg.append(s('text', { x: bx + barW / 2, y: by - 4, 'text-anchor': 'middle' }, fmtNumber(v)));
      if (stacked) stack += v;
    });
  });
  return h('div', null, svg, legend(series));
}

/** The data table under a chart. */
export function dataTable({ caption, headers, rows, id }) {
  return h('div.table-wrap', null, h('table', { id },
    h('caption', null, caption),
    h('thead', null, h('tr', null, headers.map((x, i) => h(i ? 'th.num' : 'th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map(r => h('tr', null, r.map((c, i) => (i ? h('td.num', null, c) : h('th', { scope: 'row' }, c))))))));
}

export function describeSource(points) {
  const sources = [...new Set(points.map(p => p.source).filter(Boolean))];
  const revisions = points.map(p => p.revision).filter(r => r !== undefined);
  const maxRevision = revisions.length ? Math.max(...revisions) : null;
  const received = points.map(p => p.receivedAt).filter(Boolean).sort().pop();
  const batches = [...new Set(points.map(p => p.batchId).filter(Boolean))];
  return h('p.small.muted.source', null,
    h('strong', null, `${t('labour.source')}: `), sources.join('; ') || '–', '. ',
    h('strong', null, `${t('labour.revision')}: `), maxRevision === null ? '–' : (maxRevision === 1 ? t('labour.firstRevision') : t('labour.revisedUpTo', { n: maxRevision })), '. ',
    h('strong', null, `${t('labour.received')}: `), received ? new Date(received).toLocaleDateString(locale) : '–',
    batches.length ? ` (${t('labour.batch')}: ${batches.join(', ')})` : '', '.');
}
