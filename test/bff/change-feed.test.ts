/** The change feed's positions: what a reader reconnecting with Last-Event-ID is given. */
import { describe, expect, it } from 'vitest';
import type { ListenHandlers } from '../../bff/db/connect.js';
import { createChangeFeed, type FeedEvent } from '../../bff/events/change-feed.js';

async function feed() {
  let handlers!: ListenHandlers;
  // The LISTEN connection stands in as the handlers it was given: NOTIFYs arrive, or a gap happens.
  const changes = await createChangeFeed(async (_channel, h) => {
    handlers = h;
    return async () => {};
  });
  const notify = (entityId: string) =>
    handlers.onPayload(JSON.stringify({ tenantId: 'T-1', partnerId: 'P-1', action: 'tenant.edit', entityType: 'tenant', entityId }));
  return { changes, notify, gap: () => handlers.onResync!() };
}

describe('change feed positions', () => {
  it('replays exactly the changes after a position it still keeps', async () => {
    const { changes, notify } = await feed();
    notify('a');
    const seen = changes.eventId(changes.position());
    notify('b');
    notify('c');
    expect(changes.changesSince(seen)!.map((c) => c.change.entityId)).toEqual(['b', 'c']);
    expect(changes.changesSince(changes.eventId(changes.position()))).toEqual([]);
  });

  it('sends a reader who saw anything before a gap to resync, even the last change before it', async () => {
    const { changes, notify, gap } = await feed();
    const heard: FeedEvent[] = [];
    changes.subscribe((event) => heard.push(event));
    notify('a');
    notify('b');
    const lastBeforeGap = changes.eventId(changes.position());
    gap();
    expect(heard.at(-1)).toMatchObject({ type: 'resync' });
    expect(changes.changesSince(lastBeforeGap)).toBeUndefined();
    // The resync's own position is a sound place to go on from.
    const resyncId = changes.eventId((heard.at(-1) as { position: number }).position);
    notify('c');
    expect(changes.changesSince(resyncId)!.map((c) => c.change.entityId)).toEqual(['c']);
  });

  it('sends ids of another process, from the future or not ours to resync', async () => {
    const { changes, notify } = await feed();
    notify('a');
    for (const id of ['other.1', 'garbage', changes.eventId(99), '']) expect(changes.changesSince(id)).toBeUndefined();
  });

  it('tells subscribers, and later ones at once, that the process drains', async () => {
    const { changes } = await feed();
    const early: FeedEvent[] = [];
    changes.subscribe((e) => early.push(e));
    changes.drain();
    const late: FeedEvent[] = [];
    changes.subscribe((e) => late.push(e));
    await Promise.resolve();
    expect([early, late]).toEqual([[{ type: 'closing' }], [{ type: 'closing' }]]);
  });
});
