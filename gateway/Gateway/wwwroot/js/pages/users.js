// Administrators keep people's accounts: create (a one-time password shown once), reset a password, unlock,
// deactivate, turn the second factor off; the audit trail below lists every change.
import { api, h, initLayout, showError } from '../core.js';

const user = initLayout();
document.title = 'Użytkownicy – Platforma strategii rozwoju';
const status = document.getElementById('users-status');
const roles = { coordinator: 'koordynator', planner: 'planista', analyst: 'analityk', admin: 'administrator', 'labour-office': 'urząd pracy' };
const actions = {
  'reset-password': 'Nowe hasło jednorazowe', unlock: 'Odblokuj', deactivate: 'Wyłącz', activate: 'Włącz', 'reset-two-factor': 'Wyłącz drugi składnik',
};

function state(u) {
  if (u.deactivatedAt) return 'wyłączone';
  if (u.lockedUntil) return `zablokowane do ${new Date(u.lockedUntil).toLocaleTimeString('pl-PL', { hour: '2-digit', minute: '2-digit' })}`;
  if (u.mustChangePassword) return 'czeka na zmianę hasła jednorazowego';
  return u.twoFactor ? 'aktywne, z drugim składnikiem' : 'aktywne';
}

const auditActions = {
  created: 'założenie konta', updated: 'zmiana danych', 'password-reset': 'nowe hasło jednorazowe', 'password-changed': 'zmiana hasła',
  unlocked: 'odblokowanie', locked: 'blokada po nieudanych próbach', deactivated: 'wyłączenie', activated: 'włączenie',
  'two-factor-reset': 'wyłączenie drugiego składnika', 'two-factor-enabled': 'włączenie drugiego składnika', 'token-issued': 'token z wiersza poleceń',
};

function available(u) {
  if (u.deactivatedAt) return ['activate'];
  return ['reset-password', 'deactivate', ...(u.lockedUntil || u.failedAttempts > 0 ? ['unlock'] : []), ...(u.twoFactor ? ['reset-two-factor'] : [])];
}

function showPassword(login, password) {
  document.getElementById('one-time-password').replaceChildren(h('div.alert.alert-ok', { role: 'status', id: 'otp-notice' },
    `Hasło jednorazowe dla ${login}: `, h('code#otp-value', null, password),
    ' – przekaż je osobie bezpiecznie; jest pokazane tylko teraz, przy pierwszym logowaniu ustawi własne.'));
}

async function act(login, action) {
  try {
    const result = await api(`/api/v1/admin/users/${encodeURIComponent(login)}/${action}`, { method: 'POST' });
    if (result?.oneTimePassword) showPassword(login, result.oneTimePassword);
    await load();
  } catch (e) { showError(status, e); }
}

async function load() {
  const [{ items }, audit] = await Promise.all([api('/api/v1/admin/users'), api('/api/v1/admin/audit')]);
  document.querySelector('#users-table tbody').replaceChildren(...items.map(u => h('tr', { 'data-login': u.login },
    h('td', null, u.login), h('td', null, u.name), h('td', null, roles[u.role] || u.role), h('td', null, u.territory || 'cały kraj'),
    h('td.user-state', null, state(u)),
    h('td', null, available(u).map(a => h('button.link-button', { type: 'button', 'data-action': a, onclick: () => act(u.login, a) }, actions[a], ' '))))));
  document.querySelector('#audit-table tbody').replaceChildren(...audit.items.slice(0, 100).map(a => h('tr', { 'data-login': a.login, 'data-action': a.action },
    h('td', null, new Date(a.at).toLocaleString('pl-PL')), h('td', null, a.actor), h('td', null, a.login),
    h('td', null, auditActions[a.action] || a.action), h('td', null, a.details))));
}

if (user?.role !== 'admin') {
  status.replaceChildren(h('div.alert.alert-info', { role: 'status' }, 'Kontami użytkowników zarządza administrator platformy. Zaloguj się jako administrator.'));
} else {
  document.getElementById('users-admin').hidden = false;
  document.getElementById('user-form').addEventListener('submit', async e => {
    e.preventDefault();
    const errors = document.getElementById('user-form-errors');
    errors.replaceChildren();
    const form = new FormData(e.target);
    const body = Object.fromEntries(['login', 'name', 'role', 'territory', 'email'].map(k => [k, String(form.get(k) || '').trim()]));
    try {
      const created = await api('/api/v1/admin/users', { method: 'POST', body });
      showPassword(created.user.login, created.oneTimePassword);
      e.target.reset();
      await load();
    } catch (err) {
      showError(errors, err);
      // Each refused field named next to the form (the API answers problem details with errors per field).
      const fields = Object.entries(err.fieldErrors || {});
      if (fields.length) errors.append(h('ul#user-form-field-errors', null, fields.map(([f, reasons]) => h('li', null, `${f}: ${reasons.join(' ')}`))));
    }
  });
  try { await load(); } catch (e) { showError(status, e); }
}
document.body.dataset.ready = 'true';
