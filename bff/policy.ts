/**
 * The one place that answers "may this caller do this to this tenant". Scope is a SQL
 * condition, so that a tenant outside it is never even read: it is a 404 everywhere. Its one
 * twin in JavaScript, `changeInScope`, filters the live changes by the same rule, beside it
 * here; test/bff/policy.test.ts holds the two equal for every demo principal and tenant.
 */
import { createMiddleware } from 'hono/factory';
import { type Expression, type Kysely, type RawBuilder, sql, type SqlBool } from 'kysely';
import { type Action, can, type Principal } from '../domain/roles.js';
import type { AppEnv } from './app-env.js';
import type { Database } from './db/schema.js';
import type { Change } from './events/change-feed.js';
import { problems } from './http/problem.js';

/**
 * The tenants that the caller may see at all, as a condition on the table alias `t`; any query
 * that joins `tenants as t` can take it, whatever else it selects from.
 */
export function tenantInScope(principal: Principal): Expression<SqlBool> {
  switch (principal.level) {
    case 'seppmail':
      return sql<boolean>`true`;
    case 'partner':
      return sql<boolean>`t.partner_id = ${principal.org ?? ''}`;
    case 'tenant':
      return sql<boolean>`t.id = ${principal.org ?? ''}`;
  }
}

/**
 * The column a partner's scope fixes, with its value (none for other levels): the leading
 * column of the list's scoped indexes. A keyset comparison that starts with it is a range of
 * the scoped index only; without it the planner, which cannot estimate a row comparison,
 * may walk a platform-wide index and filter out every other partner's tenants
 * (docs/architecture.md#the-tenant-list-at-scale).
 */
export function tenantScopePrefix(principal: Principal): { column: RawBuilder<unknown>; value: string } | undefined {
  return principal.level === 'partner' ? { column: sql`t.partner_id`, value: principal.org ?? '' } : undefined;
}

/**
 * Whether the caller may hear of this change: `tenantInScope` for the change's tenant, whose
 * partner the change carries. The platform's own changes (no tenant) are SEPPmail staff's only.
 */
export function changeInScope(principal: Principal, change: Pick<Change, 'tenantId' | 'partnerId'>): boolean {
  switch (principal.level) {
    case 'seppmail':
      return true;
    case 'partner':
      return change.partnerId !== null && change.partnerId === principal.org;
    case 'tenant':
      return change.tenantId !== null && change.tenantId === principal.org;
  }
}

/** 403 unless the caller's level and roles allow the action (after scope: foreign is 404). */
export function requireAction(principal: Principal, action: Action): void {
  if (!can(principal, action)) {
    throw problems.forbidden(`Your roles (${principal.roles.join(', ') || 'none'}) at ${principal.level} level do not allow ${action}.`);
  }
}

/** 404 unless the tenant exists within the caller's scope. */
export async function requireTenantInScope(db: Kysely<Database>, principal: Principal, tenantId: string): Promise<void> {
  const found = await db
    .selectFrom('tenants as t')
    .select('t.id')
    .where('t.id', '=', tenantId)
    .where(tenantInScope(principal))
    .executeTakeFirst();
  if (!found) throw problems.notFound('The tenant');
}

/** 404 unless the domain's tenant is within the caller's scope. */
export async function requireDomainInScope(db: Kysely<Database>, principal: Principal, domainId: string): Promise<void> {
  const found = await db
    .selectFrom('managed_domains as d')
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    .select('d.id')
    .where('d.id', '=', domainId)
    .where(tenantInScope(principal))
    .executeTakeFirst();
  if (!found) throw problems.notFound('The domain');
}

/**
 * Route guards that run before a body is even validated, so that the answer's order is always
 * scope (404), then role (403), then the request's own faults (400, 428, 412, 422).
 */
export function allow(action: Action) {
  return createMiddleware<AppEnv>(async (c, next) => {
    requireAction(c.get('principal'), action);
    await next();
  });
}

type ScopeCheck = (db: Kysely<Database>, principal: Principal, id: string) => Promise<void>;

function allowOn(param: string, inScope: ScopeCheck) {
  return (db: Kysely<Database>, action: Action) =>
    createMiddleware<AppEnv>(async (c, next) => {
      const principal = c.get('principal');
      await inScope(db, principal, c.req.param(param) ?? '');
      requireAction(principal, action);
      await next();
    });
}

/** For routes with `:tenantId`: the tenant must be in scope and the action allowed. */
export const allowOnTenant = allowOn('tenantId', requireTenantInScope);

/** For routes with `:domainId`: the domain's tenant must be in scope and the action allowed. */
export const allowOnDomain = allowOn('domainId', requireDomainInScope);

/**
 * For routes with the tenant in the query (`?tenant=`, the usage statement and the audit log):
 * the tenant, when named, must be in scope (404), then the action allowed (403), before the
 * query is validated (400), as on every route with the tenant in the path.
 */
export function allowOnTenantQuery(db: Kysely<Database>, action: Action) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get('principal');
    const tenantId = c.req.query('tenant');
    if (tenantId) await requireTenantInScope(db, principal, tenantId);
    requireAction(principal, action);
    await next();
  });
}
