// The golden path over a real WebSocket: welcome (OPENED), auth, ready (AUTHENTICATED, migrated, READY), a message,
// its ack and the demo agent's five events, then the close with what its code means. The registry's row is read
// with the same user token after ready, to show the node agrees. Uses its own token key: the demo needs a user token,
// the rest of the console an admin one.

import { ApiError, call } from './api.js';
import { el, showError } from './page.js';

const TOKEN_KEY = 'switchboard.demo.token';
const CLOSES = {
  1000: 'closed normally', 1001: 'the node is going away', 1003: 'protocol error', 1009: 'frame too large',
  1013: 'the node is not ready; retry', 4001: 'the token was refused or expired', 4002: 'no auth in time',
  4003: 'a second auth for another user', 4008: 'heartbeat timeout', 4009: 'slow consumer',
  4010: 'closed by an operator', 4029: 'rate limited',
};
const STATES = ['OPENED', 'AUTHENTICATED', 'READY', 'CLOSED'];
const $ = (id) => document.getElementById(id);

let socket;
let userToken;
let messages = 0;

$('demo-token').value = sessionStorage.getItem(TOKEN_KEY) ?? '';
$('demo-connect-form').addEventListener('submit', (event) => {
  event.preventDefault();
  connect($('demo-token').value.trim().replace(/^Bearer\s+/i, ''));
});
$('demo-disconnect').addEventListener('click', () => socket?.close(1000, 'bye'));
$('demo-message-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = 'm' + ++messages;
  send({ type: 'message', id, text: $('demo-message').value });
});

function connect(jwt) {
  socket?.close(1000, 'reconnecting');
  userToken = jwt;
  sessionStorage.setItem(TOKEN_KEY, jwt);
  showError($('demo-error'));
  $('demo-events').replaceChildren();
  $('demo-frames').replaceChildren();
  $('demo-registry').textContent = '';
  setState('CONNECTING', 'connecting…');
  const url = location.origin.replace(/^http/, 'ws') + '/ws';
  const ws = new WebSocket(url);
  socket = ws;
  ws.addEventListener('message', (event) => ws === socket && receive(JSON.parse(event.data)));
  ws.addEventListener('close', (event) => ws === socket && closed(event));
  $('demo-disconnect').disabled = false;
}

function send(frame) {
  socket.send(JSON.stringify(frame));
  log('→', frame.type === 'auth' ? { ...frame, token: '…' } : frame); // never show the token
}

function receive(frame) {
  log('←', frame);
  switch (frame.type) {
    case 'welcome':
      setState('OPENED', 'opened', frame.connectionId);
      send({ type: 'auth', token: userToken });
      break;
    case 'ready':
      setState('READY', 'ready', `${frame.connectionId} · user ${frame.userId}`);
      $('demo-send').disabled = false;
      confirmInRegistry(frame.connectionId);
      break;
    case 'ack':
      $('demo-events').append(el('li', { class: 'ack', dataset: { event: 'ack' } }, `ack ${frame.id}: run ${frame.runId}`));
      break;
    case 'event':
      $('demo-events').append(el('li', { dataset: { event: frame.event, seq: frame.seq } },
        el('strong', {}, frame.event), ` seq ${frame.seq}`, el('span', { class: 'mono' }, ' ' + JSON.stringify(frame.data))));
      break;
    case 'error':
      showError($('demo-error'), new Error(`The node answered ${frame.code}${frame.message ? ': ' + frame.message : ''}.`));
      break;
    default:
  }
}

function closed(event) {
  setState('CLOSED', 'closed', `code ${event.code}: ${CLOSES[event.code] ?? (event.reason || 'closed')}`);
  $('demo-send').disabled = true;
  $('demo-disconnect').disabled = true;
  if (event.code === 1006) showError($('demo-error'), new Error('The connection dropped without a close frame: is the node running?'));
}

async function confirmInRegistry(connectionId) {
  try {
    const row = await call('/api/connections/' + encodeURIComponent(connectionId), { token: userToken, signIn: false });
    $('demo-registry').textContent = `The registry agrees: ${row.state} on node ${row.nodeId}.`;
  } catch (failure) {
    $('demo-registry').textContent = failure instanceof ApiError ? 'Registry: ' + failure.message : '';
  }
}

function setState(state, text, detail = '') {
  const shown = $('demo-state');
  shown.dataset.state = state;
  shown.textContent = text;
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
