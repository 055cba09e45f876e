// Where the provider sends the browser back with a code: exchanged for tokens, then on to the page the person came from.
import { h, t, initLayout, completeSignIn } from '../core.js';

initLayout({ titleKey: 'signin.title' });
const status = document.getElementById('signin-status');
status.replaceChildren(h('p', null, t('signin.working')));
try {
  const next = await completeSignIn();
  location.replace(next && next.startsWith('/') && !next.startsWith('//') ? next : '/index.html');
} catch (e) {
  status.replaceChildren(h('div.alert.alert-error', { role: 'alert', id: 'signin-error' }, t('signin.failed', { reason: e.message })));
  document.body.dataset.ready = 'true';
}
