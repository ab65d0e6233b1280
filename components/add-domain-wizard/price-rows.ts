/**
 * What the wizard's price preview shows, without showing it: each service's monthly price per
 * user in the tenant's currency and their sum. Pure (no Lit, no DOM).
 */
import type { CatalogService, Me } from '../../domain/api.js';
import type { Currency, ServiceCode } from '../../domain/catalog.js';
import { can } from '../../domain/roles.js';

export interface PriceRow {
  code: ServiceCode;
  /** Minor units; none where the catalogue has no price in the currency. */
  price?: number;
}

export interface PricePreview {
  rows: PriceRow[];
  /** What a user of every service costs per month: the rows' sum, a missing price counted as nothing. */
  sum: number;
}

/**
 * The preview for callers who may see prices, and only where the catalogue has a price (the
 * BFF sends prices to them alone); undefined when there is nothing to show.
 */
export function pricePreview(services: readonly ServiceCode[], catalog: readonly CatalogService[], currency: Currency, me: Me): PricePreview | undefined {
  if (!can(me, 'prices.view')) return undefined;
  const rows = services.map((code) => ({ code, price: catalog.find((s) => s.code === code)?.prices?.[currency] }));
  if (rows.every((row) => row.price === undefined)) return undefined;
  return { rows, sum: rows.reduce((total, row) => total + (row.price ?? 0), 0) };
}
