import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../bff/env.js';

describe('the environment', () => {
  it('defaults to port 8080, PGlite and demo mode in development', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 8080, PGLITE_DATA: '.data/pglite', DEMO: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', PORT: '' });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('turns demo mode off in production and then needs a way to verify tokens', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL or AUTH_JWT_SECRET/);
    expect(parseEnv({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://login.example/jwks.json' }).DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', DEMO: '1', AUTH_JWT_SECRET: 'x'.repeat(32) }).DEMO).toBe(true);
  });

  it('does not hand out demo tokens beside a real identity provider unless DEMO=1 asks for it', () => {
    expect(() => parseEnv({ AUTH_ISSUER: 'https://login.example' })).toThrow(/DEMO=1/);
    expect(parseEnv({ AUTH_ISSUER: 'https://login.example', DEMO: '1' }).DEMO).toBe(true);
  });

  it('keeps finished jobs 30 days unless told, and at least a day (the idempotency keys that name them live that long)', () => {
    expect(parseEnv({}).JOB_RETENTION_DAYS).toBe(30);
    expect(parseEnv({ JOB_RETENTION_DAYS: '7' }).JOB_RETENTION_DAYS).toBe(7);
    for (const bad of ['0', '0.5', 'a month']) expect(() => parseEnv({ JOB_RETENTION_DAYS: bad })).toThrow(/JOB_RETENTION_DAYS/);
  });

  it('lists every bad value at once', () => {
    expect(() => parseEnv({ PORT: 'eighty', AUTH_JWT_SECRET: 'short', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*AUTH_JWT_SECRET[\s\S]*LOG_LEVEL/);
  });
});
