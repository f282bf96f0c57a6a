// An agent backend pushing events over the HTTP API (events:publish), and an operator reading the registry.

import { publisherToken } from './tokens.js';

const headers = () => ({ Authorization: `Bearer ${publisherToken()}`, 'Content-Type': 'application/json' });

export async function publish(node, userId, event = 'agent_thinking', data = {}) {
  const response = await fetch(`${node.httpUrl}/api/users/${encodeURIComponent(userId)}/events`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ runId: 'run-pushed', event, data }),
  });
  if (response.status !== 202) throw new Error(`push answered ${response.status}: ${await response.text()}`);
  return (await response.json()).seq;
}

/** The node the registry says holds a connection. */
export async function holderOf(node, connectionId) {
  const response = await fetch(`${node.httpUrl}/api/connections/${encodeURIComponent(connectionId)}`, { headers: headers() });
  if (response.status !== 200) throw new Error(`registry answered ${response.status}: ${await response.text()}`);
  return (await response.json()).nodeId;
}

/** An operator's kick: the node holding the socket closes it with 4010. */
export async function kick(node, connectionId) {
  const response = await fetch(`${node.httpUrl}/api/connections/${encodeURIComponent(connectionId)}`, {
    method: 'DELETE',
    headers: headers(),
  });
  if (response.status !== 204) throw new Error(`kick answered ${response.status}: ${await response.text()}`);
}
