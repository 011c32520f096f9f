// Sign-in: with Genesys Cloud (per org that offers it), or a pasted token checked with GET /api/v1/me
// before it is kept (sessionStorage). In a frame (a Genesys Cloud client app) the Genesys sign-in runs in
// a pop-up, whose page hands the session back here (same origin only).
import { api, ApiError, framed, safeNext, token } from './api.js';
import { $, say } from './dom.js';

const next = safeNext(new URLSearchParams(location.search).get('next'));

$('#signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = $('#token').value.trim();
  if (!value) {
    say('Paste a token first.', 'error');
    return;
  }
  say('Checking…');
  try {
    await api('/api/v1/me', { credential: value });
    token.set(value);
    location.assign(next);
  } catch (e) {
    const why = e instanceof ApiError && e.status === 401 ? 'The service does not know this token: ' + e.message : e.message;
    say(why, 'error');
    $('#token').focus();
  }
});

window.addEventListener('message', (event) => {
  if (event.origin !== location.origin || !event.data || event.data.type !== 'unstuck-session') return;
  token.set(event.data.session);
  location.assign(next);
});

async function genesysButtons() {
  let orgs = [];
  try {
    const response = await fetch('/signin/options', { cache: 'no-store' });
    if (response.ok) orgs = (await response.json()).orgs || [];
  } catch (unavailable) {
    orgs = [];
  }
  const list = $('#genesys');
  const wanted = new URLSearchParams(location.search).get('org');
  for (const org of orgs.filter((o) => !wanted || o === wanted)) {
    const url = '/signin/genesys?org=' + encodeURIComponent(org) + '&next=' + encodeURIComponent(next) + (framed() ? '&frame=1' : '');
    const link = document.createElement('a');
    link.className = 'button';
    link.href = url;
    link.id = 'genesys-' + org;
    link.textContent = 'Sign in to ' + org + ' with Genesys Cloud';
    if (framed()) {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        window.open(url, 'unstuck-signin', 'popup,width=520,height=680');
        say('Sign in in the window that opened…');
      });
    }
    const item = document.createElement('p');
    item.append(link);
    list.append(item);
  }
  list.hidden = orgs.length === 0;
}

genesysButtons();
$('#token').focus();
