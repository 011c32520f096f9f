// Sign-in: the pasted token is checked with GET /api/v1/me before it is kept (sessionStorage).
import { api, ApiError, safeNext, token } from './api.js';
import { $, say } from './dom.js';

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
    location.assign(safeNext(new URLSearchParams(location.search).get('next')));
  } catch (e) {
    const why = e instanceof ApiError && e.status === 401 ? 'The service does not know this token: ' + e.message : e.message;
    say(why, 'error');
    $('#token').focus();
  }
});
$('#token').focus();
