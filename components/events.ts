import type { BookedService, ManagedDomain, Offer, Tenant } from '../domain/api.js';
import type { CheckedDnsRecord } from './api/client.js';
import type { AuthRequiredDetail } from './api/transport.js';

export type { AuthRequiredDetail } from './api/transport.js';

export interface TenantSelectDetail {
  tenantId: string;
  name: string;
}

export interface TenantSavedDetail {
  tenant: Tenant;
  /** True when the tenant was just added, false when its details were changed. */
  created: boolean;
}

export interface TenantEditorCloseDetail {
  /** Whether the dialog closed because the tenant was saved. */
  saved: boolean;
}

export interface DomainAddedDetail {
  tenantId: string;
  /** The new domain as the BFF answered it, with its booked services. */
  domain: ManagedDomain;
}

export interface ServicesAddedDetail {
  /** The domain as it is after the order, with every booked service. */
  domain: ManagedDomain;
}

export interface ServiceCancelledDetail {
  domainId: string;
  /** The service chosen and every service the cancellation took with it. */
  cancelled: BookedService[];
}

export interface DeploymentSettingsSavedDetail {
  domainId: string;
  /** The GINA host as the BFF stored it (punycode, lower case). */
  ginaHost: string;
}

export interface DnsCheckedDetail {
  domainId: string;
  /** The records the domain needs, each with whether DNS answered it. */
  records: CheckedDnsRecord[];
  /** The numbers of the services that this check provisioned (deployed); empty while records are missing. */
  provisioned: number[];
}

export interface OfferCreatedDetail {
  tenantId: string;
  /** The offer as the BFF stored it; its PDF downloads from `offer.pdf` with the bearer token. */
  offer: Offer;
}

export interface UsageDownloadDetail {
  format: 'csv' | 'json';
  /** `usage-2026-11.csv`, or `usage-2026-11-T-10002.json` for one tenant. */
  fileName: string;
  /** The file as the BFF answered it. */
  blob: Blob;
}

/** Closing one of the ordering dialogs, done or not. */
export interface DialogCloseDetail {
  /** Whether the dialog closed because its order went through. */
  completed: boolean;
}

/** Every event our elements fire, by name. */
export interface ServicesEventDetails {
  'tenant-select': TenantSelectDetail;
  'tenant-saved': TenantSavedDetail;
  'tenant-editor-close': TenantEditorCloseDetail;
  'domain-added': DomainAddedDetail;
  'services-added': ServicesAddedDetail;
  'service-cancelled': ServiceCancelledDetail;
  'add-domain-wizard-close': DialogCloseDetail;
  'add-domain-manual-close': DialogCloseDetail;
  'add-services-dialog-close': DialogCloseDetail;
  'cancel-service-dialog-close': DialogCloseDetail;
  'deployment-settings-saved': DeploymentSettingsSavedDetail;
  'deployment-settings-close': DialogCloseDetail;
  'dns-checked': DnsCheckedDetail;
  'offer-created': OfferCreatedDetail;
  'offer-dialog-close': DialogCloseDetail;
  'usage-download': UsageDownloadDetail;
  /** Fired by the transport (components/api/transport.ts), not through {@link emit}. */
  'auth-required': AuthRequiredDetail;
}

/** The close events of the ordering dialogs. */
export type DialogCloseEventName =
  | 'add-domain-wizard-close'
  | 'add-domain-manual-close'
  | 'add-services-dialog-close'
  | 'cancel-service-dialog-close'
  | 'deployment-settings-close'
  | 'offer-dialog-close';

export type TenantSelectEvent = CustomEvent<TenantSelectDetail>;
export type TenantSavedEvent = CustomEvent<TenantSavedDetail>;
export type TenantEditorCloseEvent = CustomEvent<TenantEditorCloseDetail>;
export type DomainAddedEvent = CustomEvent<DomainAddedDetail>;
export type ServicesAddedEvent = CustomEvent<ServicesAddedDetail>;
export type ServiceCancelledEvent = CustomEvent<ServiceCancelledDetail>;
export type DialogCloseEvent = CustomEvent<DialogCloseDetail>;
export type DeploymentSettingsSavedEvent = CustomEvent<DeploymentSettingsSavedDetail>;
export type DnsCheckedEvent = CustomEvent<DnsCheckedDetail>;
export type OfferCreatedEvent = CustomEvent<OfferCreatedDetail>;
export type UsageDownloadEvent = CustomEvent<UsageDownloadDetail>;
export type AuthRequiredEvent = CustomEvent<AuthRequiredDetail>;

/** The event of that name, e.g. `ServicesEvent<'tenant-select'>` is a `TenantSelectEvent`. */
export type ServicesEvent<K extends keyof ServicesEventDetails> = CustomEvent<ServicesEventDetails[K]>;

/** Every event by name, as `addEventListener` types it: made from `ServicesEventDetails`, not kept twice. */
export type ServicesEventMap = { [K in keyof ServicesEventDetails]: ServicesEvent<K> };

declare global {
  interface GlobalEventHandlersEventMap extends ServicesEventMap {}
}

/** Fires a typed event that bubbles out of shadow roots; returns false when a listener cancelled it. */
export function emit<K extends keyof ServicesEventDetails>(
  target: EventTarget,
  name: K,
  detail: ServicesEventDetails[K],
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, ...options }));
}
