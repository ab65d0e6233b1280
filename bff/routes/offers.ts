import { z } from 'zod';
import { OFFER_LANGUAGES } from '../../domain/api.js';
import { SERVICE_CODES } from '../../domain/catalog.js';
import { basisPoints } from '../../domain/money.js';
import type { AppDeps } from '../app-env.js';
import { problems } from '../http/problem.js';
import { displayText } from '../http/display-text.js';
import { actorOf, mutation } from '../http/mutation.js';
import { json, ok, openApiRoutes, operation, problemResponses } from '../openapi/operation.js';
import * as S from '../openapi/schemas.js';
import { offerFileName, renderOfferPdf } from '../services/offer-pdf.js';
import { createOffer, DEFAULT_VALID_DAYS, findOfferInScope } from '../repositories/offer.repository.js';
import { allowOnTenant, requireAction } from '../policy.js';

export const MAX_OFFER_LINES = 50;

/** Out of range is min's and max's reason alone. */
function hasTwoDecimalsAtMost(percent: number): boolean {
  if (percent < 0 || percent > 100) return true;
  try {
    basisPoints(percent);
    return true;
  } catch {
    return false;
  }
}

const OfferDiscount = z
  .object({
    percent: z
      .number()
      .min(0, 'is at least 0')
      .max(100, 'is at most 100')
      .refine(hasTwoDecimalsAtMost, 'has at most two decimals'),
    reason: displayText(100).pipe(z.string().min(1, 'is required (for example nfr, test)')),
  })
  .strict();

export const NewOfferBody = z
  .object({
    language: z.enum(OFFER_LANGUAGES).default('en'),
    validDays: z.number().int('is a whole number of days').min(1).max(180).default(DEFAULT_VALID_DAYS),
    lines: z
      .array(
        z
          .object({
            domain: z.string().trim().min(1, 'is required').max(253),
            services: z
              .array(z.enum(SERVICE_CODES))
              .min(1, 'name at least one service')
              .max(SERVICE_CODES.length)
              .refine((codes) => new Set(codes).size === codes.length, 'names a service twice'),
            estimatedUsers: z.number().int('is a whole number').min(1).max(1_000_000),
            discount: OfferDiscount.optional(),
          })
          .strict(),
      )
      .min(1, 'name at least one domain')
      .max(MAX_OFFER_LINES)
      .superRefine((lines, ctx) => {
        const seen = new Map<string, number>();
        lines.forEach((line, i) => {
          const key = line.domain.toLowerCase().replace(/\.$/, '');
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'domain'], message: `appears in line ${seen.get(key)! + 1} already` });
          else seen.set(key, i);
        });
      }),
  })
  .strict();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TAG = 'Offers';

/** `POST /api/tenants/{tenantId}/offers`: mounted beside the tenant routes. */
export function tenantOfferRoutes({ db, clock }: AppDeps) {
  const create = operation({
    method: 'post', path: '/{tenantId}/offers', operationId: 'createOffer', tag: TAG, action: 'offer.create', guard: allowOnTenant(db, 'offer.create'), idempotencyKey: true,
    summary: 'Create an offer (it orders nothing)',
    notes: 'Discounts: SEPPmail level only (action `discount.set`).',
    request: { params: z.object({ tenantId: z.string().describe('the tenant ID, e.g. T-10001') }), body: { required: true, content: json(NewOfferBody) } },
    responses: { 201: ok('Created; Location is the PDF', json(S.Offer), ['Location', 'RateLimit', 'RateLimit-Policy', 'Idempotent-Replayed']), ...problemResponses([400, 401, 403, 404, 413, 422, 429, 503]) },
  });
  return openApiRoutes().openapi(create, async (c) => mutation(db, c, async (trx) => {
    const offer = await createOffer(trx, actorOf(c), c.req.param('tenantId'), c.req.valid('json'), clock.now());
    c.header('Location', offer.pdf);
    return c.json(offer, 201);
  }));
}

/**
 * The PDF's operation. Its path parameter is followed by `.pdf`, which Hono's router only
 * matches as a regular expression (`/:file{[^/]+\.pdf}`): the route is declared here and
 * registered in the document as is, and served by that pattern.
 */
export const offerPdfOperation = operation({
  method: 'get', path: '/{offerId}.pdf', operationId: 'getOfferPdf', tag: TAG, action: 'prices.view',
  summary: 'An offer as PDF, in its language',
    notes: 'The offer\'s tenant in scope (else 404), then `prices.view` (else 403). `Content-Disposition: attachment; filename="offer-<number>.pdf"` (e.g. offer-OF-2026-000123.pdf).',
  request: { params: z.object({ offerId: z.string().describe('the offer ID (a UUID)') }) },
  responses: { 200: ok('The PDF (Content-Disposition: attachment)', { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } }), ...problemResponses([401, 403, 404, 429, 503]) },
});

/** `GET /api/offers/{offerId}.pdf`: the offer's tenant in scope (else 404), then prices.view (else 403). */
export function offerRoutes({ db }: AppDeps) {
  const app = openApiRoutes();
  const { middleware: _, ...route } = offerPdfOperation;
  app.openAPIRegistry.registerPath(route);
  return app.get('/:file{[^/]+\\.pdf}', async (c) => {
    const principal = c.get('principal');
    const offerId = c.req.param('file').slice(0, -'.pdf'.length);
    const row = UUID.test(offerId) ? await findOfferInScope(db, principal, offerId.toLowerCase()) : undefined;
    if (!row) throw problems.notFound('The offer');
    requireAction(principal, 'prices.view');
    const pdf = await renderOfferPdf(row);
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${offerFileName(row)}"`,
      'Cache-Control': 'private, no-store',
    });
  });
}
