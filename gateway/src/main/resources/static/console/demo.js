// The golden path through the JavaScript SDK (@switchboard/client, served from /console/sdk/): it opens the socket,
// answers welcome with auth, and hands over ready, the ack and the demo agent's five events; the page shows each
// state, every frame (the token masked), and the close with what its code means. The registry's row is read with
// the same user token after ready, to show the node agrees. Uses its own token key: the demo needs a user token,
// the rest of the console an admin one.

import { ApiError, call } from './api.js';
import { el, showError } from './page.js';
import { connect } from './sdk/index.js';

const TOKEN_KEY = 'switchboard.demo.token';
const CLOSES = {
  1000: 'closed normally', 1001: 'the node is going away', 1003: 'protocol error', 1006: 'the connection dropped',
  1009: 'frame too large', 1013: 'the node is not ready; retry', 4001: 'the token was refused or expired',
  4002: 'no auth in time', 4003: 'a second auth for another user', 4008: 'heartbeat timeout', 4009: 'slow consumer',
  4010: 'closed by an operator', 4029: 'rate limited',
};
// the SDK's states as the page shows them; OPENED is the socket between welcome and ready
const SHOWN = {
  connecting: ['CONNECTING', 'connecting…'], authenticating: ['OPENED', 'opened'], ready: ['READY', 'ready'],
  reconnecting: ['RECONNECTING', 'reconnecting…'], closed: ['CLOSED', 'closed'],
};
const STATES = ['OPENED', 'AUTHENTICATED', 'READY', 'CLOSED'];
const $ = (id) => document.getElementById(id);

let client;
let detail = '';

$('demo-token').value = sessionStorage.getItem(TOKEN_KEY) ?? '';
$('demo-connect-form').addEventListener('submit', (event) => {
  event.preventDefault();
  start($('demo-token').value.trim().replace(/^Bearer\s+/i, ''));
});
$('demo-disconnect').addEventListener('click', () => client?.close());
$('demo-message-form').addEventListener('submit', (event) => {
  event.preventDefault();
  client.send($('demo-message').value).then(
    ({ id, runId }) => $('demo-events').append(el('li', { class: 'ack', dataset: { event: 'ack' } }, `ack ${id}: run ${runId}`)),
    (refusal) => showError($('demo-error'), new Error(`The node answered ${refusal.code}: ${refusal.message}`)));
});

function start(jwt) {
  client?.close();
  sessionStorage.setItem(TOKEN_KEY, jwt);
  showError($('demo-error'));
  $('demo-events').replaceChildren();
  $('demo-frames').replaceChildren();
  $('demo-registry').textContent = '';
  const sdk = connect({ url: location.origin.replace(/^http/, 'ws') + '/ws', token: async () => jwt });
  client = sdk;
  const mine = (listener) => (payload) => sdk === client && listener(payload);
  sdk.on('frame', mine(({ direction, frame }) => {
    if (frame.type === 'welcome') detail = frame.connectionId;
    log(direction === 'in' ? '←' : '→', frame);
  }));
  sdk.on('state', mine(shown));
  sdk.on('ready', mine(({ connectionId, userId }) => {
    detail = `${connectionId} · user ${userId}`;
    shown('ready');
    $('demo-send').disabled = false;
    confirmInRegistry(connectionId, jwt);
  }));
  sdk.on('event', mine(({ seq, event, data }) => $('demo-events').append(el('li', { dataset: { event, seq } },
    el('strong', {}, event), ` seq ${seq}`, el('span', { class: 'mono' }, ' ' + JSON.stringify(data))))));
  sdk.on('error', mine((failure) => showError($('demo-error'), failure.code
    ? new Error(`The node answered ${failure.code}: ${failure.message}`) : failure)));
  sdk.on('close', mine(closed));
  $('demo-disconnect').disabled = false;
}

function closed({ code, reason, willReconnect }) {
  detail = `code ${code}: ${CLOSES[code] ?? (reason || 'closed')}${willReconnect ? '; reconnecting' : ''}`;
  shown(willReconnect ? 'reconnecting' : 'closed');
  $('demo-send').disabled = true;
  $('demo-disconnect').disabled = !willReconnect;
  if (code === 1006) showError($('demo-error'), new Error('The connection dropped without a close frame: is the node running?'));
}

async function confirmInRegistry(connectionId, jwt) {
  try {
    const row = await call('/api/connections/' + encodeURIComponent(connectionId), { token: jwt, signIn: false });
    $('demo-registry').textContent = `The registry agrees: ${row.state} on node ${row.nodeId}.`;
  } catch (failure) {
    $('demo-registry').textContent = failure instanceof ApiError ? 'Registry: ' + failure.message : '';
  }
}

function shown(sdkState) {
  const [state, text] = SHOWN[sdkState];
  if (sdkState === 'connecting') detail = '';
  const target = $('demo-state');
  target.dataset.state = state;
  target.textContent = text;
  $('demo-connection').textContent = detail ? ' · ' + detail : '';
  const reached = STATES.indexOf(state);
  document.querySelectorAll('#demo-states li').forEach((li, i) => {
    li.classList.toggle('done', reached >= 0 && i < reached);
    li.classList.toggle('current', i === reached);
  });
}

function log(direction, frame) {
  const frames = $('demo-frames');
  frames.append(el('li', { class: 'mono' }, `${direction} ${JSON.stringify(frame)}`));
  frames.scrollTop = frames.scrollHeight;
}
