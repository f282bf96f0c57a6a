// The live registry: counts by state and node from GET /api/registry/live (server-sent events). The node sends a
// reading when the stream opens and whenever the counts change; when the stream ends or fails, it is reopened.

import { stream } from './api.js';
import { el, clock, number, showError } from './page.js';

const STATES = ['OPENED', 'AUTHENTICATED', 'READY', 'CLOSED'];
const RETRY_MS = 3000;

/** onReading(reading) is told of every reading after it is shown. */
export function watchCounts(onReading = () => {}) {
  const status = document.getElementById('live-status');
  const error = document.getElementById('live-error');
  const connect = async () => {
    try {
      await stream('/api/registry/live', (name, reading) => {
        if (name !== 'counts') return;
        render(reading);
        onReading(reading);
        showError(error);
        setStatus(status, 'live', 'live · counted at ' + clock(new Date(reading.at)));
      });
      setStatus(status, 'reconnecting', 'the node ended the stream; reconnecting…');
    } catch (failure) {
      showError(error, failure);
      setStatus(status, 'reconnecting', `reconnecting in ${RETRY_MS / 1000} s…`);
    }
    setTimeout(connect, RETRY_MS);
  };
  connect();
}

function setStatus(element, state, text) {
  element.dataset.live = state;
  element.textContent = text;
}

function render(reading) {
  const byNode = new Map();
  const totals = Object.fromEntries(STATES.map((state) => [state, 0]));
  for (const { nodeId, state, count } of reading.counts) {
    if (!byNode.has(nodeId)) byNode.set(nodeId, Object.fromEntries(STATES.map((s) => [s, 0])));
    byNode.get(nodeId)[state] = count;
    totals[state] += count;
  }
  for (const state of STATES) document.getElementById('total-' + state).textContent = number(totals[state]);
  const rows = [...byNode.entries()].map(([nodeId, counts]) => el('tr', { dataset: { node: nodeId } },
    el('th', { scope: 'row' }, nodeId),
    ...STATES.map((state) => el('td', { class: 'n', dataset: { node: nodeId, state } }, number(counts[state])))));
  const body = document.querySelector('#live-nodes tbody');
  body.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 5 }, 'No connections yet.'))]));
}
