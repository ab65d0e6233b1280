/**
 * The OpenAPI 3.1 document, generated from the zod schemas that validate the requests and
 * those that describe the answers. One entry per route; test/bff/openapi.test.ts checks that
 * every route of the app is here.
 */
import { z, type ZodType } from 'zod';
import { AuditQuery } from '../routes/audit.js';
import { DemoTokenBody } from '../routes/demo.js';
import { AddServicesBody, CancelServiceBody, DeploymentSettingsBody } from '../routes/domains.js';
import { NewOfferBody } from '../routes/offers.js';
import { AddDomainBody, NewTenantBody, TenantDetailsPatch, TenantListQuery } from '../routes/tenants.js';
import { UsageQuery, UserCountsBody } from '../routes/usage.js';
import * as S from './schemas.js';
import { INT4_MAX } from '../http/validate.js';

type Status = 200 | 201 | 202;
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 428 | 429 | 503;

interface Operation {
  summary: string;
  who: string;
  path?: ZodType;
  query?: ZodType;
  body?: ZodType;
  ok: [Status, ZodType | 'pdf' | 'csv+json' | 'sse', string?];
  errors: ErrorStatus[];
  headers?: { ifMatch?: boolean; idempotencyKey?: boolean };
  public?: boolean;
}

const ERROR_MEANING: Record<ErrorStatus, string> = {
  400: 'The request is malformed or fails validation; `errors` lists every reason.',
  401: 'No valid bearer token.',
  403: "The caller's level or roles lack the right.",
  404: "Not there, or outside the caller's scope (never says which).",
  409: 'A conflict: the domain or GINA host is taken, or the same Idempotency-Key is still running.',
  412: 'If-Match names an outdated version.',
  413: 'The body is larger than 64 KiB.',
  422: 'A rule of the domain refuses; `errors` lists every reason with its `code`. Also: an Idempotency-Key reused for another request.',
  428: 'If-Match is required.',
  429: "Too many requests: the caller's writes or this address's failed authentications are over their budget (RATE_LIMIT_*); see Retry-After, RateLimit and RateLimit-Policy.",
  503: 'The database was out of reach or busy (or, for /api/health, the process drains): nothing was changed; retry after Retry-After.',
};

const tenantId = z.object({ tenantId: z.string().describe('the tenant ID, e.g. T-10001') });
const domainId = z.object({ domainId: z.string().describe('the domain ID, e.g. D-20001') });
const POST_ERRORS: ErrorStatus[] = [400, 401, 403, 404, 413, 422];

