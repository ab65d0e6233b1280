// The classes, without registering any tag: import `components/define.js` (or one element's
// define file, e.g. `components/tenant-table/tenant-table.js`) to register them.
// <generated: the element classes, by `npm run generate` from components/elements.ts>
export { AddDomainManual } from './add-domain-manual/add-domain-manual.component.js';
export { AddDomainWizard } from './add-domain-wizard/add-domain-wizard.component.js';
export { AddServicesDialog } from './add-services-dialog/add-services-dialog.component.js';
export { AuditLog } from './audit-log/audit-log.component.js';
export { BookedServices } from './booked-services/booked-services.component.js';
export { CancelServiceDialog } from './cancel-service-dialog/cancel-service-dialog.component.js';
export { DeploymentSettings } from './deployment-settings/deployment-settings.component.js';
export { DnsGuide } from './dns-guide/dns-guide.component.js';
export { OfferDialog } from './offer-dialog/offer-dialog.component.js';
export { ServicesProvider } from './services-provider/services-provider.component.js';
export { TenantEditor } from './tenant-editor/tenant-editor.component.js';
export { TenantTable } from './tenant-table/tenant-table.component.js';
export { UsageStatement } from './usage-statement/usage-statement.component.js';
// </generated>
export { type WizardData, type WizardStep } from './add-domain-wizard/add-domain-wizard.component.js';
// The wire types (domain/api.ts and what they refer to), type-only: the shapes of element
// properties (`domain: ManagedDomain`, `sort: TenantSortKey`), event details and ApiClient's answers.
// domain/api.ts's UsageStatement is exported below as UsageStatementData (UsageStatement is the element).
export type {
  BookedService,
  CatalogService,
  DemoUser,
  Discount,
  ManagedDomain,
  Me,
  NewOffer,
  NewTenant,
  Offer,
  OfferLanguage,
  OfferLine,
  Partner,
  Problem,
  SortOrder,
  Tenant,
  TenantDetails,
  TenantPage,
  TenantSortKey,
  TenantSummary,
} from '../domain/api.js';
export type { Currency, Mode, Region, ServiceCode } from '../domain/catalog.js';
export type { ServiceStatus } from '../domain/lifecycle.js';
export type { Level, Role } from '../domain/roles.js';
export type { DnsPurpose, DnsRecord, DnsRecordType } from '../domain/dns-records.js';
export type { ReasonCode } from '../domain/rules/reasons.js';
export {
  ApiClient,
  ApiError,
  type ApiClientOptions,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type Catalog,
  type CheckedDnsRecord,
  type ConfirmationResult,
  type ConfirmationStarted,
  type Deployment,
  type DeploymentSettingsData,
  type DnsCheck,
  type DomainConfirmation,
  type Download,
  type Job,
  type JobProgress,
  type NewDomain,
  type NewServices,
  type ProblemReason,
  type TenantQuery,
  type TokenGetter,
  type UsageLine,
  type UsageQuery,
  type UsageStatement as UsageStatementData,
  type Versioned,
} from './api/client.js';
export { ApiElement } from './api/api-element.js';
export { defineElements, type DefineOptions } from './define-elements.js';
export { readServerSentEvents, type Change, type LiveEvent, type LiveListener } from './api/change-feed.js';
export { LiveUpdatesController, type LiveMode, type LiveUpdatesOptions } from './api/live-updates.js';
export { changedFields, type FieldChange } from './audit-log/audit-diff.js';
export { apiClientContext } from './api/context.js';
export * from './events.js';
export { allLocales, getFormatLocale, getLocale, resolveLocale, setLocale, sourceLocale, targetLocales, type LocaleCode } from './i18n/localization.js';
export { reasonText, type ReasonLike } from './i18n/reasons.js';
export { createOffer, fetchOfferPdf, type OfferPdf } from './offer-dialog/offer-api.js';
export { TOKEN_DEFAULTS, type TokenName } from './styles/tokens.js';
