/**
 * Scope once: `tenantInScope` (SQL, every query on `tenants as t`) and `changeInScope` (the
 * live changes) are one rule. Both are evaluated for every demo principal (and a few more) against
 * every seeded tenant and the platform's own events, and must agree.
 */
import { sql, type SqlBool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/roles.js';
import { changeInScope, tenantInScope } from '../../bff/policy.js';
import { DEMO_USERS } from '../../bff/seed/demo-data.js';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const principals: Principal[] = [
  ...DEMO_USERS.map((u) => ({ sub: u.id, name: u.name, level: u.level, ...(u.org ? { org: u.org } : {}), roles: u.roles })),
  // Beyond the demo: a partner and a tenant that do not exist, and claims without an org.
  { sub: 'x1', name: 'Unknown partner', level: 'partner', org: 'P-9999', roles: ['ALL'] },
  { sub: 'x2', name: 'Unknown tenant', level: 'tenant', org: 'T-99999', roles: ['ALL'] },
  { sub: 'x3', name: 'Partner without org', level: 'partner', roles: ['ALL'] },
  { sub: 'x4', name: 'Tenant without org', level: 'tenant', roles: ['ALL'] },
];

/** `tenantInScope` evaluated in PostgreSQL for every tenant, and for the platform's own (no tenant row). */
async function sqlScope(principal: Principal): Promise<Map<string | null, boolean>> {
  const inScope = (expr: ReturnType<typeof tenantInScope>) => sql<SqlBool>`coalesce((${expr}), false)`;
  const tenants = await ctx.db.selectFrom('tenants as t').select(['t.id', inScope(tenantInScope(principal)).as('ok')]).execute();
  // The platform's own events join no tenant: `t` is a row of nulls, as in the audit log's left join.
  const platform = await sql<{ ok: boolean }>`select ${inScope(tenantInScope(principal))} as ok from (select null::text as id, null::text as partner_id) as t`.execute(ctx.db);
  return new Map<string | null, boolean>([...tenants.map((t) => [t.id, Boolean(t.ok)] as const), [null, Boolean(platform.rows[0]!.ok)]]);
}

describe('tenantInScope and changeInScope', () => {
  it('agree for every principal, every seeded tenant and the platform', async () => {
    const tenants = await ctx.db.selectFrom('tenants').select(['id', 'partner_id']).orderBy('id').execute();
    expect(tenants.length).toBeGreaterThan(5);
    const facts = [...tenants.map((t) => ({ tenantId: t.id as string | null, partnerId: t.partner_id as string | null })), { tenantId: null, partnerId: null }];
    let seen = 0;
    let compared = 0;
    for (const principal of principals) {
      const bySql = await sqlScope(principal);
      for (const change of facts) {
        const js = changeInScope(principal, change);
        expect({ who: principal.sub, tenant: change.tenantId, inScope: js }).toEqual({ who: principal.sub, tenant: change.tenantId, inScope: bySql.get(change.tenantId) });
        compared += 1;
        if (js) seen += 1;
      }
    }
    expect(compared).toBe(principals.length * facts.length);
    // Not trivially equal: some pairs are in scope and most are not.
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(compared);
  });

  it('gives each level what the domain says: all, its own tenants, itself', async () => {
    const tenants = await ctx.db.selectFrom('tenants').select(['id', 'partner_id']).execute();
    for (const principal of principals) {
      const visible = tenants.filter((t) => changeInScope(principal, { tenantId: t.id, partnerId: t.partner_id })).map((t) => t.id).sort();
      const expected = tenants
        .filter((t) => principal.level === 'seppmail' || (principal.level === 'partner' ? t.partner_id === principal.org : t.id === principal.org))
        .map((t) => t.id)
        .sort();
      expect(visible, principal.sub).toEqual(expected);
    }
    expect(changeInScope({ sub: 's', name: 's', level: 'seppmail', roles: ['Support'] }, { tenantId: null, partnerId: null })).toBe(true);
  });
});