/** Keyed by `METHOD /path` in OpenAPI's path syntax. */
export const OPERATIONS: Record<string, Operation> = {
  'GET /api/health': { summary: 'Readiness: the database reachable, live updates listening, not shutting down', who: 'anyone', public: true, ok: [200, S.Health], errors: [503] },
  'GET /api/health/live': { summary: 'Liveness: the process runs (asks no database)', who: 'anyone', public: true, ok: [200, S.Liveness], errors: [] },
  'GET /api/me': { summary: 'The caller as the BFF sees it', who: 'any caller', ok: [200, S.Me], errors: [401] },
  'GET /api/catalog': { summary: 'Services, modes and dependency rules; prices for Sales/ALL', who: 'any caller', ok: [200, S.Catalog], errors: [401] },
  'GET /api/partners': { summary: 'The partners the caller may add tenants to', who: 'any caller', ok: [200, z.array(S.Partner)], errors: [401] },
  'GET /api/tenants': {
    summary: 'Tenants in scope: searched, sorted and paged',
    who: 'any caller, within scope',
    query: TenantListQuery,
    ok: [200, S.TenantPage],
    errors: [400, 401],
  },
  'POST /api/tenants': { summary: 'Add a tenant', who: 'Sales/ALL, partner or SEPPmail level', body: NewTenantBody, ok: [201, S.Tenant], errors: POST_ERRORS, headers: { idempotencyKey: true } },
  'GET /api/tenants/{tenantId}': { summary: "A tenant's details, with ETag", who: 'any caller, within scope', path: tenantId, ok: [200, S.Tenant], errors: [401, 404] },
  'PATCH /api/tenants/{tenantId}': {
    summary: "Change a tenant's details",
    who: 'Sales/ALL, partner or SEPPmail level',
    path: tenantId,
    body: TenantDetailsPatch,
    ok: [200, S.Tenant],
    errors: [400, 401, 403, 404, 412, 413, 428],
    headers: { ifMatch: true },
  },
  'GET /api/tenants/{tenantId}/domains': { summary: 'Booked services: the domains with their services', who: 'any caller, within scope', path: tenantId, ok: [200, z.array(S.ManagedDomain)], errors: [401, 404] },
  'POST /api/tenants/{tenantId}/domains': {
    summary: 'Order a domain (wizard), or add one manually with name and mode only',
    who: 'Sales/ALL, partner or SEPPmail level',
    path: tenantId,
    body: AddDomainBody,
    ok: [201, S.ManagedDomain],
    errors: [...POST_ERRORS, 409],
    headers: { idempotencyKey: true },
  },
  'POST /api/tenants/{tenantId}/confirmations': {
    summary: 'Start the consistency check (or join the running one)',
    who: 'Sales/ALL, partner or SEPPmail level',
    path: tenantId,
    ok: [202, S.JobAccepted],
    errors: [401, 403, 404],
    headers: { idempotencyKey: true },
  },
  'POST /api/tenants/{tenantId}/deployments': { summary: 'Deploy confirmed services', who: 'Tech/ALL', path: tenantId, ok: [200, S.Deployed], errors: [401, 403, 404], headers: { idempotencyKey: true } },
  'POST /api/tenants/{tenantId}/offers': {
    summary: 'Create an offer (it orders nothing)',
    who: 'Sales/ALL, partner or SEPPmail level',
    path: tenantId,
    body: NewOfferBody,
    ok: [201, S.Offer],
    errors: POST_ERRORS,
    headers: { idempotencyKey: true },
  },
  'GET /api/offers/{offerId}.pdf': {
    summary: 'An offer as PDF, in its language',
    who: 'Sales/ALL, within scope',
    path: z.object({ offerId: z.string() }),
    ok: [200, 'pdf'],
    errors: [401, 403, 404],
  },
  'POST /api/domains/{domainId}/services': {
    summary: 'Book more services on a domain',
    who: 'Sales/ALL, partner or SEPPmail level',
    path: domainId,
    body: AddServicesBody,
    ok: [201, S.ManagedDomain],
    errors: POST_ERRORS,
    headers: { idempotencyKey: true },
  },
  'POST /api/domains/{domainId}/services/{number}/cancel': {
    summary: 'Cancel a service and every active service that needs it',
    who: 'Sales/ALL, partner or SEPPmail level',
    path: domainId.extend({ number: z.number().int().min(1).max(INT4_MAX).describe('the service number') }),
    body: CancelServiceBody,
    ok: [200, S.Cancelled],
    errors: POST_ERRORS,
    headers: { idempotencyKey: true },
  },
  'GET /api/domains/{domainId}/deployment-settings': {
    summary: "A domain's deployment settings (its GINA host), with ETag",
    who: 'Tech, Sales or ALL',
    path: domainId,
    ok: [200, S.DeploymentSettings],
    errors: [401, 403, 404, 422],
  },
  'PUT /api/domains/{domainId}/deployment-settings': {
    summary: 'Change the GINA host',
    who: 'Tech, Sales or ALL',
    path: domainId,
    body: DeploymentSettingsBody,
    ok: [200, S.DeploymentSettings],
    errors: [400, 401, 403, 404, 409, 412, 413, 422, 428],
    headers: { ifMatch: true },
  },
  'GET /api/domains/{domainId}/dns-records': { summary: 'The DNS records the domain needs, looked up now', who: 'any caller, within scope', path: domainId, ok: [200, z.array(S.DnsRecord)], errors: [401, 404] },
  'POST /api/domains/{domainId}/dns-check': {
    summary: "Check the domain's records now; provision when all are published",
    who: 'Tech, Sales or ALL',
    path: domainId,
    ok: [200, S.DnsCheck],
    errors: [401, 403, 404],
    headers: { idempotencyKey: true },
  },
  'GET /api/jobs/{jobId}': { summary: "A background job's status, progress and result", who: 'within scope', path: z.object({ jobId: z.string() }), ok: [200, S.Job], errors: [401, 404] },
  'GET /api/usage': {
    summary: 'The usage statement of a month (JSON, or CSV with Accept: text/csv)',
    who: 'Sales/ALL, within scope',
    query: UsageQuery,
    ok: [200, 'csv+json'],
    errors: [400, 401, 403, 404],
  },
  'PUT /api/usage/users': { summary: "A month's counted users per domain and service", who: 'SEPPmail level, ALL', body: UserCountsBody, ok: [200, S.UsageImported], errors: [400, 401, 403, 413, 422] },
  'GET /api/audit': { summary: 'Audit events, newest first', who: 'Audit/ALL, within scope', query: AuditQuery, ok: [200, S.AuditPage], errors: [400, 401, 403, 404] },
  'GET /api/events': { summary: 'Server-sent events of changes within scope (read with fetch)', who: 'any caller', ok: [200, 'sse'], errors: [401] },
  'GET /api/demo/users': { summary: 'Demo mode: the demo users', who: 'anyone (demo mode)', public: true, ok: [200, z.array(S.DemoUser)], errors: [] },
  'POST /api/demo/token': { summary: 'Demo mode: a token for a demo user', who: 'anyone (demo mode)', public: true, body: DemoTokenBody, ok: [200, S.Token], errors: [400, 404] },
  'GET /api/openapi.json': { summary: 'This document', who: 'anyone', public: true, ok: [200, z.record(z.string(), z.unknown())], errors: [] },
  'GET /api/docs': { summary: 'This document as a readable page', who: 'anyone', public: true, ok: [200, z.string()], errors: [] },
  'GET /api/docs.css': { summary: "The readable page's stylesheet (no inline style: the page's CSP allows none)", who: 'anyone', public: true, ok: [200, z.string()], errors: [] },
};

