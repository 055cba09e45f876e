// Shared by every page of the portal: language, sign-in state, the REST client, the page frame.
// Plain ES module, no build step, no outside host: everything comes from the gateway itself.
import { dictionary } from './i18n.js';
import { TOKEN_KEY, startSignIn, completeSignIn, refreshIfNeeded, clearTokens, signOutEverywhere, hasRefreshToken } from './oidc.js';

export { completeSignIn };

// ---------- language ----------
const LANG_KEY = 'portal.lang';
export const lang = (() => {
  const stored = localStorage.getItem(LANG_KEY);
  return stored === 'en' ? 'en' : 'pl';
})();
export const locale = lang === 'en' ? 'en-GB' : 'pl-PL';

const pluralRules = new Intl.PluralRules(lang === 'en' ? 'en' : 'pl');

/**
 * Text for a key in the chosen language (Polish when no translation exists); {name} placeholders filled from args.
 * An entry whose text is an object holds plural forms ({ one, few, many } in Polish: 1 wiersz, 2 wiersze, 5 wierszy);
 * args.n chooses the form and is printed with the number format.
 */
export function t(key, args) {
  const entry = dictionary[key];
  let text = entry ? (entry[lang] ?? entry.pl) : key;
  if (text && typeof text === 'object') {
    const n = Number(args?.n ?? 0);
    text = text[Number.isInteger(n) ? pluralRules.select(n) : 'other'] ?? text.many ?? text.other;
    args = { ...args, n: fmtNumber(n) };
  }
  if (args) for (const [k, v] of Object.entries(args)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

/** Translate the static page: [data-i18n] text, [data-i18n-attr="attr:key;attr:key"] attributes. */
export function translatePage(root = document) {
  document.documentElement.lang = lang;
  if (lang === 'pl') return;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const entry = dictionary[el.dataset.i18n];
    if (entry?.en) el.textContent = entry.en;
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map(s => s.trim());
      const entry = dictionary[key];
      if (attr && entry?.en) el.setAttribute(attr, entry.en);
    }
  }
}

// ---------- formatting ----------
const numberFormats = new Map();
/** fixed: always `digits` decimals ("5,0" in a column of rates), else up to `digits`. */
export function fmtNumber(value, digits = 0, { fixed = false } = {}) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '–';
  const key = `${digits}${fixed ? 'f' : ''}`;
  // Grouping always: Polish CLDR leaves 4-digit numbers ungrouped ("4851"), the reports write "4 851".
  if (!numberFormats.has(key)) numberFormats.set(key, new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: fixed ? digits : 0, useGrouping: 'always' }));
  return numberFormats.get(key).format(Number(value));
}
/** "82,6 %" as the reports write it (a non-breaking space before the sign in Polish). */
export function fmtPercent(fraction, digits = 1) {
  if (fraction === null || fraction === undefined) return '–';
  return `${fmtNumber(fraction * 100, digits)}${lang === 'en' ? '' : '\u00a0'}%`;
}
export function fmtDateTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Warsaw' });
}

/** Build DOM: h('tag.class#id', {attrs}, children…). Strings become text nodes (never HTML). */
export function h(spec, attrs, ...children) {
  const [, tag = 'div', rest = ''] = /^([a-z0-9-]+)?(.*)$/i.exec(spec);
  const el = document.createElement(tag);
  for (const m of rest.matchAll(/([.#])([\w-]+)/g)) {
    if (m[1] === '.') el.classList.add(m[2]); else el.id = m[2];
  }
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}
/** Replaces an element's children, leaving out null/false (conditional parts). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
export const svgNS = 'http://www.w3.org/2000/svg';
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

// ---------- identity (the gateway's OpenID Connect provider; see oidc.js) ----------
function decodeJwt(token) {
  try {
    const part = token.split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, c => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

/** The signed-in person from the access token in sessionStorage, or null (none or unreadable). */
export function currentUser() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = decodeJwt(token);
  // Expired with no way to refresh: the session is over.
  if (!claims || (claims.exp && claims.exp * 1000 < Date.now() && !hasRefreshToken())) {
    clearTokens();
    return null;
  }
  const role = Array.isArray(claims.role) ? claims.role[0] : claims.role;
  return { token, subject: claims.sub, name: claims.name || claims.sub, role, territory: claims.territory || '', expires: claims.exp };
}
/** Goes to the sign-in with login and password, then back to this page (or returnTo). */
export function signIn(returnTo = location.pathname + location.search) { return startSignIn(returnTo); }
export function signOut() { return signOutEverywhere(); }
export const canRecordEntries = user => !!user && (user.role === 'coordinator' || user.role === 'admin');

// ---------- REST client ----------
/** An answer the API refused: RFC 9457 problem details (title, detail, errors per field). */
export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.url = url;
  }
  get fieldErrors() { return this.problem.errors || {}; }
}

/**
 * Calls the gateway's REST API. The bearer token goes with writes (and with reads when signed in,
 * so a service can scope what it shows). Errors become ApiError with the problem details.
 */
