/**
 * Request IDs: every request gets one of ours (a UUID), answered in `X-Request-Id`, logged and
 * written to its audit events. An ID the client sent is kept beside it (logs, audit) to match
 * its own records, but never taken as ours: a client cannot choose what the audit log says.
 */
import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';

const CLIENT_ID = /^[\x21-\x7e]{1,200}$/;

export function requestIds() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const id = randomUUID();
    const sent = c.req.header('X-Request-Id');
    c.set('requestId', id);
    c.set('clientRequestId', sent !== undefined && CLIENT_ID.test(sent) ? sent : undefined);
    c.header('X-Request-Id', id);
    await next();
  });
}
