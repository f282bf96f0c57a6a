// The SDK against the real jar: two node processes on one fresh PostgreSQL database, shared by every test here,
// and Debian's nginx with the shipped deploy/nginx.conf in front of them. Tests run in order: the later ones kill
// and restart nodes.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { connect } from '../src/index.js';
import { createDatabase } from './support/database.js';
import { Nginx } from './support/nginx.js';
import { Node } from './support/node.js';
import { holderOf, kick, publish } from './support/publisher.js';
import { oneTo, Recorder } from './support/recorder.js';
import { mint, newUser } from './support/tokens.js';
import { until } from './support/wait.js';

const AGENT_EVENTS = ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'];
const FAST_RECONNECT = { minDelayMs: 100, maxDelayMs: 1000 };

let database;
let nodes = [];
let nginx;
const clients = [];

function client(options) {
  const made = connect({ WebSocket, reconnect: FAST_RECONNECT, ...options });
  clients.push(made);
  return made;
}

before(async () => {
  database = await createDatabase();
  nodes = await Promise.all([Node.start(database, 'sdk-a'), Node.start(database, 'sdk-b')]);
  nginx = await Nginx.start(nodes[0], nodes[1]);
});

after(async () => {
  clients.forEach((each) => each.close());
  await nginx?.stop();
  await Promise.all(nodes.map((node) => node.kill()));
  await database?.drop();
});

test('golden path: ready, a message acknowledged, the demo agent’s five events in order', async () => {
  const user = newUser();
  const sdk = client({ url: nodes[0].wsUrl, token: async () => mint(user), lastSeq: 0 });
  const seen = new Recorder(sdk).recordEvents();
  await seen.ready();
  assert.deepEqual(seen.states, ['connecting', 'authenticating', 'ready']);
  assert.equal(seen.readies[0].userId, user);
  assert.match(seen.readies[0].connectionId, /^conn_/);

  const ack = await sdk.send('hello');
  await seen.seqsUpTo(5);
  assert.match(ack.runId, /\S/);
  assert.deepEqual(seen.events.map((event) => event.event), AGENT_EVENTS);
  assert.deepEqual(seen.seqs, oneTo(5));
  assert.ok(seen.events.every((event) => event.runId === ack.runId));
  assert.equal(sdk.lastSeq, 5);

  sdk.close();
  assert.equal(sdk.state, 'closed');
  assert.deepEqual(seen.closes, [{ code: 1000, reason: 'closed by the client', willReconnect: false }]);
  await assert.rejects(sdk.send('too late'), { code: 'closed' });
});

test('token refresh through nginx: the socket outlives three tokens of three seconds each', async () => {
  const user = newUser();
  const issued = [];
  const token = async () => issued[issued.push(mint(user, { ttlSeconds: 3 })) - 1];
  const sdk = client({ url: nginx.wsUrl, token });
  const seen = new Recorder(sdk).recordEvents();
  const refreshes = [];
  sdk.on('frame', ({ direction, frame }) => direction === 'out' && frame.type === 'auth' && refreshes.push(frame));
  await seen.ready();
  const { connectionId } = seen.readies[0];

  // the node closes a socket whose token is one second (the skew) past its exp: wait until that moment of the
  // first token has passed by two more seconds
  const closeDue = expiry(issued[0]) + 1000;
  await until('the first token to be long expired', () => Date.now() > closeDue + 2000, 15_000);
  await sdk.send('still here');
  await seen.seqsUpTo(5);

  assert.deepEqual(seen.closes, [], 'the socket was never closed');
  assert.equal(seen.readies.length, 1, 'the application saw one ready: refreshes are not reconnects');
  assert.equal(sdk.connectionId, connectionId);
  assert.ok(issued.length >= 4, `tokens issued: ${issued.length}`);
  assert.ok(refreshes.length >= 4, `auth frames on the one socket: ${refreshes.length}`);
  assert.ok(refreshes.every((frame) => frame.token === '…'), 'the frame log never shows a token');
  sdk.close();
});

const expiry = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url')).exp * 1000;

test('a slow application callback gets every event once, in order, one at a time', async () => {
  const user = newUser();
  const sdk = client({ url: nodes[0].wsUrl, token: async () => mint(user), lastSeq: 0 });
  let running = 0;
  let overlapped = false;
  const seen = new Recorder(sdk).recordEvents(async () => {
    overlapped ||= ++running > 1;
    await new Promise((done) => setTimeout(done, 100));
    running--;
  });
  await seen.ready();
  // two runs of the demo agent and pushes from the backend, all arriving while the application is busy
  await Promise.all([sdk.send('one'), sdk.send('two'), ...oneTo(5).map(() => publish(nodes[1], user))]);
  await seen.seqsUpTo(15);

  assert.deepEqual(seen.seqs, oneTo(15));
  assert.equal(overlapped, false, 'a listener call began before the previous one finished');
  assert.equal(sdk.lastSeq, 15);
  sdk.close();
});

