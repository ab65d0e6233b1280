import type { Kysely } from 'kysely';
import type { ManagedDomain } from '../../domain/api.js';
import { serviceName } from '../../domain/catalog.js';
import { domainStatus } from '../../domain/lifecycle.js';
import type { Database } from '../db/schema.js';

/** The tenant's domains with their booked services, in two queries whatever their number. */
export async function listDomainsWithServices(db: Kysely<Database>, tenantId: string): Promise<ManagedDomain[]> {
  const domains = await db
    .selectFrom('managed_domains as d')
    .leftJoin('gina_hosts as g', 'g.id', 'd.gina_host_id')
    .select(['d.id', 'd.name', 'd.mode', 'd.ms365_tenant_id', 'g.name as gina_host'])
    .where('d.tenant_id', '=', tenantId)
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
  return domains.map((d) => {
    const own = services.filter((s) => s.domain_id === d.id);
    return {
      id: d.id,
      name: d.name,
      mode: d.mode,
      status: domainStatus(own.map((s) => s.status)),
      ms365TenantId: d.ms365_tenant_id,
      ginaHost: d.gina_host,
      services: own.map((s) => ({
        number: s.number,
        code: s.service_code,
        name: serviceName(s.service_code),
        status: s.status,
        startBilling: s.start_billing,
        endBilling: s.end_billing,
        discount: s.discount_percent === null ? null : { percent: Number(s.discount_percent), reason: s.discount_reason ?? '' },
      })),
    };
  });
}
