/** The database as Kysely sees it: one interface per table, snake_case as in PostgreSQL. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Currency, Mode, Region, ServiceCode } from '../../domain/catalog.js';
import type { ServiceStatus } from '../../domain/lifecycle.js';
import type { Level, Role } from '../../domain/roles.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in (`now()`) unless given. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** DATE columns are read as `YYYY-MM-DD` strings (see the type parsers in connect.ts). */
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface PartnersTable {
  id: string;
  name: string;
  country: string;
  created_at: DefaultedTimestamp;
}

export interface TenantsTable {
  id: string;
  partner_id: string;
  name: string;
  email: string;
  phone: string;
  country: string;
  invoice_reference: string | null;
  region: Region;
  /** Domains not yet deprovisioned; kept by a trigger. */
  managed_domains: Generated<number>;
  /** Services ordered, confirmed, provisioning or provisioned; kept by a trigger. */
  active_services: Generated<number>;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface GinaHostsTable {
  id: Generated<number>;
  tenant_id: string;
  name: string;
  created_at: DefaultedTimestamp;
}

export interface ManagedDomainsTable {
  id: string;
  tenant_id: string;
  /** Punycode, lower case. */
  name: string;
  mode: Mode;
  ms365_tenant_id: string | null;
  gina_host_id: number | null;
  /** The next service number to hand out; numbers are never reused. */
  next_service_number: Generated<number>;
  /** Set when every service is deprovisioned: the name may then be managed again. */
  deprovisioned_at: Timestamp | null;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
}

export interface ServicesTable {
  code: ServiceCode;
  name: string;
  billed_users: string;
  sort_order: number;
}

export interface CatalogPricesTable {
  service_code: ServiceCode;
  currency: Currency;
  /** Monthly price per user in minor units (Rappen, cents). */
  monthly_price_minor: number;
}

export interface BookedServicesTable {
  domain_id: string;
  number: number;
  service_code: ServiceCode;
  status: ServiceStatus;
  ordered_at: DefaultedTimestamp;
  status_changed_at: DefaultedTimestamp;
  start_billing: DateOnly | null;
  end_billing: DateOnly | null;
  discount_percent: ColumnType<string | null, string | number | null, string | number | null>;
  discount_reason: string | null;
}

export interface UserCountsTable {
  /** First day of the month. */
  month: DateOnly;
  domain_id: string;
  service_code: ServiceCode;
  users: number;
}

export interface AuditEventsTable {
  id: Generated<string>;
  at: DefaultedTimestamp;
  actor_sub: string;
  actor_name: string;
  actor_level: Level;
  actor_org: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  tenant_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  request_id: string | null;
  /** The X-Request-Id the client sent, if any (request_id is always the server's). */
  client_request_id: string | null;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  tenant_id: string | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  run_at: DefaultedTimestamp;
  locked_by: string | null;
  locked_until: Timestamp | null;
  attempts: Generated<number>;
  payload: Json<unknown>;
  progress: Json<unknown> | null;
  result: Json<unknown> | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

/** A job's result of one step (a confirmation: one domain), written once (bff/jobs/job-results.ts). */
export interface JobResultsTable {
  job_id: string;
  key: string;
  /** The order the steps were recorded in. */
  position: Generated<string>;
  value: Json<unknown>;
}

export interface IdempotencyKeysTable {
  principal_sub: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  response_status: number | null;
  response_headers: Json<Record<string, string>> | null;
  response_body: string | null;
  /** The job a stored 202 answer names: purged with that job (bff/jobs/retention.ts). */
  job_id: string | null;
  created_at: DefaultedTimestamp;
}

/** One rate-limit bucket (bff/http/rate-limit.ts): GCRA's theoretical arrival time. */
export interface RateLimitsTable {
  key: string;
  tat: Timestamp;
}

export interface OffersTable {
  id: Generated<string>;
  tenant_id: string;
  created_by: string;
  language: string;
  currency: Currency;
  valid_until: DateOnly;
  lines: Json<unknown>;
  /** BIGINT: read as a string (connect.ts), so that no amount loses precision. */
  total_minor: ColumnType<string, string, string>;
  created_at: DefaultedTimestamp;
  /** As they were when the offer was made. */
  tenant_name: string;
  partner_name: string;
  created_by_name: string;
  /** `OF-<year>-<000123>`: unique, per Europe/Zurich year of `created_at`, without gaps. */
  number: string;
}

/** Each year's last offer number (see migration 2026-12-05T00-00-00-offer-numbers). */
export interface OfferNumberCountersTable {
  year: number;
  last: number;
}

export interface DemoUsersTable {
  id: string;
  name: string;
  level: Level;
  org: string | null;
  roles: Role[];
  sort_order: number;
}

export interface Database {
  partners: PartnersTable;
  tenants: TenantsTable;
  gina_hosts: GinaHostsTable;
  managed_domains: ManagedDomainsTable;
  services: ServicesTable;
  catalog_prices: CatalogPricesTable;
  booked_services: BookedServicesTable;
  user_counts: UserCountsTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  job_results: JobResultsTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_limits: RateLimitsTable;
  offers: OffersTable;
  offer_number_counters: OfferNumberCountersTable;
  demo_users: DemoUsersTable;
}

export type TenantRow = Selectable<TenantsTable>;
export type NewTenantRow = Insertable<TenantsTable>;
export type TenantUpdate = Updateable<TenantsTable>;
