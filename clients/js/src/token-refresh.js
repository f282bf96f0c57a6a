// Replaces the token on the live socket before it expires: a while before the current token's `exp` it asks the
// application's token function for a new one and hands it to `sendAuth`. Stopped with its socket; a refresh that
// comes back after that is dropped.

import { refreshDelay } from './token-expiry.js';

export class TokenRefresh {
  #source;
  #sendAuth;
  #onFailure;
  #timer = null;
  #generation = 0;

  constructor(source, sendAuth, onFailure) {
    this.#source = source;
    this.#sendAuth = sendAuth;
    this.#onFailure = onFailure;
  }

  /** Plans the refresh of `jwt`, the token the socket now runs on. */
  schedule(jwt) {
    this.stop();
    const delay = refreshDelay(jwt);
    if (delay !== null) this.#timer = setTimeout(() => this.#refresh(jwt), delay);
  }

  stop() {
    clearTimeout(this.#timer);
    this.#generation++;
  }

  async #refresh(current) {
    const generation = this.#generation;
    try {
      const jwt = await this.#source();
      if (generation === this.#generation) this.#sendAuth(jwt);
    } catch (failure) {
      this.#onFailure(failure);
      if (generation === this.#generation) this.schedule(current);
    }
  }
}
