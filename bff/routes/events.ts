import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../app-env.js';
import { type Change, changeInScope } from '../events/change-feed.js';

const HEARTBEAT_MS = 20_000;

/**
 * `GET /api/events`: server-sent events of the changes within the caller's scope, read with
 * fetch (the bearer token goes in a header, which EventSource cannot send). Each event is
 * `change` with `{tenantId, action, entityType, entityId}`; comments keep proxies from closing
 * an idle stream.
 */
export function eventRoutes({ changes }: AppDeps) {
  return new Hono<AppEnv>().get('/', (c) => {
    const principal = c.get('principal');
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: Change[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = changes.subscribe((change) => {
        if (!changeInScope(principal, change)) return;
        queue.push(change);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      let sequence = 0;
      while (!stream.aborted && !stream.closed) {
        const change = queue.shift();
        if (change) {
          const { tenantId, action, entityType, entityId } = change;
          await stream.writeSSE({ event: 'change', id: String(++sequence), data: JSON.stringify({ tenantId, action, entityType, entityId }) });
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
