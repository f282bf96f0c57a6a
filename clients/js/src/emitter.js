// Listeners by event name. A listener may return a promise: `emitInTurn` waits for it, which is how a slow
// application callback holds back the next event instead of seeing events overlap.

export class Emitter {
  #listeners = new Map();
  #onFailure;

  /** @param {(error: unknown) => void} onFailure where a listener's exception goes: never into the client's loop */
  constructor(onFailure) {
    this.#onFailure = onFailure;
  }

  on(name, listener) {
    if (typeof listener !== 'function') throw new TypeError(`the listener for '${name}' must be a function`);
    if (!this.#listeners.has(name)) this.#listeners.set(name, new Set());
    this.#listeners.get(name).add(listener);
    return () => this.off(name, listener);
  }

  off(name, listener) {
    this.#listeners.get(name)?.delete(listener);
  }

  has(name) {
    return (this.#listeners.get(name)?.size ?? 0) > 0;
  }

  /** Calls every listener at once; what they return is not waited for. */
  emit(name, payload) {
    for (const listener of [...(this.#listeners.get(name) ?? [])]) {
      try {
        const result = listener(payload);
        if (typeof result?.then === 'function') result.then(undefined, this.#onFailure);
      } catch (failure) {
        this.#onFailure(failure);
      }
    }
  }

  /** Calls the listeners one after another, waiting for each one's promise. */
  async emitInTurn(name, payload) {
    for (const listener of [...(this.#listeners.get(name) ?? [])]) {
      try {
        await listener(payload);
      } catch (failure) {
        this.#onFailure(failure);
      }
    }
  }
}
