// Jittered exponential backoff: the ceiling doubles from minDelayMs up to maxDelayMs with every failed attempt, and
// each delay is drawn between half the ceiling and the ceiling, so clients a node dropped at once do not come back at
// once. A connection that reaches `ready` starts again from the bottom.

export class Backoff {
  #min;
  #max;
  #attempt = 0;

  constructor({ minDelayMs = 250, maxDelayMs = 10_000 } = {}) {
    if (!(minDelayMs > 0) || !(maxDelayMs >= minDelayMs)) {
      throw new RangeError('reconnect needs 0 < minDelayMs <= maxDelayMs');
    }
    this.#min = minDelayMs;
    this.#max = maxDelayMs;
  }

  get maxDelayMs() {
    return this.#max;
  }

  next() {
    const ceiling = Math.min(this.#max, this.#min * 2 ** this.#attempt);
    this.#attempt = Math.min(this.#attempt + 1, 30);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  reset() {
    this.#attempt = 0;
  }
}
