// What every page shares: who is signed in (GET /api/v1/me), the navigation, sign-out.
import { api, csrf, signOut, token, toSignIn } from './api.js';
import { $, say } from './dom.js';

/** Starts a page: answers the caller ({name, role, via, mayEnd, mayForce}), or goes to sign-in. */
export async function start() {
  if (!token.get() && !csrf.get()) {
    // Perhaps a session cookie from a Genesys Cloud sign-in: the service knows, the page cannot read it.
    try {
      const me = await api('/api/v1/me', { cookie: true });
      if (!me.csrfToken) throw new Error('no session');
      csrf.set(me.csrfToken);
    } catch (none) {
      toSignIn();
      return new Promise(() => {});
    }
  }
  const page = document.body.dataset.page;
  for (const link of document.querySelectorAll('nav a[data-page]')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
  }
  $('#signout').addEventListener('click', () => signOut());
  let me;
  try {
    me = await api('/api/v1/me');
  } catch (e) {
    say('Cannot reach the service: ' + e.message, 'error');
    throw e;
  }
  const who = $('#who');
  who.textContent = `${me.name} (${me.role})`;
  who.dataset.role = me.role;
  document.body.dataset.role = me.role;
  return me;
}
