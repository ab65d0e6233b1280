/**
 * The ordering rules (docs/domain.md#dependency-rules) as pure functions: the catalogue's dependencies, the modes,
 * domain names, GINA host names and end-billing dates. The BFF enforces them; the wizard and
 * the dialogs use the same functions to guide. Every check answers every reason, never the
 * first alone, each with a stable `code` that the components translate.
 */
import { type Mode, SERVICE_CODES, type ServiceCode } from './catalog.js';
import { addDays, lastOfMonth } from './dates.js';
import { disallowedLabelCharacters, labelScripts, labelToUnicode, mixesScripts } from './idn.js';

export type ReasonCode =
  | 'requires'
  | 'requires-one-of'
  | 'excludes'
  | 'mode-requires'
  | 'mode-forbids'
  | 'hin-needs-switzerland'
  | 'gina-host-required'
  | 'name-invalid'
  | 'name-freemail'
  | 'name-onmicrosoft'
  | 'name-platform'
  | 'name-special-use'
  | 'name-mixed-script'
  | 'gina-host-invalid'
  | 'ms365-tenant-id-invalid'
  | 'end-billing-invalid'
  | 'end-billing-too-early'
  // Refusals only the server can know, from the platform's state:
  | 'domain-taken'
  | 'gina-host-taken'
  | 'already-booked'
  | 'not-active'
  // Found by the consistency check at confirmation:
  | 'ms365-sibling-needs-inbound'
  | 'tenant-incomplete'
  | 'deployment-settings-unavailable'
  // Offers:
  | 'discount-not-allowed';

export interface Reason {
  code: ReasonCode;
  /** The field concerned: `services`, `name`, `ginaHost`, `ms365TenantId`, `endBilling`. */
  path: string;
  /** The reason in English; components show a translation chosen by `code`. */
  message: string;
  /** The service the reason is about, and the other one it names (required, excluded). */
  service?: ServiceCode;
  others?: ServiceCode[];
  /** Another domain the reason names (the Microsoft 365 rule). */
  domain?: string;
  /** The missing fields (an incomplete tenant). */
  fields?: string[];
}

/** What each service needs besides the base service, whatever the mode. */
export const REQUIRES: Readonly<Record<ServiceCode, readonly ServiceCode[]>> = {
  'SC-SERVICE': [],
  'SC-F-INBOUND': [],
  'SC-F-OUTBOUND': ['SC-F-INBOUND'],
  'SC-MS365': [],
  'SC-SIGONLY': ['SC-CERT'],
  'SC-SIGENC': ['SC-CERT'],
  'SC-CERT': [],
  'SC-HIN': ['SC-SIGENC'],
};

/** Booked only together with one of these. */
export const REQUIRES_ONE_OF: Readonly<Partial<Record<ServiceCode, readonly ServiceCode[]>>> = {
  'SC-CERT': ['SC-SIGONLY', 'SC-SIGENC'],
};

export const EXCLUDES: Readonly<Partial<Record<ServiceCode, readonly ServiceCode[]>>> = {
  'SC-SIGONLY': ['SC-SIGENC'],
  'SC-SIGENC': ['SC-SIGONLY'],
};

export interface ModeRule {
  /** Services every domain in this mode has. */
  requires: readonly ServiceCode[];
  /** Services never booked in this mode. */
  forbids: readonly ServiceCode[];
  /** Further needs of single services in this mode. */
  serviceRequires: Readonly<Partial<Record<ServiceCode, readonly ServiceCode[]>>>;
}

const SIGNING_NEEDS_OUTBOUND = { 'SC-SIGONLY': ['SC-F-OUTBOUND'], 'SC-SIGENC': ['SC-F-OUTBOUND'] } as const;

export const MODE_RULES: Readonly<Record<Mode, ModeRule>> = {
  inline: { requires: ['SC-SERVICE', 'SC-F-INBOUND'], forbids: ['SC-MS365'], serviceRequires: SIGNING_NEEDS_OUTBOUND },
  // Inbound only has no outbound path, so it has no outbound filter and no signing either.
  'inline-inbound-only': { requires: ['SC-SERVICE', 'SC-F-INBOUND'], forbids: ['SC-MS365', 'SC-F-OUTBOUND'], serviceRequires: SIGNING_NEEDS_OUTBOUND },
  parallel: { requires: ['SC-SERVICE', 'SC-MS365'], forbids: ['SC-F-INBOUND', 'SC-F-OUTBOUND'], serviceRequires: {} },
};

