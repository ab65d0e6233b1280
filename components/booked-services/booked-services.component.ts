import { localized, msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { BookedService, ManagedDomain } from '../../domain/api.js';
import type { ServiceStatus } from '../../domain/lifecycle.js';
import { ApiElement } from '../api/api-element.js';
import { formatDate, formatDiscount } from '../i18n/format.js';
import { modeLabel, statusLabel } from '../i18n/labels.js';
import { renderError, renderLoading, renderRefreshButton } from '../internal/states.js';
import { styles } from './booked-services.styles.js';

/**
 * @summary A tenant's managed domains, each with its mode and status and the services booked
 * on it: number, service, status, Start Billing, End Billing and discount.
 *
 * @slot actions - Buttons for the whole tenant, beside "Refresh data".
 *
 * @csspart header - The heading and the tenant's toolbar.
 * @csspart heading - The heading.
 * @csspart toolbar - The tenant's buttons.
 * @csspart refresh-button - "Refresh data".
 * @csspart prompt - The message shown while no tenant is chosen.
 * @csspart empty - The message when the tenant has no domain.
 * @csspart loading - The loading message.
 * @csspart error - The panel when the services could not be loaded, with its Retry button.
 * @csspart domain - A domain's section.
 * @csspart domain-header - The domain's heading, facts and toolbar.
 * @csspart domain-name - The domain's heading.
 * @csspart domain-facts - The domain's ID, mode and status.
 * @csspart domain-actions - The room for a domain's buttons.
 * @csspart table-scroll - Scrolls a domain's table sideways where it is too wide.
 * @csspart table - A domain's table of services.
 * @csspart header-row - The row of column headers.
 * @csspart header-cell - A column header.
 * @csspart row - A booked service.
 * @csspart cell - A cell.
 * @csspart status - A status label; also `status-<status>`, e.g. `status-cancelled`.
 * @csspart code - A service's code.
 *
 * @cssprop --sc-booked-services-domain-gap - The space between two domains.
 */
@localized()
export class BookedServices extends ApiElement {
  static override styles = styles;

  /** The tenant whose services are shown; nothing is loaded while it is unset. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  private readonly domainsTask = new Task(this, {
    task: async ([client, tenantId], { signal }) => {
      if (!tenantId) return undefined;
      const [tenant, domains] = await Promise.all([client.tenant(tenantId, signal), client.domains(tenantId, signal)]);
      return { tenant: tenant.data, domains };
    },
    args: () => [this.client, this.tenantId] as const,
  });

  /** Loads the tenant's services again. */
  refresh(): void {
    void this.domainsTask.run();
  }

  override render(): TemplateResult {
    const loaded = this.domainsTask.value;
    const name = loaded?.tenant.id === this.tenantId ? loaded?.tenant.name : undefined;
    return html`
      <div part="header" class="toolbar">
        <h2 id="heading" part="heading" class="heading grow">
          ${name ? msg(str`Booked services of ${name}`, { id: 'services.heading-tenant' }) : msg('Booked services', { id: 'services.heading' })}
        </h2>
        <div part="toolbar" class="toolbar-actions">
          <slot name="actions"></slot>
          ${this.tenantId ? renderRefreshButton(() => this.refresh()) : nothing}
        </div>
      </div>
      ${this.renderContent()}
    `;
  }

  private renderContent(): TemplateResult {
    if (!this.tenantId)
      return html`<div part="prompt" class="state"><p>${msg('Choose a tenant to see its booked services.', { id: 'services.prompt' })}</p></div>`;
    if (this.domainsTask.status === TaskStatus.ERROR)
      return renderError(msg('The booked services could not be loaded.', { id: 'services.load-error' }), this.domainsTask.error, () => this.refresh());
    const loaded = this.domainsTask.value;
    if (!loaded || loaded.tenant.id !== this.tenantId) return renderLoading(msg('Loading booked services…', { id: 'services.loading' }));
    if (loaded.domains.length === 0)
      return html`<div part="empty" class="state"><p>${msg('This tenant has no seppmail.cloud domain yet.', { id: 'services.empty' })}</p></div>`;
    return html`<div class="domains" aria-busy=${this.domainsTask.status === TaskStatus.PENDING ? 'true' : 'false'}>
      ${loaded.domains.map((domain) => this.renderDomain(domain))}
    </div>`;
  }

  private renderDomain(domain: ManagedDomain): TemplateResult {
    const headingId = `domain-${domain.id}`;
    const showEnd = domain.services.some((service) => service.endBilling !== null);
    return html`<section part="domain" class="domain">
      <div part="domain-header" class="domain-header">
        <div class="grow">
          <h3 part="domain-name" id=${headingId}>${domain.name}</h3>
          <dl part="domain-facts" class="facts">
            <div><dt>${msg('ID', { id: 'domain.id' })}</dt><dd class="code">${domain.id}</dd></div>
            <div><dt>${msg('Mode', { id: 'domain.mode' })}</dt><dd>${modeLabel(domain.mode)}</dd></div>
            <div><dt>${msg('Status', { id: 'domain.status' })}</dt><dd>${domain.status ? this.renderStatus(domain.status) : '–'}</dd></div>
          </dl>
        </div>
        <div part="domain-actions" class="domain-actions">${this.renderDomainActions(domain)}</div>
      </div>
      <div part="table-scroll" class="table-scroll" role="region" aria-labelledby=${headingId} tabindex="0">
        <table part="table" aria-labelledby=${headingId}>
          <thead>
            <tr part="header-row">
              <th part="header-cell" scope="col" class="number">${msg('Number', { id: 'services.number' })}</th>
              <th part="header-cell" scope="col">${msg('Service', { id: 'services.service' })}</th>
              <th part="header-cell" scope="col">${msg('Status', { id: 'services.status' })}</th>
              <th part="header-cell" scope="col">${msg('Start Billing', { id: 'services.start-billing' })}</th>
              ${showEnd ? html`<th part="header-cell" scope="col">${msg('End Billing', { id: 'services.end-billing' })}</th>` : nothing}
              <th part="header-cell" scope="col" class="number">${msg('Discount (%)', { id: 'services.discount' })}</th>
            </tr>
          </thead>
          <tbody>
            ${domain.services.map((service) => this.renderService(service, showEnd))}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  /** The room for a domain's buttons; later issues fill it. */
  protected renderDomainActions(_domain: ManagedDomain): TemplateResult | typeof nothing {
    return nothing;
  }

  private renderService(service: BookedService, showEnd: boolean): TemplateResult {
    return html`<tr part="row">
      <td part="cell" class="number">${service.number}</td>
      <td part="cell">${service.name} <span part="code" class="code">${service.code}</span></td>
      <td part="cell">${this.renderStatus(service.status)}</td>
      <td part="cell">${service.startBilling ? formatDate(service.startBilling) : '–'}</td>
      ${showEnd ? html`<td part="cell">${service.endBilling ? formatDate(service.endBilling) : '–'}</td>` : nothing}
      <td part="cell" class="number">${formatDiscount(service.discount)}</td>
    </tr>`;
  }

  private renderStatus(status: ServiceStatus): TemplateResult {
    return html`<span part="status status-${status}" class="status ${status}">${statusLabel(status)}</span>`;
  }
}
