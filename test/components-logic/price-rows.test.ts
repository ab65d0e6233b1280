import { describe, expect, it } from 'vitest';
import type { CatalogService, Me } from '../../domain/api.js';
import { pricePreview } from '../../components/add-domain-wizard/price-rows.js';

const me = (level: Me['level'], roles: Me['roles']): Me => ({ sub: 'u', name: 'U', level, org: null, orgName: null, roles });
const catalog: CatalogService[] = [
  { code: 'SC-SERVICE', name: 'Service', billedUsers: '', prices: { CHF: 100, EUR: 95 } },
  { code: 'SC-F-INBOUND', name: 'Inbound', billedUsers: '', prices: { CHF: 250 } },
  { code: 'SC-HIN', name: 'HIN', billedUsers: '' },
];

describe('the price preview', () => {
  it('lists each service with its price in the currency and sums them, a missing price counting as nothing', () => {
    expect(pricePreview(['SC-SERVICE', 'SC-F-INBOUND', 'SC-HIN'], catalog, 'CHF', me('partner', ['Sales']))).toEqual({
      rows: [{ code: 'SC-SERVICE', price: 100 }, { code: 'SC-F-INBOUND', price: 250 }, { code: 'SC-HIN', price: undefined }],
      sum: 350,
    });
    expect(pricePreview(['SC-SERVICE', 'SC-F-INBOUND'], catalog, 'EUR', me('seppmail', ['ALL']))?.sum).toBe(95);
  });

  it('is for callers who may see prices only', () => {
    expect(pricePreview(['SC-SERVICE'], catalog, 'CHF', me('tenant', ['ALL']))).toBeUndefined();
    expect(pricePreview(['SC-SERVICE'], catalog, 'CHF', me('partner', ['Tech']))).toBeUndefined();
  });

  it('shows nothing where the catalogue has no price at all (the BFF sent none)', () => {
    expect(pricePreview(['SC-HIN'], catalog, 'CHF', me('partner', ['Sales']))).toBeUndefined();
    expect(pricePreview(['SC-F-INBOUND'], catalog, 'EUR', me('partner', ['Sales']))).toBeUndefined();
    expect(pricePreview([], catalog, 'CHF', me('partner', ['Sales']))).toBeUndefined();
  });
});
