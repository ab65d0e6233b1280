/**
 * HTTP hardening in front of every route (bff/app.ts): CORS for portals on other origins, the
 * security headers of every answer, and `Cache-Control: no-store` on the API's private answers.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app-env.js';
import type { RateLimitSettings } from './rate-limit.js';

/** What createApp takes for the hardening (server.ts passes the environment's values). */
export interface HardeningOptions {
  /** Exact origins whose pages may call the API (`CORS_ORIGINS`); none: no CORS headers. */
  corsOrigins?: readonly string[];
  /** CSP `frame-ancestors` of the demo page and /api/docs (`FRAME_ANCESTORS`); default `'self'`. */
  frameAncestors?: readonly string[];
  /** Per-minute limits (bff/http/rate-limit.ts); unset or 0: off (the tests' default). */
  rateLimits?: RateLimitSettings;
}

/** The app-wide middleware, in order: security headers, CORS on /api, no-store on /api. */
export function httpHardening(options: HardeningOptions): MiddlewareHandler<AppEnv>[] {
  const corsMiddleware = apiCors(options.corsOrigins ?? []);
  const underApi = (middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> => (c, next) =>
    c.req.path.startsWith('/api/') ? middleware(c, next) : next();
  return [securityHeaders(options), ...(corsMiddleware ? [underApi(corsMiddleware)] : []), underApi(privateAnswers())];
}

/** The headers a cross-origin page may send: the bearer token, JSON, and the API's own. */
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'Last-Event-ID', 'Accept-Language', 'X-Request-Id'];
/** The answer headers a cross-origin page may read. */
export const CORS_EXPOSE_HEADERS = ['ETag', 'Location', 'X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Content-Disposition'];

/**
 * CORS for `/api/*` from an allow-list of exact origins (`CORS_ORIGINS`). Preflights are
 * answered here, before authentication. No credentials: the API takes bearer tokens, never
 * cookies. Without origins there is no middleware at all, so no CORS header is ever sent.
 */
export function apiCors(origins: readonly string[]): MiddlewareHandler<AppEnv> | undefined {
  if (origins.length === 0) return undefined;
  return cors({
    origin: [...origins],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'OPTIONS'],
    allowHeaders: CORS_ALLOW_HEADERS,
    exposeHeaders: CORS_EXPOSE_HEADERS,
    maxAge: 600,
    credentials: false,
  });
}

/** The answers that are pages (documents a browser renders): the demo page and `/api/docs`. */
const isPage = (path: string) => !path.startsWith('/api/') || path === '/api/docs';

/**
 * Security headers on every answer (hono/secure-headers: nosniff, `Referrer-Policy: no-referrer`,
 * HSTS, COOP/CORP, …) with a Content-Security-Policy by kind: pages get `default-src 'self'`
 * (no inline script or style anywhere) and `frame-ancestors` from `FRAME_ANCESTORS`; the JSON
 * API gets `default-src 'none'; frame-ancestors 'none'` (nothing it answers may load or be framed).
 */
export function securityHeaders(options: { frameAncestors?: readonly string[] } = {}): MiddlewareHandler<AppEnv> {
  const frameAncestors = options.frameAncestors?.length ? [...options.frameAncestors] : ["'self'"];
  const common = { referrerPolicy: 'no-referrer', xContentTypeOptions: 'nosniff' } as const;
  const page = secureHeaders({
    ...common,
    contentSecurityPolicy: { defaultSrc: ["'self'"], baseUri: ["'self'"], formAction: ["'self'"], objectSrc: ["'none'"], frameAncestors },
    // X-Frame-Options for browsers without frame-ancestors, where it can say the same thing.
    xFrameOptions: frameAncestors.join(' ') === "'self'" ? 'SAMEORIGIN' : frameAncestors.join(' ') === "'none'" ? 'DENY' : false,
  });
  const api = secureHeaders({
    ...common,
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
  });
  return (c, next) => (isPage(c.req.path) ? page(c, next) : api(c, next));
}

/** The API's public documents, which caches may keep; every other API answer is private. */
const PUBLIC = new Set(['/api/openapi.json', '/api/docs', '/api/docs.css']);

/**
 * `Cache-Control: no-store` on every API answer that did not set its own (tenant details keep
 * `private, no-cache` with their ETag), problem+json answers included: answers carry a caller's
 * data or tokens and must not stay in a shared or browser cache.
 */
export function privateAnswers(): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (PUBLIC.has(c.req.path) && !c.res.headers.get('Content-Type')?.startsWith('application/problem+json')) return;
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
}
