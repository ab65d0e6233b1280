import { z } from 'zod';
import { parseClaimMapping } from './auth/claims.js';

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional();

/** `https://portal.example,http://localhost:5173`: exact origins (scheme, host, port), for CORS. */
const origins = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const list = (text ?? '').split(',').map((item) => item.trim()).filter(Boolean);
    for (const item of list) {
      let origin: string | undefined;
      try {
        origin = new URL(item).origin;
      } catch {}
      if (origin !== item || !/^https?:/.test(item)) ctx.addIssue({ code: 'custom', message: `${item} is not an origin such as https://portal.example (scheme, host and port; no path or trailing slash)` });
    }
    return list;
  });

/** CSP `frame-ancestors` sources: `'self'`, `'none'`, or origins (`https://*.example.com` too). */
const frameAncestors = z
  .string()
  .default("'self'")
  .transform((text, ctx) => {
    const list = text.split(/[\s,]+/).filter(Boolean);
    for (const item of list) {
      if (!/^('self'|'none'|https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?)$/i.test(item)) {
        ctx.addIssue({ code: 'custom', message: `${item} is not 'self', 'none' or an origin such as https://portal.example` });
      }
    }
    if (list.length > 1 && list.includes("'none'")) ctx.addIssue({ code: 'custom', message: "'none' stands alone" });
    return list.length ? list : ["'self'"];
  });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    /** A real PostgreSQL server; without it the BFF runs on an embedded PGlite. */
    DATABASE_URL: z.string().url().optional(),
    /** Connections in this process's pool; each process also holds one for LISTEN. */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
    /** After SIGTERM, how long the process reports not ready while it still serves (for the load balancer to notice). */
    SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(600).default(0),
    /** How long a SIGTERM waits for requests in flight before it closes what is left. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
    /** The oldest token (by its `iat`) that is still accepted, whatever its `exp` says. */
    AUTH_MAX_TOKEN_AGE_SECONDS: z.coerce.number().int().positive().default(86_400),
    /** PGlite's data folder, or `memory://` for a throw-away database. */
    PGLITE_DATA: z.string().default('.data/pglite'),
    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_JWKS_URL: z.string().url().optional(),
    AUTH_ISSUER: z.string().optional(),
    AUTH_AUDIENCE: z.string().optional(),
    /** An identity provider's claim names and values mapped to ours, as JSON (docs/authentication.md). */
    AUTH_CLAIMS: z
      .string()
      .optional()
      .transform((text, ctx) => (text === undefined ? undefined : parseClaimMapping(text, ctx))),
    DEMO: flag,
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    /** `host:port,…` for DNS checks; the system's resolvers when unset. */
    DNS_SERVERS: z.string().optional(),
    /** Background jobs run in this process (every process may run them; they share the work). */
    WORKER: flag,
    /** How often the automatic deployment runs, in minutes (several times a day by default). */
    AUTO_DEPLOY_EVERY_MINUTES: z.coerce.number().positive().default(240),
    /** How often provisioning domains' DNS records are checked, in minutes. */
    DNS_CHECK_EVERY_MINUTES: z.coerce.number().positive().default(15),
    DEPROVISION_EVERY_MINUTES: z.coerce.number().positive().default(60),
    /** How often table statistics are refreshed (ANALYZE; on PGlite VACUUM and ANALYZE), in minutes. */
    STATISTICS_EVERY_MINUTES: z.coerce.number().positive().default(60),
    /** How long a job stays claimed without a sign of life before another process takes it over. */
    JOB_LEASE_SECONDS: z.coerce.number().positive().default(30),
    /**
     * Finished jobs (succeeded or failed) are deleted this many days after they finished. At
     * least a day: an idempotency key (kept 24 hours) that answers with a job must find it.
     */
    JOB_RETENTION_DAYS: z.coerce.number().int().min(1, 'must be at least 1 (idempotency keys that name a job live a day)').max(36_500).default(30),
    /** Paces the consistency check between domains (throttling; tests use it to stop mid-way). */
    CONFIRMATION_STEP_MS: z.coerce.number().int().min(0).default(0),
    /** Up to this many matches the tenant list's total is exact; above, an estimate (docs/architecture.md#the-tenant-list-at-scale). */
    TENANT_LIST_EXACT_TOTAL: z.coerce.number().int().min(0).max(100_000).default(1_000),
    /** Origins whose pages may call the API (CORS); none: no CORS headers at all. */
    CORS_ORIGINS: origins,
    /** Who may frame the demo page and /api/docs (CSP frame-ancestors). */
    FRAME_ANCESTORS: frameAncestors,
    /** How long a client may take to send its whole request (headers and body). */
    REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(30),
    /** Writes (POST, PUT, PATCH, DELETE) per caller and minute, across every process; 0: no limit. */
    RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(0).default(120),
    /** Failed authentications per client address and minute; 0: no limit. */
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).default(30),
    /** Behind a proxy of ours: the client address is the rightmost X-Forwarded-For entry. */
    TRUST_PROXY: flag,
  })
  .transform((env) => ({
    ...env,
    // Demo mode is on for development and off in production unless DEMO=1 asks for it.
    DEMO: env.DEMO ?? env.NODE_ENV !== 'production',
    demoAskedFor: env.DEMO === true,
    WORKER: env.WORKER ?? true,
    TRUST_PROXY: env.TRUST_PROXY ?? false,
  }))
  .superRefine((env, ctx) => {
    // Demo mode hands out tokens for anyone; next to a real identity provider it must be asked for.
    if (env.DEMO && !env.demoAskedFor && (env.AUTH_JWKS_URL || env.AUTH_ISSUER || env.AUTH_AUDIENCE || env.AUTH_CLAIMS)) {
      ctx.addIssue({ code: 'custom', path: ['DEMO'], message: 'demo mode next to AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE or AUTH_CLAIMS needs DEMO=1; set NODE_ENV=production for a real deployment' });
    }
    if (!env.DEMO && !env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'set AUTH_JWKS_URL or AUTH_JWT_SECRET outside demo mode' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment once at start and fails fast with every reason. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable means unset, as shells and compose files write it.
  const result = EnvSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== '')));
  if (!result.success) {
    const reasons = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${reasons}`);
  }
  return result.data;
}
