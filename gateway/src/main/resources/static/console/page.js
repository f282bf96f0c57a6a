// What every console page shares: the signed-in banner, building elements without innerHTML (ids and user ids come
// from clients and must never become markup), and a few formats.

import { claims, signOut, token } from './api.js';

/** Fills the header's "signed in as" and wires sign-out; sends to sign-in when there is no token. */
export function requireSignIn() {
  if (!token()) {
    signOut('Sign in with an admin token to use the console.');
    return false;
  }
  const who = document.getElementById('who');
  const jwt = claims();
  if (who && jwt) {
    const expires = jwt.exp ? ' · token expires ' + clock(new Date(jwt.exp * 1000)) : '';
    who.textContent = `signed in as ${jwt.sub}${expires}`;
  }
  document.getElementById('sign-out')?.addEventListener('click', () => signOut('Signed out.'));
  return true;
}

/** el('td', {class: 'n', dataset: {state: 'READY'}}, 'text', childNode) */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'on') Object.entries(value).forEach(([event, f]) => element.addEventListener(event, f));
    else element.setAttribute(name, value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

/** Shows a failure as its sentence in an element with role=alert; showError(element) clears it. */
export function showError(element, error) {
  element.textContent = error ? error.message : '';
  element.hidden = !error;
}

export const number = (n) => (n ?? 0).toLocaleString('en');

export function clock(date) {
  return date.toISOString().slice(11, 23) + 'Z';
}

/** "12 s ago", "in 4 s" */
export function relative(instant, now = Date.now()) {
  const seconds = Math.round((new Date(instant).getTime() - now) / 1000);
  if (Math.abs(seconds) < 1) return 'now';
  const size = Math.abs(seconds) < 120 ? `${Math.abs(seconds)} s` : `${Math.round(Math.abs(seconds) / 60)} min`;
  return seconds < 0 ? `${size} ago` : `in ${size}`;
}