test('close codes: an operator’s kick (4010) is final; a refused token is tried once more with a new one, then final', async () => {
  const user = newUser();
  const kicked = client({ url: nodes[1].wsUrl, token: async () => mint(user) });
  const kickedSeen = new Recorder(kicked);
  await kickedSeen.ready();
  await kick(nodes[0], kicked.connectionId); // on the other node: the kick reaches the holder through the database
  await until('the kick', () => kicked.state === 'closed');
  assert.deepEqual(kickedSeen.closes.map(({ code, willReconnect }) => [code, willReconnect]), [[4010, false]]);
  await assert.rejects(kicked.send('after the kick'), { code: 'closed' });

  let asked = 0;
  const refused = client({ url: nodes[1].wsUrl, token: async () => (asked++, mint(user, { secret: 'x'.repeat(40) })) });
  const refusedSeen = new Recorder(refused);
  await until('the second refusal', () => refused.state === 'closed');
  assert.deepEqual(refusedSeen.closes.map(({ code, willReconnect }) => [code, willReconnect]), [[4001, true], [4001, false]]);
  assert.match(refusedSeen.closes[0].reason, /^token_invalid: /);
  assert.equal(asked, 2);
  assert.deepEqual(refusedSeen.readies, []);
});

test('through nginx: the console’s live counts arrive as the node writes them, not when a buffer fills', async () => {
  const live = await fetch(`${nginx.httpUrl}/api/registry/live`, {
    headers: { Authorization: `Bearer ${mint('ops', { scope: 'admin' })}` },
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(live.status, 200);
  const reader = live.body.getReader();
  let text = '';
  while (!/event: ?counts/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  await reader.cancel();
  assert.match(text, /event: ?counts/);
});

test('through nginx: a node killed with kill -9, the client reconnects through nginx and resumes; a client pinned to that node resumes after its restart', async () => {
  const user = newUser();
  const viaNginx = client({ url: nginx.wsUrl, token: async () => mint(user), lastSeq: 0 });
  const balanced = new Recorder(viaNginx).recordEvents();
  await balanced.ready();
  await viaNginx.send('hello');
  await balanced.seqsUpTo(5);
  assert.deepEqual(balanced.events.map((event) => event.event), AGENT_EVENTS);

  const holderId = await holderOf(nodes[0], viaNginx.connectionId);
  const holder = nodes.find((node) => node.id === holderId);
  const survivor = nodes.find((node) => node !== holder);
  const pinnedClient = client({ url: holder.wsUrl, token: async () => mint(user), lastSeq: 0 });
  const pinned = new Recorder(pinnedClient).recordEvents();
  await pinned.seqsUpTo(5);

  await holder.kill();
  // pushed while the node is dead: nothing of it may be lost on either client
  for (const _ of oneTo(5)) await publish(survivor, user);
  await balanced.seqsUpTo(10);
  assert.equal(await holderOf(survivor, viaNginx.connectionId), survivor.id, 'nginx sent the reconnect to the survivor');
  assert.equal(balanced.closes[0].willReconnect, true);

  await holder.start(); // the same node id and port: a restart
  await pinned.seqsUpTo(10);
  await viaNginx.send('after the restart');
  await balanced.seqsUpTo(15);
  await pinned.seqsUpTo(15);

  assert.deepEqual(balanced.seqs, oneTo(15));
  assert.deepEqual(pinned.seqs, oneTo(15));
  assert.equal(balanced.readies.length, 2);
  assert.ok(pinned.readies.length >= 2 && pinned.closes.every((close) => close.willReconnect));
  assert.equal(pinnedClient.state, 'ready');
  viaNginx.close();
  pinnedClient.close();
});

test('a URL list: the client fails over to the second node when the first is killed, while events keep coming', async () => {
  const [first, second] = nodes;
  const user = newUser();
  const sdk = client({ url: [first.wsUrl, second.wsUrl], token: async () => mint(user), lastSeq: 0 });
  const seen = new Recorder(sdk).recordEvents();
  await seen.ready();
  assert.equal(await holderOf(second, sdk.connectionId), first.id);

  // the backend pushes 20 events through the second node; the first dies after the fifth
  for (const n of oneTo(20)) {
    await publish(second, user, 'agent_thinking', { n });
    if (n === 5) await first.kill();
  }
  await seen.seqsUpTo(20);

  assert.deepEqual(seen.seqs, oneTo(20));
  assert.deepEqual(seen.events.map((event) => event.data.n), oneTo(20));
  assert.equal(await holderOf(second, sdk.connectionId), second.id);
  assert.ok(seen.closes.length >= 1 && seen.closes.every((close) => close.willReconnect));
  sdk.close();
});
