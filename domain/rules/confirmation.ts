/** The consistency check at confirmation. */
import type { Mode, ServiceCode } from '../catalog.js';
import { checkDomainName, checkGinaHost } from './names.js';
import type { Reason } from './reasons.js';
import { checkServices } from './services.js';

export interface DomainForCheck {
  id: string;
  name: string;
  mode: Mode;
  ms365TenantId: string | null;
  ginaHost: string | null;
  /** Active services only. */
  services: readonly ServiceCode[];
}

export interface TenantForCheck {
  name: string;
  email: string;
  phone: string;
  country: string;
}

/** The tenant data that an order needs: every field but the invoice reference. */
export function checkTenantComplete(tenant: TenantForCheck): Reason[] {
  const missing = (['name', 'email', 'phone', 'country'] as const).filter((field) => tenant[field].trim() === '');
  return missing.length === 0
    ? []
    : [{ code: 'tenant-incomplete', path: 'tenant', fields: [...missing], message: `The tenant's ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; complete the tenant's details.` }];
}

/**
 * The consistency check of one domain at confirmation: its services, modes and dependencies,
 * its name, its GINA host, and the tenant-wide Microsoft 365 rule: once one domain of a
 * Microsoft 365 tenant is inline, every domain sharing that Microsoft 365 tenant ID needs at
 * least SC-F-INBOUND. (The tenant's own data is checked apart, once.)
 */
export function checkDomainForConfirmation(domain: DomainForCheck, tenantDomains: readonly DomainForCheck[], country: string): Reason[] {
  const reasons: Reason[] = [
    ...checkDomainName(domain.name).reasons,
    ...checkServices({ mode: domain.mode, services: domain.services, country, hasGinaHost: domain.ginaHost !== null }),
  ];
  if (domain.ginaHost !== null && domain.services.includes('SC-SIGENC')) reasons.push(...checkGinaHost(domain.ginaHost, domain.name).reasons);
  const ms365 = domain.ms365TenantId?.toLowerCase();
  if (ms365 && !domain.services.includes('SC-F-INBOUND')) {
    const inlineSibling = tenantDomains.find((d) => d.id !== domain.id && d.ms365TenantId?.toLowerCase() === ms365 && d.mode !== 'parallel');
    if (inlineSibling) {
      reasons.push({
        code: 'ms365-sibling-needs-inbound',
        path: 'services',
        service: 'SC-F-INBOUND',
        domain: inlineSibling.name,
        message: `${inlineSibling.name} shares this Microsoft 365 tenant and is inline, so ${domain.name} needs SC-F-INBOUND too.`,
      });
    }
  }
  return reasons;
}
