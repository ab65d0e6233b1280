/**
 * Node's own limits on receiving a request (passed to @hono/node-server's `serve({ serverOptions })`):
 * a client that sends its headers or body too slowly, or stops sending, gets 408 and the
 * connection is closed. `requestTimeout` covers receiving the request only, from its first
 * byte to its last: an answer that streams for long (the server-sent events of /api/events)
 * is not cut. Node checks its connections every `connectionsCheckingInterval`, so that is
 * how late the limit may act; the default (30 s) would let a 1 s limit act after 30 s.
 */
import type { ServerOptions } from 'node:http';

export function serverTimeouts(requestTimeoutSeconds: number): Pick<ServerOptions, 'requestTimeout' | 'headersTimeout' | 'connectionsCheckingInterval'> {
  const requestTimeout = Math.round(requestTimeoutSeconds * 1000);
  return {
    requestTimeout,
    // Node refuses a headers timeout longer than the request's.
    headersTimeout: requestTimeout,
    connectionsCheckingInterval: Math.min(1_000, requestTimeout),
  };
}
