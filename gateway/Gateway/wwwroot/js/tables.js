// Data tables under the charts, and the same tables as CSV (for Polish Excel: UTF-8 with BOM, ';', decimal
// comma) or XLSX (ExcelJS, loaded from lib/xlsx.js only when a reader asks for it).
// A table model: { id, caption, sheet?, columns: [{ header, kind: 'text'|'int'|'decimal'|'percent' }], rows: [[value…]] }
// — rows hold raw values (numbers, strings, null for "no figure"); the page shows them formatted.
import { h, t, fmtNumber, saveBlob } from './core.js';

const NUMERIC = new Set(['int', 'decimal', 'percent']);

function display(value, kind) {
  if (value === null || value === undefined || value === '') return '–';
  if (kind === 'int') return fmtNumber(value);
  if (kind === 'decimal') return fmtNumber(value, 1, { fixed: true });
  if (kind === 'percent') return `${fmtNumber(value, 1, { fixed: true })}\u00a0%`;
  return String(value);
}

/** The table as HTML: the first column heads its row. */
export function dataTable(model) {
  return h('div.table-wrap', null, h('table', { id: model.id },
    h('caption', null, model.caption),
    h('thead', null, h('tr', null, model.columns.map((c, i) => h(i && NUMERIC.has(c.kind) ? 'th.num' : 'th', { scope: 'col' }, c.header)))),
    h('tbody', null, model.rows.map(r => h('tr', null, r.map((v, i) => {
      const kind = model.columns[i].kind;
      if (i === 0) return h('th', { scope: 'row' }, display(v, kind));
      return h(NUMERIC.has(kind) ? 'td.num' : 'td', null, display(v, kind));
    }))))));
}

const csvNumber = v => String(v).replace('.', ',');
function csvCell(value, kind) {
  if (value === null || value === undefined) return '';
  const text = NUMERIC.has(kind) && typeof value === 'number' ? csvNumber(value) : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV as Polish Excel opens it: BOM, ';' between fields, decimal comma, CRLF. */
export function toCsv(model) {
  const lines = [model.columns.map(c => csvCell(c.header, 'text')).join(';'),
    ...model.rows.map(r => r.map((v, i) => csvCell(v, model.columns[i].kind)).join(';'))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** File names without Polish letters or spaces: "bezrobotni-powiat-chrzanowski-2023-01-2026-11". */
export function fileSlug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

export function downloadCsv(model, name) {
  saveBlob(new Blob([toCsv(model)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
}

const FORMATS = { int: '#,##0', decimal: '#,##0.0', percent: '0.0" %"' };

/** One sheet per table: the caption as a title row, a bold frozen header, number formats, sensible widths. */
export async function toXlsx(models, { title } = {}) {
  const { ExcelJS } = await import('../lib/xlsx.js');
  const book = new ExcelJS.Workbook();
  book.creator = t('site.name');
  book.title = title || models[0]?.caption || '';
  book.created = new Date();
  const used = new Set();
  for (const model of models) {
    let name = (model.sheet || model.caption).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim();
    for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)} ${i}`;
    used.add(name);
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.addRow([model.caption]).font = { bold: true, size: 12 };
    const header = sheet.addRow(model.columns.map(c => c.header));
    header.font = { bold: true };
    header.eachCell(cell => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF4' } }; cell.border = { bottom: { style: 'thin' } }; });
    for (const r of model.rows) sheet.addRow(r.map(v => (v === null || v === undefined ? null : v)));
    model.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      if (FORMATS[c.kind]) column.numFmt = FORMATS[c.kind];
      const longest = Math.max(c.header.length, ...model.rows.map(r => String(r[i] ?? '').length));
      column.width = Math.min(60, Math.max(10, longest + 2));
    });
  }
  const buffer = await book.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export async function downloadXlsx(models, name, options) {
  saveBlob(await toXlsx(models, options), `${name}.xlsx`);
}

/** The "Pobierz CSV / XLSX" buttons under a table. */
export function downloads(model, name) {
  return h('p.downloads', null,
    h('button.btn.btn-secondary', { type: 'button', dataset: { download: 'csv' }, onclick: () => downloadCsv(model, name) }, t('download.csv')), ' ',
    h('button.btn.btn-secondary', { type: 'button', dataset: { download: 'xlsx' }, onclick: () => downloadXlsx([model], name) }, t('download.xlsx')));
}

