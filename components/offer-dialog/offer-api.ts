/**
 * The offer calls as functions, kept for hosts that imported them: they are methods of
 * {@link ApiClient} now ({@link ApiClient.createOffer}, {@link ApiClient.offerPdf}).
 */
import type { NewOffer, Offer } from '../../domain/api.js';
import type { ApiClient, OfferPdf } from '../api/client.js';

export type { OfferPdf } from '../api/client.js';

/** @deprecated Use {@link ApiClient.createOffer}. */
export function createOffer(client: ApiClient, tenantId: string, offer: NewOffer, idempotencyKey: string): Promise<Offer> {
  return client.createOffer(tenantId, offer, idempotencyKey);
}

/** @deprecated Use {@link ApiClient.offerPdf}. */
export function fetchOfferPdf(client: ApiClient, pdf: string, signal?: AbortSignal): Promise<OfferPdf> {
  return client.offerPdf(pdf, signal);
}
