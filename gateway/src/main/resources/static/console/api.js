// The console's one way to the node's API. The admin token lives in sessionStorage (gone with the tab, never in a
// URL, which proxies and logs keep) and travels only in the Authorization header. Failures become ApiError with the
// API's own sentence; a refused token (401, or 403 for a token without scope admin) sends the user back to sign in.

const TOKEN_KEY = 'switchboard.console.token';
const NOTICE_KEY = 'switchboard.console.notice';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const token = () => sessionStorage.getItem(TOKEN_KEY);

export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function signOut(notice) {
  sessionStorage.removeItem(TOKEN_KEY);
  if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
  const next = location.pathname + location.search;
  location.assign('/console/signin.html?next=' + encodeURIComponent(next));
}

/** The sentence that sent the user back to sign in, once. */
export function takeNotice() {
  const notice = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  return notice;
}

/** The token's claims, for display only: the node verifies the signature, the console never trusts these. */
export function claims(jwt = token()) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch {
    return null;
  }
}

/**
 * A JSON call. Options: method, body (sent as JSON), token (default: the signed-in admin token) and signIn (default
 * true: a 401 or 403 leads to the sign-in page; false: it is thrown like any other failure).
 */
export async function call(path, { method = 'GET', body, token: jwt = token(), signIn: redirect = true } = {}) {
  if (!jwt) {
    if (redirect) signOut('Sign in with an admin token to use the console.');
    throw new ApiError(401, 'missing_token', 'No token: sign in first.');
  }
  const headers = { Authorization: 'Bearer ' + jwt, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await reach(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
  });
  if (!response.ok) throw await refusal(response, redirect);
  return response.status === 204 ? null : response.json();
}

/**
 * Reads a server-sent event stream with fetch(), which, unlike EventSource, sends the Authorization header. Calls
 * onEvent(name, data) for each event with JSON data; resolves when the server ends the stream.
 */
export async function stream(path, onEvent, { signal } = {}) {
  const jwt = token();
  if (!jwt) {
    signOut('Sign in with an admin token to use the console.');
    throw new ApiError(401, 'missing_token', 'No token: sign in first.');
  }
  const response = await reach(path, {
    headers: { Authorization: 'Bearer ' + jwt, Accept: 'text/event-stream, application/json' },
    cache: 'no-store', signal,
  });
  if (!response.ok) throw await refusal(response, true);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      dispatch(block, onEvent);
    }
  }
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue; // a comment: the node's heartbeat
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    if (field === 'data') data.push(value);
  }
  if (data.length) onEvent(name, JSON.parse(data.join('\n')));
}

async function reach(path, init) {
  try {
    return await fetch(path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unreachable', 'The node did not answer: check that it is running and reachable.');
  }
}

async function refusal(response, redirect) {
  let code = 'http_' + response.status;
  let message = `The node answered ${response.status} ${response.statusText}.`.replace(' .', '.');
  try {
    const body = await response.json();
    if (body.error) code = body.error;
    if (body.message) message = body.message;
  } catch {
    // not the API's JSON (a proxy's page, say): the status line is all there is
  }
  if (redirect && (response.status === 401 || response.status === 403)) {
    signOut(response.status === 403
      ? 'This token may not use the console: it needs scope admin. ' + message
      : 'The node refused the token: ' + message);
  }
  return new ApiError(response.status, code, message);
}
