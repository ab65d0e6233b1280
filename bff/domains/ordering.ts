/**
 * Ordering: add a domain, add services, cancel a service. Each is one transaction with its
 * audit event; the rules are domain/rules.ts's, and every refusal names every reason.
 */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { BookedService, ManagedDomain } from '../../domain/api.js';
import { type Mode, SERVICE_CODES, type ServiceCode } from '../../domain/catalog.js';
import { ACTIVE_STATUSES } from '../../domain/lifecycle.js';
import {
  cancellationCascade,
  checkDomainName,
  checkEndBilling,
  checkGinaHost,
  checkMs365TenantId,
  checkServices,
  defaultEndBilling,
  type Reason,
} from '../../domain/rules.js';
import { type Actor, recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { ProblemError, problems } from '../http/problem.js';
import { findDomainWithServices, toBookedService } from './domain.repository.js';
import { inTransaction } from '../db/transaction.js';

export type { Actor } from '../audit.js';

function refuse(reasons: Reason[]): never {
  throw problems.unprocessable('The order breaks the rules named in errors; nothing was booked.', reasons);
}

function conflict(reason: Reason): never {
  throw new ProblemError(409, 'conflict', 'Conflict', reason.message, [reason]);
}

const inCatalogOrder = (codes: Iterable<ServiceCode>) => {
  const set = new Set(codes);
  return SERVICE_CODES.filter((c) => set.has(c));
};

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (error as { code?: string; constraint?: string })?.code === '23505' && (error as { constraint?: string }).constraint === constraint;
}

/** The tenant's GINA host of that name, made if new; 409 when another tenant has it. */
async function ginaHostFor(trx: Transaction<Database>, tenantId: string, name: string): Promise<number> {
  const existing = await trx.selectFrom('gina_hosts').select(['id', 'tenant_id']).where(sql`lower(name)`, '=', name).executeTakeFirst();
  if (existing && existing.tenant_id !== tenantId) {
    conflict({ code: 'gina-host-taken', path: 'ginaHost', message: `The GINA host ${name} belongs to another tenant; choose another name.` });
  }
  if (existing) return existing.id;
  const created = await trx.insertInto('gina_hosts').values({ tenant_id: tenantId, name }).returning('id').executeTakeFirstOrThrow();
  return created.id;
}

export interface AddDomainOrder {
  name: string;
  mode: Mode;
  ms365TenantId?: string | null;
  /** Absent: the expert's manual add, SC-SERVICE alone and no dependency check. */
  services?: ServiceCode[];
  ginaHost?: string | null;
}

export async function addDomain(db: Kysely<Database>, actor: Actor, tenant: { id: string; country: string }, order: AddDomainOrder): Promise<ManagedDomain> {
  const name = checkDomainName(order.name);
  const reasons: Reason[] = [...name.reasons, ...checkMs365TenantId(order.ms365TenantId)];
  const manual = order.services === undefined;
  const services = inCatalogOrder(['SC-SERVICE', ...(order.services ?? [])]);
  const gina = order.ginaHost ? checkGinaHost(order.ginaHost, name.ascii ?? undefined) : null;
  if (!manual) reasons.push(...checkServices({ mode: order.mode, services, country: tenant.country, hasGinaHost: gina !== null }));
  if (gina) {
    reasons.push(...gina.reasons);
    if (!services.includes('SC-SIGENC')) reasons.push({ code: 'gina-host-invalid', path: 'ginaHost', message: 'A GINA host is set only with SC-SIGENC.' });
  }
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
      if (taken) conflict({ code: 'domain-taken', path: 'name', message: `${domainName} is already managed on seppmail.cloud.` });
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
    if (isUniqueViolation(error, 'managed_domains_name_idx')) conflict({ code: 'domain-taken', path: 'name', message: `${domainName} is already managed on seppmail.cloud.` });
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
    const requested = inCatalogOrder(order.services);
    const reasons: Reason[] = [];
    if (domain.deprovisioned_at !== null || active.length === 0) {
      reasons.push({ code: 'not-active', path: 'services', message: `${domain.name} has no active service any more; add it again as a new domain.` });
    }
    for (const code of requested.filter((c) => activeCodes.includes(c))) {
      reasons.push({ code: 'already-booked', path: 'services', service: code, message: `${code} is already booked on ${domain.name}.` });
    }
    const gina = order.ginaHost ? checkGinaHost(order.ginaHost, domain.name) : null;
    if (gina) {
      reasons.push(...gina.reasons);
      if (domain.gina_host_id !== null) {
        reasons.push({ code: 'gina-host-invalid', path: 'ginaHost', message: `${domain.name} has a GINA host already; change it in the deployment settings.` });
      } else if (!requested.includes('SC-SIGENC')) {
        reasons.push({ code: 'gina-host-invalid', path: 'ginaHost', message: 'A GINA host is set only with SC-SIGENC.' });
      }
    }
    const after = inCatalogOrder([...activeCodes, ...requested]);
    reasons.push(...checkServices({ mode: domain.mode, services: after, country: domain.country, hasGinaHost: domain.gina_host_id !== null || gina !== null }));
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
    const reasons: Reason[] = [...checkEndBilling(endBilling, today)];
    if (!ACTIVE_STATUSES.includes(target.status)) {
      reasons.push({ code: 'not-active', path: 'number', service: target.service_code, message: `Service ${number} (${target.service_code}) is ${target.status}; only active services can be cancelled.` });
    }
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
