/**
 * What changed, for live views. Every mutation's audit event also NOTIFYs `sc_changes` in its
 * transaction (so only committed changes go out); every BFF process LISTENs and fans the
 * changes out to its own subscribers, which filter by the caller's scope (`changeInScope` in
 * policy.ts).
 *
 * Each change gets a position in this process's feed, `<epoch>.<sequence>`, that streams send
 * as the event `id`. The last changes are kept, so that a reader reconnecting with
 * `Last-Event-ID` to the same process gets exactly what it missed; anyone else (another
 * process, a position no longer kept, a gap while LISTEN was down) is told to resync.
 */
import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../db/connect.js';

export const CHANGES_CHANNEL = 'sc_changes';
/** Changes kept for readers that reconnect with Last-Event-ID. */
const KEPT_CHANGES = 1_000;

export interface Change {
  tenantId: string | null;
  partnerId: string | null;
  action: string;
  entityType: string;
  entityId: string;
}

export interface PositionedChange {
  position: number;
  change: Change;
}

/** What a subscriber hears: a change, a gap (reload everything), or the end of this process's feed. */
export type FeedEvent = { type: 'change'; position: number; change: Change } | { type: 'resync'; position: number } | { type: 'closing' };

export interface ChangeFeed {
  /** The current position (the last change's sequence), to hand to a new reader. */
  position(): number;
  /** The event id of a position of this feed. */
  eventId(position: number): string;
  /**
   * The changes after the position an event id names, or undefined when they cannot be told
   * exactly (another process's id, an id from before a gap, or changes no longer kept).
   */
  changesSince(eventId: string): PositionedChange[] | undefined;
  subscribe(listener: (event: FeedEvent) => void): () => void;
  /** Tells every subscriber that this process stops (graceful shutdown): streams end so clients reconnect elsewhere. */
  drain(): void;
  close(): Promise<void>;
}

export async function createChangeFeed(listen: DatabaseHandle['listen']): Promise<ChangeFeed> {
  const epoch = randomBytes(6).toString('base64url');
  const listeners = new Set<(event: FeedEvent) => void>();
  const kept: PositionedChange[] = [];
  let sequence = 0;
  /** A reader whose last position is below this one may have missed changes (a gap took this position). */
  let horizon = 0;
  let draining = false;

  const emit = (event: FeedEvent) => {
    for (const listener of listeners) listener(event);
  };
  const unlisten = await listen(CHANGES_CHANNEL, {
    onPayload(payload) {
      let change: Change;
      try {
        change = JSON.parse(payload);
      } catch {
        return;
      }
      const entry = { position: ++sequence, change };
      kept.push(entry);
      if (kept.length > KEPT_CHANGES) kept.shift();
      emit({ type: 'change', ...entry });
    },
    onResync() {
      // The gap gets a position of its own: a reader that saw anything before it is told to resync.
      horizon = ++sequence;
      kept.length = 0;
      emit({ type: 'resync', position: horizon });
    },
  });

  return {
    position: () => sequence,
    eventId: (position) => `${epoch}.${position}`,
    changesSince(eventId) {
      const match = /^([\w-]+)\.(\d{1,15})$/.exec(eventId);
      if (!match || match[1] !== epoch) return undefined;
      const after = Number(match[2]);
      if (after > sequence || after < horizon) return undefined;
      const oldestKept = kept[0]?.position ?? sequence + 1;
      if (after + 1 < oldestKept) return undefined;
      return kept.filter((entry) => entry.position > after);
    },
    subscribe(listener) {
      listeners.add(listener);
      // A stream opened while the process drains ends at once, like the others.
      if (draining) queueMicrotask(() => listener({ type: 'closing' }));
      return () => listeners.delete(listener);
    },
    drain() {
      draining = true;
      emit({ type: 'closing' });
    },
    close: unlisten,
  };
}
