import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';
import { problems } from '../http/problem.js';
import { type Authenticator, InvalidTokenError } from './tokens.js';

/** Verifies `Authorization: Bearer` and puts the caller into `c.var.principal`. */
export function authenticate(authenticator: Authenticator) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw problems.unauthorized('Send Authorization: Bearer <token> from the host page’s login.');
    try {
      c.set('principal', await authenticator.verify(match[1]!));
    } catch (error) {
      if (error instanceof InvalidTokenError) throw problems.unauthorized(`The token was refused (${error.message}). Sign in again.`);
      throw error;
    }
    await next();
  });
}
