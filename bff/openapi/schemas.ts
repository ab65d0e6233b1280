/**
 * The answers' shapes as zod schemas, for the OpenAPI document (requests are described by
 * the very schemas that validate them). They mirror domain/api.ts; test/bff/openapi.test.ts
 * checks real answers against them, so the document cannot drift from the API unnoticed.
 */
import { z } from 'zod';
import { CURRENCIES, MODES, REGIONS, SERVICE_CODES } from '../../domain/catalog.js';
import { SERVICE_STATUSES } from '../../domain/lifecycle.js';
import { LEVELS, ROLES } from '../../domain/roles.js';

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

export const Catalog = z.object({
  services: z.array(
    z.object({
      code: Service,
      name: z.string(),
      billedUsers: z.string(),
      prices: z.partialRecord(z.enum(CURRENCIES), z.number().int()).optional().describe('minor units per user and month; Sales/ALL only'),
    }),
  ),
  modes: z.array(z.enum(MODES)),
  rules: z.record(z.string(), z.unknown()),
});

export const Partner = z.object({ id: z.string(), name: z.string() });

export const TenantSummary = z.object({ id: z.string(), name: z.string(), managedDomains: z.number().int(), totalServices: z.number().int() }).meta({ id: 'TenantSummary' });

export const TenantPage = z.object({ items: z.array(TenantSummary), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

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

export const UsageStatement = z.object({
  month: z.string(),
  lines: z.array(
    z.object({
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
    }),
  ),
  totals: z.array(z.object({ currency: z.enum(CURRENCIES), total: Money })),
});

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

export const Offer = z.object({
  id: z.string(),
  tenantId: z.string(),
  language: z.string(),
  currency: z.enum(CURRENCIES),
  offerDate: Day,
  validUntil: Day,
  lines: z.array(z.record(z.string(), z.unknown())),
  total: Money,
  pdf: z.string(),
});

export const DemoUser = z.object({ id: z.string(), name: z.string(), level: z.enum(LEVELS), org: z.string().nullable(), roles: z.array(z.enum(ROLES)) });

export const Token = z.object({ token: z.string() });