/** (decision) HIN is the Swiss health network: only tenants in Switzerland book it. */
export const HIN_COUNTRIES: readonly string[] = ['CH'];

/** Everything a service needs on a domain of this mode, directly. */
export function requirementsOf(code: ServiceCode, mode: Mode): ServiceCode[] {
  return [...new Set<ServiceCode>(['SC-SERVICE', ...REQUIRES[code], ...(MODE_RULES[mode].serviceRequires[code] ?? [])])].filter((c) => c !== code);
}

/** The selection with everything it needs added, transitively, and what the mode requires. */
export function withRequirements(selection: Iterable<ServiceCode>, mode: Mode): ServiceCode[] {
  const result = new Set<ServiceCode>([...MODE_RULES[mode].requires, ...selection]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const code of [...result]) {
      for (const needed of requirementsOf(code, mode)) {
        if (!result.has(needed)) {
          result.add(needed);
          grew = true;
        }
      }
    }
  }
  return SERVICE_CODES.filter((c) => result.has(c));
}

export interface ServiceSet {
  mode: Mode;
  /** The domain's active services after the change. */
  services: readonly ServiceCode[];
  /** The tenant's country (ISO, upper case). */
  country: string;
  /** Whether the domain has (or the order names) a GINA host. */
  hasGinaHost: boolean;
}

const list = (codes: readonly ServiceCode[]) => codes.join(', ');

/** Every rule of the catalogue and the mode that the set of services breaks. */
export function checkServices({ mode, services, country, hasGinaHost }: ServiceSet): Reason[] {
  const booked = new Set(services);
  const reasons: Reason[] = [];
  const rule = MODE_RULES[mode];
  for (const needed of rule.requires) {
    if (!booked.has(needed)) {
      reasons.push({ code: 'mode-requires', path: 'services', service: needed, message: `Mode ${mode} requires ${needed}.` });
    }
  }
  for (const code of SERVICE_CODES.filter((c) => booked.has(c))) {
    if (rule.forbids.includes(code)) {
      reasons.push({ code: 'mode-forbids', path: 'services', service: code, message: `${code} cannot be booked in mode ${mode}.` });
    }
    // A missing base service is named once, by the mode's rule.
    const missing = requirementsOf(code, mode).filter((c) => !booked.has(c) && c !== 'SC-SERVICE');
    if (missing.length > 0) {
      reasons.push({ code: 'requires', path: 'services', service: code, others: missing, message: `${code} requires ${list(missing)}.` });
    }
    const oneOf = REQUIRES_ONE_OF[code];
    if (oneOf && !oneOf.some((c) => booked.has(c))) {
      reasons.push({ code: 'requires-one-of', path: 'services', service: code, others: [...oneOf], message: `${code} is booked only together with ${oneOf.join(' or ')}.` });
    }
    const clash = (EXCLUDES[code] ?? []).filter((c) => booked.has(c));
    // Name an exclusion once, from the first of the pair in catalogue order.
    if (clash.length > 0 && clash.every((c) => SERVICE_CODES.indexOf(c) > SERVICE_CODES.indexOf(code))) {
      reasons.push({ code: 'excludes', path: 'services', service: code, others: clash, message: `${code} and ${list(clash)} exclude each other on one domain.` });
    }
    if (code === 'SC-HIN' && !HIN_COUNTRIES.includes(country.toUpperCase())) {
      reasons.push({ code: 'hin-needs-switzerland', path: 'services', service: code, message: 'SC-HIN is available only to tenants in Switzerland.' });
    }
    if (code === 'SC-SIGENC' && !hasGinaHost) {
      reasons.push({ code: 'gina-host-required', path: 'ginaHost', service: code, message: 'SC-SIGENC requires a GINA host.' });
    }
  }
  return reasons;
}

/**
 * What cancelling `code` cancels with it: every active service that then no longer has what
 * it needs, transitively. (decision) What the mode requires (SC-F-INBOUND inline, SC-MS365
 * parallel) carries the domain, so cancelling it cancels the domain like SC-SERVICE does.
 */
export function cancellationCascade(active: readonly ServiceCode[], code: ServiceCode, mode: Mode): ServiceCode[] {
  if (!active.includes(code)) return [];
  if (MODE_RULES[mode].requires.includes(code)) return SERVICE_CODES.filter((c) => active.includes(c));
  const cancelled = new Set<ServiceCode>([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const other of active) {
      if (cancelled.has(other)) continue;
      const remaining = active.filter((c) => !cancelled.has(c));
      const lacks = requirementsOf(other, mode).some((c) => !remaining.includes(c));
      const oneOf = REQUIRES_ONE_OF[other];
      if (lacks || (oneOf && !oneOf.some((c) => remaining.includes(c)))) {
        cancelled.add(other);
        grew = true;
      }
    }
  }
  return SERVICE_CODES.filter((c) => cancelled.has(c));
}

