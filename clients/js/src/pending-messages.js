// The application's messages between send() and the node's answer. One not yet written waits for `ready` and goes
// out on whichever socket reaches it; one written is settled by its `ack` or `error`, or rejected with
// `connection_lost` when its socket closes first, since the node may or may not have taken it: resending it on the
// next socket could run it twice.

import { SwitchboardError } from './errors.js';

export class PendingMessages {
  #waiting = [];
  #written = new Map();
  #count = 0;

  add(text) {
    const id = `m${++this.#count}-${Math.random().toString(36).slice(2, 8)}`;
    return new Promise((resolve, reject) => this.#waiting.push({ id, text, resolve, reject }));
  }

  /** Writes every waiting message with `write(frame)`; they then wait for their answer. */
  flush(write) {
    for (const message of this.#waiting.splice(0)) {
      this.#written.set(message.id, message);
      write({ type: 'message', id: message.id, text: message.text });
    }
  }

  ack({ id, runId }) {
    const message = this.#take(id);
    message?.resolve({ id, runId });
    return message !== undefined;
  }

  /** Rejects the message the `error` frame names; false when it names none of ours. */
  refuse({ id, code, message: sentence }) {
    const message = this.#take(id);
    message?.reject(new SwitchboardError(code, sentence ?? `The node refused the message: ${code}.`, id));
    return message !== undefined;
  }

  socketLost() {
    for (const [id, message] of this.#written) {
      message.reject(new SwitchboardError('connection_lost',
        'The connection closed before the node answered; the message may or may not have been processed.', id));
    }
    this.#written.clear();
  }

  closed() {
    this.socketLost();
    for (const message of this.#waiting.splice(0)) {
      message.reject(new SwitchboardError('closed', 'The client was closed before the message could be sent.', message.id));
    }
  }

  #take(id) {
    const message = this.#written.get(id);
    this.#written.delete(id);
    return message;
  }
}
