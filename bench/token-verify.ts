/**
 * What verifying a bearer token costs per request, in one run: jose with the secret's raw bytes
 * (the key imported again on every call, as before), with the key imported once, and the
 * authenticator (imported once, verified tokens remembered). `npx tsx bench/token-verify.ts`
 */
import { jwtVerify, SignJWT } from 'jose';
import { createAuthenticator } from '../bff/auth/tokens.js';

const SECRET = 'bench-secret-that-is-long-enough-for-hs256!';
const ROUNDS = 20_000;
const bytes = new TextEncoder().encode(SECRET);
const token = await new SignJWT({ name: 'Bench', level: 'partner', org: 'P-1001', roles: ['Sales'] })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject('bench')
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(bytes);
const imported = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const authenticator = createAuthenticator({ jwtSecret: SECRET });

async function perCall(verify: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 1_000; i++) await verify(); // warm-up
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) await verify();
  return ((performance.now() - started) / ROUNDS) * 1000;
}

const raw = await perCall(() => jwtVerify(token, bytes, { algorithms: ['HS256'] }));
const once = await perCall(() => jwtVerify(token, imported, { algorithms: ['HS256'] }));
const ours = await perCall(() => authenticator.verify(token));
console.log(`token verification, µs per call (${ROUNDS} calls each, same run)`);
console.log(`  jose, raw secret (key imported per call): ${raw.toFixed(1)}`);
console.log(`  jose, key imported once:                  ${once.toFixed(1)}  (${(raw / once).toFixed(1)}x faster)`);
console.log(`  authenticator (imported once, remembered): ${ours.toFixed(1)}  (${(raw / ours).toFixed(1)}x faster)`);
