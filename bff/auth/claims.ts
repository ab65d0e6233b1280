/**
 * `AUTH_CLAIMS`: how an identity provider's tokens name the caller (docs/authentication.md).
 * Which claim holds each of ours (`sub`, `name`, `level`, `org`, `roles`), a path with dots
 * into nested claims (Keycloak's `realm_access.roles`), and which of its values mean which of
 * ours (Entra ID's app role `SEPP.Sales` → `Sales`). Applied once per verified token; the
 * result is checked like any token's claims (bff/auth/tokens.ts).
 */
import { z } from 'zod';
import { LEVELS, ROLES } from '../../domain/roles.js';

const claimPath = z.string().min(1, 'names a claim (a path with dots for a nested one)');

/** `{"their value": "our value"}`. */
const valueMap = <T extends z.ZodTypeAny>(ours: T) => z.record(z.string().min(1), ours);

export const ClaimMappingSchema = z
  .object({
    sub: claimPath.default('sub'),
    name: claimPath.default('name'),
    level: claimPath.default('level'),
    org: claimPath.default('org'),
    roles: claimPath.default('roles'),
    /** Their role values to ours; a value not listed is dropped. Unset: our names as they are. */
    roleValues: valueMap(z.enum(ROLES)).optional(),
    /** Their level values to ours; a value not listed leaves the token without a level. Unset: our names. */
    levelValues: valueMap(z.enum(LEVELS)).optional(),
    /** Their organisation values (say, an Entra ID tenant's `tid`) to our partner or tenant IDs; a value not listed leaves no org. */
    orgValues: valueMap(z.string().min(1)).optional(),
  })
  .strict();

export type ClaimMapping = z.output<typeof ClaimMappingSchema>;

/** The mapping of `AUTH_CLAIMS`' JSON; an issue on `ctx` for every reason it is not one. */
export function parseClaimMapping(text: string, ctx: z.RefinementCtx): ClaimMapping | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not JSON (${error instanceof Error ? error.message : String(error)}); see docs/authentication.md` });
    return undefined;
  }
  const mapping = ClaimMappingSchema.safeParse(json);
  if (mapping.success) return mapping.data;
  for (const issue of mapping.error.issues) {
    ctx.addIssue({ code: 'custom', message: `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` });
  }
  return undefined;
}

/** The claim at `path`: a claim of that very name first (`https://example.com/roles`), else the path through nested objects. */
export function claimAt(payload: Record<string, unknown>, path: string): unknown {
  // Own properties only: a claim path such as `constructor` must not reach Object's prototype.
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function mapValue(value: unknown, values: Record<string, string> | undefined): unknown {
  if (!values || typeof value !== 'string') return value;
  return Object.hasOwn(values, value) ? values[value] : undefined;
}

/** What the mapping drops of a token, for the log: role values it does not know. */
export type DroppedRoles = (dropped: { sub: unknown; roles: string[] }) => void;

/**
 * A function from a verified token's payload to claims in our names. A role value it does not
 * know is dropped (and told to `onDropped`), so that an identity provider's other roles
 * (`offline_access`) do not refuse the token; a missing or unknown level or org is left out,
 * and the claims' check refuses the token. At level `seppmail` the org is left out (an identity
 * provider names an organisation for everyone, SEPPmail's staff too).
 */
export function createClaimMapper(mapping: ClaimMapping, onDropped: DroppedRoles = () => {}): (payload: Record<string, unknown>) => Record<string, unknown> {
  const known = new Set<string>(ROLES);
  return (payload) => {
    const level = mapValue(claimAt(payload, mapping.level), mapping.levelValues);
    const org = level === 'seppmail' ? undefined : mapValue(claimAt(payload, mapping.org), mapping.orgValues);
    const given = claimAt(payload, mapping.roles);
    const theirs = (Array.isArray(given) ? given : given === undefined ? [] : [given]).filter((v): v is string => typeof v === 'string');
    const roles: string[] = [];
    const dropped: string[] = [];
    for (const value of theirs) {
      const ours = mapping.roleValues ? mapValue(value, mapping.roleValues) : value;
      if (typeof ours === 'string' && known.has(ours)) {
        if (!roles.includes(ours)) roles.push(ours);
      } else dropped.push(value);
    }
    const sub = claimAt(payload, mapping.sub);
    if (dropped.length > 0) onDropped({ sub, roles: dropped });
    return { sub, name: claimAt(payload, mapping.name), level, ...(org === undefined ? {} : { org }), roles };
  };
}
