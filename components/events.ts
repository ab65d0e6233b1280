import type { Tenant } from '../domain/api.js';

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

/** Every event our elements fire, by name. */
export interface ServicesEventDetails {
  'tenant-select': TenantSelectDetail;
  'tenant-saved': TenantSavedDetail;
  'tenant-editor-close': TenantEditorCloseDetail;
}

export type TenantSelectEvent = CustomEvent<TenantSelectDetail>;
export type TenantSavedEvent = CustomEvent<TenantSavedDetail>;
export type TenantEditorCloseEvent = CustomEvent<TenantEditorCloseDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'tenant-select': TenantSelectEvent;
    'tenant-saved': TenantSavedEvent;
    'tenant-editor-close': TenantEditorCloseEvent;
  }
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
