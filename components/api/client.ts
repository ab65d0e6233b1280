import type {
  DemoUser,
  ManagedDomain,
  Me,
  NewTenant,
  Partner,
  Problem,
  SortOrder,
  Tenant,
  TenantDetails,
  TenantPage,
  TenantSortKey,
} from '../../domain/api.js';

/** Supplies the bearer token; called before every request, so it may refresh. */
export type TokenGetter = () => string | Promise<string>;

export interface ApiClientOptions {
  /** Where the BFF's API lives; `/api` unless told. */
  apiBase?: string;
  getToken?: TokenGetter;
}

export interface TenantQuery {
  q?: string;
  sort?: TenantSortKey;
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

/** A resource as the BFF answered it, with the `ETag` that a later `If-Match` needs. */
export interface Versioned<T> {
  data: T;
  etag: string;
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A refusal by the BFF, read from its `application/problem+json` answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type: string;
  readonly requestId?: string;
  readonly errors: { path: string; message: string }[];

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
  }
}

async function problemOf(response: Response): Promise<Problem> {
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

/**
 * Talks to the BFF: adds the bearer token, turns problem answers into {@link ApiError}s and
 * passes each component's `AbortSignal` on to `fetch`.
 */
export class ApiClient {
  readonly apiBase: string;
  readonly getToken?: TokenGetter;
  #me?: Promise<Me>;

  constructor(options: ApiClientOptions = {}) {
    this.apiBase = (options.apiBase ?? '/api').replace(/\/+$/, '');
    this.getToken = options.getToken;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<{ data: T; response: Response }> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const token = await this.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(this.apiBase + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    if (!response.ok) throw new ApiError(await problemOf(response));
    const data = (response.status === 204 ? undefined : await response.json()) as T;
    return { data, response };
  }

  async #get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return (await this.request<T>('GET', path, { signal })).data;
  }

  /**
   * The caller, asked once per client: a host that switches users sets a new `getToken`, which
   * makes a new client.
   */
  me(): Promise<Me> {
    this.#me ??= this.#get<Me>('/me').catch((error: unknown) => {
      this.#me = undefined;
      throw error;
    });
    return this.#me;
  }

  tenants(query: TenantQuery, signal?: AbortSignal): Promise<TenantPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    return this.#get(`/tenants?${params}`, signal);
  }

  async tenant(tenantId: string, signal?: AbortSignal): Promise<Versioned<Tenant>> {
    const { data, response } = await this.request<Tenant>('GET', `/tenants/${encodeURIComponent(tenantId)}`, { signal });
    return { data, etag: response.headers.get('etag') ?? '' };
  }

  /** Changes the given details; `etag` is the one the tenant was loaded with. */
  async updateTenant(tenantId: string, changes: Partial<TenantDetails>, etag: string): Promise<Versioned<Tenant>> {
    const { data, response } = await this.request<Tenant>('PATCH', `/tenants/${encodeURIComponent(tenantId)}`, {
      body: changes,
      headers: { 'if-match': etag },
    });
    return { data, etag: response.headers.get('etag') ?? '' };
  }

  /** `idempotencyKey` makes a retry of the same submission safe; use a new one per submission. */
  async addTenant(tenant: NewTenant, idempotencyKey: string): Promise<Tenant> {
    const { data } = await this.request<Tenant>('POST', '/tenants', {
      body: tenant,
      headers: { 'idempotency-key': idempotencyKey },
    });
    return data;
  }

  partners(signal?: AbortSignal): Promise<Partner[]> {
    return this.#get('/partners', signal);
  }

  domains(tenantId: string, signal?: AbortSignal): Promise<ManagedDomain[]> {
    return this.#get(`/tenants/${encodeURIComponent(tenantId)}/domains`, signal);
  }

  demoUsers(signal?: AbortSignal): Promise<DemoUser[]> {
    return this.#get('/demo/users', signal);
  }

  async demoToken(user: string): Promise<string> {
    const { data } = await this.request<{ token: string }>('POST', '/demo/token', {
      body: { user },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    return data.token;
  }
}
