// Reports: choose kind, strategy and period, start the job, watch its progress, read the HTML report in
// the page and download DOCX, PDF, CSV and XLSX; an analyst adds a foreword, edits the conclusions of the draft and
// publishes it (the public sees published reports only); earlier reports listed.
import { api, query, h, t, fmtDateTime, fmtPercent, initLayout, showError, currentUser, download, ApiError } from '../core.js';
import { loadStrategies, currentYearIn } from '../strategy-common.js';

const user = initLayout({ titleKey: 'reports.title' });
const form = document.getElementById('report-form');
const errors = document.getElementById('report-errors');
const FORMATS = ['html', 'docx', 'pdf', 'csv', 'xlsx'];
let strategies = [];
let pollTimer = null;
let watched = null;

// Reports are made by analysts (for strategies of their territory); others read the published ones.
const makesReports = ['analyst', 'admin'].includes(user?.role);
document.getElementById('r-signin-note').hidden = makesReports;
document.getElementById('r-start').hidden = !makesReports;

function fillYears(select, strategy, value) {
  select.replaceChildren();
  for (let y = strategy.periodTo; y >= strategy.periodFrom; y--) select.append(h('option', { value: y }, String(y)));
  select.value = String(value);
}

function strategyOf(id) { return strategies.find(s => s.id === id) || strategies[0]; }

function updatePeriodFields() {
  const kind = form.elements.kind.value;
  const strategy = strategyOf(form.elements.strategyId.value);
  if (!strategy) return;
  const yearly = kind === 'yearly-monitoring';
  document.getElementById('r-year-field').hidden = !yearly;
  document.getElementById('r-from-field').hidden = yearly;
  document.getElementById('r-to-field').hidden = yearly;
  fillYears(document.getElementById('r-year'), strategy, currentYearIn(strategy));
  fillYears(document.getElementById('r-from'), strategy, strategy.periodFrom);
  const to = kind === 'mid-term-evaluation' ? Math.floor((strategy.periodFrom + strategy.periodTo) / 2) : strategy.periodTo;
  fillYears(document.getElementById('r-to'), strategy, to);
}

const kindLabel = kind => t(`kind.${kind}`);
const periodOf = job => (job.year ? String(job.year) : `${job.from}–${job.to}`);
const strategyName = id => strategies.find(s => s.id === id)?.name ?? id;

async function init() {
  try {
    strategies = await loadStrategies();
  } catch (e) { showError(errors, e); }
  const select = document.getElementById('r-strategy');
  for (const s of strategies) select.append(h('option', { value: s.id }, s.name));
  updatePeriodFields();
  await loadList();
  const id = new URLSearchParams(location.search).get('report');
  if (id) watch(id);
  document.body.dataset.ready = 'true';
}

form.addEventListener('change', e => { if (e.target.name === 'kind' || e.target.name === 'strategyId') updatePeriodFields(); });

const fieldIds = { kind: 'r-kind', strategyId: 'r-strategy', year: 'r-year', from: 'r-from', to: 'r-to' };
form.addEventListener('submit', async e => {
  e.preventDefault();
  errors.replaceChildren();
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const kind = form.elements.kind.value;
  const body = { kind, strategyId: form.elements.strategyId.value || null };
  if (kind === 'yearly-monitoring') body.year = Number(form.elements.year.value);
  else { body.from = Number(form.elements.from.value); body.to = Number(form.elements.to.value); }
  const button = document.getElementById('r-start');
  button.disabled = true;
  try {
    const job = await api('/api/v1/reports', { method: 'POST', body });
    history.replaceState(null, '', `reports.html?report=${job.id}`);
    watch(job.id, job);
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) {
      const general = [];
      for (const [key, messages] of Object.entries(err.fieldErrors)) {
        const el = document.getElementById(fieldIds[key.replace(/^\w/, c => c.toLowerCase())] || '');
        if (el) {
          el.setAttribute('aria-invalid', 'true');
          const msg = h('div.field-error', { id: `${el.id}-error` }, messages.join(' '));
          el.insertAdjacentElement('afterend', msg);
          el.setAttribute('aria-describedby', msg.id);
        } else general.push(h('li', null, `${key}: ${messages.join(' ')}`));
      }
      errors.replaceChildren(h('div.alert.alert-error', { role: 'alert' }, h('strong', null, err.problem.title || t('error.title')), ' ', err.problem.detail || '', general.length ? h('ul', null, general) : null));
    } else showError(errors, err);
  } finally {
    button.disabled = false;
  }
});

