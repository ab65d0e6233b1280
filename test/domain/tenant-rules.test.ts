/** Which partner a new tenant belongs to (domain/rules/tenants.ts). */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/roles.js';
import { tenantPartner } from '../../domain/rules.js';

type Who = Pick<Principal, 'level' | 'org'>;
const partner: Who = { level: 'partner', org: 'P-1001' };
const staff: Who = { level: 'seppmail' };
const tenantAdmin: Who = { level: 'tenant', org: 'T-10001' };

describe('tenantPartner', () => {
  const cases: [string, Who, string | undefined, string | null, string | null][] = [
    ['a partner, partnerId left out: itself', partner, undefined, 'P-1001', null],
    ['a partner naming itself', partner, 'P-1001', 'P-1001', null],
    ['a partner naming another partner', partner, 'P-1002', null, 'a partner adds tenants to itself only; leave partnerId out'],
    ['SEPPmail staff naming a partner', staff, 'P-1002', 'P-1002', null],
    ['SEPPmail staff naming none', staff, undefined, null, 'is required for SEPPmail staff'],
    ['SEPPmail staff naming an empty one', staff, '', null, 'is required for SEPPmail staff'],
    ['a tenant administrator', tenantAdmin, 'P-1001', null, 'a tenant administrator does not add tenants'],
  ];
  it.each(cases)('%s', (_, who, requested, partnerId, message) => {
    expect(tenantPartner(who, requested)).toEqual(
      partnerId ? { partnerId, errors: [] } : { partnerId: null, errors: [{ path: 'partnerId', message }] },
    );
  });
});
