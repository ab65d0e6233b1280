/**
 * The answers' shapes as zod schemas, for the OpenAPI document (requests are described by
 * the very schemas that validate them). Those with a type in domain/api.ts are that type
 * exactly (`WireTypesMatch` below: a drift fails tsc), the route handlers' answers are typed by
 * them (@hono/zod-openapi), and test/bff/openapi.test.ts checks real answers against them.
 */
import { z } from 'zod';
import { CURRENCIES, MODES, REGIONS, SERVICE_CODES } from '../../domain/catalog.js';
import { SERVICE_STATUSES } from '../../domain/lifecycle.js';
import { LEVELS, ROLES } from '../../domain/roles.js';
import { OFFER_LANGUAGES } from '../../domain/api.js';
import type * as Api from '../../domain/api.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('a calendar date, YYYY-MM-DD');
const Money = z.string().regex(/^-?\d+\.\d{2}$/).describe('an exact amount with two decimals');
const Service = z.enum(SERVICE_CODES);

export const Reason = z
  .object({
    path: z.string(),
    message: z.string(),
    code: z.string().optional().describe('stable, for translation: see ReasonCode in domain/rules.ts'),
    service: Service.optional(),
    others: z.array(Service).optional(),
    domain: z.string().optional(),
    fields: z.array(z.string()).optional(),
  })
  .meta({ id: 'Reason' });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(Reason).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const Health = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable', 'draining']),
  db: z.enum(['ok', 'unreachable', 'unknown']),
  listener: z.enum(['ok', 'reconnecting', 'unknown']),
});
export const Liveness = z.object({ status: z.literal('ok') });

export const Me = z
  .object({ sub: z.string(), name: z.string(), level: z.enum(LEVELS), org: z.string().nullable(), orgName: z.string().nullable(), roles: z.array(z.enum(ROLES)) })
  .meta({ id: 'Me' });

export const CatalogService = z
  .object({
    code: Service,
    name: z.string(),
    billedUsers: z.string(),
    prices: z.partialRecord(z.enum(CURRENCIES), z.number().int()).optional().describe('minor units per user and month; Sales/ALL only'),
  })
  .meta({ id: 'CatalogService' });

export const Catalog = z.object({
  services: z.array(CatalogService),
  modes: z.array(z.enum(MODES)),
  rules: z.record(z.string(), z.unknown()),
});

export const Partner = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Partner' });

export const TenantSummary = z.object({ id: z.string(), name: z.string(), managedDomains: z.number().int(), totalServices: z.number().int() }).meta({ id: 'TenantSummary' });

export const TenantPage = z
  .object({
    items: z.array(TenantSummary),
    total: z.number().int().describe('exact up to 1,000 matching tenants; above that an estimate (`totalIsEstimate`)'),
    totalIsEstimate: z.boolean().describe("true when `total` is the database planner's estimate"),
    limit: z.number().int(),
    offset: z.number().int().nullable().describe('the offset applied; null when the page was found by `cursor`'),
    next: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
    prev: z.string().nullable().describe('pass as `cursor` for the previous page; null on the first page'),
  })
  .meta({ id: 'TenantPage' });

export const Tenant = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    country: z.string(),
    invoiceReference: z.string().nullable(),
    partnerId: z.string(),
    partnerName: z.string(),
    region: z.enum(REGIONS),
    currency: z.enum(CURRENCIES),
  })
  .meta({ id: 'Tenant' });

