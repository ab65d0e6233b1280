import type { Kysely, Selectable } from 'kysely';
import type { BookedService, ManagedDomain } from '../../domain/api.js';
import { serviceName } from '../../domain/catalog.js';
import { domainStatus } from '../../domain/lifecycle.js';
import type { BookedServicesTable, Database } from '../db/schema.js';

/** The tenant's domains (or one of them) with their booked services, in two queries. */
export async function listDomainsWithServices(db: Kysely<Database>, tenantId: string, domainId?: string): Promise<ManagedDomain[]> {
  const domains = await db
    .selectFrom('managed_domains as d')
    .leftJoin('gina_hosts as g', 'g.id', 'd.gina_host_id')
    .select(['d.id', 'd.name', 'd.mode', 'd.ms365_tenant_id', 'g.name as gina_host'])
    .where('d.tenant_id', '=', tenantId)
    .$if(domainId !== undefined, (qb) => qb.where('d.id', '=', domainId!))
    .orderBy('d.name')
    .execute();
  if (domains.length === 0) return [];
  const services = await db
    .selectFrom('booked_services')
    .selectAll()
    .where(
      'domain_id',
      'in',
      domains.map((d) => d.id),
    )
    .orderBy('domain_id')
    .orderBy('number')
    .execute();
  // Grouped once: a filter per domain would cost domains × services (a confirmation of 500
  // domains loads 1,500 services).
  const byDomain = new Map<string, typeof services>();
  for (const s of services) {
    const own = byDomain.get(s.domain_id);
    if (own) own.push(s);
    else byDomain.set(s.domain_id, [s]);
  }
  return domains.map((d) => {
    const own = byDomain.get(d.id) ?? [];
    return {
      id: d.id,
      name: d.name,
      mode: d.mode,
      status: domainStatus(own.map((s) => s.status)),
      ms365TenantId: d.ms365_tenant_id,
      ginaHost: d.gina_host,
      services: own.map(toBookedService),
    };
  });
}

export async function findDomainWithServices(db: Kysely<Database>, tenantId: string, domainId: string): Promise<ManagedDomain> {
  const [domain] = await listDomainsWithServices(db, tenantId, domainId);
  if (!domain) throw new Error(`domain ${domainId} of ${tenantId} vanished`);
  return domain;
}

export function toBookedService(row: Selectable<BookedServicesTable>): BookedService {
  return {
    number: row.number,
    code: row.service_code,
    name: serviceName(row.service_code),
    status: row.status,
    startBilling: row.start_billing,
    endBilling: row.end_billing,
    discount: row.discount_percent === null ? null : { percent: Number(row.discount_percent), reason: row.discount_reason ?? '' },
  };
}
