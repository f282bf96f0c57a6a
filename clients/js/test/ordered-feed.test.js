// The feed's rules on frames the real server sends only in rare races: a resume that resends what already arrived,
// and a gap for history the node no longer holds (a unit test of OrderedFeed; client.test.js runs the whole client).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Emitter } from '../src/emitter.js';
import { OrderedFeed } from '../src/ordered-feed.js';

function feedFrom(lastSeq) {
  const emitter = new Emitter((failure) => assert.fail(failure));
  const seen = [];
  emitter.on('event', ({ seq }) => seen.push(seq));
  emitter.on('gap', ({ fromSeq, toSeq }) => seen.push(`gap ${fromSeq}-${toSeq}`));
  const feed = new OrderedFeed(lastSeq, emitter);
  const settled = () => new Promise((done) => setTimeout(done, 0));
  return { feed, seen, settled };
}

const event = (seq) => ({ seq, runId: 'r', event: 'agent_thinking', data: {} });

test('a resent or older seq is dropped; a later one after a gap is delivered once', async () => {
  const { feed, seen, settled } = feedFrom(2);
  [1, 2, 3, 4, 3, 4, 5, 2, 6].forEach((seq) => feed.event(event(seq)));
  await settled();
  assert.deepEqual(seen, [3, 4, 5, 6]);
  assert.equal(feed.delivered, 6);
  assert.equal(feed.resumePoint, 6);
});

test('a gap moves the resume point past history the node no longer holds, reported from what is still missing', async () => {
  const { feed, seen, settled } = feedFrom(3);
  feed.gap({ fromSeq: 1, toSeq: 10 });
  feed.gap({ fromSeq: 4, toSeq: 8 });
  feed.event(event(9));
  feed.event(event(11));
  await settled();
  assert.deepEqual(seen, ['gap 4-10', 11]);
  assert.equal(feed.resumePoint, 11);
});

test('without a resume point the client starts at the head that ready announces', async () => {
  const { feed, seen, settled } = feedFrom(null);
  feed.startAt(40);
  feed.event(event(40));
  feed.event(event(41));
  await settled();
  assert.deepEqual(seen, [41]);
});
