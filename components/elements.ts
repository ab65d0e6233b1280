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
  /** The events the element fires or passes on: the React wrapper's `on…` props. */
  events: (keyof ServicesEventDetails)[];
}

export const ELEMENTS: readonly ElementEntry[] = [
  { tag: 'services-provider', className: 'ServicesProvider', events: [] },
  { tag: 'add-domain-manual', className: 'AddDomainManual', events: ['domain-added', 'add-domain-manual-close'] },
  { tag: 'add-domain-wizard', className: 'AddDomainWizard', events: ['domain-added', 'add-domain-wizard-close'] },
  { tag: 'add-services-dialog', className: 'AddServicesDialog', events: ['services-added', 'add-services-dialog-close'] },
  { tag: 'audit-log', className: 'AuditLog', events: [] },
  { tag: 'booked-services', className: 'BookedServices', events: ['domain-added', 'services-added', 'service-cancelled', 'deployment-settings-saved', 'dns-checked', 'offer-created'] },
  { tag: 'cancel-service-dialog', className: 'CancelServiceDialog', events: ['service-cancelled', 'cancel-service-dialog-close'] },
  { tag: 'deployment-settings', className: 'DeploymentSettings', events: ['deployment-settings-saved', 'deployment-settings-close'] },
  { tag: 'dns-guide', className: 'DnsGuide', events: ['dns-checked'] },
  { tag: 'offer-dialog', className: 'OfferDialog', events: ['offer-created', 'offer-dialog-close'] },
  { tag: 'tenant-editor', className: 'TenantEditor', events: ['tenant-saved', 'tenant-editor-close'] },
  { tag: 'tenant-table', className: 'TenantTable', events: ['tenant-select', 'tenant-saved'] },
  { tag: 'usage-statement', className: 'UsageStatement', events: ['usage-download'] },
];
