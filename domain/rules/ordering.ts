/**
 * The rules of an order (docs/domain.md#ordering): adding a domain, adding services to one,
 * cancelling a service. The BFF loads the facts (the domain, its active services, under a row
 * lock), calls these, and writes; what only the database can know under concurrency (a name or
 * GINA host taken at the same moment) stays with its unique indexes.
 */
import { type Mode, SERVICE_CODES, type ServiceCode } from '../catalog.js';
import { isActive, type ServiceStatus } from '../lifecycle.js';
import { checkEndBilling } from './dates.js';
import { type CheckedName, checkDomainName, checkGinaHost, checkMs365TenantId } from './names.js';
import type { Reason } from './reasons.js';
import { checkServices } from './services.js';

/** The codes once each, in catalogue order. */
export function inCatalogOrder(codes: Iterable<ServiceCode>): ServiceCode[] {
  const set = new Set(codes);
  return SERVICE_CODES.filter((c) => set.has(c));
}

/** A GINA host comes with SC-SIGENC (the services ordered with it) and with nothing else. */
export function ginaHostOnlyWithSigenc(ordered: readonly ServiceCode[]): Reason[] {
  return ordered.includes('SC-SIGENC') ? [] : [{ code: 'gina-host-invalid', path: 'ginaHost', message: 'A GINA host is set only with SC-SIGENC.' }];
}

/** A domain that has a GINA host changes it in the deployment settings, never by an order. */
export function ginaHostAlreadySet(domainName: string, hasGinaHost: boolean): Reason[] {
  return hasGinaHost
    ? [{ code: 'gina-host-invalid', path: 'ginaHost', message: `${domainName} has a GINA host already; change it in the deployment settings.` }]
    : [];
}

/** Services are added only to a domain that is still managed: not deprovisioned, with an active service. */
export function domainNotActive(domain: { name: string; deprovisioned: boolean; active: readonly ServiceCode[] }): Reason[] {
  return domain.deprovisioned || domain.active.length === 0
    ? [{ code: 'not-active', path: 'services', message: `${domain.name} has no active service any more; add it again as a new domain.` }]
    : [];
}

/** A service is booked once per domain: every requested one that is active already. */
export function alreadyBooked(domainName: string, active: readonly ServiceCode[], requested: readonly ServiceCode[]): Reason[] {
  return inCatalogOrder(requested)
    .filter((c) => active.includes(c))
    .map((code) => ({ code: 'already-booked', path: 'services', service: code, message: `${code} is already booked on ${domainName}.` }));
}

/** A domain's name is managed once on the whole platform: refused while another active domain has it. */
export function domainTaken(ascii: string): Reason {
  return { code: 'domain-taken', path: 'name', message: `${ascii} is already managed on seppmail.cloud.` };
}

export interface DomainOrder {
  name: string;
  mode: Mode;
  ms365TenantId?: string | null;
  /** Absent: the expert's manual add, SC-SERVICE alone and no dependency check. */
  services?: ServiceCode[];
  ginaHost?: string | null;
}

export interface CheckedDomainOrder {
  name: CheckedName;
  /** The GINA host as checked, null when the order names none. */
  gina: CheckedName | null;
  /** What is booked: SC-SERVICE and the ordered services, in catalogue order. */
  services: ServiceCode[];
  /** The expert's manual add (no services named). */
  manual: boolean;
  reasons: Reason[];
}

/**
 * A new domain: its name, its Microsoft 365 tenant ID, its services in its mode (unless it is
 * the manual add), and its GINA host, which comes only with SC-SIGENC.
 */
export function checkDomainOrder(order: DomainOrder, tenant: { country: string }): CheckedDomainOrder {
  const name = checkDomainName(order.name);
  const reasons: Reason[] = [...name.reasons, ...checkMs365TenantId(order.ms365TenantId)];
  const manual = order.services === undefined;
  const services = inCatalogOrder(['SC-SERVICE', ...(order.services ?? [])]);
  const gina = order.ginaHost ? checkGinaHost(order.ginaHost, name.ascii ?? undefined) : null;
  if (!manual) reasons.push(...checkServices({ mode: order.mode, services, country: tenant.country, hasGinaHost: gina !== null }));
  if (gina) reasons.push(...gina.reasons, ...ginaHostOnlyWithSigenc(services));
  return { name, gina, services, manual, reasons };
}

export interface DomainForAddition {
  name: string;
  mode: Mode;
  /** The tenant's country (ISO, upper case). */
  country: string;
  deprovisioned: boolean;
  hasGinaHost: boolean;
  /** The codes of its active services. */
  active: readonly ServiceCode[];
}

export interface CheckedAddition {
  /** The requested services in catalogue order. */
  requested: ServiceCode[];
  /** The domain's active services after the addition. */
  after: ServiceCode[];
  gina: CheckedName | null;
  reasons: Reason[];
}

/**
 * Services added to a managed domain: the domain still active, nothing booked twice, a GINA
 * host only with SC-SIGENC and only when the domain has none, and the whole set after the
 * addition checked against the catalogue and the mode.
 */
export function checkServiceAddition(domain: DomainForAddition, order: { services: readonly ServiceCode[]; ginaHost?: string | null }): CheckedAddition {
  const requested = inCatalogOrder(order.services);
  const reasons: Reason[] = [...domainNotActive(domain), ...alreadyBooked(domain.name, domain.active, requested)];
  const gina = order.ginaHost ? checkGinaHost(order.ginaHost, domain.name) : null;
  if (gina) {
    reasons.push(...gina.reasons);
    const alreadySet = ginaHostAlreadySet(domain.name, domain.hasGinaHost);
    reasons.push(...(alreadySet.length > 0 ? alreadySet : ginaHostOnlyWithSigenc(requested)));
  }
  const after = inCatalogOrder([...domain.active, ...requested]);
  reasons.push(...checkServices({ mode: domain.mode, services: after, country: domain.country, hasGinaHost: domain.hasGinaHost || gina !== null }));
  return { requested, after, gina, reasons };
}

/** A cancellation: a valid end of billing, and a service that is still active. */
export function checkCancellation(service: { number: number; code: ServiceCode; status: ServiceStatus }, endBilling: string, today: string): Reason[] {
  const reasons = checkEndBilling(endBilling, today);
  if (!isActive(service.status)) {
    reasons.push({
      code: 'not-active',
      path: 'number',
      service: service.code,
      message: `Service ${service.number} (${service.code}) is ${service.status}; only active services can be cancelled.`,
    });
  }
  return reasons;
}
