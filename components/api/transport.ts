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

export class Transport {
  readonly apiBase: string;

  constructor(
    apiBase: string,
    readonly getToken?: TokenGetter,
  ) {
    this.apiBase = apiBase.replace(/\/+$/, '');
  }

  /** Sends the request with the bearer token; a refusal throws an {@link ApiError}. */
  async send(method: string, path: string, options: SendOptions = {}): Promise<Response> {
    if (!this.getToken && !options.anonymous) await waitForSignIn(options.signal);
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const token = 'token' in options ? options.token : await this.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    };
    if (options.cache) init.cache = options.cache;
    const response = await fetch(this.apiBase + path, init);
    if (!response.ok) throw new ApiError(await problemOf(response));
    return response;
  }

  /** A GET answered as a file (`accept` names its type), for saving rather than reading. */
  async download(path: string, accept: string, signal?: AbortSignal): Promise<Download> {
    const response = await this.send('GET', path, { headers: { accept }, signal });
    return { blob: await response.blob(), fileName: fileNameOf(response) };
  }
}