function downloadLinks(job) {
  const available = new Map((job.artifacts || []).map(a => [a.format, a]));
  // Every table as its own CSV, in one ZIP (made from the XLSX).
  if (available.has('xlsx')) available.set('zip', { href: `/api/v1/reports/${job.id}/tables.zip` });
  return [...FORMATS, 'zip'].filter(f => available.has(f)).map(f => {
    const a = available.get(f);
    const href = a.href || `/api/v1/reports/${job.id}/content.${f}`;
    // The server names the file (kind, strategy, period); the name here is only a fallback for the signed-in download.
    const fileName = `raport.${f}`;
    return h('a.btn.btn-secondary', {
      href, download: true, 'data-format': f,
      onclick: ev => {
        if (!currentUser()) return; // public download: the browser follows the link
        ev.preventDefault();
        download(href, fileName).catch(err => showError(document.getElementById('job-error'), err));
      },
    }, f === 'zip' ? t('reports.downloadTables') : t('reports.download', { format: f.toUpperCase() }));
  });
}

function stateText(job) {
  return `${t(`reports.state.${job.state}`)}${job.stage && job.state !== 'succeeded' ? ` – ${job.stage}` : ''} (${fmtPercent((job.progress ?? 0) / 100, 0)})`;
}

function watch(id, job) {
  clearTimeout(pollTimer);
  watched = id;
  const section = document.getElementById('job');
  section.hidden = false;
  document.getElementById('job-downloads').replaceChildren();
  document.getElementById('job-error').replaceChildren();
  document.getElementById('job-draft').hidden = true;
  const frame = document.getElementById('report-frame');
  frame.hidden = true;
  frame.removeAttribute('srcdoc');
  document.body.dataset.reportState = 'running';
  if (job) show(job);
  poll(id);
  section.scrollIntoView({ block: 'nearest' });
}

const isAnalyst = () => ['analyst', 'admin'].includes(currentUser()?.role);
const publication = job => (job.published
  ? t('reports.published', { when: fmtDateTime(job.publishedAt) })
  : t('reports.draft', { version: job.version ?? 0 }));

/** The analyst's foreword, conclusions and "publish" for a finished draft. */
function showDraft(job) {
  const box = document.getElementById('job-draft');
  box.hidden = !(isAnalyst() && job.state === 'succeeded' && !job.published);
  if (box.hidden) { box.replaceChildren(); return; }
  const status = h('div', { role: 'status' });
  const field = (id, label, hint, value) => h('div.field', null, h('label', { for: id }, label), h('p.small.muted', { id: `${id}-hint` }, hint),
    h('textarea', { id, rows: 4, 'aria-describedby': `${id}-hint`, style: 'width:100%' }, value ?? ''));
  const send = async (request, button) => {
    button.disabled = true;
    try { watch(job.id, await request()); } catch (e) { showError(status, e); } finally { button.disabled = false; }
  };
  const save = h('button.btn', { type: 'submit', id: 'd-save' }, t('reports.saveDraft'));
  const publish = h('button.btn.btn-secondary', {
    type: 'button', id: 'd-publish',
    onclick: () => send(() => api(`/api/v1/reports/${job.id}/publish${query({ expectedVersion: job.version ?? 0 })}`, { method: 'POST' }), publish),
  }, t('reports.publish'));
  box.onsubmit = e => {
    e.preventDefault();
    send(() => api(`/api/v1/reports/${job.id}/draft`, {
      method: 'PUT',
      body: { foreword: document.getElementById('d-foreword').value, conclusions: document.getElementById('d-conclusions').value, expectedVersion: job.version ?? 0 },
    }), save);
  };
  box.replaceChildren(
    h('h3#draft-h', { style: 'margin-top:0' }, t('reports.draftTitle')),
    field('d-foreword', t('reports.foreword'), t('reports.forewordHint'), job.foreword),
    field('d-conclusions', t('reports.conclusions'), t('reports.conclusionsHint'), job.conclusions),
    h('p.btn-row', null, save, publish), h('p.small.muted', null, t('reports.publishNote')), status);
}

