// Tokens signed the way an issuer signs them (HS256 with the secret the test nodes trust). Each carries a random
// jti, so two tokens minted in the same second are different strings, as two tokens from a real issuer would be.

import { createHmac, randomBytes, randomUUID } from 'node:crypto';

export const SECRET = 'switchboard-sdk-test-secret-0123456789-abcdefghijk';

const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function mint(userId, { ttlSeconds = 3600, scope, secret = SECRET } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: userId, iat: now, exp: now + ttlSeconds, jti: randomBytes(8).toString('hex') };
  if (scope) claims.scope = scope;
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export const newUser = () => 'sdk-' + randomUUID().slice(0, 8);

export const publisherToken = () => mint('backend', { scope: 'events:publish admin' });
