import { z } from 'zod';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../app-env.js';
import { ok, openApiRoutes, operation, problemResponses } from '../openapi/operation.js';
import type { Change, FeedEvent } from '../events/change-feed.js';
import { changeInScope } from '../policy.js';

const HEARTBEAT_MS = 20_000;
/** What a client should wait before reconnecting after the server ended the stream. */
const RECONNECT_MS = 1_000;

const changeData = ({ tenantId, action, entityType, entityId }: Change) => JSON.stringify({ tenantId, action, entityType, entityId });

/**
 * `GET /api/events`: server-sent events of the changes within the caller's scope, read with
 * fetch (the bearer token goes in a header, which EventSource cannot send).
 *
 * - `ready` first, with the current position as its `id`;
 * - `change` with `{tenantId, action, entityType, entityId}` and its position as `id`;
 * - `resync` when changes may have been missed: the LISTEN connection dropped, or the reader's
 *   `Last-Event-ID` cannot be served exactly (another process, or too old) — reload everything;
 * - `reconnect` when this process shuts down: the stream ends, connect again (elsewhere).
 * Comments keep proxies from closing an idle stream.
 */
export function eventRoutes({ changes }: AppDeps) {
  const stream = operation({
    method: 'get', path: '/', operationId: 'streamChanges', tag: 'Events',
    summary: 'Server-sent events of changes within scope (read with fetch)',
    notes: '`ready` first (its `id` is the current position; none when the request sent `Last-Event-ID`); `change` `{tenantId, action, entityType, entityId}` with an `id`; `resync`: reload, changes may have been missed; `reconnect`: this process stops, connect again. With `Last-Event-ID` the missed changes are replayed when this process still has them, else `resync`.',
    parameters: [{ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' }, description: 'the `id` of the last event received' }],
    responses: { 200: ok('The stream', { 'text/event-stream': { schema: z.string() } }), ...problemResponses([401, 429, 503]) },
  });
  return openApiRoutes().openapi(stream, (c) => {
    const principal = c.get('principal');
    const lastEventId = c.req.header('Last-Event-ID')?.trim();
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: FeedEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = changes.subscribe((event) => {
        if (event.type === 'change' && !changeInScope(principal, event.change)) return;
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });

      // Subscribed first, then the backlog: nothing falls between the two.
      const start = changes.position();
      await stream.writeSSE({ event: 'ready', id: changes.eventId(start), data: '{}', retry: RECONNECT_MS });
      let sent = start;
      if (lastEventId) {
        const missed = changes.changesSince(lastEventId);
        if (missed === undefined) {
          await stream.writeSSE({ event: 'resync', id: changes.eventId(start), data: '{}' });
        } else {
          for (const { position, change } of missed) {
            if (position > start || !changeInScope(principal, change)) continue;
            await stream.writeSSE({ event: 'change', id: changes.eventId(position), data: changeData(change) });
          }
        }
      }

      while (!stream.aborted && !stream.closed) {
        const event = queue.shift();
        if (event?.type === 'closing') {
          await stream.writeSSE({ event: 'reconnect', data: '{}', retry: RECONNECT_MS });
          break;
        }
        if (event?.type === 'resync') {
          sent = Math.max(sent, event.position);
          await stream.writeSSE({ event: 'resync', id: changes.eventId(sent), data: '{}' });
          continue;
        }
        if (event?.type === 'change') {
          if (event.position <= sent) continue;
          sent = event.position;
          await stream.writeSSE({ event: 'change', id: changes.eventId(event.position), data: changeData(event.change) });
          continue;
        }
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = undefined;
        if (timedOut) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
}
