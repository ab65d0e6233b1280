/** The order lifecycle of a booked service (docs/domain.md#order-lifecycle), in order of advance. */
export const SERVICE_STATUSES = [
  'ordered',
  'confirmed',
  'provisioning',
  'provisioned',
  'cancelled',
  'deprovisioning',
  'deprovisioned',
] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Services that count: booked and not cancelled. */
export const ACTIVE_STATUSES: readonly ServiceStatus[] = ['ordered', 'confirmed', 'provisioning', 'provisioned'];

export function isActive(status: ServiceStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/**
 * A domain's status is the least advanced of its active services. A domain without active
 * services shows the least advanced of the rest (cancelled before deprovisioned).
 */
export function domainStatus(statuses: readonly ServiceStatus[]): ServiceStatus | null {
  const active = statuses.filter(isActive);
  const pool = active.length > 0 ? active : statuses;
  if (pool.length === 0) return null;
  return pool.reduce((least, s) => (SERVICE_STATUSES.indexOf(s) < SERVICE_STATUSES.indexOf(least) ? s : least));
}
