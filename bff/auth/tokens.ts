/**
 * Bearer tokens as the contract says (docs/architecture.md#authentication): algorithms pinned (HS256 with a shared secret, or
 * asymmetric keys from a JWKS), issuer and audience enforced when configured, claims checked.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { LEVELS, type Principal, ROLES } from '../../domain/roles.js';

const ClaimsSchema = z
  .object({
    sub: z.string().min(1),
    name: z.string().min(1),
    level: z.enum(LEVELS),
    org: z.string().min(1).optional(),
    roles: z.array(z.enum(ROLES)),
  })
  .refine((c) => (c.level === 'seppmail') === (c.org === undefined), {
    message: 'org is required for partner and tenant level and absent for seppmail level',
  });

export interface AuthConfig {
  /** The oldest token (seconds since its `iat`) still accepted; 24 h unless set. */
  maxTokenAgeSeconds?: number;
  jwtSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** An identity provider's claims in our names (`AUTH_CLAIMS`, bff/auth/claims.ts); unset: the token names them as we do. */
  mapClaims?: (payload: Record<string, unknown>) => Record<string, unknown>;
}

export class InvalidTokenError extends Error {}

export interface Authenticator {
  verify(token: string): Promise<Principal>;
  /** Signs a token for a demo user; only where the shared secret is known (demo mode). */
  sign?(claims: Omit<Principal, 'org'> & { org: string | null }, lifetimeSeconds?: number): Promise<string>;
}

/** Verified tokens kept (the oldest goes first), and for how long at most. */
const VERIFIED_TOKENS_KEPT = 10_000;
const VERIFIED_TOKEN_TTL_MS = 60_000;

/** How far the identity provider's clock and ours may disagree. */
const CLOCK_SKEW_SECONDS = 60;

const ASYMMETRIC_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

export function createAuthenticator(config: AuthConfig): Authenticator {
  // A token without an expiry would be valid forever: exp is required, like sub. `iat` is required
  // too, may not lie in the future beyond the clock skew, and may not be older than the maximum age.
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    requiredClaims: ['exp', 'sub', 'iat'],
    maxTokenAge: config.maxTokenAgeSeconds ?? 86_400,
    clockTolerance: CLOCK_SKEW_SECONDS,
  };
  let verifyToken: (token: string) => Promise<unknown>;
  let secret: Uint8Array | undefined;
  if (config.jwksUrl) {
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl));
    verifyToken = async (token) => (await jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC_ALGORITHMS })).payload;
  } else if (config.jwtSecret) {
    secret = new TextEncoder().encode(config.jwtSecret);
    // Imported once: jose would import raw bytes into a CryptoKey again on every verification.
    const key = crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    verifyToken = async (token) => (await jwtVerify(token, await key, { ...options, algorithms: ['HS256'] })).payload;
  } else {
    throw new Error('Authentication needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
  }

  const maxAgeMs = (config.maxTokenAgeSeconds ?? 86_400) * 1000;
  const verified = new Map<string, { principal: Principal; until: number }>();

  return {
    async verify(token) {
      const cached = verified.get(token);
      if (cached && Date.now() < cached.until) return cached.principal;
      if (cached) verified.delete(token);
      let payload: unknown;
      try {
        payload = await verifyToken(token);
      } catch (error) {
        throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
      }
      const claims = ClaimsSchema.safeParse(config.mapClaims ? config.mapClaims(payload as Record<string, unknown>) : payload);
      if (!claims.success) throw new InvalidTokenError(`claims: ${claims.error.issues.map((i) => `${i.path.join('.') || 'token'} ${i.message}`).join('; ')}`);
      // A verified token is remembered until it expires, grows too old, or a minute has passed
      // (so that a key withdrawn from the JWKS stops its tokens within a minute), whichever is first.
      const { exp, iat } = payload as { exp: number; iat: number };
      verified.set(token, { principal: claims.data, until: Math.min(exp * 1000, iat * 1000 + maxAgeMs, Date.now() + VERIFIED_TOKEN_TTL_MS) });
      if (verified.size > VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
      return claims.data;
    },
    sign: secret
      ? async ({ org, ...claims }, lifetimeSeconds = 8 * 3600) => {
          const jwt = new SignJWT({ ...claims, ...(org ? { org } : {}) })
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
            .setSubject(claims.sub)
            .setIssuedAt()
            .setExpirationTime(`${lifetimeSeconds}s`);
          if (config.issuer) jwt.setIssuer(config.issuer);
          if (config.audience) jwt.setAudience(config.audience);
          return jwt.sign(secret!);
        }
      : undefined,
  };
}
