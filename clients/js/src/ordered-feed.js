// The user's feed as the application sees it: each seq once, in order, across sockets and resumes. A frame at or
// below the highest seq already taken is a repeat (a resume overlapping what arrived, a node resending) and is
// dropped. Taken events wait in a queue and are handed over one at a time, so a slow listener delays the next event
// rather than overlapping it; `delivered` only moves once the listeners of a seq have finished.

export class OrderedFeed {
  #taken;
  #delivered;
  #queue = [];
  #draining = false;
  #stopped = false;
  #emitter;

  /** @param {number | null} lastSeq the seq the application already has, or null to start at the user's head */
  constructor(lastSeq, emitter) {
    this.#taken = lastSeq;
    this.#delivered = lastSeq;
    this.#emitter = emitter;
  }

  /** The seq to resume after on the next socket: what was received, delivered or still queued. */
  get resumePoint() {
    return this.#taken;
  }

  /** The last seq whose listeners have finished. */
  get delivered() {
    return this.#delivered;
  }

  /** The user's head from `ready`, adopted only by a client that started without a resume point. */
  startAt(head) {
    if (this.#taken === null) {
      this.#taken = head;
      this.#delivered = head;
    }
  }

  event({ seq, runId, event, data }) {
    if (!Number.isSafeInteger(seq) || (this.#taken !== null && seq <= this.#taken)) return;
    this.#taken = seq;
    this.#enqueue('event', { seq, runId, event, data: data ?? {} }, seq);
  }

  gap({ fromSeq, toSeq }) {
    if (!Number.isSafeInteger(toSeq) || (this.#taken !== null && toSeq <= this.#taken)) return;
    const from = this.#taken === null ? fromSeq : Math.max(fromSeq, this.#taken + 1);
    this.#taken = toSeq;
    this.#enqueue('gap', { fromSeq: from, toSeq }, toSeq);
  }

  /** Drops what is queued and delivers nothing more: the application closed the client. */
  stop() {
    this.#stopped = true;
    this.#queue.length = 0;
  }

  #enqueue(name, payload, seq) {
    this.#queue.push({ name, payload, seq });
    if (!this.#draining) this.#drain();
  }

  async #drain() {
    this.#draining = true;
    try {
      while (this.#queue.length > 0 && !this.#stopped) {
        const { name, payload, seq } = this.#queue.shift();
        await this.#emitter.emitInTurn(name, payload);
        this.#delivered = seq;
      }
    } finally {
      this.#draining = false;
    }
  }
}
