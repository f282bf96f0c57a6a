// @switchboard/client: a WebSocket client for Switchboard that reconnects, resumes and refreshes its token by itself.

import { SwitchboardClient } from './client.js';

export { SwitchboardClient } from './client.js';
export { SwitchboardError } from './errors.js';

/** Opens a client; see index.d.ts for the options and events. */
export function connect(options) {
  return new SwitchboardClient(options);
}
