/** A refusal with a stable code: the node's `error` code (`busy`, `agent_unavailable`, …) or the client's own. */
export class SwitchboardError extends Error {
  constructor(code, message, id = null) {
    super(message);
    this.name = 'SwitchboardError';
    this.code = code;
    this.id = id;
  }
}
