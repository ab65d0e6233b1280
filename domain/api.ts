/** Shapes of the HTTP API (docs/architecture.md#the-http-api), shared by the BFF and the components. camelCase. */
import type { Currency, Mode, OfferLanguage, Region, ServiceCode } from './catalog.js';
import type { ServiceStatus } from './lifecycle.js';
import type { Level, Role } from './roles.js';

export interface TenantSummary {
  id: string;
  name: string;
  managedDomains: number;
  totalServices: number;
}

export const TENANT_SORT_KEYS = ['name', 'id', 'managedDomains', 'totalServices'] as const;
export type TenantSortKey = (typeof TENANT_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** A page of the tenant list (docs/architecture.md#the-tenant-list-at-scale). */
export interface TenantPage {
  items: TenantSummary[];
  /** Exact up to a threshold; above it the planner's estimate, and `totalIsEstimate` is true. */
  total: number;
  totalIsEstimate: boolean;
  limit: number;
  /** The offset applied; null when the page was found by `cursor`. */
  offset: number | null;
  /** The cursor of the next and of the previous page; null at either end. */
  next: string | null;
  prev: string | null;
}

/** The editable details of a tenant. */
export interface TenantDetails {
  name: string;
  email: string;
  phone: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  invoiceReference: string | null;
}

export interface Tenant extends TenantDetails {
  id: string;
  partnerId: string;
  partnerName: string;
  region: Region;
  currency: Currency;
}

export interface NewTenant extends TenantDetails {
  /** Required for SEPPmail staff; a partner always adds to itself. */
  partnerId?: string;
  region?: Region;
}

export interface Discount {
  percent: number;
  reason: string;
}

export interface BookedService {
  number: number;
  code: ServiceCode;
  name: string;
  status: ServiceStatus;
  /** YYYY-MM-DD, set when the service is provisioned. */
  startBilling: string | null;
  /** YYYY-MM-DD, set when the service is cancelled. */
  endBilling: string | null;
  discount: Discount | null;
}

export interface ManagedDomain {
  id: string;
  name: string;
  mode: Mode;
  status: ServiceStatus | null;
  ms365TenantId: string | null;
  ginaHost: string | null;
  services: BookedService[];
}

export interface CatalogService {
  code: ServiceCode;
  name: string;
  billedUsers: string;
  /** Monthly price per user in minor units (cents), per currency; only for `Sales`/`ALL`. */
  prices?: Partial<Record<Currency, number>>;
}

export interface DemoUser {
  id: string;
  name: string;
  level: Level;
  org: string | null;
  roles: Role[];
}

export interface Me {
  sub: string;
  name: string;
  level: Level;
  org: string | null;
  orgName: string | null;
  roles: Role[];
}

export interface Partner {
  id: string;
  name: string;
}

/** RFC 9457 problem details as the BFF answers them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: { path: string; message: string; code?: string; service?: ServiceCode; others?: ServiceCode[]; domain?: string; fields?: string[] }[];
}

/** The languages an offer is written in: the catalogue's (domain/catalog.ts). */
export { OFFER_LANGUAGES, type OfferLanguage } from './catalog.js';

/** `POST /api/tenants/{id}/offers`: per domain (managed or planned), the services and estimated users. */
export interface NewOffer {
  language?: OfferLanguage;
  /** Days from today until the offer expires; 30 unless given. */
  validDays?: number;
  lines: {
    domain: string;
    services: ServiceCode[];
    estimatedUsers: number;
    /** SEPPmail level `Sales`/`ALL` only. */
    discount?: Discount;
  }[];
}

/** One service of one domain in an offer; money as decimal strings in the offer's currency. */
export interface OfferLine {
  domain: string;
  service: ServiceCode;
  name: string;
  estimatedUsers: number;
  /** Per user and month. */
  unitPrice: string;
  /** 0 without a discount. */
  discountPercent: number;
  discountReason: string | null;
  /** Per month, after the discount. */
  total: string;
}

export interface Offer {
  id: string;
  /** The human offer number, `OF-<year>-<000123>`: a sequence per Europe/Zurich year of creation, unique, without gaps. */
  number: string;
  tenantId: string;
  language: OfferLanguage;
  currency: Currency;
  /** YYYY-MM-DD (Europe/Zurich). */
  offerDate: string;
  validUntil: string;
  lines: OfferLine[];
  /** Per month. */
  total: string;
  /** Where the PDF downloads (with the bearer token). */
  pdf: string;
}

/** One line of the usage statement: a tenant's domain's service in a month. Money as decimal strings. */
export interface UsageLine {
  tenantId: string;
  tenantName: string;
  domain: string;
  service: ServiceCode;
  month: string;
  quantity: number;
  discountPercent: number;
  discountReason: string | null;
  unitPrice: string;
  total: string;
  currency: Currency;
}

export interface UsageStatement {
  month: string;
  lines: UsageLine[];
  totals: { currency: Currency; total: string }[];
}
