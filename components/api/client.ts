import type { Mode, ServiceCode } from '../../domain/catalog.js';
import type { DnsRecord } from '../../domain/dns-records.js';
import type { Level } from '../../domain/roles.js';
import type { Reason } from '../../domain/rules.js';
import type {
  BookedService,
  CatalogService,
  DemoUser,
  ManagedDomain,
  Me,
  NewTenant,
  NewOffer,
  Offer,
  Partner,
  SortOrder,
  Tenant,
  TenantDetails,
  TenantPage,
  TenantSortKey,
  UsageStatement,
} from '../../domain/api.js';
import { type LiveListener, subscribeToChanges } from './change-feed.js';
import { type Download, type SendOptions, type TokenGetter, Transport } from './transport.js';

export { ApiError, type AuthRequiredDetail, type Download, type ProblemReason, type TokenGetter } from './transport.js';

export type { UsageLine, UsageStatement } from '../../domain/api.js';

export interface ApiClientOptions {
  /** Where the BFF's API lives; `/api` unless told. */
  apiBase?: string;
  getToken?: TokenGetter;
  /** The element whose calls these are: a 401 fires `auth-required` from it (see {@link ApiClient.for}). */
  target?: EventTarget;
}

export interface TenantQuery {
  q?: string;
  sort?: TenantSortKey;
  order?: SortOrder;
  limit?: number;
  /** For compatibility; `cursor` pages at the same cost however deep. Not both. */
  offset?: number;
  /** A page's `next` or `prev`, with the same q, sort and order. */
  cursor?: string;
}

/** `GET /api/catalog`: the services (with prices for `Sales`/`ALL`) and the modes. */
export interface Catalog {
  services: CatalogService[];
  modes: Mode[];
}

/** `POST /api/tenants/{id}/domains`; with only `name` and `mode` it is the manual add. */
export interface NewDomain {
  name: string;
  mode: Mode;
  ms365TenantId?: string;
  services?: ServiceCode[];
  ginaHost?: string;
}

export interface NewServices {
  services: ServiceCode[];
  ginaHost?: string;
}

/** A resource as the BFF answered it, with the `ETag` that a later `If-Match` needs. */
export interface Versioned<T> {
  data: T;
  etag: string;
}

/** `POST /api/tenants/{id}/confirmations`: the job, and whether a running confirmation was joined. */
export interface ConfirmationStarted {
  jobId: string;
  /** A confirmation of this tenant was queued or running already; this is that one. */
  joined: boolean;
}

export interface JobProgress {
  checked: number;
  total: number;
}

/** What the consistency check found for one domain. */
export interface DomainConfirmation {
  domainId: string;
  name: string;
  passed: boolean;
  /** The numbers of the services that moved to `confirmed`. */
  confirmed: number[];
  reasons: Reason[];
}

export interface ConfirmationResult {
  domains: DomainConfirmation[];
  /** What refuses every domain of the tenant (incomplete tenant data). */
  tenantReasons: Reason[];
}

/** `GET /api/jobs/{id}`: a background job; its `result` once it succeeded, `{error}` once it failed. */
export type Job<R> = {
  id: string;
  kind: string;
  tenantId: string | null;
  progress: JobProgress | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
} & ({ status: 'queued' | 'running'; result: null } | { status: 'succeeded'; result: R } | { status: 'failed'; result: { error: string } });

/** `POST /api/tenants/{id}/deployments`: the services of one domain that went to `provisioning`. */
export interface Deployment {
  domainId: string;
  tenantId: string;
  numbers: number[];
}

export interface DeploymentSettingsData {
  ginaHost: string | null;
}

/** A DNS record the domain needs, and whether DNS answers it now. */
export type CheckedDnsRecord = DnsRecord & { present: boolean };

/** `POST /api/domains/{id}/dns-check`: the records, and the services this check provisioned. */
export interface DnsCheck {
  records: CheckedDnsRecord[];
  provisioned: number[];
}

export interface UsageQuery {
  /** `YYYY-MM`; the BFF takes the current month when it is left out. */
  month?: string;
  /** One tenant's lines only. */
  tenant?: string;
}

/** One audit event: who changed what, when, and the entity before and after. */
export interface AuditEntry {
  id: number;
  /** ISO 8601 date and time. */
  at: string;
  actor: { sub: string; name: string; level: Level; org: string | null };
  action: string;
  entity: { type: string; id: string };
  tenantId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** The X-Request-Id the caller's client sent, kept beside the server's own. */
  clientRequestId: string | null;
}

/** `GET /api/audit`: newest first; `nextBefore` asks for the next, older page (null at the end). */
export interface AuditPage {
  items: AuditEntry[];
  nextBefore: number | null;
}

export interface AuditQuery {
  tenant?: string;
  limit?: number;
  /** The `nextBefore` of the previous page. */
  before?: number;
}

