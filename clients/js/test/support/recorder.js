// What an application sees of a client: its states, closes and delivered events, in the order it saw them.

import { until } from './wait.js';

export class Recorder {
  states = [];
  closes = [];
  readies = [];
  events = [];
  gaps = [];
  errors = [];

  constructor(client) {
    this.client = client;
    client.on('state', (state) => this.states.push(state));
    client.on('close', (close) => this.closes.push(close));
    client.on('ready', (ready) => this.readies.push(ready));
    client.on('gap', (gap) => this.gaps.push(gap));
    client.on('error', (error) => this.errors.push(error));
  }

  /** Records events as they are delivered; pass `onEvent` to slow the application down. */
  recordEvents(onEvent = () => {}) {
    this.client.on('event', async (event) => {
      await onEvent(event);
      this.events.push(event);
    });
    return this;
  }

  get seqs() {
    return this.events.map((event) => event.seq);
  }

  until(what, condition, timeoutMs) {
    return until(what, condition, timeoutMs);
  }

  ready(timeoutMs) {
    return until('the client to be ready', () => this.client.state === 'ready', timeoutMs);
  }

  seqsUpTo(last, timeoutMs = 30_000) {
    return until(`events up to seq ${last} (have ${this.seqs.at(-1)})`, () => (this.seqs.at(-1) ?? 0) >= last, timeoutMs);
  }
}

/** 1, 2, …, n */
export const oneTo = (n) => Array.from({ length: n }, (_, i) => i + 1);
