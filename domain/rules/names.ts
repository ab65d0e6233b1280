/**
 * Names: a managed domain's name, a GINA host name, a Microsoft 365 tenant ID.
 */
import { disallowedLabelCharacters, isSymbolOnlyLabel, labelScripts, labelToUnicode, mixesScripts } from '../idn.js';
import type { Reason } from './reasons.js';

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
  // A label of symbols alone (`😀`, `★`) has its own reason, whatever else is wrong with it.
  const symbolOnly = labels.filter((l) => !bad.includes(l) && isSymbolOnlyLabel(labelToUnicode(l) ?? ''));
  if (symbolOnly.length > 0) {
    const shown = symbolOnly.map((l) => `"${labelToUnicode(l)}"`).join(', ');
    reasons.push({ code: 'name-symbol-only', path, message: `${what} has labels made only of symbols, with no letter or digit: ${shown}.` });
  }
  const symbols = [...new Set(labels.filter((l) => !symbolOnly.includes(l)).flatMap((l) => disallowedLabelCharacters(labelToUnicode(l) ?? '')))];
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

/**
 * A GINA host belongs to one tenant (its domains share it); another tenant's host of the same
 * name is refused. `ownerTenantId` is the tenant that has the host now, undefined when none has.
 */
export function checkGinaHostOwner(ascii: string, ownerTenantId: string | undefined, tenantId: string): Reason[] {
  return ownerTenantId !== undefined && ownerTenantId !== tenantId
    ? [{ code: 'gina-host-taken', path: 'ginaHost', message: `The GINA host ${ascii} belongs to another tenant; choose another name.` }]
    : [];
}
