// Search by connection id (either id) or user id: both lookups run, and whatever matches is listed with links to the
// connection's and the user's timelines.

import { ApiError, call } from './api.js';
import { el, relative, showError } from './page.js';

export function wireSearch() {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-input');
  const error = document.getElementById('search-error');
  const table = document.getElementById('search-results');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wanted = input.value.trim();
    showError(error);
    table.hidden = true;
    try {
      const found = await lookUp(wanted);
      if (!found.length) {
        showError(error, new Error(`No connection has the id “${wanted}”, and no user of that id has connections.`));
        return;
      }
      table.querySelector('tbody').replaceChildren(...found.map(row));
      table.hidden = false;
    } catch (failure) {
      showError(error, failure);
    }
  });
}

async function lookUp(wanted) {
  const id = encodeURIComponent(wanted);
  const [connection, user] = await Promise.all([
    call('/api/connections/' + id).then((found) => [found], notFound),
    call('/api/connections?userId=' + id).then((page) => page.connections),
  ]);
  const seen = new Set();
  return [...connection, ...user].filter((c) => !seen.has(c.preliminaryId) && seen.add(c.preliminaryId));
}

function notFound(failure) {
  if (failure instanceof ApiError && failure.status === 404) return [];
  throw failure;
}

function row(c) {
  const timeline = (query) => '/console/timeline.html?' + new URLSearchParams(query);
  return el('tr', { dataset: { connection: c.connectionId } },
    el('td', {}, el('a', { href: timeline({ connection: c.preliminaryId }) }, c.connectionId)),
    el('td', { class: 'mono' }, c.preliminaryId),
    el('td', {}, c.userId ? el('a', { href: timeline({ user: c.userId }) }, c.userId) : '—'),
    el('td', {}, c.nodeId),
    el('td', {}, el('span', { class: 'badge state-' + c.state }, c.state)),
    el('td', {}, c.openedAt ? relative(c.openedAt) : ''),
    el('td', {}, el('a', { href: timeline({ connection: c.preliminaryId }) }, 'timeline')));
}
