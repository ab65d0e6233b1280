import { localized, msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { BookedService, ManagedDomain } from '../../domain/api.js';
import { isActive, type ServiceStatus } from '../../domain/lifecycle.js';
import { can } from '../../domain/roles.js';
import { ApiElement } from '../api/api-element.js';
import type { DomainAddedEvent, ServiceCancelledEvent } from '../events.js';
import { formatDate, formatDiscount } from '../i18n/format.js';
import { modeLabel, statusLabel } from '../i18n/labels.js';
import { renderError, renderLoading, renderRefreshButton } from '../internal/states.js';
import { styles } from './booked-services.styles.js';

/**
 * @summary A tenant's managed domains, each with its mode and status and the services booked
 * on it: number, service, status, Start Billing, End Billing and discount; and, for callers
 * who may order, the actions: add a domain (wizard or manually), add services, cancel a service.
 *
 * The ordering dialogs live in its shadow root and use its API client. After each action the
 * list loads again and the focus goes to the new domain's heading, or back to the button that
 * opened the dialog (to the domain's heading when the domain has no active service left).
 * Their events (`domain-added`, `services-added`, `service-cancelled`) bubble out to the host.
 *
 * @slot actions - Buttons for the whole tenant, beside "Refresh data".
 *
 * @fires domain-added - From the wizard or the manual add; `detail: {tenantId, domain}`.
 * @fires services-added - From the add-services dialog; `detail: {domain}`.
 * @fires service-cancelled - From the cancel dialog; `detail: {domainId, cancelled}`.
 *
 * @csspart header - The heading and the tenant's toolbar.
 * @csspart heading - The heading.
 * @csspart toolbar - The tenant's buttons.
 * @csspart refresh-button - "Refresh data".
 * @csspart add-domain-button - "Add new domain" (opens the wizard); for those who may order.
 * @csspart add-manual-button - "Add domain manually"; for those who may order.
 * @csspart add-services-button - A domain's "Add services".
 * @csspart cancel-service-button - A domain's "Cancel service"; only while it has an active service.
 * @csspart wizard - The `add-domain-wizard`; its parts are exported with a `wizard-` prefix.
 * @csspart manual - The `add-domain-manual` dialog; its parts with a `manual-` prefix.
 * @csspart add-services - The `add-services-dialog`; its parts with an `add-services-` prefix.
 * @csspart cancel - The `cancel-service-dialog`; its parts with a `cancel-` prefix.
 * @csspart prompt - The message shown while no tenant is chosen.
 * @csspart empty - The message when the tenant has no domain.
 * @csspart loading - The loading message.
 * @csspart error - The panel when the services could not be loaded, with its Retry button.
 * @csspart domain - A domain's section.
 * @csspart domain-header - The domain's heading, facts and toolbar.
 * @csspart domain-name - The domain's heading (it takes the focus after the domain was added).
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

  /** The open dialog, and for a domain's dialog, its domain. */
  @state() private action?: { kind: 'wizard' | 'manual' } | { kind: 'add-services' | 'cancel'; domain: ManagedDomain };

  private readonly meTask = new Task(this, {
    task: ([client]) => client.me(),
    args: () => [this.client] as const,
  });

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

  private can(action: 'domain.add' | 'services.add' | 'service.cancel'): boolean {
    const me = this.meTask.value;
    return me !== undefined && can(me, action);
  }

  /** Loads again, then focuses the domain's heading (or leaves the focus where the dialog put it). */
  private async refreshAndFocus(domainId?: string): Promise<void> {
    await this.domainsTask.run();
    await this.updateComplete;
    if (domainId) this.renderRoot.querySelector<HTMLElement>(`#domain-${CSS.escape(domainId)}`)?.focus();
  }

  private onDomainAdded(event: DomainAddedEvent): void {
    void this.refreshAndFocus(event.detail.domain.id);
  }

  private onServiceCancelled(event: ServiceCancelledEvent): void {
    const { domainId, cancelled } = event.detail;
    const domain = this.domainsTask.value?.domains.find((d) => d.id === domainId);
    const left = domain?.services.filter((s) => isActive(s.status) && !cancelled.some((c) => c.number === s.number)) ?? [];
    // Without an active service the Cancel button goes away: the domain's heading takes the focus.
    void this.refreshAndFocus(left.length === 0 ? domainId : undefined);
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
          ${this.tenantId && this.can('domain.add')
            ? html`<button part="add-domain-button" class="button primary" type="button" @click=${() => (this.action = { kind: 'wizard' })}>
                  ${msg('Add new domain', { id: 'services.add-domain' })}
                </button>
                <button part="add-manual-button" class="button" type="button" @click=${() => (this.action = { kind: 'manual' })}>
                  ${msg('Add domain manually', { id: 'manual.title' })}
                </button>`
            : nothing}
          ${this.tenantId ? renderRefreshButton(() => this.refresh()) : nothing}
        </div>
      </div>
      ${this.renderContent()}
      ${this.renderDialogs()}
    `;
  }

  private renderDialogs(): TemplateResult | typeof nothing {
    if (!this.tenantId || !this.can('domain.add')) return nothing;
    const action = this.action;
    const loaded = this.domainsTask.value;
    const domain = action && 'domain' in action ? action.domain : undefined;
    const closed = () => (this.action = undefined);
    return html`<add-domain-wizard part="wizard" exportparts=${exported('wizard')} .tenantId=${this.tenantId}
        .open=${action?.kind === 'wizard'} @add-domain-wizard-close=${closed} @domain-added=${this.onDomainAdded}></add-domain-wizard>
      <add-domain-manual part="manual" exportparts=${exported('manual')} .tenantId=${this.tenantId}
        .open=${action?.kind === 'manual'} @add-domain-manual-close=${closed} @domain-added=${this.onDomainAdded}></add-domain-manual>
      <add-services-dialog part="add-services" exportparts=${exported('add-services')} .domain=${domain}
        .country=${loaded?.tenant.country ?? ''} .ginaHosts=${[...new Set(loaded?.domains.map((d) => d.ginaHost).filter((h): h is string => h !== null))]}
        .open=${action?.kind === 'add-services'} @add-services-dialog-close=${closed} @services-added=${() => this.refreshAndFocus()}></add-services-dialog>
      <cancel-service-dialog part="cancel" exportparts=${exported('cancel')} .domain=${domain}
        .open=${action?.kind === 'cancel'} @cancel-service-dialog-close=${closed} @service-cancelled=${this.onServiceCancelled}></cancel-service-dialog>`;
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
      ${repeat(loaded.domains, (domain) => domain.id, (domain) => this.renderDomain(domain))}
    </div>`;
  }

  private renderDomain(domain: ManagedDomain): TemplateResult {
    const headingId = `domain-${domain.id}`;
    const showEnd = domain.services.some((service) => service.endBilling !== null);
    return html`<section part="domain" class="domain">
      <div part="domain-header" class="domain-header">
        <div class="grow">
          <h3 part="domain-name" id=${headingId} tabindex="-1">${domain.name}</h3>
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

  /** A domain's buttons: add services and cancel one, while it has active services. */
  protected renderDomainActions(domain: ManagedDomain): TemplateResult | typeof nothing {
    if (!domain.services.some((s) => isActive(s.status))) return nothing;
    const headingId = `domain-${domain.id}`;
    return html`${this.can('services.add')
        ? html`<button part="add-services-button" class="button" type="button" aria-describedby=${headingId}
            @click=${() => (this.action = { kind: 'add-services', domain })}>${msg('Add services', { id: 'services.add-services' })}</button>`
        : nothing}
      ${this.can('service.cancel')
        ? html`<button part="cancel-service-button" class="button" type="button" aria-describedby=${headingId}
            @click=${() => (this.action = { kind: 'cancel', domain })}>${msg('Cancel service', { id: 'cancel.confirm' })}</button>`
        : nothing}`;
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

/** The parts every ordering dialog has, exported with a prefix. */
const DIALOG_PARTS = ['dialog', 'form', 'header', 'title', 'body', 'field', 'label', 'control', 'reasons', 'notice', 'footer', 'cancel-button'];

function exported(prefix: string): string {
  return DIALOG_PARTS.map((part) => `${part}: ${prefix}-${part}`).join(', ');
}
