/**
 * The one way the elements reach the BFF: `fetch` with the bearer token, the caller's
 * `AbortSignal`, and problem answers read into {@link ApiError}s. Requests, downloads and the
 * change stream all go through {@link Transport.send}.
 */
import type { Problem } from '../../domain/api.js';
import type { Reason, ReasonCode } from '../../domain/rules.js';

/** Supplies the bearer token; called before every request, so it may refresh. */
export type TokenGetter = () => string | Promise<string>;

/** A file the BFF answered, and its name from `Content-Disposition` where it gave one. */
export interface Download {
  blob: Blob;
  fileName?: string;
}

export interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A call that needs no sign-in (the demo's user list and tokens). */
  anonymous?: boolean;
  /** The token to send, already taken from `getToken` by the caller (the change stream compares it later). */
  token?: string;
  cache?: RequestCache;
  /**
   * Whether a 401 asks the host page to sign in again (`auth-required`); true unless told. The
   * change stream says no: it reconnects with back-off and would ask again and again.
   */
  askHost?: boolean;
}

/**
 * `auth-required`: the BFF refused a request of the element with 401. The host page may sign
 * in again and say so with {@link AuthRequiredDetail.retry}; the element then takes a token from
 * `getToken` once more and sends the request again, once. Without an answer it shows the error.
 */
export interface AuthRequiredDetail {
  method: string;
  /** The URL the request went to. */
  url: string;
  /** The path below the API base, with the query: `/tenants?sort=name`. */
  path: string;
  status: number;
  /** The BFF's `application/problem+json` answer. */
  problem: Problem;
  /**
   * The host signed in again, or will have once `signedIn` fulfils: the element then sends the
   * request once more with a fresh token from `getToken`; a rejected `signedIn` shows the error.
   * Call it from the listener, while the event is dispatched.
   */
  retry(signedIn?: PromiseLike<unknown>): void;
}

/** One reason of a refusal: always a `path` and a `message`; a rule's refusal also names its `code`. */
export type ProblemReason = { path: string; message: string } & Partial<Pick<Reason, 'service' | 'others'>> & { code?: ReasonCode | string };

/** A refusal by the BFF, read from its `application/problem+json` answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type: string;
  readonly requestId?: string;
  readonly errors: ProblemReason[];

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.requestId = problem.requestId;
    this.errors = (problem.errors ?? []) as ProblemReason[];
  }
}

/**
 * How long a call waits for a token before it gives up. An element upgraded before the
 * `services-provider` around it has no token for a moment; its call waits, and is aborted when
 * the provider's client arrives (the element's task reruns with it), so the BFF never sees a
 * call without a token. An element that nobody gives a token says so after the wait.
 */
const SIGN_IN_GRACE_MS = 2_000;

function waitForSignIn(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new ApiError({
            type: 'about:blank',
            title: 'Not signed in',
            status: 401,
            detail: 'This element has no getToken: set one, or place it inside a services-provider that has one.',
          }),
        ),
      SIGN_IN_GRACE_MS,
    );
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** The problem of a refused answer: its `problem+json` body where it has one, else its status. */
export async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: response.status };
  } catch {
    return fallback;
  }
}

/** The file name of `Content-Disposition: attachment; filename="…"`, if the answer has one. */
export function fileNameOf(response: Response): string | undefined {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
}

/** Waits for the host's answers; rejects when one rejects, or with the signal's reason when it aborts. */
function hostAnswers(answers: PromiseLike<unknown>[], signal?: AbortSignal): Promise<unknown> {
  if (!signal) return Promise.all(answers);
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    Promise.all(answers).then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export class Transport {
  readonly apiBase: string;

  /**
   * @param target The element whose requests these are: a 401 fires `auth-required` there.
   * Without one, a 401 is an {@link ApiError} at once.
   */
  constructor(
    apiBase: string,
    readonly getToken?: TokenGetter,
    readonly target?: EventTarget,
  ) {
    this.apiBase = apiBase.replace(/\/+$/, '');
  }

  /**
   * Sends the request with the bearer token; a refusal throws an {@link ApiError}. A 401 first
   * asks the host page (`auth-required`), and when it answers, the request goes once more with a
   * new token: never a second time, whatever the second answer is.
   */
  async send(method: string, path: string, options: SendOptions = {}): Promise<Response> {
    if (!this.getToken && !options.anonymous) await waitForSignIn(options.signal);
    const token = 'token' in options ? options.token : await this.getToken?.();
    const response = await this.#fetch(method, path, options, token);
    if (response.ok) return response;
    const problem = await problemOf(response);
    if (response.status === 401 && !options.anonymous && options.askHost !== false && (await this.#hostSignedIn(method, path, response.url, problem, options.signal))) {
      const retried = await this.#fetch(method, path, options, await this.getToken?.());
      if (retried.ok) return retried;
      throw new ApiError(await problemOf(retried));
    }
    throw new ApiError(problem);
  }

  /** Fires `auth-required` from the target; true once the host answered that it signed in again. */
  async #hostSignedIn(method: string, path: string, url: string, problem: Problem, signal?: AbortSignal): Promise<boolean> {
    if (!this.target) return false;
    const answers: PromiseLike<unknown>[] = [];
    let dispatching = true;
    const detail: AuthRequiredDetail = {
      method,
      url: url || this.apiBase + path,
      path,
      status: problem.status,
      problem,
      retry(signedIn = Promise.resolve()) {
        if (!dispatching) throw new Error('auth-required: call retry() from the listener, while the event is dispatched');
        answers.push(signedIn);
      },
    };
    this.target.dispatchEvent(new CustomEvent('auth-required', { detail, bubbles: true, composed: true }));
    dispatching = false;
    if (answers.length === 0) return false;
    try {
      await hostAnswers(answers, signal);
      return true;
    } catch (error) {
      if (signal?.aborted) throw error;
      return false;
    }
  }

  #fetch(method: string, path: string, options: SendOptions, token: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    };
    if (options.cache) init.cache = options.cache;
    return fetch(this.apiBase + path, init);
  }

  /** A GET answered as a file (`accept` names its type), for saving rather than reading. */
  async download(path: string, accept: string, signal?: AbortSignal): Promise<Download> {
    const response = await this.send('GET', path, { headers: { accept }, signal });
    return { blob: await response.blob(), fileName: fileNameOf(response) };
  }
}