/** An offer's PDF, and its name from `Content-Disposition` (such as `offer-OF-2026-000123.pdf`). */
export interface OfferPdf {
  blob: Blob;
  fileName: string;
}

type RequestOptions = Pick<SendOptions, 'body' | 'headers' | 'signal' | 'anonymous'>;

/** `?a=1&b=2` of the values that are set; empty when none is. */
function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Talks to the BFF: adds the bearer token, turns problem answers into {@link ApiError}s and
 * passes each component's `AbortSignal` on to `fetch`.
 */
export class ApiClient {
  readonly apiBase: string;
  readonly getToken?: TokenGetter;
  /** The one `fetch` with the token: requests, downloads and the change stream. */
  readonly #transport: Transport;
  /** The caller, shared with the clients that {@link ApiClient.for} made of this one. */
  #caller: { me?: Promise<Me> } = {};

  constructor(options: ApiClientOptions = {}) {
    this.#transport = new Transport(options.apiBase ?? '/api', options.getToken, options.target);
    this.apiBase = this.#transport.apiBase;
    this.getToken = options.getToken;
  }

  /**
   * This client for the calls of `target` (an element that inherited it): the same BFF, token
   * and caller, and a 401 fires `auth-required` from `target`.
   */
  for(target: EventTarget): ApiClient {
    const client = new ApiClient({ apiBase: this.apiBase, getToken: this.getToken, target });
    client.#caller = this.#caller;
    return client;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<{ data: T; response: Response }> {
    const response = await this.#transport.send(method, path, options);
    const data = (response.status === 204 ? undefined : await response.json()) as T;
    return { data, response };
  }

  /** A GET answered as a file (`accept` names its type), for saving rather than reading. */
  download(path: string, accept: string, signal?: AbortSignal): Promise<Download> {
    return this.#transport.download(path, accept, signal);
  }

  async #get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return (await this.request<T>('GET', path, { signal })).data;
  }

