/**
 * Who may do what (docs/domain.md#who-may-do-what) as data, shared by the BFF (which enforces it) and the
 * components (which only hide what the BFF would refuse).
 */

export const LEVELS = ['seppmail', 'partner', 'tenant'] as const;
export type Level = (typeof LEVELS)[number];

export const ROLES = ['ALL', 'Sales', 'Support', 'Tech', 'Audit'] as const;
export type Role = (typeof ROLES)[number];

/** The caller as the BFF sees it, taken from the verified token's claims. */
export interface Principal {
  sub: string;
  name: string;
  level: Level;
  /** Partner ID for level `partner`, tenant ID for level `tenant`, absent for `seppmail`. */
  org?: string;
  roles: Role[];
}

export type Action =
  | 'tenant.list'
  | 'tenant.view'
  | 'services.view'
  | 'prices.view'
  | 'tenant.add'
  | 'tenant.edit'
  | 'domain.add'
  | 'services.add'
  | 'service.cancel'
  | 'order.confirm'
  | 'offer.create'
  | 'deployment.settings'
  | 'deploy'
  | 'discount.set'
  | 'usage.import'
  | 'audit.read';

interface Rule {
  levels: readonly Level[];
  /** Any one of these roles suffices; `ALL` always does. */
  roles: readonly Role[] | 'any';
}

const ORDERING: Rule = { levels: ['seppmail', 'partner'], roles: ['Sales'] };

export const PERMISSIONS: Readonly<Record<Action, Rule>> = {
  'tenant.list': { levels: LEVELS, roles: 'any' },
  'tenant.view': { levels: LEVELS, roles: 'any' },
  'services.view': { levels: LEVELS, roles: 'any' },
  // (decision) Catalogue prices are what partners pay; a tenant administrator never sees them.
  'prices.view': { levels: ['seppmail', 'partner'], roles: ['Sales'] },
  'tenant.add': ORDERING,
  'tenant.edit': ORDERING,
  'domain.add': ORDERING,
  'services.add': ORDERING,
  'service.cancel': ORDERING,
  'order.confirm': ORDERING,
  'offer.create': ORDERING,
  // (decision) Deployment settings are domain settings, so Tech may change them; Sales too. Both
  // are the partner's or SEPPmail's work: a tenant administrator only views (docs/domain.md).
  'deployment.settings': { levels: ['seppmail', 'partner'], roles: ['Tech', 'Sales'] },
  'deploy': { levels: ['seppmail', 'partner'], roles: ['Tech'] },
  // (decision) A partner never discounts itself.
  'discount.set': { levels: ['seppmail'], roles: ['Sales'] },
  'audit.read': { levels: LEVELS, roles: ['Audit'] },
  // User counts come from the mail platform's feed: SEPPmail staff with ALL only.
  'usage.import': { levels: ['seppmail'], roles: [] },
};

/** Whether the caller's level and roles allow the action at all (scope is checked apart). */
export function can(principal: Pick<Principal, 'level' | 'roles'>, action: Action): boolean {
  const rule = PERMISSIONS[action];
  if (!rule.levels.includes(principal.level)) return false;
  if (rule.roles === 'any') return principal.roles.length > 0;
  return principal.roles.includes('ALL') || rule.roles.some((role) => principal.roles.includes(role));
}
