/**
 * Which partner a new tenant belongs to (docs/domain.md#who-may-do-what): a partner adds
 * tenants only to itself, SEPPmail staff name the partner. Its refusals are the request's
 * faults (400), so they carry a path and a message but no reason code. Whether the partner
 * named exists is the server's to check.
 */
import type { Principal } from '../roles.js';

export type TenantPartner = { partnerId: string; errors: [] } | { partnerId: null; errors: { path: 'partnerId'; message: string }[] };

export function tenantPartner(principal: Pick<Principal, 'level' | 'org'>, requested: string | undefined): TenantPartner {
  const refuse = (message: string): TenantPartner => ({ partnerId: null, errors: [{ path: 'partnerId', message }] });
  switch (principal.level) {
    case 'partner':
      if (requested && requested !== principal.org) return refuse('a partner adds tenants to itself only; leave partnerId out');
      return principal.org ? { partnerId: principal.org, errors: [] } : refuse('is required');
    case 'seppmail':
      return requested ? { partnerId: requested, errors: [] } : refuse('is required for SEPPmail staff');
    case 'tenant':
      return refuse('a tenant administrator does not add tenants');
  }
}
