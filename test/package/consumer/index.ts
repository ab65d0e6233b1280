// A portal's code against the built package, resolved through package.json's `exports` (the
// package refers to itself by name): checked by test/package/package.test.ts after the build.
import { ApiClient, BookedServices, TenantTable, type TenantSelectEvent } from '@seppmail/cloud-services';
import { TenantTable as TenantTableClass } from '@seppmail/cloud-services/tenant-table';
import '@seppmail/cloud-services/define/booked-services';
import { setLocale } from '@seppmail/cloud-services/define';
import { setLocale as setBundleLocale } from '@seppmail/cloud-services/bundle';
import { BookedServices as BookedServicesReact, TenantTable as TenantTableReact } from '@seppmail/cloud-services/react';

customElements.define('partner-tenant-table', class extends TenantTableClass {});
const table: TenantTable = document.createElement('tenant-table');
table.getToken = () => 'token';
table.addEventListener('tenant-select', (event: TenantSelectEvent) => {
  const booked: BookedServices = document.createElement('booked-services');
  booked.tenantId = event.detail.tenantId;
});
void new ApiClient({ apiBase: '/api' });
void setLocale('de');
void setBundleLocale('en');
export const wrappers = [BookedServicesReact, TenantTableReact];
// Every element through the patterns `./*` and `./define/*`.
import { AuditLog } from '@seppmail/cloud-services/audit-log';
import '@seppmail/cloud-services/define/audit-log';
import { DnsGuide } from '@seppmail/cloud-services/dns-guide';
const log: AuditLog = document.createElement('audit-log');
const guide: DnsGuide = document.createElement('dns-guide');
export const elements = [log, guide];
