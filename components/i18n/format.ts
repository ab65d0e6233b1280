import type { Discount } from '../../domain/api.js';
import { getLocale } from './localization.js';

/** A calendar date (`YYYY-MM-DD`) in the locale's medium style; it has no time zone to convert. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(getLocale()).format(value);
}

/** The country's name in the locale, for an ISO 3166-1 alpha-2 code. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([getLocale()], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** `10 (nfr)`: the percentage, and the reason in brackets. */
export function formatDiscount(discount: Discount | null): string {
  if (!discount) return '–';
  const percent = formatNumber(discount.percent);
  return discount.reason ? `${percent} (${discount.reason})` : percent;
}
