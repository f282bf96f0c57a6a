// Node leases from GET /api/nodes, every few seconds. A lease still marked ALIVE whose expiry has passed is shown as
// expired: its node stopped renewing, and the next reaper pass will close its connections as NODE_LOST.

import { call } from './api.js';
import { el, number, relative, showError } from './page.js';

const EVERY_MS = 5000;

let timer;

/** Refreshes now and then every few seconds; the live counts call it too, so both tables tell the same story. */
export async function refreshNodes() {
  clearTimeout(timer);
  const error = document.getElementById('nodes-error');
  try {
    const { nodes } = await call('/api/nodes');
    const now = Date.now();
    document.querySelector('#nodes tbody').replaceChildren(...nodes.map((node) => row(node, now)));
    document.getElementById('nodes-status').textContent = 'as of ' + new Date(now).toLocaleTimeString('en-GB');
    showError(error);
  } catch (failure) {
    showError(error, failure);
  }
  timer = setTimeout(refreshNodes, EVERY_MS);
}

function lease(node, now) {
  if (node.state === 'ALIVE' && node.expiresAt && new Date(node.expiresAt).getTime() < now) return 'EXPIRED';
  return node.state;
}

function row(node, now) {
  const shown = lease(node, now);
  const open = Object.entries(node.connections).filter(([, n]) => n > 0)
    .map(([state, n]) => `${number(n)} ${state.toLowerCase()}`).join(', ') || 'none';
  return el('tr', { dataset: { node: node.nodeId, lease: shown } },
    el('th', { scope: 'row' }, node.nodeId),
    el('td', {}, el('span', { class: 'badge lease-' + shown, title: explain(shown, node) }, shown.toLowerCase())),
    el('td', {}, node.renewedAt ? relative(node.renewedAt, now) : '—'),
    el('td', {}, node.expiresAt ? relative(node.expiresAt, now) : '—'),
    el('td', {}, open));
}

function explain(shown, node) {
  switch (shown) {
    case 'ALIVE': return 'renewing its lease';
    case 'EXPIRED': return 'stopped renewing its lease: about to be reaped';
    case 'REAPING': return `being reaped by ${node.reapedBy}`;
    case 'REAPED': return `reaped by ${node.reapedBy}: its connections were closed as NODE_LOST`;
    case 'STOPPED': return 'drained and stopped cleanly';
    case 'UNLEASED': return 'open connections but no lease: nobody will reap them';
    default: return shown;
  }
}
