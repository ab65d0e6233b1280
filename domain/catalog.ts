/**
 * The seppmail.cloud service catalogue: codes, names and what they bill. Prices are data that
 * operators set (the `catalog_prices` table); the dependency rules live beside this in code, and
 * so does what each currency's prices say about VAT (VAT_NOTES).
 */

/** The languages an offer, its PDF and the catalogue's texts (VAT_NOTES) are written in. */
export const OFFER_LANGUAGES = ['en', 'de', 'fr', 'it'] as const;
export type OfferLanguage = (typeof OFFER_LANGUAGES)[number];

export const SERVICE_CODES = [
  'SC-SERVICE',
  'SC-F-INBOUND',
  'SC-F-OUTBOUND',
  'SC-MS365',
  'SC-SIGONLY',
  'SC-SIGENC',
  'SC-CERT',
  'SC-HIN',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

export const MODES = ['inline', 'inline-inbound-only', 'parallel'] as const;
export type Mode = (typeof MODES)[number];

export const REGIONS = ['ch', 'de'] as const;
export type Region = (typeof REGIONS)[number];

export const CURRENCIES = ['CHF', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export interface ServiceDefinition {
  code: ServiceCode;
  name: string;
  billedUsers: string;
}

export const CATALOG: readonly ServiceDefinition[] = [
  { code: 'SC-SERVICE', name: 'seppmail.cloud service license', billedUsers: 'users whose mail passes the platform' },
  { code: 'SC-F-INBOUND', name: 'seppmail.cloud filter inbound', billedUsers: 'all users' },
  { code: 'SC-F-OUTBOUND', name: 'seppmail.cloud filter outbound', billedUsers: 'all users' },
  { code: 'SC-MS365', name: 'seppmail.cloud Microsoft 365 integration', billedUsers: 'all users' },
  { code: 'SC-SIGONLY', name: 'seppmail.cloud sign-only', billedUsers: 'users with "sign only"' },
  { code: 'SC-SIGENC', name: 'seppmail.cloud sign+encrypt (includes GINA)', billedUsers: 'users with "sign and encrypt"' },
  { code: 'SC-CERT', name: 'seppmail.cloud certificate', billedUsers: 'users of SC-SIGENC or SC-SIGONLY' },
  { code: 'SC-HIN', name: 'seppmail.cloud HIN integration', billedUsers: 'users of SC-SIGENC' },
];

export function serviceName(code: ServiceCode): string {
  return CATALOG.find((s) => s.code === code)?.name ?? code;
}

/** (decision) Swiss and Liechtenstein tenants are served from `ch`, everyone else from `de`. */
export function regionForCountry(country: string): Region {
  return ['CH', 'LI'].includes(country.toUpperCase()) ? 'ch' : 'de';
}

/**
 * (decision) What prices in each currency say about VAT, in each language an offer is written
 * in: printed under an offer's total. CHF prices are for the Swiss platform and exclude Swiss
 * VAT at the standard rate; EUR prices exclude VAT, which the invoice charges at the rate that
 * applies to the customer (a reverse charge or a country's rate).
 */
export const VAT_NOTES: Readonly<Record<Currency, Readonly<Record<OfferLanguage, string>>>> = {
  CHF: {
    en: 'Prices exclude Swiss VAT (8.1 %).',
    de: 'Die Preise verstehen sich exklusive Schweizer MWST (8,1 %).',
    fr: 'Les prix s’entendent hors TVA suisse (8,1 %).',
    it: 'I prezzi si intendono IVA svizzera (8,1 %) esclusa.',
  },
  EUR: {
    en: 'Prices exclude VAT; VAT is charged at the rate that applies to the customer.',
    de: 'Die Preise verstehen sich exklusive Mehrwertsteuer; sie wird zum Satz verrechnet, der für den Kunden gilt.',
    fr: 'Les prix s’entendent hors TVA ; la TVA est facturée au taux applicable au client.',
    it: 'I prezzi si intendono IVA esclusa; l’IVA è addebitata all’aliquota applicabile al cliente.',
  },
};

export function vatNote(currency: Currency, language: OfferLanguage): string {
  return VAT_NOTES[currency][language];
}

export function currencyForRegion(region: Region): Currency {
  return region === 'ch' ? 'CHF' : 'EUR';
}