/** (decision) Freemail providers; a domain under one of them is never a customer's own. */
export const FREEMAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.ch', 'hotmail.de', 'live.com', 'msn.com',
  'yahoo.com', 'yahoo.de', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'bluewin.ch', 'web.de', 't-online.de',
  'proton.me', 'protonmail.com', 'gmx.ch', 'gmx.de', 'gmx.at', 'gmx.net', 'gmx.com', 'mail.com', 'yandex.com',
];
const FREEMAIL_FIRST_LABELS = ['gmx'];

/** (decision) The platform's own names: neither they nor any name under them is a customer's. */
export const PLATFORM_DOMAINS: readonly string[] = ['seppmail.cloud'];

/**
 * (decision) Special-use and example names, never a customer's domain or GINA host (each
 * entry with every name under it), from IANA's Special-Use Domain Names registry and beside it:
 * RFC 6761 (test, localhost, invalid, example and the example second-level names), RFC 6762
 * (local, mDNS), RFC 7686 (onion), RFC 8375 (home.arpa), RFC 9476 (alt), `arpa` as a whole
 * (RFC 3172, the infrastructure domain) and `internal` (ICANN's reserved private-use TLD, 2024).
 */
export const SPECIAL_USE_DOMAINS: readonly { name: string; source: string }[] = [
  { name: 'test', source: 'RFC 6761' },
  { name: 'localhost', source: 'RFC 6761' },
  { name: 'invalid', source: 'RFC 6761' },
  { name: 'example', source: 'RFC 6761' },
  { name: 'example.com', source: 'RFC 6761' },
  { name: 'example.net', source: 'RFC 6761' },
  { name: 'example.org', source: 'RFC 6761' },
  { name: 'local', source: 'RFC 6762' },
  { name: 'onion', source: 'RFC 7686' },
  { name: 'home.arpa', source: 'RFC 8375' },
  { name: 'arpa', source: 'RFC 3172' },
  { name: 'alt', source: 'RFC 9476' },
  { name: 'internal', source: 'ICANN, private use' },
];

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const FORBIDDEN_CHARACTERS = /[\s/\\@:?#[\]%*,;"'<>|^`{}]/;

function underDomain(name: string, parent: string): boolean {
  return name === parent || name.endsWith(`.${parent}`);
}

/** The special-use entry a name is (or is under), if any. */
export function specialUseDomain(ascii: string): { name: string; source: string } | undefined {
  return SPECIAL_USE_DOMAINS.find((d) => underDomain(ascii, d.name));
}

/** IDN to punycode and lower case, as browsers and Node do it (WHATWG URL, UTS #46). */
export function toAsciiHostName(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || FORBIDDEN_CHARACTERS.test(trimmed)) return null;
  try {
    return new URL(`http://${trimmed}`).hostname;
  } catch {
    return null;
  }
}

/**
 * A host name in Unicode: each `xn--` label of its ASCII form decoded (`labelToUnicode`), null
 * when one is not punycode. The script and character rules read this form rather than the
 * input as typed: it is the name as DNS will have it (after UTS #46 mapped case, width and
 * compatibility forms), and a name typed in punycode is read the same as one typed in Unicode.
 */
export function toUnicodeHostName(ascii: string): string | null {
  const labels = ascii.split('.').map(labelToUnicode);
  return labels.includes(null) ? null : labels.join('.');
}

