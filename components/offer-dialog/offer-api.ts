/**
 * The offer calls as functions, kept for hosts that imported them: they are methods of
 * `ApiClient` now (`createOffer`, `offerPdf`).
 */
import type { NewOffer, Offer } from '../../domain/api.js';
import type { ApiClient, OfferPdf } from '../api/client.js';

export type { OfferPdf } from '../api/client.js';

/** @deprecated Use `client.createOffer(tenantId, offer, idempotencyKey)`. */
export function createOffer(client: ApiClient, tenantId: string, offer: NewOffer, idempotencyKey: string): Promise<Offer> {
  return client.createOffer(tenantId, offer, idempotencyKey);
}

/** @deprecated Use `client.offerPdf(pdf, signal)`. */
export function fetchOfferPdf(client: ApiClient, pdf: string, signal?: AbortSignal): Promise<OfferPdf> {
  return client.offerPdf(pdf, signal);
}
