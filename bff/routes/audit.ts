import { z } from 'zod';
import type { AppDeps } from '../app-env.js';
import { wholeNumberParam } from '../http/validate.js';
import { json, ok, openApiRoutes, operation, problemResponses } from '../openapi/operation.js';
import * as S from '../openapi/schemas.js';
import { allowOnTenantQuery, tenantInScope } from '../policy.js';

export const AuditQuery = z.object({
  tenant: z.string().min(1).max(64).optional(),
  limit: wholeNumberParam(z.number('must be a whole number').int().min(1)).default(50).transform((n) => Math.min(n, 200)),
  /** The oldest event id of the previous page: the next page is older (ids are bigint; int() keeps them safe integers). */
  before: wholeNumberParam(z.number('must be a whole number').int().positive()).optional(),
});

/** `GET /api/audit?tenant=&limit=&before=`: who changed what and when, newest first. */
export function auditRoutes({ db }: AppDeps) {
  const list = operation({
    method: 'get', path: '/', operationId: 'listAuditEvents', tag: 'Audit', action: 'audit.read', guard: allowOnTenantQuery(db, 'audit.read'),
    summary: 'Audit events, newest first',
    request: { query: AuditQuery },
    responses: { 200: ok('A page of events', json(S.AuditPage)), ...problemResponses([400, 401, 403, 404, 429, 503]) },
  });
  return openApiRoutes().openapi(list, async (c) => {
    const principal = c.get('principal');
    const { tenant, limit, before } = c.req.valid('query');
    const rows = await db
      .selectFrom('audit_events as e')
      .leftJoin('tenants as t', 't.id', 'e.tenant_id')
      .selectAll('e')
      .$if(tenant !== undefined, (qb) => qb.where('e.tenant_id', '=', tenant!))
      // Below SEPPmail level only events of tenants in scope; the platform's own are staff's.
      .$if(principal.level !== 'seppmail', (qb) => qb.where('e.tenant_id', 'is not', null).where(tenantInScope(principal)))
      .$if(before !== undefined, (qb) => qb.where('e.id', '<', String(before)))
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute();
    const items = rows.map((e) => ({
      id: Number(e.id),
      at: e.at,
      actor: { sub: e.actor_sub, name: e.actor_name, level: e.actor_level, org: e.actor_org },
      action: e.action,
      entity: { type: e.entity_type, id: e.entity_id },
      tenantId: e.tenant_id,
      before: e.before,
      after: e.after,
      requestId: e.request_id,
      clientRequestId: e.client_request_id,
    }));
    return c.json({ items, nextBefore: items.length === limit ? items.at(-1)!.id : null }, 200);
  });
}
