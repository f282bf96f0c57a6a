// When to refresh a token on a live socket: a while before its `exp`, read from the JWT's payload without checking
// it (the node checks the signature; the client only needs the time). A token without a readable `exp` is never
// refreshed on the socket; the next reconnect asks for a new one anyway.

const MAX_LEAD_MS = 30_000;
const MIN_DELAY_MS = 1_000;

/** Milliseconds from now until the token should be replaced, or null when it carries no expiry. */
export function refreshDelay(jwt, now = Date.now()) {
  const exp = expiry(jwt);
  if (exp === null) return null;
  const left = exp - now;
  return Math.max(MIN_DELAY_MS, left - Math.min(MAX_LEAD_MS, left / 2));
}

function expiry(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), '=')));
    return Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
