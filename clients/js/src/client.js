// One logical connection to Switchboard that outlives its sockets: it opens a socket (the next URL of the list on
// each reconnect), answers `welcome` with `auth` carrying a fresh token and the resume point, and after `ready` hands
// the user's feed to the application through an OrderedFeed. Lost sockets are replaced after a jittered backoff
// unless the close code says not to (close-policy.js); the token is refreshed on the live socket before it expires.

import { Backoff } from './backoff.js';
import { afterClose, FINAL, NEEDS_NEW_TOKEN, retryDelay } from './close-policy.js';
import { Emitter } from './emitter.js';
import { SwitchboardError } from './errors.js';
import { OrderedFeed } from './ordered-feed.js';
import { PendingMessages } from './pending-messages.js';
import { TokenRefresh } from './token-refresh.js';
import { Watchdog } from './watchdog.js';

export class SwitchboardClient {
  #urls;
  #urlIndex = -1;
  #tokenSource;
  #WebSocket;
  #backoff;
  #emitter = new Emitter((failure) => this.#listenerFailed(failure));
  #feed;
  #messages = new PendingMessages();
  #watchdog = new Watchdog(() => this.#socket?.send(JSON.stringify({ type: 'ping' })), () => this.#silent());
  #state = 'connecting';
  #socket = null;
  #jwt = null;
  #freshToken = null;
  #retryAfterMs = 0;
  #connectionId = null;
  #timer = null;
  #refresh;
  #ended = false;
  #refusedHandshakes = 0;

