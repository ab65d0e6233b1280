import { z } from 'zod';
import { TENANT_SORT_KEYS } from '../../domain/api.js';
import { MODES, REGIONS, SERVICE_CODES } from '../../domain/catalog.js';
import { tenantPartner } from '../../domain/rules.js';
import type { AppDeps } from '../app-env.js';
import { recordAudit } from '../audit.js';
import { listDomainsWithServices } from '../repositories/domain.repository.js';
import { addDomain } from '../services/ordering.js';
import { requestConfirmation } from '../services/confirmation.js';
import { deployConfirmed } from '../services/deployment.js';
import { displayText } from '../http/display-text.js';
import { etagFor, expectedVersion } from '../http/etag.js';
import { actorOf, mutation } from '../http/mutation.js';
import { problems } from '../http/problem.js';
import { wholeNumberParam } from '../http/validate.js';
import { json, ok, openApiRoutes, operation, problemResponses } from '../openapi/operation.js';
import * as S from '../openapi/schemas.js';
import { allow, allowOnTenant, requireAction } from '../policy.js';
import { findTenant, insertTenant, listTenants, toDetails, updateTenant } from '../repositories/tenant.repository.js';
import { MAX_CURSOR_LENGTH } from '../repositories/tenant-cursor.js';

export const MAX_PAGE_SIZE = 100;

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

const TenantFields = {
  name: displayText(200).pipe(z.string().min(1, 'is required')),
  email: z.email('must be an e-mail address').max(254),
  phone: displayText(30)
    .regex(/^\+?[0-9][0-9 ()./-]{4,29}$/, 'must be a phone number such as +41 44 123 45 67'),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => /^[A-Z]{2}$/.test(code) && countryNames.of(code) !== undefined, 'must be an ISO 3166 country code such as CH'),
  invoiceReference: displayText(100)
    .nullable()
    .transform((v) => (v === '' ? null : v)),
};