function hostNameReasons(ascii: string | null, path: string, code: 'name-invalid' | 'gina-host-invalid', minLabels: number): Reason[] {
  const what = path === 'name' ? 'The domain name' : 'The GINA host name';
  if (ascii === null) return [{ code, path, message: `${what} is not a valid host name.` }];
  const labels = ascii.split('.');
  const reasons: Reason[] = [];
  if (ascii.length > 253) reasons.push({ code, path, message: `${what} is longer than 253 characters.` });
  if (labels.length < minLabels) reasons.push({ code, path, message: `${what} needs at least ${minLabels} labels (such as ${minLabels === 2 ? 'example.ch' : 'securemail.example.ch'}).` });
  const bad = labels.filter((l) => !HOST_LABEL.test(l) || labelToUnicode(l) === null);
  if (bad.length > 0) reasons.push({ code, path, message: `${what} has labels that are not valid: ${bad.map((l) => `"${l}"`).join(', ')}.` });
  const symbols = [...new Set(labels.flatMap((l) => disallowedLabelCharacters(labelToUnicode(l) ?? '')))];
  if (symbols.length > 0) {
    reasons.push({ code, path, message: `${what} may have only letters, digits and hyphens, not ${symbols.map((c) => `"${c}"`).join(', ')}.` });
  }
  const tld = labels.at(-1) ?? '';
  if (/^\d+$/.test(tld) || ascii.startsWith('[')) reasons.push({ code, path, message: `${what} must not be an IP address.` });
  return reasons;
}

/** The labels (in Unicode) that mix scripts, each with the scripts it mixes. */
function mixedScriptLabels(ascii: string): { label: string; scripts: string[] }[] {
  return (toUnicodeHostName(ascii) ?? '')
    .split('.')
    .filter((label) => mixesScripts(label))
    .map((label) => ({ label, scripts: labelScripts(label) }));
}

function mixedScriptMessage(what: string, mixed: { label: string; scripts: string[] }[]): string {
  const labels = mixed.map(({ label, scripts }) => `"${label}" (${scripts.join(', ')})`).join(', ');
  return `${what} mixes scripts in ${labels}, so it could pass for another name; use the letters of one script per label.`;
}

export interface CheckedName {
  /** Punycode, lower case; null when it cannot be read as a host name at all. */
  ascii: string | null;
  reasons: Reason[];
}

/**
 * A managed domain's name: a valid host name (letters, digits and hyphens only), not freemail,
 * not Microsoft's onmicrosoft.com, not the platform's own, not a special-use or example name,
 * and no label that mixes scripts (UTS #39, highly restrictive).
 */
export function checkDomainName(input: string): CheckedName {
  const ascii = toAsciiHostName(input);
  const reasons = hostNameReasons(ascii, 'name', 'name-invalid', 2);
  if (ascii && reasons.length === 0) {
    if (FREEMAIL_DOMAINS.some((d) => underDomain(ascii, d)) || FREEMAIL_FIRST_LABELS.includes(ascii.split('.').at(-2) ?? '')) {
      reasons.push({ code: 'name-freemail', path: 'name', message: `${ascii} belongs to a freemail provider.` });
    }
    if (underDomain(ascii, 'onmicrosoft.com')) {
      reasons.push({ code: 'name-onmicrosoft', path: 'name', message: 'Domains under onmicrosoft.com belong to Microsoft and cannot be managed.' });
    }
    const platform = PLATFORM_DOMAINS.find((d) => underDomain(ascii, d));
    if (platform) {
      reasons.push({ code: 'name-platform', path: 'name', message: `${platform} and the names under it are the platform's own and cannot be managed.` });
    }
    const special = specialUseDomain(ascii);
    if (special) {
      reasons.push({ code: 'name-special-use', path: 'name', message: `${ascii} is a special-use name (.${special.name}, ${special.source}) that is never an organisation's domain.` });
    }
    const mixed = mixedScriptLabels(ascii);
    if (mixed.length > 0) reasons.push({ code: 'name-mixed-script', path: 'name', message: mixedScriptMessage('The domain name', mixed) });
  }
  return { ascii, reasons };
}

export function defaultGinaHost(domainAscii: string): string {
  return `securemail.${domainAscii}`;
}

/**
 * A GINA host name (uniqueness across tenants is the server's to check): the host name rules
 * of a domain name, at least three labels, not under the platform's names, onmicrosoft.com or
 * a special-use name, and no label that mixes scripts; every refusal `gina-host-invalid`.
 */
