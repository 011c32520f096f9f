// What every page shares: who is signed in (GET /api/v1/me), the navigation, sign-out.
import { api, token, toSignIn } from './api.js';
import { $, say } from './dom.js';

/** Starts a page: answers the caller ({name, role, via, mayEnd, mayForce}), or goes to sign-in. */
export async function start() {
  if (!token.get()) {
    toSignIn();
    return new Promise(() => {});
  }
  const page = document.body.dataset.page;
  for (const link of document.querySelectorAll('nav a[data-page]')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
  }
  $('#signout').addEventListener('click', () => {
    token.clear();
    location.assign('/signin');
  });
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
