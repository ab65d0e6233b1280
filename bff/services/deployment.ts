/** Deploy: `confirmed` services go to `provisioning`, by a Tech's request or on the schedule. */
import { type Kysely, sql } from 'kysely';
import { type Actor, recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import type { JobContext } from '../jobs/worker.js';
import { SYSTEM_ACTOR } from './system-actor.js';
import { inTransaction } from '../db/transaction.js';

export const AUTO_DEPLOYMENT = 'auto-deployment';

export interface Deployed {
  domainId: string;
  tenantId: string;
  numbers: number[];
}

/** Deploys the tenant's confirmed services, or every tenant's when `tenantId` is null. */
export async function deployConfirmed(db: Kysely<Database>, actor: Actor, tenantId: string | null): Promise<Deployed[]> {
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .updateTable('booked_services as s')
      .from('managed_domains as d')
      .set({ status: 'provisioning', status_changed_at: sql`now()` })
      .whereRef('d.id', '=', 's.domain_id')
      .where('s.status', '=', 'confirmed')
      .$if(tenantId !== null, (qb) => qb.where('d.tenant_id', '=', tenantId!))
      .returning(['s.domain_id', 's.number', 'd.tenant_id'])
      .execute();
    const byDomain = new Map<string, Deployed>();
    for (const row of rows) {
      const entry = byDomain.get(row.domain_id) ?? { domainId: row.domain_id, tenantId: row.tenant_id, numbers: [] };
      entry.numbers.push(row.number);
      byDomain.set(row.domain_id, entry);
    }
    const deployed = [...byDomain.values()].map((d) => ({ ...d, numbers: d.numbers.sort((a, b) => a - b) })).sort((a, b) => a.domainId.localeCompare(b.domainId));
    for (const d of deployed) {
      await recordAudit(trx, actor, {
        action: 'services.deploy',
        entityType: 'domain',
        entityId: d.domainId,
        tenantId: d.tenantId,
        before: { status: 'confirmed', numbers: d.numbers },
        after: { status: 'provisioning', numbers: d.numbers },
      });
    }
    return deployed;
  });
}

export async function autoDeploymentHandler({ db }: JobContext): Promise<{ deployed: Deployed[] }> {
  return { deployed: await deployConfirmed(db, SYSTEM_ACTOR, null) };
}
