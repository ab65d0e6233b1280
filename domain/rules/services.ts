/**
 * The catalogue's dependencies and the modes (docs/domain.md#dependency-rules): what a service
 * needs, what excludes what, what a mode requires and forbids, and what a cancellation takes
 * with it.
 */
import { type Mode, SERVICE_CODES, type ServiceCode } from '../catalog.js';
import type { Reason } from './reasons.js';

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

/** The services booked with `code` that it excludes, named once: from the first of the pair in catalogue order. */
function exclusionReasons(code: ServiceCode, booked: ReadonlySet<ServiceCode>): Reason[] {
  const clash = (EXCLUDES[code] ?? []).filter((c) => booked.has(c));
  if (clash.length === 0 || !clash.every((c) => SERVICE_CODES.indexOf(c) > SERVICE_CODES.indexOf(code))) return [];
  return [{ code: 'excludes', path: 'services', service: code, others: clash, message: `${code} and ${list(clash)} exclude each other on one domain.` }];
}

/** Whether the tenant's country may book `code` (SC-HIN in Switzerland only). */
function countryReasons(code: ServiceCode, country: string): Reason[] {
  return code === 'SC-HIN' && !HIN_COUNTRIES.includes(country.toUpperCase())
    ? [{ code: 'hin-needs-switzerland', path: 'services', service: code, message: 'SC-HIN is available only to tenants in Switzerland.' }]
    : [];
}

/**
 * The rules that hold for any selection, whatever its mode and however incomplete: services
 * that exclude each other, and services the tenant's country may not book. `checkServices`
 * applies the same, with the rest of the catalogue and the mode.
 */
export function checkCompatibility(services: readonly ServiceCode[], country: string): Reason[] {
  const booked = new Set(services);
  return SERVICE_CODES.filter((c) => booked.has(c)).flatMap((code) => [...exclusionReasons(code, booked), ...countryReasons(code, country)]);
}

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
    reasons.push(...exclusionReasons(code, booked), ...countryReasons(code, country));
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
