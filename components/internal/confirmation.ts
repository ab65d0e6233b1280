import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { ApiClient, ConfirmationResult, Job } from '../api/client.js';

/** How often a running confirmation is asked for its progress. */
const POLL_MS = 400;

/** A confirmation started (or joined) for a tenant. */
export type Confirmation = { tenantId: string; jobId: string; joined: boolean };
export type ConfirmationJob = Job<ConfirmationResult>;

export interface ConfirmationOptions {
  client: () => ApiClient;
  /** The confirmation could not be started. */
  onStartError: (error: unknown) => void;
  /** The check finished and succeeded: the statuses it changed may be loaded again. */
  onSucceeded: () => void;
  pollMs?: number;
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/**
 * A tenant's confirmation (the BFF's consistency check of its ordered services) as an element
 * follows it: started or joined with {@link start}, its job polled until it is done, polling
 * stopped while the element is off the page and resumed when it is back.
 */
export class ConfirmationController implements ReactiveController {
  /** The confirmation followed, once started or joined. */
  confirmation?: Confirmation;
  /** Its job as last polled. */
  job?: ConfirmationJob;

  readonly #startTask: Task<readonly [ApiClient, string], Confirmation>;
  readonly #jobTask: Task<readonly [ApiClient, Confirmation | undefined], ConfirmationJob | undefined>;

  constructor(
    private readonly host: ReactiveElement,
    options: ConfirmationOptions,
  ) {
    host.addController(this);
    this.#startTask = new Task(host, {
      autoRun: false,
      task: async ([client, tenantId]: readonly [ApiClient, string]): Promise<Confirmation> => ({
        tenantId,
        ...(await client.confirm(tenantId, crypto.randomUUID())),
      }),
      onComplete: (confirmation) => {
        this.job = undefined;
        this.confirmation = confirmation;
        this.host.requestUpdate();
      },
      onError: options.onStartError,
    });
    this.#jobTask = new Task(host, {
      task: async ([client, confirmation], { signal }): Promise<ConfirmationJob | undefined> => {
        if (!confirmation) return undefined;
        for (;;) {
          const job = await client.job<ConfirmationResult>(confirmation.jobId, signal);
          this.job = job;
          this.host.requestUpdate();
          if (job.status === 'succeeded' || job.status === 'failed') return job;
          await pause(options.pollMs ?? POLL_MS, signal);
        }
      },
      args: () => [options.client(), this.confirmation] as const,
      onComplete: (job) => {
        if (job?.status === 'succeeded') options.onSucceeded();
      },
    });
  }

  hostConnected(): void {
    // Back on the page: follow the confirmation again where polling stopped.
    if (this.host.hasUpdated && this.confirmation && !this.done) void this.#jobTask.run();
  }

  hostDisconnected(): void {
    this.#jobTask.abort();
  }

  /** Starts the tenant's confirmation, or joins the one running. */
  start(client: ApiClient, tenantId: string): void {
    void this.#startTask.run([client, tenantId]);
  }

  /** Forgets the confirmation (another tenant is shown); call it before the host renders, as in `willUpdate`. */
  clear(): void {
    this.confirmation = undefined;
    this.job = undefined;
  }

  /** The confirmation of this tenant, if one is followed. */
  of(tenantId: string | undefined): Confirmation | undefined {
    return this.confirmation?.tenantId === tenantId ? this.confirmation : undefined;
  }

  /** Whether the request to start is on its way. */
  get starting(): boolean {
    return this.#startTask.status === TaskStatus.PENDING;
  }

  /** Whether the job is done, succeeded or failed. */
  get done(): boolean {
    return this.job?.status === 'succeeded' || this.job?.status === 'failed';
  }

  /** Whether this tenant's confirmation is being followed and not done. */
  running(tenantId: string | undefined): boolean {
    return this.of(tenantId) !== undefined && !this.done && this.#jobTask.status === TaskStatus.PENDING;
  }

  /** Why the progress could not be loaded, while that is so. */
  get pollError(): { error: unknown } | undefined {
    return this.#jobTask.status === TaskStatus.ERROR ? { error: this.#jobTask.error } : undefined;
  }

  /** Polls again after an error. */
  retry(): void {
    void this.#jobTask.run();
  }
}