export async function api(path, { method = 'GET', body, accept = 'application/json', raw = false } = {}) {
  const headers = { Accept: accept };
  let user = currentUser();
  // An access token about to expire is refreshed first (the session lasts a working day).
  if (user && !(await refreshIfNeeded(user.expires))) user = null;
  else if (user) user = currentUser();
  if (user) headers.Authorization = `Bearer ${user.token}`;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload });
  } catch (e) {
    throw new ApiError(0, { title: t('error.network'), detail: String(e.message || e) }, path);
  }
  if (!response.ok) {
    let problem = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) { try { problem = await response.json(); } catch { /* not JSON after all */ } }
    if (!problem) problem = { title: `${response.status} ${response.statusText}`, detail: await response.text().catch(() => '') };
    if (response.status === 401 && user) {
      clearTokens();
      problem.detail = `${problem.detail || ''} ${t('error.signedOut')}`.trim();
    }
    throw new ApiError(response.status, problem, path);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** Query string from an object, leaving out empty values; arrays are joined with commas. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Saves a Blob as a file through a temporary link (works for authenticated downloads too). */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Fetches a protected file with the bearer token and saves it. */
/** Saves a file under the name the server gives it (Content-Disposition), else <fileName>. */
export async function download(path, fileName) {
  const response = await api(path, { accept: '*/*', raw: true });
  saveBlob(await response.blob(), dispositionName(response) || fileName);
}

function dispositionName(response) {
  const header = response.headers.get('content-disposition') || '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : null;
}

// ---------- messages ----------
export function showError(container, error) {
  container.replaceChildren(h('div.alert.alert-error', { role: 'alert' },
    h('strong', null, error?.problem?.title || t('error.title')), ' ',
    error?.problem?.detail || error?.message || String(error)));
}
export function showInfo(container, text) {
  container.replaceChildren(h('div.alert.alert-info', { role: 'status' }, text));
}
export function loading(container) {
  container.replaceChildren(h('p.muted', { role: 'status' }, t('loading')));
}

// ---------- the page frame ----------
const NAV = [
  ['zones.html', 'nav.zones'],
  ['strategy.html', 'nav.strategy'],
  ['labour.html', 'nav.labour'],
  ['reports.html', 'nav.reports'],
];
const ADMIN_NAV = [['users.html', 'nav.users']];

/** Header with navigation, language switch and the signed-in person; footer. Call first on every page. */
export function initLayout({ titleKey } = {}) {
  translatePage();
  if (titleKey) document.title = `${t(titleKey)} – ${t('site.name')}`;
  const here = location.pathname.split('/').pop() || 'index.html';
  const user = currentUser();
  const header = document.getElementById('site-header');
  const langButton = h('button.link-button', {
    type: 'button', lang: lang === 'pl' ? 'en' : 'pl',
    onclick: () => { localStorage.setItem(LANG_KEY, lang === 'pl' ? 'en' : 'pl'); location.reload(); },
  }, lang === 'pl' ? 'English' : 'Polski');
  const account = user
    ? h('span.account', null,
        h('span.account-name', { title: `${user.role} · ${user.territory || '—'}` }, user.name, ' ',
          h('span.badge', null, t(`role.${user.role}`))),
        ' ',
        h('a', { href: '/account/security' }, t('nav.account')), ' ',
        h('button.link-button#sign-out', { type: 'button', onclick: () => signOut() }, t('nav.signOut')))
    : h('button.link-button#sign-in', { type: 'button', onclick: () => signIn() }, t('nav.signIn'));
  header.replaceChildren(
    h('div.header-inner', null,
      h('a.brand', { href: 'index.html' }, h('img', { src: 'favicon.svg', alt: '', width: 28, height: 28 }), h('span', null, t('site.name'))),
      h('nav', { 'aria-label': t('nav.label') },
        h('ul', null, [...NAV, ...(user?.role === 'admin' ? ADMIN_NAV : [])].map(([href, key]) => h('li', null,
          h('a', { href, 'aria-current': here === href || (here === 'zone.html' && href === 'zones.html') || (here === 'direction.html' && href === 'strategy.html') ? 'page' : null }, t(key)))))),
      h('div.header-tools', null, account, langButton)));
  const footer = document.getElementById('site-footer');
  if (footer) {
    footer.replaceChildren(h('p', null, t('footer.text'), ' ',
      h('a', { href: '/openapi' }, t('footer.api')), ' · ', h('a', { href: '/healthz' }, t('footer.health'))));
  }
  return user;
}

let configPromise;
/**
 * /config.json, the deployment's settings (the gateway's "Portal" section): defaultUnit (the TERYT code the labour
 * page opens with), baseLayers (map tile layers; none: the map draws offline) and voivodeshipOutlines (PRG).
 */
export function loadConfig() {
  configPromise ??= fetch('config.json', { headers: { Accept: 'application/json' } })
    .then(r => (r.ok ? r.json() : {}))
    .catch(() => ({}));
  return configPromise;
}

/** Reads ?name= from the page address. */
export const param = name => new URLSearchParams(location.search).get(name);
