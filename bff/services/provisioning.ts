/**
 * Provisioning waits for the partner's DNS records. When every record a domain needs is
 * published, its `provisioning` services become `provisioned` and billing starts today.
 * Checked on a schedule for every provisioning domain, and on request for one.
 */
import { type Kysely, sql } from 'kysely';
import { todayIn } from '../../domain/dates.js';
import { requiredDnsRecords } from '../../domain/dns-records.js';
import { ACTIVE_STATUSES } from '../../domain/lifecycle.js';
import { type Actor, recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import type { CheckedDnsRecord, DnsChecker } from '../dns/dns-checker.js';
import { type JobContext, LostJobError } from '../jobs/worker.js';
import { SYSTEM_ACTOR } from './system-actor.js';
import { inTransaction } from '../db/transaction.js';

export const DNS_CHECK = 'dns-check';

/** The records the domain needs for its active services, with whether each is published. */
export async function checkDnsRecords(db: Kysely<Database>, checker: DnsChecker, domainId: string) {
  const domain = await db
    .selectFrom('managed_domains as d')
    .leftJoin('gina_hosts as g', 'g.id', 'd.gina_host_id')
    .select(['d.id', 'd.name', 'd.mode', 'd.tenant_id', 'g.name as gina_host'])
    .where('d.id', '=', domainId)
    .executeTakeFirstOrThrow();
  const services = await db.selectFrom('booked_services').select(['service_code', 'status']).where('domain_id', '=', domainId).execute();
  const active = services.filter((s) => ACTIVE_STATUSES.includes(s.status)).map((s) => s.service_code);
  const records = await checker.check(requiredDnsRecords({ id: domain.id, name: domain.name, mode: domain.mode, ginaHost: domain.gina_host, services: active }));
  // Sign+encrypt without a GINA host has no records to look for, yet it is not ready.
  const complete = records.every((r) => r.present) && !(active.includes('SC-SIGENC') && domain.gina_host === null);
  return { domain, records, complete };
}

export interface DnsCheckOutcome {
  records: CheckedDnsRecord[];
  /** Service numbers that became provisioned by this check. */
  provisioned: number[];
}

/** Checks the domain's records and provisions its waiting services once all are published. */
export async function checkAndProvision(
  db: Kysely<Database>,
  checker: DnsChecker,
  actor: Actor,
  domainId: string,
  today: string,
): Promise<DnsCheckOutcome> {
  return provisionChecked(db, actor, await checkDnsRecords(db, checker, domainId), today);
}

/**
 * Provisions the domain's waiting services when its records were all found. Apart from the
 * lookups, so that no transaction stays open while DNS answers.
 */
export async function provisionChecked(
  db: Kysely<Database>,
  actor: Actor,
  { domain, records, complete }: Awaited<ReturnType<typeof checkDnsRecords>>,
  today: string,
): Promise<DnsCheckOutcome> {
  const domainId = domain.id;
  if (!complete) return { records, provisioned: [] };
  const provisioned = await inTransaction(db, async (trx) => {
    const rows = await trx
      .updateTable('booked_services')
      .set({ status: 'provisioned', start_billing: today, status_changed_at: sql`now()` })
      .where('domain_id', '=', domainId)
      .where('status', '=', 'provisioning')
      .returning('number')
      .execute();
    const numbers = rows.map((r) => r.number).sort((a, b) => a - b);
    if (numbers.length > 0) {
      await recordAudit(trx, actor, {
        action: 'services.provision',
        entityType: 'domain',
        entityId: domainId,
        tenantId: domain.tenant_id,
        before: { status: 'provisioning', numbers },
        after: { status: 'provisioned', numbers, startBilling: today, records: records.map(({ type, name, value }) => ({ type, name, value })) },
      });
    }
    return numbers;
  });
  return { records, provisioned };
}

export function dnsCheckHandler(checker: DnsChecker) {
  return async ({ job, db, clock, progress }: JobContext) => {
    const waiting = await db
      .selectFrom('booked_services')
      .select('domain_id')
      .distinct()
      .where('status', '=', 'provisioning')
      .orderBy('domain_id')
      .execute();
    const today = todayIn(clock.now());
    const provisioned: Record<string, number[]> = {};
    let checked = 0;
    for (const { domain_id } of waiting) {
      const outcome = await checkAndProvision(db, checker, SYSTEM_ACTOR, domain_id, today);
      if (outcome.provisioned.length > 0) provisioned[domain_id] = outcome.provisioned;
      // False: the job is no longer ours (taken over, or this process stops); the next run goes on.
      if (!(await progress({ checked: ++checked, total: waiting.length }))) throw new LostJobError(job.id);
    }
    return { checked, provisioned };
  };
}
