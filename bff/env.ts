import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional();

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    /** A real PostgreSQL server; without it the BFF runs on an embedded PGlite. */
    DATABASE_URL: z.string().url().optional(),
    /** PGlite's data folder, or `memory://` for a throw-away database. */
    PGLITE_DATA: z.string().default('.data/pglite'),
    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_JWKS_URL: z.string().url().optional(),
    AUTH_ISSUER: z.string().optional(),
    AUTH_AUDIENCE: z.string().optional(),
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
    /** How long a job stays claimed without a sign of life before another process takes it over. */
    JOB_LEASE_SECONDS: z.coerce.number().positive().default(30),
    /** Paces the consistency check between domains (throttling; tests use it to stop mid-way). */
    CONFIRMATION_STEP_MS: z.coerce.number().int().min(0).default(0),
  })
  .transform((env) => ({
    ...env,
    // Demo mode is on for development and off in production unless DEMO=1 asks for it.
    DEMO: env.DEMO ?? env.NODE_ENV !== 'production',
    demoAskedFor: env.DEMO === true,
    WORKER: env.WORKER ?? true,
  }))
  .superRefine((env, ctx) => {
    // Demo mode hands out tokens for anyone; next to a real identity provider it must be asked for.
    if (env.DEMO && !env.demoAskedFor && (env.AUTH_JWKS_URL || env.AUTH_ISSUER || env.AUTH_AUDIENCE)) {
      ctx.addIssue({ code: 'custom', path: ['DEMO'], message: 'demo mode next to AUTH_JWKS_URL, AUTH_ISSUER or AUTH_AUDIENCE needs DEMO=1; set NODE_ENV=production for a real deployment' });
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
