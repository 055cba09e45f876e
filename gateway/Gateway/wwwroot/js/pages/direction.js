// A direction of intervention: where it sits in the strategy, its yearly history and — for a
// coordinator — the form that records this year's entry (the API's field errors shown by the fields).
import { fill, api, query, h, s, t, fmtDateTime, initLayout, showError, param, currentUser, canRecordEntries, ApiError } from '../core.js';
import { STATUSES, statusChip, loadStrategies, currentYearIn, periodOptions, findNode } from '../strategy-common.js';

const user = initLayout({ titleKey: 'direction.title' });
const id = param('id');
let strategyId = param('strategy');
const statusBox = document.getElementById('direction-status');
let strategy = null;
let direction = null;
let history = [];

const periodKey = e => (e.yearFrom === e.yearTo ? String(e.yearFrom) : `${e.yearFrom}-${e.yearTo}`);
const periodQuery = key => (/-/.test(key) ? { yearFrom: key.split('-')[0], yearTo: key.split('-')[1] } : { year: key });
const periodText = key => key.replace('-', '–');

async function init() {
  if (!id) { showError(statusBox, new Error(t('direction.missingId'))); return; }
  try {
    let found = null;
    if (strategyId) {
      strategy = await api(`/api/v1/catalogue/strategies/${encodeURIComponent(strategyId)}`);
      found = findNode(strategy.tree, id);
    } else {
      for (const summary of await loadStrategies()) {
        const candidate = await api(`/api/v1/catalogue/strategies/${summary.id}`);
        found = findNode(candidate.tree, id);
        if (found) { strategy = candidate; strategyId = candidate.id; break; }
      }
    }
    if (!found) throw new ApiError(404, { title: t('direction.notFound'), detail: id });
    direction = found.node;
    renderHeader(found.path);
    await loadHistory();
    setUpForm();
  } catch (e) {
    showError(statusBox, e);
    document.getElementById('history-body').replaceChildren();
  }
  document.body.dataset.ready = 'true';
}

function renderHeader(path) {
  const back = document.getElementById('back-link');
  back.href = `strategy.html${query({ strategy: strategyId, year: param('year') })}`;
  document.getElementById('breadcrumb').replaceChildren(
    h('ol', { style: 'list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.3rem' },
      h('li', null, strategy.name, ' ›'),
      path.map((n, i) => h('li', null, `${n.code}. ${n.title.length > 70 ? `${n.title.slice(0, 70)}…` : n.title}${i < path.length - 1 ? ' ›' : ''}`))));
  document.getElementById('direction-title').textContent = `${direction.code}. ${direction.title}`;
  document.title = `${t('direction.title')} ${direction.code} – ${t('site.name')}`;
  const facts = [
    [t('strategy.implementers'), direction.implementers?.join(', ') || '–'],
    [t('strategy.areaWide'), direction.areaWide ? t('yes') : t('no')],
    [t('direction.strategyPeriod'), `${strategy.periodFrom}–${strategy.periodTo}`],
  ];
  if (direction.indicators?.length) facts.push([t('direction.indicators'), direction.indicators.map(i => `${i.indicatorCode} (${i.territorialUnit})`).join(', ')]);
  document.getElementById('direction-facts').replaceChildren(h('section.card', null,
    h('dl.facts', null, facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]))));
}

async function loadHistory() {
  history = await api(`/api/v1/catalogue/directions/${encodeURIComponent(id)}/entries`);
  renderTimeline();
  renderHistory();
}

/** The newest version per period, a withdrawal included (the next entry's expected version). */
function latestByPeriod() {
  const map = new Map();
  for (const e of history) {
    const key = periodKey(e);
    if (!map.has(key) || map.get(key).version < e.version) map.set(key, e);
  }
  return map;
}

/** The entries in force per period: the newest version unless it withdraws the entry. */
function currentByPeriod() {
  return new Map([...latestByPeriod()].filter(([, e]) => !e.withdrawn));
}

const STATUS_COLOURS = {
  completed: '#2e8b47', continuous: '#4caf6a', partial: '#e0a030', in_progress: '#f0c060',
  not_started: '#d9776f', not_realized: '#c0392b', abandoned: '#8e2a22',
};

