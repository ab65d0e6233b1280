import type { ReactiveController, ReactiveElement } from 'lit';
import type { Change } from './change-feed.js';
import type { ApiClient } from './client.js';

/** The values of an element's `live` attribute: `off` stops its live updates. */
export type LiveMode = 'on' | 'off';

/** Changes often come in bursts (one per domain of a confirmation): one reload for a burst. */
const DEFAULT_DELAY_MS = 250;

export interface LiveUpdatesOptions {
  /** The client to listen with, or undefined while the element should not listen (`live="off"`, nothing shown). */
  client: () => ApiClient | undefined;
  /** Whether a change touches what the element shows. */
  concerns: (change: Change) => boolean;
  /** Loads what the element shows again (a task's `run`); while it runs, {@link LiveUpdatesController.reloading} is true. */
  reload: () => Promise<unknown>;
  delayMs?: number;
}

/**
 * Keeps an element listening to the BFF's changes while it is on the page: it joins the
 * client's shared stream, follows a new client (another user or API base), leaves when the
 * element leaves, and calls `reload` once, shortly after a burst of changes that concern it
 * (or after the stream was down, when changes may have been missed).
 *
 * The element keeps showing what it has while such a reload runs (`reloading`): no loading
 * state, no dimming, the same nodes, so the focus and the scroll position stay where they are.
 */
export class LiveUpdatesController implements ReactiveController {
  #client?: ApiClient;
  #unsubscribe?: () => void;
  #timer?: ReturnType<typeof setTimeout>;
  #reload?: Promise<unknown>;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: LiveUpdatesOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Before the first update the element has no settled client yet: hostUpdated subscribes.
    if (this.host.hasUpdated) this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #sync(): void {
    const client = this.host.isConnected ? this.options.client() : undefined;
    if (client === this.#client) return;
    this.#stop();
    if (!client) return;
    this.#client = client;
    this.#unsubscribe = client.changes((event) => {
      if (event.type === 'change' && !this.options.concerns(event.change)) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.reload(), this.options.delayMs ?? DEFAULT_DELAY_MS);
    });
  }

  /** Whether a live reload runs now (the element should not look busy for it). */
  get reloading(): boolean {
    return this.#reload !== undefined;
  }

  /** Reloads now, quietly: also for reloads the element makes of its own accord, which nobody asked to watch. */
  reload(): void {
    const reload = this.options.reload();
    this.#reload = reload;
    void reload.finally(() => {
      if (this.#reload === reload) this.#reload = undefined;
    });
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client = undefined;
    clearTimeout(this.#timer);
  }
}