export const BookedService = z
  .object({
    number: z.number().int(),
    code: Service,
    name: z.string(),
    status: z.enum(SERVICE_STATUSES),
    startBilling: Day.nullable(),
    endBilling: Day.nullable(),
    discount: z.object({ percent: z.number(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'BookedService' });

export const ManagedDomain = z
  .object({
    id: z.string(),
    name: z.string(),
    mode: z.enum(MODES),
    status: z.enum(SERVICE_STATUSES).nullable(),
    ms365TenantId: z.string().nullable(),
    ginaHost: z.string().nullable(),
    services: z.array(BookedService),
  })
  .meta({ id: 'ManagedDomain' });

export const JobAccepted = z.object({ jobId: z.string(), joined: z.boolean() });

export const Job = z
  .object({
    id: z.string(),
    kind: z.string(),
    tenantId: z.string().nullable(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    progress: z.unknown(),
    result: z.unknown(),
    attempts: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Job' });

export const Deployed = z.object({ deployed: z.array(z.object({ domainId: z.string(), tenantId: z.string(), numbers: z.array(z.number().int()) })) });

export const DeploymentSettings = z.object({ ginaHost: z.string().nullable() });

export const DnsRecord = z
  .object({ type: z.enum(['MX', 'TXT', 'CNAME']), name: z.string(), value: z.string(), purpose: z.string(), present: z.boolean() })
  .meta({ id: 'DnsRecord' });

export const DnsCheck = z.object({ records: z.array(DnsRecord), provisioned: z.array(z.number().int()) });

export const Cancelled = z.object({ cancelled: z.array(BookedService) });

export const UsageLine = z
  .object({
    tenantId: z.string(),
    tenantName: z.string(),
    domain: z.string(),
    service: Service,
    month: z.string(),
    quantity: z.number().int(),
    discountPercent: z.number(),
    discountReason: z.string().nullable(),
    unitPrice: Money,
    total: Money,
    currency: z.enum(CURRENCIES),
  })
  .meta({ id: 'UsageLine' });

export const UsageStatement = z
  .object({
    month: z.string(),
    lines: z.array(UsageLine),
    totals: z.array(z.object({ currency: z.enum(CURRENCIES), total: Money })),
  })
  .meta({ id: 'UsageStatement' });

export const UsageImported = z.object({ month: z.string(), imported: z.number().int() });

export const AuditPage = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: z.object({ sub: z.string(), name: z.string(), level: z.enum(LEVELS), org: z.string().nullable() }),
      action: z.string(),
      entity: z.object({ type: z.string(), id: z.string() }),
      tenantId: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
      requestId: z.string().nullable(),
    }),
  ),
  nextBefore: z.number().int().nullable(),
});

export const OfferLine = z
  .object({
    domain: z.string(),
    service: Service,
    name: z.string(),
    estimatedUsers: z.number().int(),
    unitPrice: Money,
    discountPercent: z.number(),
    discountReason: z.string().nullable(),
    total: Money,
  })
  .meta({ id: 'OfferLine' });

export const Offer = z
  .object({
    id: z.string(),
    number: z.string().regex(/^OF-\d{4}-\d{6,}$/).describe('the human offer number, e.g. OF-2026-000123: a sequence per Europe/Zurich year of creation, unique, without gaps'),
    tenantId: z.string(),
    language: z.enum(OFFER_LANGUAGES),
    currency: z.enum(CURRENCIES),
    offerDate: Day,
    validUntil: Day,
    lines: z.array(OfferLine),
    total: Money,
    pdf: z.string(),
  })
  .meta({ id: 'Offer' });

export const DemoUser = z.object({ id: z.string(), name: z.string(), level: z.enum(LEVELS), org: z.string().nullable(), roles: z.array(z.enum(ROLES)) }).meta({ id: 'DemoUser' });

export const Token = z.object({ token: z.string() });

// ---------------------------------------------------------------------------------------------
// Wire types once: each schema's output is exactly its type in domain/api.ts, or tsc fails.

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type WireTypesMatch = [
  Assert<Equal<z.output<typeof Problem>, Api.Problem>>,
  Assert<Equal<z.output<typeof Me>, Api.Me>>,
  Assert<Equal<z.output<typeof CatalogService>, Api.CatalogService>>,
  Assert<Equal<z.output<typeof Partner>, Api.Partner>>,
  Assert<Equal<z.output<typeof TenantSummary>, Api.TenantSummary>>,
  Assert<Equal<z.output<typeof TenantPage>, Api.TenantPage>>,
  Assert<Equal<z.output<typeof Tenant>, Api.Tenant>>,
  Assert<Equal<z.output<typeof BookedService>, Api.BookedService>>,
  Assert<Equal<z.output<typeof ManagedDomain>, Api.ManagedDomain>>,
  Assert<Equal<z.output<typeof DemoUser>, Api.DemoUser>>,
  Assert<Equal<z.output<typeof OfferLine>, Api.OfferLine>>,
  Assert<Equal<z.output<typeof Offer>, Api.Offer>>,
  Assert<Equal<z.output<typeof UsageLine>, Api.UsageLine>>,
  Assert<Equal<z.output<typeof UsageStatement>, Api.UsageStatement>>,
];
