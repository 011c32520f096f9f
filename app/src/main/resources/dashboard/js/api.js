// The service's /api/v1, called with the token the user pasted at sign-in (or, in a frame, the session
// a Genesys Cloud sign-in handed over), kept in sessionStorage only: it goes when the tab closes, and on
// sign-out. A person signed in with Genesys Cloud in a tab of their own holds no token: the browser sends
// the session cookie (HttpOnly, unreadable here), and changes carry the session's CSRF token.

const KEY = 'unstuck.token';
const CSRF = 'unstuck.csrf';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(CSRF);
  },
};

/** The cookie session's CSRF token, from GET /api/v1/me. */
export const csrf = {
  get: () => sessionStorage.getItem(CSRF),
  set: (value) => sessionStorage.setItem(CSRF, value),
};

/** Whether the page runs inside a frame (Genesys Cloud's client apps). */
export const framed = () => window.top !== window.self;

/** A refusal of the API, in its documented shape {status, code, message, requestId}. */
export class ApiError extends Error {
  constructor(status, body, text) {
    super((body && body.message) || text || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
    this.requestId = body && body.requestId;
  }
}

/** Off to the sign-in page, coming back here afterwards. */
export function toSignIn() {
  const here = location.pathname + location.search;
  location.assign('/signin' + (here === '/' ? '' : '?next=' + encodeURIComponent(here)));
}

/**
 * Only a path of this site: never send a signed-in user elsewhere. The text must be a plain relative
 * path (one leading slash, no backslash, no control character or whitespace, which browsers drop or
 * turn into slashes: '/\t/evil.example' becomes '//evil.example'), and the URL the browser makes of it
 * must still be of this origin.
 */
export function safeNext(next) {
  if (typeof next !== 'string' || !/^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/.test(next)) return '/';
  try {
    const url = new URL(next, location.origin);
    return url.origin === location.origin && url.pathname.startsWith('/') && !url.pathname.startsWith('//')
      ? url.pathname + url.search + url.hash : '/';
  } catch (e) {
    return '/';
  }
}

/** The headers that say who calls: the bearer when there is one, else (the cookie rides along) the CSRF token. */
export function bearer(value = token.get()) {
  if (value) return { Authorization: 'Bearer ' + value };
  const check = csrf.get();
  return check ? { 'X-CSRF-Token': check } : {};
}

/** Calls the API; answers the JSON body, throws ApiError otherwise. A 401 signs the user out. */
export async function api(path, { method = 'GET', body, headers = {}, credential, cookie = false } = {}) {
  const value = credential || token.get();
  if (!value && !csrf.get() && !cookie) {
    toSignIn();
    throw new ApiError(401, { message: 'not signed in' });
  }
  const init = { method, headers: { ...bearer(value), Accept: 'application/json', ...headers }, cache: 'no-store',
    credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (response.status === 401 && !credential && !cookie) {
    token.clear();
    toSignIn();
  }
  if (!response.ok) throw new ApiError(response.status, json, text);
  return json;
}

/** A query string from the fields that have a value. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') search.set(key, String(value).trim());
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

/** Ends the session with the service (a Genesys Cloud sign-in), forgets the token, and goes to sign-in. */
export async function signOut() {
  const headers = bearer();
  try {
    await fetch('/signout', { method: 'POST', headers, credentials: 'same-origin', cache: 'no-store' });
  } finally {
    token.clear();
    location.assign('/signin');
  }
}
