/**
 * On its end-billing date a cancelled service goes to `deprovisioning`; after that date it is
 * `deprovisioned` (so the end date is billed in full). A domain whose services are all
 * deprovisioned is no longer managed: its name is free again. Nothing is deleted.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { todayIn } from '../../domain/dates.js';
import { recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { type JobContext, LostJobError } from '../jobs/worker.js';
import { BULK_CHANGE_ROWS, refreshStatistics } from '../db/statistics.js';
import { SYSTEM_ACTOR } from './system-actor.js';
import { inTransaction, yieldToEventLoop } from '../db/transaction.js';

export const DEPROVISIONING = 'deprovisioning';

/** Domains per transaction: a short one, so requests wait for one batch at most, never the whole run. */
const BATCH_DOMAINS = 100;

interface Deprovisioned {
  deprovisioning: number;
  deprovisioned: number;
  domainsReleased: string[];
}

/**
 * The services due, domain by domain in batches (each batch one transaction with its audit
 * events, yielding to the event loop between batches: docs/architecture.md#background-jobs),
 * and the domains whose services are now all deprovisioned released. Only services change to
 * `deprovisioned`, here, so a domain can only become releasable in the batch that changes it.
 */
export async function deprovisionDue(db: Kysely<Database>, today: string, onBatch?: (done: Deprovisioned) => Promise<void>): Promise<Deprovisioned> {
  const done: Deprovisioned = { deprovisioning: 0, deprovisioned: 0, domainsReleased: [] };
  let after = '';
  for (;;) {
    const batch = await dueDomains(db, today, after);
    if (batch.length === 0) break;
    const outcome = await inTransaction(db, (trx) => deprovisionDomains(trx, today, batch));
    done.deprovisioning += outcome.deprovisioning;
    done.deprovisioned += outcome.deprovisioned;
    done.domainsReleased.push(...outcome.domainsReleased);
    after = batch[batch.length - 1]!;
    await onBatch?.(done);
    await yieldToEventLoop();
  }
  if (done.deprovisioning + done.deprovisioned >= BULK_CHANGE_ROWS) await refreshStatistics(db, { tables: ['booked_services', 'managed_domains', 'audit_events'] });
  return done;
}

/** The next domains (by id, after `after`) with a service due to move on. */
async function dueDomains(db: Kysely<Database>, today: string, after: string): Promise<string[]> {
  const rows = await db
    .selectFrom('booked_services')
    .select('domain_id')
    .distinct()
    .where((eb) => eb.or([eb.and([eb('status', '=', 'cancelled'), eb('end_billing', '<=', today)]), eb.and([eb('status', '=', 'deprovisioning'), eb('end_billing', '<', today)])]))
    .where('domain_id', '>', after)
    .orderBy('domain_id')
    .limit(BATCH_DOMAINS)
    .execute();
  return rows.map((r) => r.domain_id);
}

async function deprovisionDomains(trx: Transaction<Database>, today: string, domainIds: string[]): Promise<Deprovisioned> {
  const ending = await trx
    .updateTable('booked_services')
    .set({ status: 'deprovisioning', status_changed_at: sql`now()` })
    .where('domain_id', 'in', domainIds)
    .where('status', '=', 'cancelled')
    .where('end_billing', '<=', today)
    .returning(['domain_id', 'number'])
    .execute();
  const ended = await trx
    .updateTable('booked_services')
    .set({ status: 'deprovisioned', status_changed_at: sql`now()` })
    .where('domain_id', 'in', domainIds)
    .where('status', '=', 'deprovisioning')
    .where('end_billing', '<', today)
    .returning(['domain_id', 'number'])
    .execute();
  const released = await trx
    .updateTable('managed_domains as d')
    .set({ deprovisioned_at: sql`now()` })
    .where('d.id', 'in', domainIds)
    .where('d.deprovisioned_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('booked_services as s').select('s.number').whereRef('s.domain_id', '=', 'd.id').where('s.status', '<>', 'deprovisioned'))))
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
}

export async function deprovisioningHandler({ job, db, clock, progress }: JobContext) {
  // Each batch renews the lease, and a process that stops hands the rest back.
  return deprovisionDue(db, todayIn(clock.now()), async (done) => {
    if (!(await progress({ deprovisioning: done.deprovisioning, deprovisioned: done.deprovisioned, released: done.domainsReleased.length }))) throw new LostJobError(job.id);
  });
}
