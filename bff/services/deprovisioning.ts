/**
 * On its end-billing date a cancelled service goes to `deprovisioning`; after that date it is
 * `deprovisioned` (so the end date is billed in full). A domain whose services are all
 * deprovisioned is no longer managed: its name is free again. Nothing is deleted.
 */
import { type Kysely, sql } from 'kysely';
import { todayIn } from '../../domain/dates.js';
import { recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import type { JobContext } from '../jobs/worker.js';
import { SYSTEM_ACTOR } from './system-actor.js';
import { inTransaction } from '../db/transaction.js';

export const DEPROVISIONING = 'deprovisioning';

export async function deprovisionDue(db: Kysely<Database>, today: string): Promise<{ deprovisioning: number; deprovisioned: number; domainsReleased: string[] }> {
  return inTransaction(db, async (trx) => {
    const ending = await trx
      .updateTable('booked_services')
      .set({ status: 'deprovisioning', status_changed_at: sql`now()` })
      .where('status', '=', 'cancelled')
      .where('end_billing', '<=', today)
      .returning(['domain_id', 'number'])
      .execute();
    const ended = await trx
      .updateTable('booked_services')
      .set({ status: 'deprovisioned', status_changed_at: sql`now()` })
      .where('status', '=', 'deprovisioning')
      .where('end_billing', '<', today)
      .returning(['domain_id', 'number'])
      .execute();
    const released = await trx
      .updateTable('managed_domains as d')
      .set({ deprovisioned_at: sql`now()` })
      .where('d.deprovisioned_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('booked_services as s').select('s.number').whereRef('s.domain_id', '=', 'd.id').where('s.status', '<>', 'deprovisioned'))))
      .where((eb) => eb.exists(eb.selectFrom('booked_services as s').select('s.number').whereRef('s.domain_id', '=', 'd.id')))
      .returning(['d.id', 'd.tenant_id'])
      .execute();

    const domains = new Set([...ending, ...ended].map((r) => r.domain_id));
    const tenants = new Map(
      (domains.size ? await trx.selectFrom('managed_domains').select(['id', 'tenant_id']).where('id', 'in', [...domains]).execute() : []).map((d) => [d.id, d.tenant_id]),
    );
    for (const domainId of domains) {
      await recordAudit(trx, SYSTEM_ACTOR, {
        action: 'services.deprovision',
        entityType: 'domain',
        entityId: domainId,
        tenantId: tenants.get(domainId) ?? null,
        before: null,
        after: {
          deprovisioning: ending.filter((r) => r.domain_id === domainId).map((r) => r.number),
          deprovisioned: ended.filter((r) => r.domain_id === domainId).map((r) => r.number),
          today,
        },
      });
    }
    for (const domain of released) {
      await recordAudit(trx, SYSTEM_ACTOR, { action: 'domain.release', entityType: 'domain', entityId: domain.id, tenantId: domain.tenant_id, before: null, after: { deprovisioned: true } });
    }
    return { deprovisioning: ending.length, deprovisioned: ended.length, domainsReleased: released.map((d) => d.id) };
  });
}

export async function deprovisioningHandler({ db, clock }: JobContext) {
  return deprovisionDue(db, todayIn(clock.now()));
}
