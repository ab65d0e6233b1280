/**
 * Ordering: add a domain, add services, cancel a service. Each is one transaction with its
 * audit event. The rules are domain/rules/ordering.ts's: this loads the facts (the domain and
 * its services under a row lock), asks the rule, and writes; every refusal names every reason.
 */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { BookedService, ManagedDomain } from '../../domain/api.js';
import type { ServiceCode } from '../../domain/catalog.js';
import { ACTIVE_STATUSES } from '../../domain/lifecycle.js';
import {
  cancellationCascade,
  checkCancellation,
  checkDomainOrder,
  checkGinaHostOwner,
  checkServiceAddition,
  defaultEndBilling,
  type DomainOrder,
  domainTaken,
  type Reason,
} from '../../domain/rules.js';
import { type Actor, recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { ProblemError, problems } from '../http/problem.js';
import { findDomainWithServices, toBookedService } from '../repositories/domain.repository.js';
import { inTransaction } from '../db/transaction.js';

function refuse(reasons: Reason[]): never {
  throw problems.unprocessable('The order breaks the rules named in errors; nothing was booked.', reasons);
}

function conflict(reason: Reason): never {
  throw new ProblemError(409, 'conflict', 'Conflict', reason.message, [reason]);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (error as { code?: string; constraint?: string })?.code === '23505' && (error as { constraint?: string }).constraint === constraint;
}

/** The tenant's GINA host of that name, made if new; 409 when another tenant has it. */
async function ginaHostFor(trx: Transaction<Database>, tenantId: string, name: string): Promise<number> {
  const existing = await trx.selectFrom('gina_hosts').select(['id', 'tenant_id']).where(sql`lower(name)`, '=', name).executeTakeFirst();
  const [taken] = checkGinaHostOwner(name, existing?.tenant_id, tenantId);
  if (taken) conflict(taken);
  if (existing) return existing.id;
  const created = await trx.insertInto('gina_hosts').values({ tenant_id: tenantId, name }).returning('id').executeTakeFirstOrThrow();
  return created.id;
}

export type AddDomainOrder = DomainOrder;

export async function addDomain(db: Kysely<Database>, actor: Actor, tenant: { id: string; country: string }, order: AddDomainOrder): Promise<ManagedDomain> {
  const { name, gina, services, manual, reasons } = checkDomainOrder(order, tenant);
  if (reasons.length > 0) refuse(reasons);
  const domainName = name.ascii!;

  try {
    const domainId = await inTransaction(db, async (trx) => {
      const taken = await trx
        .selectFrom('managed_domains')
        .select('id')
        .where(sql`lower(name)`, '=', domainName)
        .where('deprovisioned_at', 'is', null)
        .executeTakeFirst();
      if (taken) conflict(domainTaken(domainName));
      const ginaHostId = gina ? await ginaHostFor(trx, tenant.id, gina.ascii!) : null;
      const { id } = await trx
        .insertInto('managed_domains')
        .values({
          id: sql<string>`'D-' || nextval('domain_number_seq')`,
          tenant_id: tenant.id,
          name: domainName,
          mode: order.mode,
          ms365_tenant_id: order.ms365TenantId?.trim().toLowerCase() || null,
          gina_host_id: ginaHostId,
          next_service_number: services.length + 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('booked_services')
        .values(services.map((code, i) => ({ domain_id: id, number: i + 1, service_code: code, status: 'ordered' as const })))
        .execute();
      await recordAudit(trx, actor, {
        action: manual ? 'domain.add-manually' : 'domain.add',
        entityType: 'domain',
        entityId: id,
        tenantId: tenant.id,
        before: null,
        after: { name: domainName, mode: order.mode, ms365TenantId: order.ms365TenantId ?? null, ginaHost: gina?.ascii ?? null, services },
      });
      return id;
    });
    return findDomainWithServices(db, tenant.id, domainId);
  } catch (error) {
    // Two orders of one name at once: the unique index lets one through.
    if (isUniqueViolation(error, 'managed_domains_name_idx')) conflict(domainTaken(domainName));
    if (isUniqueViolation(error, 'gina_hosts_name_idx')) conflict({ code: 'gina-host-taken', path: 'ginaHost', message: `The GINA host ${gina?.ascii} is taken; choose another name.` });
    throw error;
  }
}

/** The domain, locked for this transaction: numbers and bookings on it are handed out in turn. */
async function lockDomain(trx: Transaction<Database>, domainId: string) {
  const domain = await trx
    .selectFrom('managed_domains as d')
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    .select(['d.id', 'd.tenant_id', 'd.name', 'd.mode', 'd.gina_host_id', 'd.next_service_number', 'd.deprovisioned_at', 't.country'])
    .where('d.id', '=', domainId)
    .forUpdate('d')
    .executeTakeFirstOrThrow();
  // A new statement after the lock: under READ COMMITTED it sees what the lock's last holder committed.
  const services = await trx.selectFrom('booked_services').selectAll().where('domain_id', '=', domainId).orderBy('number').execute();
  return { domain, services, active: services.filter((s) => ACTIVE_STATUSES.includes(s.status)) };
}

export async function addServices(
  db: Kysely<Database>,
  actor: Actor,
  domainId: string,
  order: { services: ServiceCode[]; ginaHost?: string | null },
): Promise<ManagedDomain> {
  const tenantId = await inTransaction(db, async (trx) => {
    const { domain, active } = await lockDomain(trx, domainId);
    const activeCodes = active.map((s) => s.service_code);
    const { requested, after, gina, reasons } = checkServiceAddition(
      { name: domain.name, mode: domain.mode, country: domain.country, deprovisioned: domain.deprovisioned_at !== null, hasGinaHost: domain.gina_host_id !== null, active: activeCodes },
      order,
    );
    if (reasons.length > 0) refuse(reasons);

    const added = requested.map((code, i) => ({ domain_id: domainId, number: domain.next_service_number + i, service_code: code, status: 'ordered' as const }));
    if (gina) await trx.updateTable('managed_domains').set({ gina_host_id: await ginaHostFor(trx, domain.tenant_id, gina.ascii!) }).where('id', '=', domainId).execute();
    await trx.insertInto('booked_services').values(added).execute();
    await trx.updateTable('managed_domains').set({ next_service_number: domain.next_service_number + added.length }).where('id', '=', domainId).execute();
    await recordAudit(trx, actor, {
      action: 'services.add',
      entityType: 'domain',
      entityId: domainId,
      tenantId: domain.tenant_id,
      before: { services: activeCodes },
      after: { services: after, added: added.map((s) => ({ number: s.number, code: s.service_code })), ginaHost: gina?.ascii ?? null },
    });
    return domain.tenant_id;
  });
  return findDomainWithServices(db, tenantId, domainId);
}

export async function cancelService(
  db: Kysely<Database>,
  actor: Actor,
  domainId: string,
  number: number,
  today: string,
  endBilling = defaultEndBilling(today),
): Promise<BookedService[]> {
  return inTransaction(db, async (trx) => {
    const { domain, services, active } = await lockDomain(trx, domainId);
    const target = services.find((s) => s.number === number);
    if (!target) throw problems.notFound(`Service number ${number} of ${domain.name}`);
    const reasons = checkCancellation({ number, code: target.service_code, status: target.status }, endBilling, today);
    if (reasons.length > 0) refuse(reasons);

    const codes = cancellationCascade(active.map((s) => s.service_code), target.service_code, domain.mode);
    const numbers = active.filter((s) => codes.includes(s.service_code)).map((s) => s.number);
    const cancelled = await trx
      .updateTable('booked_services')
      .set({ status: 'cancelled', end_billing: endBilling, status_changed_at: sql`now()` })
      .where('domain_id', '=', domainId)
      .where('number', 'in', numbers)
      .returningAll()
      .execute();
    await recordAudit(trx, actor, {
      action: 'service.cancel',
      entityType: 'domain',
      entityId: domainId,
      tenantId: domain.tenant_id,
      before: { services: active.filter((s) => numbers.includes(s.number)).map((s) => ({ number: s.number, code: s.service_code, status: s.status })) },
      after: { endBilling, cancelled: numbers, requested: number },
    });
    return cancelled.sort((a, b) => a.number - b.number).map(toBookedService);
  });
}
