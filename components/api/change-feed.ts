/**
 * The BFF's change stream (`GET /api/events`, server-sent events), shared: every listener of
 * one API base and one token getter hears the same stream. It is read with `fetch` because
 * the bearer token goes in a header, which `EventSource` cannot send: through the client's
 * {@link Transport}, like every other call.
 */
import type { Transport } from './transport.js';

/** What changed, as `GET /api/events` names it in a `change` event. */
export interface Change {
  tenantId: string | null;
  action: string;
  entityType: string;
  entityId: string;
}

/**
 * What a listener hears: a change, or `resync` when the stream is back after a gap in which
 * changes may have been missed (a listener then loads what it shows again).
 */
export type LiveEvent = { type: 'change'; change: Change } | { type: 'resync' };
export type LiveListener = (event: LiveEvent) => void;

/** Waits before reconnecting: 1 s, 2 s, 4 s, … up to 30 s, each ±20 % so that pages do not reconnect in step. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** Readers told to reconnect (a process stops) wait up to this long, each a random part of it. */
const RECONNECT_SPREAD_MS = 1_000;

function retryDelay(failures: number): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures);
  return base * (0.8 + Math.random() * 0.4);
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

type SseMessage = { event: string; data: string; id?: string } | { comment: string };

/** The messages of a `text/event-stream` body (the WHATWG parsing rules, without `retry`). */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let id: string | undefined;
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      // A trailing "\r" may be the first half of "\r\n": keep it with the unfinished line.
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), ...(id === undefined ? {} : { id }) };
          event = '';
          id = undefined;
          data = [];
        } else if (line.startsWith(':')) {
          yield { comment: line.slice(1).trim() };
        } else {
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = value;
          else if (field === 'data') data.push(value);
          else if (field === 'id' && !value.includes('\0')) id = value;
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** One stream and its listeners; it runs while it has any. */
class ChangeFeed {
  readonly #listeners = new Set<LiveListener>();
  #controller?: AbortController;

  constructor(
    private readonly transport: Transport,
    private readonly release: () => void,
  ) {}

  subscribe(listener: LiveListener): () => void {
    this.#listeners.add(listener);
    if (!this.#controller) {
      this.#controller = new AbortController();
      void this.#run(this.#controller.signal);
    }
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      this.#controller?.abort();
      this.#controller = undefined;
      this.release();
    };
  }

  #emit(event: LiveEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One listener's failure must not keep the others from hearing the change.
        console.error(error);
      }
    }
  }

  /**
   * Connects, reads, and reconnects after a drop (with back-off), when the token changed (at
   * once) or when the server asks (it shuts down). A reconnect sends the last event's id: the
   * server replays what was missed, or says `resync` when it cannot, and listeners reload.
   */
  async #run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let lastEventId: string | undefined;
    while (!signal.aborted) {
      /** `token`: at once with the new token; `server`: the server went away, spread out; else back off. */
      let reconnect: 'token' | 'server' | undefined;
      try {
        const { getToken } = this.transport;
        const token = await getToken?.();
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (lastEventId) headers['last-event-id'] = lastEventId;
        const response = await this.transport.send('GET', '/events', { headers, token, signal, cache: 'no-store', askHost: false });
        if (!response.body) throw new Error(`GET ${this.transport.apiBase}/events: no body`);
        for await (const message of readServerSentEvents(response.body)) {
          if ('comment' in message) {
            // The keep-alive (every 20 s) is when a refreshed token is noticed.
            if (getToken && (await getToken()) !== token) {
              reconnect = 'token';
              break;
            }
            continue;
          }
          if (message.event === 'ready') {
            failures = 0;
            // A server that cannot tell what was missed answers `resync` itself; a first connection has nothing to reload.
          } else if (message.event === 'resync') {
            this.#emit({ type: 'resync' });
          } else if (message.event === 'change') {
            const change = parseChange(message.data);
            if (change) this.#emit({ type: 'change', change });
          } else if (message.event === 'reconnect') {
            reconnect = 'server';
          }
          if (message.id !== undefined) lastEventId = message.id;
          if (reconnect) break;
        }
      } catch {
        // Refused, unreachable or dropped: tried again below.
      }
      if (signal.aborted) return;
      // The server going away (`reconnect`) sends all its readers here at once: spread them out.
      if (reconnect !== 'token') await pause(reconnect === 'server' ? Math.random() * RECONNECT_SPREAD_MS : retryDelay(failures++), signal);
    }
  }
}

function parseChange(data: string): Change | undefined {
  try {
    const change = JSON.parse(data) as Change;
    return typeof change === 'object' && change !== null && typeof change.action === 'string' ? change : undefined;
  } catch {
    return undefined;
  }
}

const feeds = new WeakMap<object, Map<string, ChangeFeed>>();

/** Adds a listener to the feed of the transport's API base and token getter, starting it if it is the first. */
export function subscribeToChanges(transport: Transport, listener: LiveListener): () => void {
  const { apiBase, getToken } = transport;
  // Without a token there is nothing to hear (the BFF would refuse): the element listens once a
  // client with a token replaces this one.
  if (!getToken) return () => {};
  const key = getToken;
  let byBase = feeds.get(key);
  if (!byBase) feeds.set(key, (byBase = new Map()));
  let feed = byBase.get(apiBase);
  if (!feed) {
    const owner = byBase;
    const created: ChangeFeed = new ChangeFeed(transport, () => {
      if (owner.get(apiBase) === created) owner.delete(apiBase);
    });
    byBase.set(apiBase, (feed = created));
  }
  return feed.subscribe(listener);
}