export const TenantDetailsPatch = z
  .object(TenantFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');

export const NewTenantBody = z
  .object({
    ...TenantFields,
    invoiceReference: TenantFields.invoiceReference.optional(),
    partnerId: z.string().min(1).optional(),
    region: z.enum(REGIONS).optional(),
  })
  .strict();

export const AddDomainBody = z
  .object({
    name: z.string().max(300),
    mode: z.enum(MODES),
    ms365TenantId: z.string().trim().max(100).nullable().optional(),
    /** Absent: the manual (expert) add of SC-SERVICE alone. */
    services: z.array(z.enum(SERVICE_CODES)).max(SERVICE_CODES.length).optional(),
    ginaHost: z.string().trim().max(300).nullable().optional(),
  })
  .strict();

export const TenantListQuery = z.object({
  q: z.string().max(200).optional(),
  sort: z.enum(TENANT_SORT_KEYS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  // Larger pages are capped rather than refused; the answer says which limit applied.
  limit: wholeNumberParam(z.number('must be a whole number').int().min(1)).default(25).transform((n) => Math.min(n, MAX_PAGE_SIZE)),
  // No default: with `cursor` an offset is refused, so whether one was sent matters.
  offset: wholeNumberParam(z.number('must be a whole number').int().min(0).max(1_000_000)).optional(),
  // Opaque: `next` or `prev` of an earlier page with the same q, sort and order.
  cursor: z.string().max(MAX_CURSOR_LENGTH).optional().describe('`next` or `prev` of an earlier answer, with the same `q`, `sort` and `order`'),
});

const TenantIdParam = z.object({ tenantId: z.string().describe('the tenant ID, e.g. T-10001') });
const TAG = 'Tenants';
const WRITE_HEADERS = ['RateLimit', 'RateLimit-Policy'] as const;
const POST_HEADERS = [...WRITE_HEADERS, 'Idempotent-Replayed'] as const;

export function tenantRoutes({ db, clock, tenantListExactTotal }: AppDeps) {
  const list = operation({
    method: 'get', path: '/', operationId: 'listTenants', tag: TAG, action: 'tenant.list', guard: allow('tenant.list'),
    summary: 'Tenants in scope: searched, sorted and paged',
    notes: "`q` matches part of the name, the start of the ID, or part of a managed domain's name; `sort` by `id` is numeric (T-9999 before T-10000); a `limit` over 100 is capped to 100, and the answer says which applied.",
    request: { query: TenantListQuery },
    responses: { 200: ok('A page of tenants', json(S.TenantPage)), ...problemResponses([400, 401, 429, 503]) },
  });
  const add = operation({
    method: 'post', path: '/', operationId: 'addTenant', tag: TAG, action: 'tenant.add', guard: allow('tenant.add'), idempotencyKey: true,
    summary: 'Add a tenant',
    notes: '`partnerId` is required for SEPPmail staff; a partner adds to itself only.',
    request: { body: { required: true, content: json(NewTenantBody) } },
    responses: { 201: ok('Created', json(S.Tenant), ['Location', 'ETag', ...POST_HEADERS]), ...problemResponses([400, 401, 403, 404, 413, 422, 429, 503]) },
  });
  const get = operation({
    method: 'get', path: '/{tenantId}', operationId: 'getTenant', tag: TAG, action: 'tenant.view',
    summary: "A tenant's details, with ETag",
    request: { params: TenantIdParam },
    responses: { 200: ok('The tenant', json(S.Tenant), ['ETag']), ...problemResponses([401, 403, 404, 429, 503]) },
  });
  const edit = operation({
    method: 'patch', path: '/{tenantId}', operationId: 'editTenant', tag: TAG, action: 'tenant.edit', guard: allowOnTenant(db, 'tenant.edit'), ifMatch: true,
    summary: "Change a tenant's details",
    notes: 'Needs If-Match with the ETag (428 without, 412 when stale or weak; `*` for any current version).',
    request: { params: TenantIdParam, body: { required: true, content: json(TenantDetailsPatch) } },
    responses: { 200: ok('The changed tenant', json(S.Tenant), ['ETag', ...WRITE_HEADERS]), ...problemResponses([400, 401, 403, 404, 412, 413, 428, 429, 503]) },
  });
  const domains = operation({
    method: 'get', path: '/{tenantId}/domains', operationId: 'listTenantDomains', tag: TAG, action: 'services.view', guard: allowOnTenant(db, 'services.view'),
    summary: 'Booked services: the domains with their services',
    request: { params: TenantIdParam },
    responses: { 200: ok('The domains', json(z.array(S.ManagedDomain))), ...problemResponses([401, 403, 404, 429, 503]) },
  });
  const confirm = operation({
    method: 'post', path: '/{tenantId}/confirmations', operationId: 'confirmTenantOrders', tag: TAG, action: 'order.confirm', guard: allowOnTenant(db, 'order.confirm'), idempotencyKey: true,
    summary: 'Start the consistency check (or join the running one)',
    notes: "Checks the tenant's `ordered` services in a background job (`Location`: the job); a second request while one is queued or running joins it (`joined: true`).",
    request: { params: TenantIdParam },
    responses: { 202: ok('Accepted: the job', json(S.JobAccepted), ['Location', ...POST_HEADERS]), ...problemResponses([401, 403, 404, 429, 503]) },
  });
  const deploy = operation({
    method: 'post', path: '/{tenantId}/deployments', operationId: 'deployTenant', tag: TAG, action: 'deploy', guard: allowOnTenant(db, 'deploy'), idempotencyKey: true,
    summary: 'Deploy confirmed services',
    notes: '`confirmed` services become `provisioning`.',
    request: { params: TenantIdParam },
    responses: { 200: ok('What was deployed', json(S.Deployed), POST_HEADERS), ...problemResponses([401, 403, 404, 429, 503]) },
  });
  const order = operation({
    method: 'post', path: '/{tenantId}/domains', operationId: 'orderDomain', tag: TAG, action: 'domain.add', guard: allowOnTenant(db, 'domain.add'), idempotencyKey: true,
    summary: 'Order a domain (wizard), or add one manually with name and mode only',
    notes: "SC-SERVICE is added, numbers start at 1, every service `ordered`. Without `services` it is the manual (expert) add: SC-SERVICE alone, no dependency check. `name` may be an IDN (stored as punycode); SC-SIGENC needs `ginaHost`. 422 lists every broken rule; 409 when the domain is managed anywhere (case- and IDN-insensitive) or the GINA host is another tenant's.",
    request: { params: TenantIdParam, body: { required: true, content: json(AddDomainBody) } },
    responses: { 201: ok('Created', json(S.ManagedDomain), ['Location', ...POST_HEADERS]), ...problemResponses([400, 401, 403, 404, 409, 413, 422, 429, 503]) },
  });

  return openApiRoutes()
    .openapi(list, async (c) => {
      const query = c.req.valid('query');
      if (query.cursor !== undefined && query.offset !== undefined) {
        throw problems.badRequest([{ path: 'offset', code: 'cursor-invalid', message: 'cannot be combined with cursor; send one of them' }]);
      }
      return c.json(await listTenants(db, c.get('principal'), query, { exactTotal: tenantListExactTotal }), 200);
    })

    .openapi(add, async (c) => mutation(db, c, async (trx) => {
      const principal = c.get('principal');
      const { partnerId: requestedPartner, ...input } = c.req.valid('json');
      const { partnerId, errors } = tenantPartner(principal, requestedPartner);
      if (partnerId === null) throw problems.badRequest(errors);
      const partner = await trx.selectFrom('partners').select('id').where('id', '=', partnerId).executeTakeFirst();
      if (!partner) throw problems.badRequest([{ path: 'partnerId', message: `no partner ${partnerId}` }]);
      const created = await insertTenant(trx, partnerId, input);
      await recordAudit(trx, actorOf(c), {
        action: 'tenant.add',
        entityType: 'tenant',
        entityId: created.id,
        tenantId: created.id,
        before: null,
        after: { ...toDetails(created), partnerId, region: created.region },
      });
      const found = (await findTenant(trx, principal, created.id))!;
      c.header('Location', `/api/tenants/${created.id}`);
      c.header('ETag', etagFor(found.version));
      return c.json(found.tenant, 201);
    }))

    // One query: the tenant is read within scope (404 outside it), then the role is checked.
    .openapi(get, async (c) => {
      const principal = c.get('principal');
      const found = await findTenant(db, principal, c.req.param('tenantId'));
      if (!found) throw problems.notFound('The tenant');
      requireAction(principal, 'tenant.view');
      c.header('ETag', etagFor(found.version));
      c.header('Cache-Control', 'private, no-cache');
      return c.json(found.tenant, 200);
    })

    .openapi(edit, async (c) => mutation(db, c, async (trx) => {
      const principal = c.get('principal');
      const tenantId = c.req.param('tenantId');
      const version = expectedVersion(c);
      const changes = c.req.valid('json');
      // FOR NO KEY UPDATE, as the counters' trigger takes it: it does not wait for the key-share
      // locks that orders of this tenant's domains hold, so the two never deadlock.
      const before = await trx.selectFrom('tenants').selectAll().where('id', '=', tenantId).forNoKeyUpdate().executeTakeFirstOrThrow();
      const after = await updateTenant(trx, tenantId, version, changes);
      if (!after) throw problems.preconditionFailed();
      await recordAudit(trx, actorOf(c), {
        action: 'tenant.edit',
        entityType: 'tenant',
        entityId: tenantId,
        tenantId,
        before: toDetails(before),
        after: toDetails(after),
      });
      const found = (await findTenant(trx, principal, tenantId))!;
      c.header('ETag', etagFor(found.version));
      return c.json(found.tenant, 200);
    }))

    .openapi(domains, async (c) => {
      return c.json(await listDomainsWithServices(db, c.req.param('tenantId')), 200);
    })

    .openapi(confirm, async (c) => mutation(db, c, async (trx) => {
      const { jobId, joined } = await requestConfirmation(trx, c.req.param('tenantId'), actorOf(c), clock.now());
      c.header('Location', `/api/jobs/${jobId}`);
      return c.json({ jobId, joined }, 202);
    }))

    .openapi(deploy, async (c) => mutation(db, c, async (trx) => {
      const deployed = await deployConfirmed(trx, actorOf(c), c.req.param('tenantId'));
      return c.json({ deployed }, 200);
    }))

    .openapi(order, async (c) => mutation(db, c, async (trx) => {
      const tenant = await trx.selectFrom('tenants').select(['id', 'country']).where('id', '=', c.req.param('tenantId')).executeTakeFirstOrThrow();
      const domain = await addDomain(trx, actorOf(c), tenant, c.req.valid('json'));
      c.header('Location', `/api/tenants/${tenant.id}/domains`);
      return c.json(domain, 201);
    }));
}
