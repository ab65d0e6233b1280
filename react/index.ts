/**
 * React components for the elements, made with @lit/react: properties are set as properties
 * (so `getToken` and objects such as `domain` pass as they are) and each event has a typed
 * `on…` prop. Importing this module registers the tags that are still free, as the define
 * files do.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { AddDomainManual as AddDomainManualElement } from '../components/add-domain-manual/add-domain-manual.js';
import { AddDomainWizard as AddDomainWizardElement } from '../components/add-domain-wizard/add-domain-wizard.js';
import { AddServicesDialog as AddServicesDialogElement } from '../components/add-services-dialog/add-services-dialog.js';
import { AuditLog as AuditLogElement } from '../components/audit-log/audit-log.js';
import { BookedServices as BookedServicesElement } from '../components/booked-services/booked-services.js';
import { CancelServiceDialog as CancelServiceDialogElement } from '../components/cancel-service-dialog/cancel-service-dialog.js';
import { DeploymentSettings as DeploymentSettingsElement } from '../components/deployment-settings/deployment-settings.js';
import { DnsGuide as DnsGuideElement } from '../components/dns-guide/dns-guide.js';
import type {
  DeploymentSettingsSavedEvent,
  DialogCloseEvent,
  DnsCheckedEvent,
  DomainAddedEvent,
  OfferCreatedEvent,
  ServiceCancelledEvent,
  ServicesAddedEvent,
  TenantEditorCloseEvent,
  TenantSavedEvent,
  TenantSelectEvent,
  UsageDownloadEvent,
} from '../components/events.js';
import { OfferDialog as OfferDialogElement } from '../components/offer-dialog/offer-dialog.js';
import { ServicesProvider as ServicesProviderElement } from '../components/services-provider/services-provider.js';
import { TenantEditor as TenantEditorElement } from '../components/tenant-editor/tenant-editor.js';
import { TenantTable as TenantTableElement } from '../components/tenant-table/tenant-table.js';
import { UsageStatement as UsageStatementElement } from '../components/usage-statement/usage-statement.js';

export * from '../components/events.js';

const onDomainAdded = 'domain-added' as EventName<DomainAddedEvent>;
const onServicesAdded = 'services-added' as EventName<ServicesAddedEvent>;
const onServiceCancelled = 'service-cancelled' as EventName<ServiceCancelledEvent>;
const onDeploymentSettingsSaved = 'deployment-settings-saved' as EventName<DeploymentSettingsSavedEvent>;
const onDnsChecked = 'dns-checked' as EventName<DnsCheckedEvent>;
const onTenantSaved = 'tenant-saved' as EventName<TenantSavedEvent>;
const onOfferCreated = 'offer-created' as EventName<OfferCreatedEvent>;
const closed = (name: string) => name as EventName<DialogCloseEvent>;

export const ServicesProvider = createComponent({
  react: React,
  tagName: 'services-provider',
  elementClass: ServicesProviderElement,
});

export const TenantTable = createComponent({
  react: React,
  tagName: 'tenant-table',
  elementClass: TenantTableElement,
  events: {
    onTenantSelect: 'tenant-select' as EventName<TenantSelectEvent>,
    onTenantSaved,
  },
});

export const BookedServices = createComponent({
  react: React,
  tagName: 'booked-services',
  elementClass: BookedServicesElement,
  events: { onDomainAdded, onServicesAdded, onServiceCancelled, onDeploymentSettingsSaved, onDnsChecked, onOfferCreated },
});

export const TenantEditor = createComponent({
  react: React,
  tagName: 'tenant-editor',
  elementClass: TenantEditorElement,
  events: { onTenantSaved, onTenantEditorClose: 'tenant-editor-close' as EventName<TenantEditorCloseEvent> },
});

export const AddDomainWizard = createComponent({
  react: React,
  tagName: 'add-domain-wizard',
  elementClass: AddDomainWizardElement,
  events: { onDomainAdded, onAddDomainWizardClose: closed('add-domain-wizard-close') },
});

export const AddDomainManual = createComponent({
  react: React,
  tagName: 'add-domain-manual',
  elementClass: AddDomainManualElement,
  events: { onDomainAdded, onAddDomainManualClose: closed('add-domain-manual-close') },
});

export const AddServicesDialog = createComponent({
  react: React,
  tagName: 'add-services-dialog',
  elementClass: AddServicesDialogElement,
  events: { onServicesAdded, onAddServicesDialogClose: closed('add-services-dialog-close') },
});

export const CancelServiceDialog = createComponent({
  react: React,
  tagName: 'cancel-service-dialog',
  elementClass: CancelServiceDialogElement,
  events: { onServiceCancelled, onCancelServiceDialogClose: closed('cancel-service-dialog-close') },
});

export const DeploymentSettings = createComponent({
  react: React,
  tagName: 'deployment-settings',
  elementClass: DeploymentSettingsElement,
  events: { onDeploymentSettingsSaved, onDeploymentSettingsClose: closed('deployment-settings-close') },
});

export const DnsGuide = createComponent({
  react: React,
  tagName: 'dns-guide',
  elementClass: DnsGuideElement,
  events: { onDnsChecked },
});

export const OfferDialog = createComponent({
  react: React,
  tagName: 'offer-dialog',
  elementClass: OfferDialogElement,
  events: { onOfferCreated, onOfferDialogClose: closed('offer-dialog-close') },
});

export const UsageStatement = createComponent({
  react: React,
  tagName: 'usage-statement',
  elementClass: UsageStatementElement,
  events: { onUsageDownload: 'usage-download' as EventName<UsageDownloadEvent> },
});

export const AuditLog = createComponent({
  react: React,
  tagName: 'audit-log',
  elementClass: AuditLogElement,
});
