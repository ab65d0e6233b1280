/**
 * The seppmail.cloud service catalogue: codes, names and what they bill. Prices are data that
 * operators set (the `catalog_prices` table); the dependency rules live beside this in code.
 */

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

export function currencyForRegion(region: Region): Currency {
  return region === 'ch' ? 'CHF' : 'EUR';
}
