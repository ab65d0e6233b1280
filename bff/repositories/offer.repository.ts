/**
 * Offers: priced from the catalogue in the tenant's currency, stored with their audit event in
 * one transaction. An offer orders nothing: it books no service and changes no domain.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { NewOffer, Offer, OfferLanguage, OfferLine } from '../../domain/api.js';
import { currencyForRegion, SERVICE_CODES, type ServiceCode, serviceName } from '../../domain/catalog.js';
import { addDays, todayIn } from '../../domain/dates.js';
import { formatMinor, lineTotal, sum } from '../../domain/money.js';
import type { Principal } from '../../domain/roles.js';
import { checkDomainName, checkOffer } from '../../domain/rules.js';
import { type Actor, recordAudit } from '../audit.js';
import type { Database, OffersTable } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { tenantInScope } from '../policy.js';
import { inTransaction } from '../db/transaction.js';

export const DEFAULT_VALID_DAYS = 30;

/** A line as stored: money in minor units, so that the PDF formats exactly what was offered. */
export interface StoredOfferLine {
  domain: string;
  service: ServiceCode;
  name: string;
  estimatedUsers: number;
  unitMinor: number;
  discountPercent: number;
  discountReason: string | null;
  /** A bigint as a decimal string. */
  totalMinor: string;
}

export type OfferRow = Selectable<OffersTable>;

export function offerPdfPath(id: string): string {
  return `/api/offers/${id}.pdf`;
}

export function linesOf(row: OfferRow): StoredOfferLine[] {
  // jsonb comes back parsed from pg, as text from some drivers.
  return (typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines) as StoredOfferLine[];
}

/** `OF-2026-000123`: the year's sequence, six digits at least. */
export function formatOfferNumber(year: number, sequence: number): string {
  return `OF-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The next number of `year`, taken in the caller's transaction: the counter row's lock makes
 * concurrent offers of one year wait for each other, and a rollback gives the number back
 * (migration 2026-12-05T00-00-00-offer-numbers), so numbers are unique and have no gaps.
 */
export async function nextOfferNumber(trx: Kysely<Database>, year: number): Promise<string> {
  const { last } = await trx
    .insertInto('offer_number_counters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql<number>`offer_number_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return formatOfferNumber(year, last);
}

export function offerDateOf(row: OfferRow): string {
  return todayIn(new Date(row.created_at));
}

export function toOffer(row: OfferRow): Offer {
  const lines: OfferLine[] = linesOf(row).map(({ unitMinor, totalMinor, ...line }) => ({
    ...line,
    unitPrice: formatMinor(unitMinor),
    total: formatMinor(BigInt(totalMinor)),
  }));
  return {
    id: row.id,
    number: row.number,
    tenantId: row.tenant_id,
    language: row.language as OfferLanguage,
    currency: row.currency,
    offerDate: offerDateOf(row),
    validUntil: row.valid_until,
    lines,
    total: formatMinor(BigInt(row.total_minor)),
    pdf: offerPdfPath(row.id),
  };
}

export async function createOffer(db: Kysely<Database>, actor: Actor, tenantId: string, offer: NewOffer, now: Date): Promise<Offer> {
  const row = await inTransaction(db, async (trx) => {
    const tenant = await trx
      .selectFrom('tenants as t')
      .innerJoin('partners as p', 'p.id', 't.partner_id')
      .select(['t.id', 't.name', 't.country', 't.region', 'p.name as partner_name'])
      .where('t.id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const asked = offer.lines.map((l) => checkDomainName(l.domain).ascii).filter((n): n is string => n !== null);
    const taken = asked.length === 0 ? [] : await trx
      .selectFrom('managed_domains')
      .select('name')
      .where(sql`lower(name)`, 'in', asked)
      .where('deprovisioned_at', 'is', null)
      .where('tenant_id', '<>', tenantId)
      .execute();
    const { reasons, names } = checkOffer(offer, { principal: actor.principal, country: tenant.country, takenByOthers: new Set(taken.map((t) => t.name.toLowerCase())) });
    if (reasons.length > 0) throw problems.unprocessable('The offer breaks the rules named in errors; nothing was stored.', reasons);

    const currency = currencyForRegion(tenant.region);
    const prices = new Map(
      (await trx.selectFrom('catalog_prices').select(['service_code', 'monthly_price_minor']).where('currency', '=', currency).execute()).map((p) => [
        p.service_code,
        p.monthly_price_minor,
      ]),
    );
    const lines: StoredOfferLine[] = offer.lines.flatMap((line, i) =>
      SERVICE_CODES.filter((code) => line.services.includes(code)).map((service) => {
        const unitMinor = prices.get(service);
        if (unitMinor === undefined) throw problems.conflict(`The catalogue has no ${currency} price for ${service}; SEPPmail sets it.`);
        const discountPercent = line.discount?.percent ?? 0;
        return {
          domain: names[i]!,
          service,
          name: serviceName(service),
          estimatedUsers: line.estimatedUsers,
          unitMinor,
          discountPercent,
          discountReason: line.discount?.reason ?? null,
          totalMinor: lineTotal(line.estimatedUsers, unitMinor, discountPercent).toString(),
        };
      }),
    );
    const offerDate = todayIn(now);
    // Taken last, just before the insert: the counter's lock is held for as short as possible.
    const number = await nextOfferNumber(trx, Number(offerDate.slice(0, 4)));
    const inserted = await trx
      .insertInto('offers')
      .values({
        number,
        tenant_id: tenant.id,
        created_by: actor.principal.sub,
        created_by_name: actor.principal.name,
        tenant_name: tenant.name,
        partner_name: tenant.partner_name,
        language: offer.language ?? 'en',
        currency,
        valid_until: addDays(offerDate, offer.validDays ?? DEFAULT_VALID_DAYS),
        lines: JSON.stringify(lines),
        total_minor: sum(lines.map((l) => BigInt(l.totalMinor))).toString(),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = toOffer(inserted);
    await recordAudit(trx, actor, {
      action: 'offer.create',
      entityType: 'offer',
      entityId: created.id,
      tenantId: tenant.id,
      before: null,
      after: { number: created.number, language: created.language, currency, validUntil: created.validUntil, total: created.total, lines: created.lines },
    });
    return inserted;
  });
  return toOffer(row);
}

/** The offer, if its tenant is within the caller's scope. */
export async function findOfferInScope(db: Kysely<Database>, principal: Principal, offerId: string): Promise<OfferRow | undefined> {
  return db
    .selectFrom('offers as o')
    .innerJoin('tenants as t', 't.id', 'o.tenant_id')
    .selectAll('o')
    .where('o.id', '=', offerId)
    .where(tenantInScope(principal))
    .executeTakeFirst();
}
