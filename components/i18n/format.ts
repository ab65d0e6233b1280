import type { Discount } from '../../domain/api.js';
import { formatMoney, parseMinor } from '../../domain/money.js';
import { COUNTRY_CODES } from './countries.js';
import { getFormatLocale } from './localization.js';

/** A calendar date (`YYYY-MM-DD`) in the locale's medium style; it has no time zone to convert. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(getFormatLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A month (`YYYY-MM`) as the locale names it: `November 2026`. */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(getFormatLocale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

/** A moment (ISO 8601) in the viewer's time zone, to the second. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(getFormatLocale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** An exact decimal amount as the BFF sends it (`"1234.50"`) in the locale's currency format. */
export function formatAmount(decimal: string, currency: string): string {
  return formatMoney(parseMinor(decimal), currency, getFormatLocale());
}

/** `a, b and c` (or `a, b or c`) in the locale. */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(getFormatLocale(), { type }).format(items);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(getFormatLocale()).format(value);
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** The country's name in the locale, for an ISO 3166-1 alpha-2 code. */
export function countryName(code: string): string {
  const locale = getFormatLocale();
  if (!regionNames.has(locale)) regionNames.set(locale, new Intl.DisplayNames([locale], { type: 'region' }));
  try {
    return regionNames.get(locale)!.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const countryLists = new Map<string, { code: string; name: string }[]>();

/** Every country by its name in the locale, and `current` last if the list lacks it. */
export function countryOptions(current: string): { code: string; name: string }[] {
  const locale = getFormatLocale();
  if (!countryLists.has(locale)) {
    const collator = new Intl.Collator(locale);
    countryLists.set(locale, COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => collator.compare(a.name, b.name)));
  }
  const list = countryLists.get(locale)!;
  return !current || COUNTRY_CODES.includes(current) ? list : [...list, { code: current, name: countryName(current) }];
}

/** `10 (nfr)`: the percentage, and the reason in brackets. */
export function formatDiscount(discount: Discount | null): string {
  if (!discount) return '–';
  const percent = formatNumber(discount.percent);
  return discount.reason ? `${percent} (${discount.reason})` : percent;
}