function show(job) {
  document.getElementById('job-title').textContent = `${kindLabel(job.kind)} · ${strategyName(job.strategyId)} · ${periodOf(job)}`;
  document.getElementById('job-publication').textContent = job.state === 'succeeded' ? publication(job) : '';
  const bar = document.getElementById('job-progress');
  bar.value = job.progress ?? 0;
  bar.setAttribute('aria-valuetext', `${job.progress ?? 0}%`);
  document.getElementById('job-state').textContent = stateText(job);
}

async function poll(id) {
  if (watched !== id) return;
  let job;
  try {
    job = await api(`/api/v1/reports/${encodeURIComponent(id)}`);
  } catch (e) {
    showError(document.getElementById('job-error'), e);
    document.body.dataset.reportState = 'error';
    return;
  }
  if (watched !== id) return;
  show(job);
  if (job.state === 'succeeded') {
    document.getElementById('job-downloads').replaceChildren(...downloadLinks(job));
    showDraft(job);
    await showHtml(job);
    document.body.dataset.reportState = 'succeeded';
    loadList();
  } else if (job.state === 'failed') {
    document.getElementById('job-error').replaceChildren(h('div.alert.alert-error', { role: 'alert' }, t('reports.failed'), ' ', job.error || ''));
    document.body.dataset.reportState = 'failed';
    loadList();
  } else {
    pollTimer = setTimeout(() => poll(id), 600);
  }
}

async function showHtml(job) {
  if (!(job.artifacts || []).some(a => a.format === 'html')) return;
  const frame = document.getElementById('report-frame');
  try {
    const html = await api(`/api/v1/reports/${job.id}/content.html`, { accept: 'text/html' });
    frame.setAttribute('sandbox', '');
    frame.srcdoc = typeof html === 'string' ? html : JSON.stringify(html);
    frame.title = `${t('reports.preview')}: ${kindLabel(job.kind)} ${periodOf(job)}`;
    frame.hidden = false;
  } catch (e) {
    showError(document.getElementById('job-error'), e);
  }
}

async function loadList() {
  const box = document.getElementById('reports-list');
  try {
    const page = await api(`/api/v1/reports${query({ pageSize: 20 })}`);
    const items = page.items ?? page;
    if (!items.length) { box.replaceChildren(h('p.muted', null, t('reports.none'))); return; }
    box.replaceChildren(h('div.table-wrap', null, h('table#reports-table', null,
      h('caption.visually-hidden', null, t('reports.earlier')),
      h('thead', null, h('tr', null, [t('reports.created'), t('reports.kind'), t('reports.strategy'), t('reports.period'), t('reports.stateCol'), t('reports.files')]
        .map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', null, items.map(job => h('tr', { dataset: { reportId: job.id } },
        h('td', null, fmtDateTime(job.createdAt)),
        h('td', null, kindLabel(job.kind)),
        h('td', null, strategyName(job.strategyId)),
        h('td', null, periodOf(job)),
        h('td', null, job.state === 'succeeded' ? publication(job) : stateText(job)),
        h('td', null, h('div.btn-row', null,
          job.state === 'succeeded' ? h('button.link-button', { type: 'button', onclick: () => { history.replaceState(null, '', `reports.html?report=${job.id}`); watch(job.id); } }, t('reports.open')) : null,
          ...(job.state === 'succeeded' ? downloadLinks(job).filter(a => a.dataset.format !== 'html').map(a => { a.className = ''; return a; }) : [])))))))));
    if (page.total > items.length) box.append(h('p.small.muted', null, t('reports.more', { n: items.length, total: page.total })));
  } catch (e) {
    showError(box, e);
  }
}

init();
