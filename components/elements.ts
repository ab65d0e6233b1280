/**
 * Every element of the package, one line each: the one list from which `npm run generate`
 * (scripts/generate-lists.ts) writes components/define.ts, the element exports of
 * components/index.ts, the React wrappers of react/index.ts and package.json's `sideEffects`.
 * `npm run new:element <tag>` adds a line here; test/package/generated.test.ts fails when a
 * written file no longer matches. The provider comes first: define.ts registers in this order,
 * and the elements inside the provider then find it when they upgrade.
 */
import type { ServicesEventDetails } from './events.js';

export interface ElementEntry {
  /** The tag, and the folder `components/<tag>/` with `<tag>.component.ts` and `<tag>.ts`. */
  tag: string;
  /** The class that `<tag>.component.ts` exports (and the React wrapper's name). */
  className: string;
  /**
   * The events the element fires or passes on: the React wrapper's `on…` props. Every element
   * that talks to the BFF fires `auth-required`; `services-provider` passes on its children's.
   */
  events: (keyof ServicesEventDetails)[];
}

export const ELEMENTS: readonly ElementEntry[] = [
  { tag: 'services-provider', className: 'ServicesProvider', events: ['auth-required'] },
  { tag: 'add-domain-manual', className: 'AddDomainManual', events: ['domain-added', 'add-domain-manual-close', 'auth-required'] },
  { tag: 'add-domain-wizard', className: 'AddDomainWizard', events: ['domain-added', 'add-domain-wizard-close', 'auth-required'] },
  { tag: 'add-services-dialog', className: 'AddServicesDialog', events: ['services-added', 'add-services-dialog-close', 'auth-required'] },
  { tag: 'audit-log', className: 'AuditLog', events: ['auth-required'] },
  { tag: 'booked-services', className: 'BookedServices', events: ['domain-added', 'services-added', 'service-cancelled', 'deployment-settings-saved', 'dns-checked', 'offer-created', 'auth-required'] },
  { tag: 'cancel-service-dialog', className: 'CancelServiceDialog', events: ['service-cancelled', 'cancel-service-dialog-close', 'auth-required'] },
  { tag: 'deployment-settings', className: 'DeploymentSettings', events: ['deployment-settings-saved', 'deployment-settings-close', 'auth-required'] },
  { tag: 'dns-guide', className: 'DnsGuide', events: ['dns-checked', 'auth-required'] },
  { tag: 'offer-dialog', className: 'OfferDialog', events: ['offer-created', 'offer-dialog-close', 'auth-required'] },
  { tag: 'tenant-editor', className: 'TenantEditor', events: ['tenant-saved', 'tenant-editor-close', 'auth-required'] },
  { tag: 'tenant-table', className: 'TenantTable', events: ['tenant-select', 'tenant-saved', 'auth-required'] },
  { tag: 'usage-statement', className: 'UsageStatement', events: ['usage-download', 'auth-required'] },
];