  constructor({ url, token, lastSeq, WebSocket, reconnect } = {}) {
    this.#urls = Array.isArray(url) ? [...url] : [url];
    if (this.#urls.length === 0 || this.#urls.some((u) => typeof u !== 'string' || u === '')) {
      throw new TypeError('url must be a WebSocket URL or a non-empty array of them');
    }
    if (typeof token !== 'function') throw new TypeError('token must be a function returning a JWT (or its promise)');
    if (lastSeq != null && !(Number.isSafeInteger(lastSeq) && lastSeq >= 0)) {
      throw new TypeError('lastSeq must be a whole number of at least 0');
    }
    this.#WebSocket = WebSocket ?? globalThis.WebSocket;
    if (typeof this.#WebSocket !== 'function') {
      throw new TypeError("no WebSocket here: pass one as the WebSocket option (in Node, the 'ws' package)");
    }
    this.#tokenSource = token;
    this.#refresh = new TokenRefresh(token, (jwt) => this.#sendRefreshed(jwt), (failure) => this.#listenerFailed(failure));
    this.#backoff = new Backoff(reconnect);
    this.#feed = new OrderedFeed(lastSeq ?? null, this.#emitter);
    queueMicrotask(() => this.#open()); // after the caller has attached its listeners
  }

  get state() {
    return this.#state;
  }

  /** The last seq the application's listeners have finished with: where to resume from in a later session. */
  get lastSeq() {
    return this.#feed.delivered;
  }

  get connectionId() {
    return this.#connectionId;
  }

  on(name, listener) {
    return this.#emitter.on(name, listener);
  }

  off(name, listener) {
    this.#emitter.off(name, listener);
  }

  send(text) {
    if (this.#ended) return Promise.reject(new SwitchboardError('closed', 'The client is closed.'));
    if (typeof text !== 'string' || text === '') {
      return Promise.reject(new SwitchboardError('bad_request', 'A message is a non-empty string.'));
    }
    const answer = this.#messages.add(text);
    if (this.#state === 'ready') this.#messages.flush((frame) => this.#write(frame));
    return answer;
  }

  close() {
    if (this.#ended) return;
    const socket = this.#socket;
    this.#feed.stop();
    this.#end(1000, 'closed by the client');
    socket?.close(1000, 'closed by the client');
  }

  async #open() {
    if (this.#ended) return;
    this.#setState(this.#connectionId === null && this.#urlIndex < 0 ? 'connecting' : 'reconnecting');
    try {
      this.#jwt = this.#freshToken ?? (await this.#tokenSource());
      this.#freshToken = null;
    } catch (failure) {
      this.#listenerFailed(failure);
      return this.#retry(1006, 'the token function failed');
    }
    if (this.#ended) return;
    this.#urlIndex = (this.#urlIndex + 1) % this.#urls.length;
    this.#retryAfterMs = 0;
    let socket;
    try {
      socket = new this.#WebSocket(this.#urls[this.#urlIndex]);
    } catch (failure) {
      this.#listenerFailed(failure);
      return this.#retry(1006, 'the WebSocket could not be created');
    }
    this.#socket = socket;
    socket.onmessage = (message) => socket === this.#socket && this.#receive(message.data);
    socket.onclose = (close) => socket === this.#socket && this.#lost(close.code, close.reason);
    socket.onerror = () => {}; // a close event follows and says more
    socket.on?.('unexpected-response', (request, response) => this.#refusedUpgrade(socket, response));
  }

  #receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    this.#watchdog.heard();
    this.#emitter.emit('frame', { direction: 'in', frame });
    switch (frame.type) {
      case 'welcome':
        this.#watchdog.start(frame.heartbeatSeconds);
        this.#setState('authenticating');
        this.#write({ type: 'auth', token: this.#jwt, lastSeq: this.#feed.resumePoint ?? undefined });
        break;
      case 'ready':
        if (this.#state === 'ready') return this.#refresh.schedule(this.#jwt); // the answer to a refresh
        this.#becameReady(frame);
        break;
      case 'event':
        this.#feed.event(frame);
        break;
      case 'gap':
        this.#feed.gap(frame);
        break;
      case 'ack':
        this.#messages.ack(frame);
        break;
      case 'error':
        if (!this.#messages.refuse(frame)) this.#emitter.emit('error', new SwitchboardError(frame.code, frame.message, frame.id));
        break;
      default:
    }
  }

  #becameReady({ connectionId, userId, lastSeq }) {
    this.#backoff.reset();
    this.#refusedHandshakes = 0;
    this.#connectionId = connectionId;
    this.#feed.startAt(lastSeq);
    this.#setState('ready');
    this.#emitter.emit('ready', { connectionId, userId, lastSeq });
    this.#refresh.schedule(this.#jwt);
    this.#messages.flush((frame) => this.#write(frame));
  }

  #sendRefreshed(jwt) {
    if (this.#state !== 'ready') return;
    this.#jwt = jwt;
    this.#write({ type: 'auth', token: jwt });
  }

  #refusedUpgrade(socket, response) {
    const seconds = Number(response.headers?.['retry-after']);
    if (Number.isFinite(seconds) && seconds > 0) this.#retryAfterMs = seconds * 1000;
    socket.terminate(); // ws then reports the failed handshake as a close (1006)
  }

  #silent() {
    const socket = this.#socket;
    this.#lost(1006, 'the node did not answer within the heartbeat timeout');
    socket?.close(1000, 'heartbeat timeout');
  }

  async #lost(code, reason) {
    const wasReady = this.#state === 'ready';
    this.#detach();
    this.#messages.socketLost();
    if (this.#ended) return;
    const policy = afterClose(code);
    if (policy === NEEDS_NEW_TOKEN) {
      // a token refused at the handshake gets one more try with a different token; a second refusal is final
      this.#refusedHandshakes = wasReady ? 0 : this.#refusedHandshakes + 1;
      if (this.#refusedHandshakes > 1) return this.#end(code, reason);
      const fresh = await this.#tokenSource().catch(() => null);
      if (this.#ended) return;
      if (!fresh || fresh === this.#jwt) return this.#end(code, reason);
      this.#freshToken = fresh;
    }
    if (policy === FINAL) return this.#end(code, reason);
    this.#retry(code, reason);
  }

  #retry(code, reason) {
    this.#setState('reconnecting');
    this.#emitter.emit('close', { code, reason, willReconnect: true });
    this.#timer = setTimeout(() => this.#open(), retryDelay(code, this.#backoff, this.#retryAfterMs));
  }

  #end(code, reason) {
    this.#ended = true;
    this.#detach();
    clearTimeout(this.#timer);
    this.#messages.closed();
    this.#setState('closed');
    this.#emitter.emit('close', { code, reason, willReconnect: false });
  }

  #detach() {
    this.#socket = null;
    this.#watchdog.stop();
    this.#refresh.stop();
  }

  #write(frame) {
    this.#socket?.send(JSON.stringify(frame));
    this.#emitter.emit('frame', { direction: 'out', frame: frame.token ? { ...frame, token: '…' } : frame });
  }

  #setState(state) {
    if (state === this.#state && state !== 'connecting') return;
    this.#state = state;
    this.#emitter.emit('state', state);
  }

  #listenerFailed(failure) {
    if (this.#emitter.has('error')) this.#emitter.emit('error', failure);
    else console.error('@switchboard/client:', failure);
  }
}
