// The sign-in entry page (links ask for it with ?return=): the button goes to the gateway's login and password page.
import { h, t, initLayout, signIn } from '../core.js';

const user = initLayout({ titleKey: 'signin.title' });
const returnTo = (() => {
  const r = new URLSearchParams(location.search).get('return') || '';
  return r.startsWith('/') && !r.startsWith('//') ? r : '/index.html';
})();
if (user) {
  document.getElementById('signin-current').replaceChildren(h('div.alert.alert-ok', { role: 'status' },
    t('signin.already', { name: user.name, role: t(`role.${user.role}`) }), ' ', h('a', { href: returnTo }, t('signin.continue'))));
}
document.getElementById('signin-start').addEventListener('click', () => signIn(returnTo));
document.body.dataset.ready = 'true';
