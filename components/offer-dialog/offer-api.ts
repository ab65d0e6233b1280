/**
 * The offer endpoints on top of the shared {@link ApiClient}: creating an offer, and its PDF as
 * a blob, fetched with the bearer token (the host page's token is no cookie, so a plain link
 * to the PDF would not be authorised).
 */
import type { NewOffer, Offer } from '../../domain/api.js';
import { ApiError, type ApiClient } from '../api/client.js';

export async function createOffer(client: ApiClient, tenantId: string, offer: NewOffer, idempotencyKey: string): Promise<Offer> {
  const { data } = await client.request<Offer>('POST', `/tenants/${encodeURIComponent(tenantId)}/offers`, {
    body: offer,
    headers: { 'idempotency-key': idempotencyKey },
  });
  return data;
}

export interface OfferPdf {
  blob: Blob;
  /** From `Content-Disposition`, such as `offer-T-10001-2026-11-24.pdf`. */
  fileName: string;
}

/** The offer's PDF; `pdf` is the offer's `pdf` path (`/api/offers/{id}.pdf`), read against the client's API base. */
export async function fetchOfferPdf(client: ApiClient, pdf: string, signal?: AbortSignal): Promise<OfferPdf> {
  const headers: Record<string, string> = { accept: 'application/pdf' };
  const token = await client.getToken?.();
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(client.apiBase + pdf.replace(/^\/api(?=\/)/, ''), { headers, signal });
  if (!response.ok) {
    const problem = (response.headers.get('content-type') ?? '').includes('json') ? await response.json().catch(() => ({})) : {};
    throw new ApiError({ type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, ...problem, status: response.status });
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? pdf.split('/').pop()!;
  return { blob: await response.blob(), fileName };
}