  /**
   * The caller, asked once per client: a host that switches users sets a new `getToken`, which
   * makes a new client.
   */
  me(): Promise<Me> {
    const caller = this.#caller;
    caller.me ??= this.#get<Me>('/me').catch((error: unknown) => {
      caller.me = undefined;
      throw error;
    });
    return caller.me;
  }

  tenants(query: TenantQuery, signal?: AbortSignal): Promise<TenantPage> {
    return this.#get(`/tenants${queryString(query)}`, signal);
  }

  /** A resource with its `ETag`. */
  async #versioned<T>(method: string, path: string, options: RequestOptions = {}): Promise<Versioned<T>> {
    const { data, response } = await this.request<T>(method, path, options);
    return { data, etag: response.headers.get('etag') ?? '' };
  }

  tenant(tenantId: string, signal?: AbortSignal): Promise<Versioned<Tenant>> {
    return this.#versioned('GET', `/tenants/${encodeURIComponent(tenantId)}`, { signal });
  }

  /** Changes the given details; `etag` is the one the tenant was loaded with. */
  updateTenant(tenantId: string, changes: Partial<TenantDetails>, etag: string): Promise<Versioned<Tenant>> {
    return this.#versioned('PATCH', `/tenants/${encodeURIComponent(tenantId)}`, { body: changes, headers: { 'if-match': etag } });
  }

  /** `idempotencyKey` makes a retry of the same submission safe; use a new one per submission. */
  addTenant(tenant: NewTenant, idempotencyKey: string): Promise<Tenant> {
    return this.#post('/tenants', tenant, idempotencyKey);
  }

  partners(signal?: AbortSignal): Promise<Partner[]> {
    return this.#get('/partners', signal);
  }

  domains(tenantId: string, signal?: AbortSignal): Promise<ManagedDomain[]> {
    return this.#get(`/tenants/${encodeURIComponent(tenantId)}/domains`, signal);
  }

  catalog(signal?: AbortSignal): Promise<Catalog> {
    return this.#get('/catalog', signal);
  }

  async #post<T>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
    return (await this.request<T>('POST', path, { body, headers: { 'idempotency-key': idempotencyKey } })).data;
  }

  /** Adds a domain to the tenant: the wizard's order, or the manual add with `name` and `mode` alone. */
  addDomain(tenantId: string, domain: NewDomain, idempotencyKey: string): Promise<ManagedDomain> {
    return this.#post(`/tenants/${encodeURIComponent(tenantId)}/domains`, domain, idempotencyKey);
  }

  /** Books services on a domain; answers the domain as it is then. */
  addServices(domainId: string, order: NewServices, idempotencyKey: string): Promise<ManagedDomain> {
    return this.#post(`/domains/${encodeURIComponent(domainId)}/services`, order, idempotencyKey);
  }

  /** Cancels the service with this number and what needs it; answers every service it cancelled. */
  cancelService(domainId: string, number: number, endBilling: string | undefined, idempotencyKey: string): Promise<{ cancelled: BookedService[] }> {
    return this.#post(`/domains/${encodeURIComponent(domainId)}/services/${number}/cancel`, endBilling ? { endBilling } : {}, idempotencyKey);
  }

  /** Starts the consistency check of the tenant's ordered services, or joins the one running. */
  confirm(tenantId: string, idempotencyKey: string): Promise<ConfirmationStarted> {
    return this.#post(`/tenants/${encodeURIComponent(tenantId)}/confirmations`, undefined, idempotencyKey);
  }

  job<R>(jobId: string, signal?: AbortSignal): Promise<Job<R>> {
    return this.#get(`/jobs/${encodeURIComponent(jobId)}`, signal);
  }

  /** Moves the tenant's confirmed services to provisioning. */
  deploy(tenantId: string, idempotencyKey: string): Promise<{ deployed: Deployment[] }> {
    return this.#post(`/tenants/${encodeURIComponent(tenantId)}/deployments`, undefined, idempotencyKey);
  }

  /** The domain's deployment settings; 422 `deployment-settings-unavailable` unless SC-SIGENC is confirmed or provisioning. */
  deploymentSettings(domainId: string, signal?: AbortSignal): Promise<Versioned<DeploymentSettingsData>> {
    return this.#versioned('GET', `/domains/${encodeURIComponent(domainId)}/deployment-settings`, { signal });
  }

  /** Saves the settings; `etag` is the one they were loaded with (412 when they changed since). */
  saveDeploymentSettings(domainId: string, settings: { ginaHost: string }, etag: string): Promise<Versioned<DeploymentSettingsData>> {
    return this.#versioned('PUT', `/domains/${encodeURIComponent(domainId)}/deployment-settings`, { body: settings, headers: { 'if-match': etag } });
  }

  /** The records the domain needs, looked up in DNS now. */
  dnsRecords(domainId: string, signal?: AbortSignal): Promise<CheckedDnsRecord[]> {
    return this.#get(`/domains/${encodeURIComponent(domainId)}/dns-records`, signal);
  }

  /** Checks the records and provisions the domain's waiting services once all are published. */
  dnsCheck(domainId: string, idempotencyKey: string): Promise<DnsCheck> {
    return this.#post(`/domains/${encodeURIComponent(domainId)}/dns-check`, undefined, idempotencyKey);
  }

  /** The month's usage statement (Sales/ALL); 404 for a tenant outside the caller's scope. */
  usage(query: UsageQuery, signal?: AbortSignal): Promise<UsageStatement> {
    return this.#get(`/usage${queryString(query)}`, signal);
  }

  /** The same statement as a file: CSV (with a header row) or the JSON answer itself. */
  usageFile(query: UsageQuery, format: 'csv' | 'json', signal?: AbortSignal): Promise<Download> {
    return this.download(`/usage${queryString(query)}`, format === 'csv' ? 'text/csv' : 'application/json', signal);
  }

  /** Audit events within the caller's scope, newest first (Audit/ALL). */
  audit(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
    return this.#get(`/audit${queryString(query)}`, signal);
  }

  /** Stores an offer for the tenant; `idempotencyKey` makes a retry of the same submission safe. */
  createOffer(tenantId: string, offer: NewOffer, idempotencyKey: string): Promise<Offer> {
    return this.#post(`/tenants/${encodeURIComponent(tenantId)}/offers`, offer, idempotencyKey);
  }

  /**
   * The offer's PDF, fetched with the bearer token (the host page's token is no cookie, so a
   * plain link to the PDF would not be authorised); `pdf` is the offer's `pdf` path
   * (`/api/offers/{id}.pdf`), read against the client's API base.
   */
  async offerPdf(pdf: string, signal?: AbortSignal): Promise<OfferPdf> {
    const file = await this.download(pdf.replace(/^\/api(?=\/)/, ''), 'application/pdf', signal);
    return { blob: file.blob, fileName: file.fileName ?? pdf.split('/').pop()! };
  }

  /**
   * Listens to the BFF's changes (`GET /api/events`) until the returned function is called.
   * Every listener of the same `apiBase` and `getToken` shares one stream, which reconnects
   * with back-off when it drops and closes when its last listener leaves.
   */
  changes(listener: LiveListener): () => void {
    return subscribeToChanges(this.#transport, listener);
  }

  async demoUsers(signal?: AbortSignal): Promise<DemoUser[]> {
    return (await this.request<DemoUser[]>('GET', '/demo/users', { signal, anonymous: true })).data;
  }

  async demoToken(user: string): Promise<string> {
    const { data } = await this.request<{ token: string }>('POST', '/demo/token', {
      body: { user },
      headers: { 'idempotency-key': crypto.randomUUID() },
      anonymous: true,
    });
    return data.token;
  }
}
