/**
 * The API's body limit (bff/app.ts): 413 problem+json for a body over 64 KiB, before anything
 * reads it. Nothing the API takes is large.
 *
 * hono/body-limit asks the request for its `body` stream, and @hono/node-server answers that by
 * building a full WHATWG `Request` (with an `AbortController`) in place of its lightweight one:
 * ~8 % of a list request's CPU (issue 10). Over HTTP/1.1 a request with neither `Content-Length`
 * nor `Transfer-Encoding` has no body (RFC 9112, section 6.3), so such a request (every GET our
 * clients send) skips the check without that cost; the node request's headers tell it without
 * building anything. Where there is no node request (`app.request()` in tests, other runtimes)
 * every request is checked as before.
 */
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.js';
import { ProblemError } from './problem.js';

export const MAX_BODY_BYTES = 64 * 1024;

export function apiBodyLimit(): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ProblemError(413, 'too-large', 'Request too large', 'The request body is larger than 64 KiB.');
    },
  });
  return (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (incoming && incoming.headers['content-length'] === undefined && incoming.headers['transfer-encoding'] === undefined) return next();
    return limit(c, next);
  };
}
