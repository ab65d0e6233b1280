/**
 * The reasons a rule answers (docs/domain.md#dependency-rules): a stable `code` that the
 * components translate, the field concerned, and an English message.
 */
import type { ServiceCode } from '../catalog.js';

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
  | 'name-symbol-only'
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
  | 'discount-not-allowed'
  // The tenant list: a cursor that is malformed, altered, or made for another sort, order or search.
  | 'cursor-invalid';

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