function renderTimeline() {
  const current = currentByPeriod();
  const years = [];
  for (let y = strategy.periodFrom; y <= strategy.periodTo; y++) years.push(y);
  const cell = 64, width = Math.max(years.length * cell, 300), height = 64;
  const described = years.map(y => {
    const e = current.get(String(y));
    return `${y}: ${e ? (e.status ? t(`status.${e.status}`) : e.statusText || t('status.unmapped')) : t('status.missing')}`;
  }).join('; ');
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${t('direction.timeline')}: ${described}`, style: `max-width:${width}px` },
    s('title', {}, t('direction.timeline')),
    ...years.map((y, i) => {
      const e = current.get(String(y));
      return s('g', {},
        s('rect', { x: i * cell + 2, y: 4, width: cell - 4, height: 30, rx: 4, fill: e?.status ? STATUS_COLOURS[e.status] : '#e5e8ed', stroke: e ? 'none' : '#9aa3af', 'stroke-dasharray': e ? null : '3 2' }),
        s('text', { x: i * cell + cell / 2, y: 52, 'text-anchor': 'middle' }, String(y)));
    }));
  const whole = [...current.values()].filter(e => e.yearFrom !== e.yearTo);
  fill(document.getElementById('timeline'),
    h('figure', null, svg, h('figcaption', null, t('direction.timelineCaption'))),
    whole.length ? h('p', null, t('direction.wholePeriodEntries'), ' ', whole.map(e => h('span', null, `${periodText(periodKey(e))}: `, e.status ? statusChip(e.status) : h('span.chip', null, e.statusText || t('status.unmapped')), ' '))) : null);
}

function renderHistory() {
  const body = document.getElementById('history-body');
  if (!history.length) { body.replaceChildren(h('p.muted', { id: 'history-empty' }, t('direction.noHistory'))); return; }
  const current = currentByPeriod();
  const canWithdraw = canRecordEntries(user);
  const rows = [...history].sort((a, b) => b.yearTo - a.yearTo || b.yearFrom - a.yearFrom || b.version - a.version);
  body.replaceChildren(h('div.table-wrap', null, h('table#history-table', null,
    h('caption', null, t('direction.historyCaption')),
    h('thead', null, h('tr', null, [t('direction.periodShort'), t('direction.version'), t('strategy.status'), t('direction.realizedShort'),
      t('direction.descriptionShort'), t('strategy.implementers'), t('direction.recordedBy')].map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map(e => {
      const isCurrent = current.get(periodKey(e)) === e;
      return h('tr', { dataset: { period: periodKey(e), version: e.version, withdrawn: String(!!e.withdrawn) }, class: isCurrent ? null : 'muted' },
        h('td', null, periodText(periodKey(e))),
        h('td', null, String(e.version), isCurrent || e.withdrawn ? null : h('div.small', null, t('direction.superseded')),
          isCurrent && canWithdraw ? h('div', null, h('button.btn.btn-secondary.withdraw', { type: 'button', onclick: () => withdraw(e) }, t('direction.withdraw'))) : null),
        h('td', null, e.withdrawn ? h('span.chip.st-missing', null, t('direction.withdrawnChip'))
          : e.status ? statusChip(e.status) : h('span.chip', null, t('status.unmapped')), e.statusText ? h('div.small.muted', null, e.statusText) : null),
        h('td', null, e.realized === true ? t('yes') : e.realized === false ? t('no') : '–'),
        h('td', null,
          e.description ? h('p', { style: 'margin:0 0 .3rem;white-space:pre-line' }, e.description) : null,
          e.conclusions ? h('details', null, h('summary', null, t('direction.conclusionsShort')), h('p', { style: 'white-space:pre-line' }, e.conclusions)) : null,
          e.evidenceLinks?.length ? h('ul.small', null, e.evidenceLinks.map(l => h('li', null, h('a', { href: l, rel: 'noopener noreferrer' }, l)))) : null,
          !e.description && !e.conclusions && !e.evidenceLinks?.length ? '–' : null),
        h('td', null, e.implementers?.join(', ') || '–'),
        h('td.small', null, e.recordedBy, h('br'), fmtDateTime(e.recordedAt)));
    })))));
}

/** Withdraws an entry recorded by mistake: a new version says so; the history keeps both. */
async function withdraw(entry) {
  const key = periodKey(entry);
  if (!window.confirm(t('direction.withdrawConfirm', { period: periodText(key), v: entry.version }))) return;
  const result = document.getElementById('history-result');
  result.replaceChildren();
  document.body.dataset.busy = 'true';
  try {
    await api(`/api/v1/catalogue/directions/${encodeURIComponent(id)}/entries${query({ ...periodQuery(key), expectedVersion: entry.version })}`, { method: 'DELETE' });
    result.replaceChildren(h('div.alert.alert-ok', { role: 'status', id: 'withdraw-ok' }, t('direction.withdrawn', { period: periodText(key) })));
    await loadHistory();
    if (!document.getElementById('record').hidden) updateVersionHint();
  } catch (err) {
    showError(result, err);
    await loadHistory();
  } finally {
    delete document.body.dataset.busy;
  }
}

// ---------- the entry form ----------
const form = document.getElementById('entry-form');
const fieldIds = {
  year: 'e-year', yearFrom: 'e-year', yearTo: 'e-year', status: 'e-status', realized: 'e-realized', statusText: 'e-statusText',
  description: 'e-description', conclusions: 'e-conclusions', implementers: 'e-implementers', evidenceLinks: 'e-evidence',
};

function setUpForm() {
  if (!canRecordEntries(user)) {
    document.getElementById('record-signin').hidden = false;
    document.getElementById('signin-link').href = `signin.html?return=${encodeURIComponent(location.pathname + location.search + '#record')}`;
    if (user) document.querySelector('#record-signin p').textContent = t('direction.roleNeeded', { role: t(`role.${user.role}`) });
    return;
  }
  document.getElementById('record').hidden = false;
  const yearSelect = document.getElementById('e-year');
  yearSelect.replaceChildren(...periodOptions(strategy).map(([v, label]) => h('option', { value: v }, label)));
  const wanted = param('year');
  yearSelect.value = wanted && [...yearSelect.options].some(o => o.value === wanted) ? wanted : currentYearIn(strategy);
  const statusSelect = document.getElementById('e-status');
  for (const st of STATUSES) statusSelect.append(h('option', { value: st }, t(`status.${st}`)));
  document.getElementById('e-recorded-by').textContent = t('direction.recordedAs', { name: user.name });
  yearSelect.addEventListener('change', updateVersionHint);
  updateVersionHint();
  if (location.hash === '#record') document.getElementById('record').scrollIntoView();
}

function expectedVersion() {
  const e = latestByPeriod().get(document.getElementById('e-year').value);
  return e ? e.version : 0;
}

function updateVersionHint() {
  const v = expectedVersion();
  const inForce = currentByPeriod().has(document.getElementById('e-year').value);
  document.getElementById('e-version-hint').textContent = inForce
    ? t('direction.versionHint', { v }) : t('direction.firstEntry');
}

function clearErrors() {
  document.getElementById('form-errors').replaceChildren();
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); }
}

function showFieldErrors(error) {
  const general = [];
  let first = null;
  for (const [key, messages] of Object.entries(error.fieldErrors)) {
    const base = key.replace(/\[\d+\]$/, '').replace(/^\w/, c => c.toLowerCase());
    const el = document.getElementById(fieldIds[base] || '');
    const text = messages.join(' ');
    if (!el) { general.push(h('li', null, `${key}: ${text}`)); continue; }
    const msgId = `${el.id}-error`;
    let msg = document.getElementById(msgId);
    if (!msg) {
      msg = h('div.field-error', { id: msgId });
      el.insertAdjacentElement('afterend', msg);
    }
    msg.textContent = msg.textContent ? `${msg.textContent} ${text}` : text;
    el.setAttribute('aria-invalid', 'true');
    el.setAttribute('aria-describedby', msgId);
    first ??= el;
  }
  document.getElementById('form-errors').replaceChildren(h('div.alert.alert-error', { role: 'alert' },
    h('strong', null, error.problem.title || t('error.title')), ' ', error.problem.detail || '',
    general.length ? h('ul', null, general) : null));
  first?.focus();
}

const lines = text => text.split('\n').map(x => x.trim()).filter(Boolean);

form.addEventListener('submit', async e => {
  e.preventDefault();
  clearErrors();
  const data = new FormData(form);
  const period = String(data.get('year'));
  const m = /^(\d{4})-(\d{4})$/.exec(period);
  const realized = data.get('realized');
  const body = {
    ...(m ? { yearFrom: Number(m[1]), yearTo: Number(m[2]) } : { year: Number(period) }),
    status: data.get('status') || null,
    realized: realized === '' ? null : realized === 'true',
    statusText: String(data.get('statusText') || '').trim() || null,
    description: String(data.get('description') || '').trim() || null,
    conclusions: String(data.get('conclusions') || '').trim() || null,
    implementers: lines(String(data.get('implementers') || '')),
    evidenceLinks: lines(String(data.get('evidenceLinks') || '')),
    recordedBy: currentUser()?.name || user.name,
    expectedVersion: expectedVersion(),
  };
  const button = document.getElementById('e-submit');
  button.disabled = true;
  document.body.dataset.busy = 'true';
  const result = document.getElementById('record-result');
  result.replaceChildren();
  try {
    const entry = await api(`/api/v1/catalogue/directions/${encodeURIComponent(id)}/entries`, { method: 'POST', body });
    result.replaceChildren(h('div.alert.alert-ok', { role: 'status', id: 'record-ok' },
      t('direction.saved', { period: periodText(periodKey(entry)), version: entry.version })));
    form.reset();
    document.getElementById('e-year').value = period;
    await loadHistory();
    updateVersionHint();
  } catch (err) {
    if (err instanceof ApiError && err.status === 400 && Object.keys(err.fieldErrors).length) showFieldErrors(err);
    else if (err instanceof ApiError && err.status === 409) {
      document.getElementById('form-errors').replaceChildren(h('div.alert.alert-error', { role: 'alert' },
        h('strong', null, err.problem.title || t('error.title')), ' ', err.problem.detail || '', ' ', t('direction.conflict')));
      await loadHistory();
      updateVersionHint();
    } else showError(document.getElementById('form-errors'), err);
  } finally {
    button.disabled = false;
    delete document.body.dataset.busy;
  }
});

init();
