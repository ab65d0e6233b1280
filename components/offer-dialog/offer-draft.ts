/**
 * The offer as the dialog edits it, and its arithmetic: what the typed users, discounts and
 * validity mean, each line's amounts from the catalogue, the total, and the body sent to the
 * BFF. Pure (no Lit, no DOM); the money itself is domain/money.ts's.
 */
import type { CatalogService, ManagedDomain, NewOffer, OfferLanguage } from '../../domain/api.js';
import { type Currency, SERVICE_CODES, type ServiceCode } from '../../domain/catalog.js';
import { isActive } from '../../domain/lifecycle.js';
import { basisPoints, lineTotal, sum } from '../../domain/money.js';

/** One domain of the offer as it is being edited. */
export interface DraftLine {
  /** Punycode, lower case. */
  domain: string;
  services: ServiceCode[];
  /** As typed. */
  users: string;
  /** Not managed yet: added in the dialog. */
  planned: boolean;
  discountPercent: string;
  discountReason: string;
}

/** What the dialog sends: the settings as typed and the lines. */
export interface OfferDraft {
  language: OfferLanguage;
  /** As typed. */
  validDays: string;
  lines: readonly DraftLine[];
}

/** One service of a line: its unit price (none where the catalogue has none) and its monthly amount. */
export interface LineAmount {
  code: ServiceCode;
  unit?: number;
  total: bigint;
}

export const MAX_USERS = 1_000_000;
export const MAX_VALID_DAYS = 180;

/** The estimated users as typed, when they are a whole number from 1 to {@link MAX_USERS}. */
export function usersOf(line: Pick<DraftLine, 'users'>): number | undefined {
  const text = line.users.trim();
  const n = Number(text);
  return /^\d+$/.test(text) && n >= 1 && n <= MAX_USERS ? n : undefined;
}

/** The discount as typed, when it is one: a percentage (comma or point) with at most two decimals. */
export function percentOf(line: Pick<DraftLine, 'discountPercent'>): number | undefined {
  const text = line.discountPercent.trim().replace(',', '.');
  if (text === '') return undefined;
  try {
    basisPoints(text);
    return Number(text);
  } catch {
    return undefined;
  }
}

/** Whether the validity as typed is a whole number of days from 1 to {@link MAX_VALID_DAYS}. */
export function validDaysValid(validDays: string): boolean {
  const text = validDays.trim();
  return /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_VALID_DAYS;
}

/** A line whose discount was touched: the percentage must be one, and the reason must be given. */
export function discountProblems(line: Pick<DraftLine, 'discountPercent' | 'discountReason'>): { percentInvalid: boolean; reasonMissing: boolean } {
  const touched = line.discountPercent.trim() !== '' || line.discountReason.trim() !== '';
  return {
    percentInvalid: touched && percentOf(line) === undefined,
    reasonMissing: touched && line.discountReason.trim() === '',
  };
}

/** A new line of the offer, with nothing typed yet. */
export function newLine(domain: string, services: ServiceCode[], planned: boolean): DraftLine {
  return { domain, services, users: '', planned, discountPercent: '', discountReason: '' };
}

/** The lines an offer starts with: each managed domain with its active services (domains without any left out). */
export function initialLines(domains: readonly ManagedDomain[]): DraftLine[] {
  return domains
    .map((d) => ({ domain: d.name, services: SERVICE_CODES.filter((c) => d.services.some((s) => s.code === c && isActive(s.status))) }))
    .filter((d) => d.services.length > 0)
    .map((d) => newLine(d.domain, d.services, false));
}

/** The catalogue's monthly price per user of the service in the currency, in minor units. */
export function unitPrice(catalog: readonly CatalogService[], code: ServiceCode, currency: Currency): number | undefined {
  return catalog.find((s) => s.code === code)?.prices?.[currency];
}

/** Each service's monthly amount for the line as typed (no valid users yet: zero). */
export function lineAmounts(line: DraftLine, catalog: readonly CatalogService[], currency: Currency): LineAmount[] {
  const users = usersOf(line) ?? 0;
  const percent = percentOf(line) ?? 0;
  return line.services.map((code) => {
    const unit = unitPrice(catalog, code, currency);
    return { code, unit, total: unit === undefined ? 0n : lineTotal(users, unit, percent) };
  });
}

/** What the line costs per month. */
export function lineTotalOf(line: DraftLine, catalog: readonly CatalogService[], currency: Currency): bigint {
  return sum(lineAmounts(line, catalog, currency).map((a) => a.total));
}

/** What the whole offer costs per month. */
export function offerTotal(lines: readonly DraftLine[], catalog: readonly CatalogService[], currency: Currency): bigint {
  return sum(lines.flatMap((line) => lineAmounts(line, catalog, currency).map((a) => a.total)));
}

/** The body of `POST /api/tenants/{id}/offers`; what is not valid goes as typed, for the BFF to refuse. */
export function offerBody(draft: OfferDraft): NewOffer {
  const days = Number(draft.validDays);
  return {
    language: draft.language,
    ...(Number.isInteger(days) && draft.validDays.trim() !== '' ? { validDays: days } : {}),
    lines: draft.lines.map((line) => {
      const percent = percentOf(line);
      return {
        domain: line.domain,
        services: line.services,
        estimatedUsers: usersOf(line) ?? Number(line.users),
        ...(percent !== undefined ? { discount: { percent, reason: line.discountReason.trim() } } : {}),
      };
    }),
  };
}
