// Charts drawn by Chart.js (bundled from npm into lib/charts.js at build time). Each chart is a canvas with
// role=img and a text alternative; the page puts the data table under every chart.
import { Chart } from '../lib/charts.js';
import { h, fmtNumber, locale } from './core.js';

export const PALETTE = ['#1f4e8c', '#c8102e', '#2e8b47', '#a35d00', '#6a3d9a', '#008b8b', '#5c6770', '#b5179e'];

Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || 'system-ui, sans-serif';
Chart.defaults.color = '#374151';
Chart.defaults.locale = locale;

const axisTitle = text => (text ? { display: true, text } : { display: false });

function canvasFor(label) {
  // The canvas is the image; its name carries the figures (the table below has them too).
  return h('canvas', { role: 'img', 'aria-label': label }, label);
}

function options({ xTitle, yTitle, ySuffix = '', yMax, stacked = false, legend, horizontal = false, onClick }) {
  const value = horizontal ? 'x' : 'y';
  return {
    indexAxis: horizontal ? 'y' : 'x',
    onClick: onClick ? (_, elements) => { if (elements[0]) onClick(elements[0].index, elements[0].datasetIndex); } : undefined,
    onHover: onClick ? (e, elements) => { e.native.target.style.cursor = elements.length ? 'pointer' : 'default'; } : undefined,
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { display: legend, position: 'bottom' },
      tooltip: { callbacks: { label: c => `${c.dataset.label}: ${c.parsed[value] === null ? '–' : fmtNumber(c.parsed[value], 2)}${ySuffix}` } },
    },
    scales: {
      [horizontal ? 'y' : 'x']: { stacked, title: axisTitle(horizontal ? yTitle : xTitle), grid: { display: false } },
      [value]: {
        stacked, beginAtZero: true, max: yMax, title: axisTitle(horizontal ? xTitle : yTitle),
        ticks: { callback: v => `${fmtNumber(v, Math.abs(v) < 10 && v % 1 ? 1 : 0)}${ySuffix}` },
      },
    },
  };
}

function draw(type, { label, labels, series, height, ...rest }) {
  const canvas = canvasFor(label);
  const box = h('div.chart-box', { dataset: { chart: type, points: String(labels.length) }, style: height ? `height:${height}px` : null }, canvas);
  const chart = new Chart(canvas, {
    type,
    data: {
      labels,
      datasets: series.map((se, i) => {
        const colour = se.colour || PALETTE[i % PALETTE.length];
        return {
          label: se.name, data: se.values, borderColor: colour, backgroundColor: type === 'line' ? colour : `${colour}d9`,
          borderWidth: type === 'line' ? 2.5 : 0, pointRadius: labels.length > 40 ? 0 : 3, spanGaps: true, tension: 0,
        };
      }),
    },
    options: options({ ...rest, legend: series.length > 1 }),
  });
  box.chart = chart;
  return box;
}

/** A line per series over the same labels (periods). series: [{ name, values: [number|null], colour? }]. */
export const lineChart = spec => draw('line', spec);

/** Bars per label; several series side by side or stacked. */
export const barChart = spec => draw('bar', spec);
