// What a close code means for the next attempt (README, "The WebSocket protocol", close codes):
// - 4003 (a second auth for another user) and 4010 (an operator closed it): final, the client stays closed;
// - 4001 (token refused or expired): final unless the token function now gives a different token;
// - 4029 (rate limited): wait at least the longest backoff, the node's cool-down is long;
// - everything else (1001 going away, 1013 try again later, 1006 dropped, 4002, 4008, 4009, …): back off and retry.
// A refused upgrade's Retry-After (HTTP 429/503, visible where the WebSocket implementation shows it) is a floor.

export const FINAL = 'final';
export const NEEDS_NEW_TOKEN = 'needs-new-token';
export const RETRY = 'retry';

export function afterClose(code) {
  if (code === 4003 || code === 4010) return FINAL;
  if (code === 4001) return NEEDS_NEW_TOKEN;
  return RETRY;
}

export function retryDelay(code, backoff, retryAfterMs) {
  const delay = backoff.next();
  const floor = code === 4029 ? backoff.maxDelayMs : 0;
  return Math.max(delay, floor, retryAfterMs);
}
