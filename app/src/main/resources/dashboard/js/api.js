// The service's /api/v1, called with the token the user pasted at sign-in. The token lives in
// sessionStorage only: it goes when the tab (the browser session) closes, and on sign-out.

const KEY = 'unstuck.token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

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

export function bearer(value = token.get()) {
  return { Authorization: 'Bearer ' + value };
}

/** Calls the API; answers the JSON body, throws ApiError otherwise. A 401 signs the user out. */
export async function api(path, { method = 'GET', body, headers = {}, credential } = {}) {
  const value = credential || token.get();
  if (!value) {
    toSignIn();
    throw new ApiError(401, { message: 'not signed in' });
  }
  const init = { method, headers: { ...bearer(value), Accept: 'application/json', ...headers }, cache: 'no-store' };
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
  if (response.status === 401 && !credential) {
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
