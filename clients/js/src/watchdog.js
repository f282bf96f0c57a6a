// Notices a socket that went quiet without a close (a dead network path, a stopped load balancer): the node's
// WebSocket pings are invisible to a browser's script, so after a heartbeat interval of silence the client sends a
// `ping` frame, and after two more it gives the socket up and reconnects.

export class Watchdog {
  #ping;
  #giveUp;
  #timer = null;
  #lastHeard = 0;

  constructor(ping, giveUp) {
    this.#ping = ping;
    this.#giveUp = giveUp;
  }

  start(heartbeatSeconds) {
    this.stop();
    const interval = Math.max(1, Number(heartbeatSeconds) || 25) * 1000;
    this.#lastHeard = Date.now();
    this.#timer = setInterval(() => {
      const quiet = Date.now() - this.#lastHeard;
      if (quiet >= 3 * interval) this.#giveUp();
      else if (quiet >= interval) this.#ping();
    }, interval);
  }

  heard() {
    this.#lastHeard = Date.now();
  }

  stop() {
    clearInterval(this.#timer);
    this.#timer = null;
  }
}
