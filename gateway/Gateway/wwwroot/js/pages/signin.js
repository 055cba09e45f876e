// Development sign-in: pick a demo user (dev-users.json), paste its token; it is checked against the
// gateway and kept in sessionStorage. Production uses the county's identity provider instead.
import { api, h, t, initLayout, showError, signIn, signOut, parseToken } from '../core.js';

const user = initLayout({ titleKey: 'signin.title' });
const form = document.getElementById('signin-form');
const errors = document.getElementById('signin-errors');
const returnTo = (() => {
  const r = new URLSearchParams(location.search).get('return') || '';
  return r.startsWith('/') && !r.startsWith('//') ? r : 'index.html';
})();

if (user) {
  document.getElementById('signin-current').replaceChildren(h('div.alert.alert-ok', { role: 'status' },
    t('signin.already', { name: user.name, role: t(`role.${user.role}`) }), ' ',
    h('a', { href: returnTo }, t('signin.continue'))));
}

let users = [];
try {
  users = (await fetch('dev-users.json').then(r => r.json())).users;
} catch { users = []; }
const choice = document.getElementById('user-choice');
for (const u of users) {
  choice.append(h('label', null,
    h('input', { type: 'radio', name: 'user', value: u.id, 'data-credential': u.credential }),
    h('span', null, h('strong', null, u.name), ' – ', t(`role.${u.role}`), u.territory ? `, TERYT ${u.territory}` : '',
      h('span.small.muted', null, ` (${u.credential})`))));
}
document.body.dataset.ready = 'true';

form.addEventListener('submit', async e => {
  e.preventDefault();
  errors.replaceChildren();
  const textarea = document.getElementById('token');
  textarea.removeAttribute('aria-invalid');
  const token = textarea.value.trim().replace(/^[A-Z_]+=/, '');
  const claims = token ? parseToken(token) : null;
  const fail = message => {
    textarea.setAttribute('aria-invalid', 'true');
    errors.replaceChildren(h('div.field-error', { id: 'token-error', role: 'alert' }, message));
    textarea.setAttribute('aria-describedby', 'token-hint token-error');
    textarea.focus();
  };
  if (!claims) { fail(t('signin.badToken')); return; }
  if (claims.exp && claims.exp * 1000 < Date.now()) { fail(t('signin.expired')); return; }
  const picked = form.querySelector('input[name="user"]:checked');
  if (picked && picked.value !== claims.sub) { fail(t('signin.mismatch', { sub: claims.sub })); return; }
  signIn(token);
  try {
    // the gateway refuses a token it cannot verify, even for a public read
    await api('/api/v1/catalogue/strategies?pageSize=1');
  } catch (err) {
    signOut();
    if (err.status === 401) fail(t('signin.refused'));
    else showError(errors, err);
    return;
  }
  location.href = returnTo;
});