export function checkGinaHost(input: string, domainAscii?: string): CheckedName {
  const ascii = input.includes('*') ? null : toAsciiHostName(input);
  const reasons = input.includes('*')
    ? [{ code: 'gina-host-invalid' as const, path: 'ginaHost', message: 'The GINA host name must not be a wildcard.' }]
    : hostNameReasons(ascii, 'ginaHost', 'gina-host-invalid', 3);
  if (ascii && reasons.length === 0) {
    if (domainAscii && ascii === domainAscii) reasons.push({ code: 'gina-host-invalid', path: 'ginaHost', message: 'The GINA host must not be the domain itself; use a host such as securemail.<domain>.' });
    for (const reserved of [...PLATFORM_DOMAINS, 'onmicrosoft.com']) {
      if (underDomain(ascii, reserved)) reasons.push({ code: 'gina-host-invalid', path: 'ginaHost', message: `The GINA host must not be under ${reserved}.` });
    }
    const special = specialUseDomain(ascii);
    if (special) {
      reasons.push({ code: 'gina-host-invalid', path: 'ginaHost', message: `The GINA host must not be under .${special.name}, a special-use name (${special.source}).` });
    }
    const mixed = mixedScriptLabels(ascii);
    if (mixed.length > 0) reasons.push({ code: 'gina-host-invalid', path: 'ginaHost', message: mixedScriptMessage('The GINA host name', mixed) });
  }
  return { ascii, reasons };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkMs365TenantId(input: string | null | undefined): Reason[] {
  if (input === null || input === undefined || input === '') return [];
  return GUID.test(input.trim()) ? [] : [{ code: 'ms365-tenant-id-invalid', path: 'ms365TenantId', message: 'The Microsoft 365 tenant ID must be a GUID.' }];
}

/** Default end of billing: the last day of this month, but never earlier than tomorrow. */
export function defaultEndBilling(today: string): string {
  const tomorrow = addDays(today, 1);
  const endOfMonth = lastOfMonth(today);
  return endOfMonth < tomorrow ? tomorrow : endOfMonth;
}

export function earliestEndBilling(today: string): string {
  return addDays(today, 1);
}

export function checkEndBilling(date: string, today: string): Reason[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    return [{ code: 'end-billing-invalid', path: 'endBilling', message: 'The end-billing date must be a date (YYYY-MM-DD).' }];
  }
  const earliest = earliestEndBilling(today);
  return date < earliest ? [{ code: 'end-billing-too-early', path: 'endBilling', message: `The end-billing date must be ${earliest} or later.` }] : [];
}

export interface DomainForCheck {
  id: string;
  name: string;
  mode: Mode;
  ms365TenantId: string | null;
  ginaHost: string | null;
  /** Active services only. */
  services: readonly ServiceCode[];
}

export interface TenantForCheck {
  name: string;
  email: string;
  phone: string;
  country: string;
}

/** The tenant data that an order needs: every field but the invoice reference. */
export function checkTenantComplete(tenant: TenantForCheck): Reason[] {
  const missing = (['name', 'email', 'phone', 'country'] as const).filter((field) => tenant[field].trim() === '');
  return missing.length === 0
    ? []
    : [{ code: 'tenant-incomplete', path: 'tenant', fields: [...missing], message: `The tenant's ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; complete the tenant's details.` }];
}

/**
 * The consistency check of one domain at confirmation: its services, modes and dependencies,
 * its name, its GINA host, and the tenant-wide Microsoft 365 rule: once one domain of a
 * Microsoft 365 tenant is inline, every domain sharing that Microsoft 365 tenant ID needs at
 * least SC-F-INBOUND. (The tenant's own data is checked apart, once.)
 */
export function checkDomainForConfirmation(domain: DomainForCheck, tenantDomains: readonly DomainForCheck[], country: string): Reason[] {
  const reasons: Reason[] = [
    ...checkDomainName(domain.name).reasons,
    ...checkServices({ mode: domain.mode, services: domain.services, country, hasGinaHost: domain.ginaHost !== null }),
  ];
  if (domain.ginaHost !== null && domain.services.includes('SC-SIGENC')) reasons.push(...checkGinaHost(domain.ginaHost, domain.name).reasons);
  const ms365 = domain.ms365TenantId?.toLowerCase();
  if (ms365 && !domain.services.includes('SC-F-INBOUND')) {
    const inlineSibling = tenantDomains.find((d) => d.id !== domain.id && d.ms365TenantId?.toLowerCase() === ms365 && d.mode !== 'parallel');
    if (inlineSibling) {
      reasons.push({
        code: 'ms365-sibling-needs-inbound',
        path: 'services',
        service: 'SC-F-INBOUND',
        domain: inlineSibling.name,
        message: `${inlineSibling.name} shares this Microsoft 365 tenant and is inline, so ${domain.name} needs SC-F-INBOUND too.`,
      });
    }
  }
  return reasons;
}

/** Deployment settings are offered while the domain's SC-SIGENC is confirmed or provisioning. */
export function deploymentSettingsOffered(services: readonly { code: ServiceCode; status: string }[]): boolean {
  return services.some((s) => s.code === 'SC-SIGENC' && (s.status === 'confirmed' || s.status === 'provisioning'));
}