function schema(zod: ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(zod, { io, unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
}

function parameters(operation: Operation) {
  const list: object[] = [];
  for (const [where, zod] of [['path', operation.path], ['query', operation.query]] as const) {
    if (!zod) continue;
    const json = schema(zod, 'input') as { properties?: Record<string, object>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      list.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  if (operation.headers?.ifMatch) list.push({ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'the ETag you loaded, or *' });
  if (operation.headers?.idempotencyKey) {
    list.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 }, description: 'a retry with the same key and body gets the first answer again' });
  }
  return list;
}

function success([status, body, description]: Operation['ok']) {
  const content =
    body === 'pdf'
      ? { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }
      : body === 'sse'
        ? { 'text/event-stream': { schema: { type: 'string' } } }
        : body === 'csv+json'
          ? { 'application/json': { schema: schema(S.UsageStatement, 'output') }, 'text/csv': { schema: { type: 'string' } } }
          : { 'application/json': { schema: schema(body, 'output') } };
  return { [status]: { description: description ?? (status === 202 ? 'Accepted' : status === 201 ? 'Created' : 'OK'), content } };
}

export function openApiDocument(): Record<string, unknown> {
  const problem = schema(S.Problem, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, operation] of Object.entries(OPERATIONS)) {
    const [method, path] = key.split(' ') as [string, string];
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      summary: operation.summary,
      description: `Who: ${operation.who}.`,
      ...(operation.public ? { security: [] } : {}),
      parameters: parameters(operation),
      ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(operation.body, 'input') } } } } : {}),
      responses: {
        ...success(operation.ok),
        // Every authenticated route may answer 429 (bff/http/rate-limit.ts) and 503 (bff/http/database-errors.ts).
        ...Object.fromEntries([...new Set([...operation.errors, ...(operation.public ? [] : [429 as const, 503 as const])])].map((status) => [status, { description: ERROR_MEANING[status], content: { 'application/problem+json': { schema: problem } } }])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'seppmail.cloud services BFF',
      version: '0.1.0',
      description: 'The backend-for-frontend of the seppmail.cloud Services components. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
