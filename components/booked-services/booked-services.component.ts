import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml } from 'lit/static-html.js';
import type { BookedService, ManagedDomain } from '../../domain/api.js';
import { isActive, type ServiceStatus } from '../../domain/lifecycle.js';
import { type Action, can } from '../../domain/roles.js';
import { deploymentSettingsOffered } from '../../domain/rules.js';
import { ApiElement } from '../api/api-element.js';
import { type LiveMode, LiveUpdatesController } from '../api/live-updates.js';
import type { ApiClient, ConfirmationResult, Deployment, DomainConfirmation } from '../api/client.js';
import type { DeploymentSettingsSavedEvent, DnsCheckedEvent, DomainAddedEvent, ServiceCancelledEvent } from '../events.js';
import { formatDate, formatDiscount, formatList } from '../i18n/format.js';
import { modeLabel, serviceLabel, statusLabel } from '../i18n/labels.js';
import { Caller } from '../internal/caller.js';
import { ConfirmationController } from '../internal/confirmation.js';
import { checkIcon, crossIcon } from '../internal/icons.js';
import { LazyModule } from '../internal/lazy-module.js';
import { LazyElement, renderLoadState } from '../internal/nested.js';
import { errorAdvice, renderError, renderLoading, renderRefreshButton } from '../internal/states.js';
import { styles } from './booked-services.styles.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, DeploymentSettingsSavedDetail, DnsCheckedDetail, DomainAddedDetail, OfferCreatedDetail, ServiceCancelledDetail, ServicesAddedDetail } from '../events.js';
export type { LiveMode } from '../api/live-updates.js';
export type { TokenGetter } from '../api/transport.js';

/**
 * `displayName` (domain/punycode.ts): names in Unicode for people. Imported beside the first list
 * of domains; until it is there (or if it fails to load, until the next load tries again) names
 * read as the API gives them, in ASCII.
 */
const punycode = new LazyModule(() => import('../../domain/punycode.js'));
const displayName = (name: string): string => punycode.value?.displayName(name) ?? name;
/** The refusals' texts (components/i18n/reasons.ts), needed only once a confirmation has results. */
const reasonTexts = new LazyModule(() => import('../i18n/reasons.js'));
type ReasonText = (typeof import('../i18n/reasons.js'))['reasonText'];

/**
 * @summary A tenant's managed domains, each with its mode and status and the services booked
 * on it: number, service, status, Start Billing, End Billing and discount; the actions of
 * the order lifecycle for those whose role allows them; and, for each domain in provisioning,
 * a guide to the DNS records it waits for.
 *
 * - Ordering (Sales/ALL at partner or SEPPmail level): add a domain (wizard or manually), add
 *   services, cancel a service; and "Confirm domains and services", which starts the BFF's
 *   consistency check of every ordered service, follows its progress with a progress bar and
 *   shows per domain what was confirmed, or every reason why not.
 * - "Deploy domains and services" (Tech/ALL) moves confirmed services to provisioning.
 * - "Deployment settings" (Tech/Sales/ALL) on a domain whose SC-SIGENC is confirmed or
 *   provisioning opens `deployment-settings` to change its GINA host.
 * - A domain in provisioning shows a `dns-guide`: the records to publish, whether each is
 *   published, and "Check DNS now".
 *
 * Live: while a tenant is shown, it listens to the BFF's changes (one stream per page and
 * user, shared with the other elements) and loads the tenant's services again, quietly,
 * shortly after a change of that tenant, whoever made it; `live="off"` stops that. Refresh
 * data stays.
 *
 * The dialogs live in its shadow root and use its API client. Their code loads when one is
 * first opened (and a DNS guide's when a domain in provisioning is first shown): meanwhile a
 * polite status says so, and a failed load shows the error with Retry. They are rendered by the
 * tag their class is registered under, so a page's own `dns-guide` never stands in for ours
 * (ours is then `sepp-dns-guide`). After each action the list
 * loads again; outcomes are announced in a polite live region. The focus goes to the new
 * domain's heading, or back to the button that opened a dialog (to the domain's heading when
 * its button went away). The dialogs' and guides' events bubble out to the host.
 *
 * @slot actions - Buttons for the whole tenant, beside "Refresh data".
 *
 * @fires domain-added - From the wizard or the manual add; `detail: {tenantId, domain}`.
 * @fires services-added - From the add-services dialog; `detail: {domain}`.
 * @fires service-cancelled - From the cancel dialog; `detail: {domainId, cancelled}`.
 * @fires deployment-settings-saved - From the deployment settings; `detail: {domainId, ginaHost}`.
 * @fires dns-checked - From a domain's DNS guide; `detail: {domainId, records, provisioned}`.
 * @fires offer-created - From the offer dialog; `detail: {tenantId, offer}`.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart header - The heading and the tenant's toolbar.
 * @csspart heading - The heading; it takes the focus when the element's `focus()` is called (a skip link's target).
 * @csspart toolbar - The tenant's buttons.
 * @csspart refresh-button - "Refresh data".
 * @csspart confirm-button - "Confirm domains and services"; for those who may order.
 * @csspart deploy-button - "Deploy domains and services"; for Tech and ALL.
 * @csspart add-domain-button - "Add new domain" (opens the wizard); for those who may order.
 * @csspart add-manual-button - "Add domain manually"; for those who may order.
 * @csspart announcements - The polite live region with what the last action did.
 * @csspart announcement - One message in it.
 * @csspart action-error - Why the last confirm or deploy request failed, and what to do.
 * @csspart confirmation - The panel of the confirmation: progress, then results.
 * @csspart confirmation-heading - Its heading.
 * @csspart joined - Says that the request joined a confirmation that was running already.
 * @csspart progress-label - The progress bar's label.
 * @csspart progress - The native `<progress>` bar while the check runs.
 * @csspart progress-text - "Checked 2 of 5 domains", then the outcome (a polite live region).
 * @csspart tenant-reasons - What refuses every domain of the tenant.
 * @csspart results - The list of checked domains.
 * @csspart result - A checked domain; also `result-passed` or `result-failed`.
 * @csspart result-domain - The domain's name in a result.
 * @csspart verdict - "Confirmed" or "Not confirmed", with an icon.
 * @csspart reasons - A list of reasons.
 * @csspart add-services-button - A domain's "Add services".
 * @csspart cancel-service-button - A domain's "Cancel service"; only while it has an active service.
 * @csspart deployment-settings-button - A domain's "Deployment settings".
 * @csspart wizard - The `add-domain-wizard`; its parts are exported with a `wizard-` prefix.
 * @csspart manual - The `add-domain-manual` dialog; its parts with a `manual-` prefix.
 * @csspart offer - The `offer-dialog` (Create offer, Sales/ALL); its parts with an `offer-` prefix.
 * @csspart offer-button - Opens the offer dialog.
 * @csspart add-services - The `add-services-dialog`; its parts with an `add-services-` prefix.
 * @csspart cancel - The `cancel-service-dialog`; its parts with a `cancel-` prefix.
 * @csspart deployment-settings - The `deployment-settings` dialog; its parts with a `deployment-settings-` prefix.
 * @csspart dns-guide - A domain's `dns-guide`.
 * @csspart dialog-loading - Says that a dialog (or a DNS guide) is loading, the first time it is needed.
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
 * @keyboard Tab - Goes through the actions in reading order; after an action the focus goes to the new domain's heading, or back to the button that opened the dialog.
 * @keyboard Escape - Closes the dialog that an action opened (wizard, add services, cancel, deployment settings, offer), and the focus goes back to its button.
 * @tagname booked-services
 */
@localized()
export class BookedServices extends ApiElement {
  static override styles = styles;

  /** The tenant whose services are shown; nothing is loaded while it is unset. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  /** `off` stops the live updates: the services then load again only after an action here or on Refresh data. */
  @property() live: LiveMode = 'on';

  /** The open dialog, and for a domain's dialog, its domain. */
  @state() private action?: { kind: 'wizard' | 'manual' | 'offer' } | { kind: 'add-services' | 'cancel' | 'deployment-settings'; domain: ManagedDomain };

  /** What the last action did, for the live region. */
  @state() private announcement = '';
  /** Why the last confirm or deploy request failed. */
  @state() private actionError?: string;

  private readonly caller = new Caller(this, () => this.client);

  /** The dialogs, each loaded when it is first opened (dynamic `import()`), then kept. */
  private readonly dialogs = {
    wizard: new LazyElement(this, 'add-domain-wizard', () => import('../add-domain-wizard/add-domain-wizard.component.js'), 'AddDomainWizard'),
    manual: new LazyElement(this, 'add-domain-manual', () => import('../add-domain-manual/add-domain-manual.component.js'), 'AddDomainManual'),
    'add-services': new LazyElement(this, 'add-services-dialog', () => import('../add-services-dialog/add-services-dialog.component.js'), 'AddServicesDialog'),
    cancel: new LazyElement(this, 'cancel-service-dialog', () => import('../cancel-service-dialog/cancel-service-dialog.component.js'), 'CancelServiceDialog'),
    offer: new LazyElement(this, 'offer-dialog', () => import('../offer-dialog/offer-dialog.component.js'), 'OfferDialog'),
    'deployment-settings': new LazyElement(this, 'deployment-settings', () => import('../deployment-settings/deployment-settings.component.js'), 'DeploymentSettings'),
  };

  /** The DNS guide, loaded when a domain in provisioning is first shown. */
  private readonly dnsGuide = new LazyElement(this, 'dns-guide', () => import('../dns-guide/dns-guide.component.js'), 'DnsGuide');

  /** The caller's lookup, which the element's tests wait for. */
  protected get meTask(): Caller['task'] {
    return this.caller.task;
  }

  private readonly domainsTask = new Task(this, {
    task: async ([client, tenantId], { signal }) => {
      if (!tenantId) return undefined;
      // The names' Unicode form loads beside the first domains, not before the first row.
      const [tenant, domains] = await Promise.all([client.tenant(tenantId, signal), client.domains(tenantId, signal), punycode.load()]);
      return { tenant: tenant.data, domains };
    },
    args: () => [this.client, this.tenantId] as const,
  });

  private readonly liveUpdates = new LiveUpdatesController(this, {
    client: () => (this.live === 'off' || !this.tenantId ? undefined : this.client),
    concerns: (change) => change.tenantId === this.tenantId,
    reload: () => this.domainsTask.run(),
  });

  /** The confirmation of the tenant's ordered services, started or joined here, and its progress. */
  private readonly confirmation = new ConfirmationController(this, {
    client: () => this.client,
    onStartError: (error) => this.failed(msg('The confirmation could not be started.', { id: 'confirm.start-error' }), error),
    // The statuses catch up on their own (as a live reload does): no busy look.
    onSucceeded: () => this.liveUpdates.reload(),
  });

  private readonly deployTask = new Task(this, {
    autoRun: false,
    task: ([client, tenantId]: readonly [ApiClient, string]) => client.deploy(tenantId, crypto.randomUUID()),
    onComplete: ({ deployed }) => {
      this.announce(this.deployedText(deployed));
      void this.domainsTask.run();
    },
    onError: (error) => this.failed(msg('Deploying failed.', { id: 'deploy.error' }), error),
  });

  /** Loads the tenant's services again, and the DNS records of its domains in provisioning. */
  refresh(): void {
    void this.domainsTask.run();
    for (const guide of this.renderRoot.querySelectorAll<Element & { refresh?(): void }>('.dns-guide')) guide.refresh?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Once: after a failed load, Retry (in the guide's place) tries again.
    if (this.dnsGuide.status === 'idle' && this.domainsTask.value?.domains.some((d) => d.status === 'provisioning')) void this.dnsGuide.load();
    if (changed.has('tenantId') && this.confirmation.confirmation?.tenantId !== this.tenantId) {
      this.confirmation.clear();
      this.announcement = '';
      this.actionError = undefined;
    }
  }

  /** Opens a dialog, loading its code the first time. */
  private openDialog(action: NonNullable<BookedServices['action']>): void {
    this.action = action;
    void this.dialogs[action.kind].load();
  }

  private can(action: Action): boolean {
    const me = this.caller.me;
    return me !== undefined && can(me, action);
  }

  private announce(text: string): void {
    this.actionError = undefined;
    this.announcement = text;
  }

  private failed(what: string, error: unknown): void {
    const { summary, next, requestId } = errorAdvice(error);
    this.actionError = [what, summary, next, requestId ? `(${requestId})` : ''].filter(Boolean).join(' ');
  }

  private domainName(domainId: string): string {
    return displayName(this.domainsTask.value?.domains.find((d) => d.id === domainId)?.name ?? domainId);
  }

  /** `1 – seppmail.cloud service license, 2 – …` for the numbers of a domain's services. */
  private servicesText(domainId: string, numbers: readonly number[]): string {
    const services = this.domainsTask.value?.domains.find((d) => d.id === domainId)?.services ?? [];
    return formatList(numbers.map((n) => {
      const service = services.find((s) => s.number === n);
      return service ? `${n} – ${serviceLabel(service.code)}` : String(n);
    }));
  }

  private confirm(): void {
    if (!this.tenantId || this.confirmation.starting || this.confirmation.running(this.tenantId)) return;
    this.actionError = undefined;
    this.confirmation.start(this.client, this.tenantId);
  }

  private deploy(): void {
    if (!this.tenantId || this.deployTask.status === TaskStatus.PENDING) return;
    this.announcement = '';
    this.actionError = undefined;
    void this.deployTask.run([this.client, this.tenantId]);
  }

  private deployedText(deployed: readonly Deployment[]): string {
    if (deployed.length === 0) return msg('Nothing was deployed: no domain of this tenant has confirmed services. Confirm the ordered services first.', { id: 'deploy.nothing' });
    const list = formatList(deployed.map((d) => `${this.domainName(d.domainId)} (${this.servicesText(d.domainId, d.numbers)})`));
    return msg(str`Deployed: ${list}. These services are Provisioning now, until their DNS records are published.`, { id: 'deploy.done' });
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

  private onSettingsSaved(event: DeploymentSettingsSavedEvent): void {
    const { domainId, ginaHost } = event.detail;
    const name = this.domainName(domainId);
    this.announce(msg(str`The GINA host of ${name} is ${displayName(ginaHost)} now.`, { id: 'deployment-settings.saved' }));
    this.refresh();
  }

  private onDnsChecked(event: DnsCheckedEvent): void {
    const { domainId, provisioned } = event.detail;
    if (provisioned.length === 0) return;
    const name = this.domainName(domainId);
    this.announce(msg(str`Every DNS record of ${name} is published: ${this.servicesText(domainId, provisioned)} deployed, billing starts today.`, { id: 'dns.provisioned' }));
    // The guide goes away with the domain's provisioning: its heading takes the focus.
    void this.refreshAndFocus(domainId);
  }

  /** Focuses the heading (`tabindex="-1"`): where a skip link, such as `tenant-table`'s `skip-to`, lands. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus(options);
  }

  override render(): TemplateResult {
    const loaded = this.domainsTask.value;
    const name = loaded?.tenant.id === this.tenantId ? loaded?.tenant.name : undefined;
    return html`
      <div part="header" class="toolbar">
        <h2 id="heading" part="heading" class="heading grow" tabindex="-1">
          ${name ? msg(str`Booked services of ${name}`, { id: 'services.heading-tenant' }) : msg('Booked services', { id: 'services.heading' })}
        </h2>
        <div part="toolbar" class="toolbar-actions">
          <slot name="actions"></slot>
          ${this.tenantId ? this.renderLifecycleButtons() : nothing}
          ${this.tenantId && this.can('domain.add')
            ? html`<button part="add-domain-button" class="button primary" type="button" @click=${() => this.openDialog({ kind: 'wizard' })}>
                  ${msg('Add new domain', { id: 'services.add-domain' })}
                </button>
                <button part="add-manual-button" class="button" type="button" @click=${() => this.openDialog({ kind: 'manual' })}>
                  ${msg('Add domain manually', { id: 'manual.title' })}
                </button>`
            : nothing}
          ${this.tenantId && this.can('offer.create')
            ? html`<button part="offer-button" class="button" type="button" @click=${() => this.openDialog({ kind: 'offer' })}>
                ${msg('Create offer', { id: 'offer.submit' })}
              </button>`
            : nothing}
          ${this.tenantId ? renderRefreshButton(() => this.refresh()) : nothing}
        </div>
      </div>
      <div part="announcements" class="announcements" role="status">
        ${this.announcement ? html`<p part="announcement" class="notice">${this.announcement}</p>` : nothing}
      </div>
      ${this.actionError ? html`<p part="action-error" class="notice error" role="alert">${this.actionError}</p>` : nothing}
      ${this.renderConfirmation()}
      ${this.renderContent()}
      ${this.renderDialogs()}
    `;
  }

  /** Confirm (Sales/ALL) and Deploy (Tech/ALL); each stays put while it runs, marked unavailable. */
  private renderLifecycleButtons(): TemplateResult {
    const confirming = this.confirmation.starting || this.confirmation.running(this.tenantId);
    const deploying = this.deployTask.status === TaskStatus.PENDING;
    return html`${this.can('order.confirm')
        ? html`<button part="confirm-button" class="button" type="button" aria-disabled=${confirming ? 'true' : 'false'} @click=${() => this.confirm()}>
            ${msg('Confirm domains and services', { id: 'confirm.button' })}
          </button>`
        : nothing}
      ${this.can('deploy')
        ? html`<button part="deploy-button" class="button" type="button" aria-disabled=${deploying ? 'true' : 'false'} @click=${() => this.deploy()}>
            ${msg('Deploy domains and services', { id: 'deploy.button' })}
          </button>`
        : nothing}`;
  }

  private renderConfirmation(): TemplateResult | typeof nothing {
    const confirmation = this.confirmation.of(this.tenantId);
    if (!confirmation) return nothing;
    const { job } = this.confirmation;
    return html`<section part="confirmation" class="confirmation" aria-labelledby="confirmation-heading">
      <h3 id="confirmation-heading" part="confirmation-heading">${msg('Confirmation of domains and services', { id: 'confirm.heading' })}</h3>
      ${confirmation.joined
        ? html`<p part="joined" class="notice">${msg('A confirmation of this tenant was already running: your request joined it, and this shows its progress.', { id: 'confirm.joined' })}</p>`
        : nothing}
      ${this.confirmation.done ? nothing : this.renderProgressBar()}
      <p part="progress-text" class="progress-text ${job?.status === 'failed' ? 'error' : ''}" role="status">${this.progressText()}</p>
      ${this.confirmation.pollError
        ? renderError(msg('The progress of the confirmation could not be loaded.', { id: 'confirm.poll-error' }), this.confirmation.pollError.error, () => this.confirmation.retry())
        : nothing}
      ${job?.status === 'succeeded' ? this.renderResultsWithReasons(job.result) : nothing}
    </section>`;
  }

  private renderProgressBar(): TemplateResult {
    const total = this.confirmation.job?.progress?.total ?? 0;
    // Without a total yet, the bar has no value: it shows that something runs, not how far.
    return html`<label id="progress-label" part="progress-label" for="confirmation-progress">
        ${msg('Progress of the consistency check', { id: 'confirm.progress-label' })}
      </label>
      <progress id="confirmation-progress" part="progress" max=${total > 0 ? total : nothing}
        value=${total > 0 ? (this.confirmation.job?.progress?.checked ?? 0) : nothing}></progress>`;
  }

  private progressText(): string {
    const { job } = this.confirmation;
    const checked = job?.progress?.checked ?? 0;
    const total = job?.progress?.total ?? 0;
    if (job?.status === 'failed')
      return msg(str`The confirmation failed: ${job.result.error}. Start it again; if it fails again, contact SEPPmail support.`, { id: 'confirm.failed' });
    if (job?.status === 'succeeded') {
      const domains = job.result.domains;
      if (domains.length === 0) return msg('Nothing to confirm: no domain of this tenant has ordered services.', { id: 'confirm.nothing' });
      const passed = domains.filter((d) => d.passed).length;
      return msg(str`Checked ${domains.length} of ${domains.length} domains: ${passed} confirmed, ${domains.length - passed} not confirmed.`, { id: 'confirm.done' });
    }
    if (total === 0) return msg('Waiting for the check to start…', { id: 'confirm.waiting' });
    return msg(str`Checked ${checked} of ${total} domains`, { id: 'confirm.progress' });
  }

  private renderResults({ domains, tenantReasons }: ConfirmationResult, reasonText: ReasonText): TemplateResult {
    const tenantKeys = new Set(tenantReasons.map((r) => JSON.stringify(r)));
    return html`${tenantReasons.length > 0
        ? html`<div part="tenant-reasons" class="notice error">
            <p>${msg('Not confirmed, because of the tenant:', { id: 'confirm.tenant-reasons' })}</p>
            <ul part="reasons" class="reasons">${tenantReasons.map((r) => html`<li>${reasonText(r)}</li>`)}</ul>
          </div>`
        : nothing}
      ${domains.length > 0
        ? html`<ul part="results" class="results">
            ${domains.map((d) => this.renderResult(d, d.reasons.filter((r) => !tenantKeys.has(JSON.stringify(r))), reasonText))}
          </ul>`
        : nothing}`;
  }

  /**
   * The results once the refusals' texts are there: their module loads with the first results (a
   * moment). If it cannot be loaded, the error with Retry, not a new import at every render.
   */
  private renderResultsWithReasons(result: ConfirmationResult): TemplateResult | typeof nothing {
    const texts = reasonTexts.value;
    if (texts) return this.renderResults(result, texts.reasonText);
    const loadTexts = () => void reasonTexts.load().then(() => this.requestUpdate());
    if (reasonTexts.error) return renderError(msg('The results of the confirmation could not be shown.', { id: 'confirm.results-error' }), reasonTexts.error, loadTexts);
    loadTexts();
    return nothing;
  }

  private renderResult(result: DomainConfirmation, reasons: DomainConfirmation['reasons'], reasonText: ReasonText): TemplateResult {
    return html`<li part="result ${result.passed ? 'result-passed' : 'result-failed'}" class="result">
      <span part="result-domain" class="result-domain">${displayName(result.name)}</span>
      ${result.passed
        ? html`<span part="verdict" class="verdict passed">${checkIcon}${msg('Confirmed', { id: 'status.confirmed' })}</span>
            ${result.confirmed.length > 0
              ? html`<p>${msg(str`Confirmed services: ${this.servicesText(result.domainId, result.confirmed)}.`, { id: 'confirm.services' })}</p>`
              : nothing}`
        : html`<span part="verdict" class="verdict failed">${crossIcon}${msg('Not confirmed: stays Ordered', { id: 'confirm.not-confirmed' })}</span>
            ${reasons.length > 0
              ? html`<ul part="reasons" class="reasons">${reasons.map((r) => html`<li>${reasonText(r)}</li>`)}</ul>`
              : html`<p>${msg('Because of the tenant (above).', { id: 'confirm.because-tenant' })}</p>`}`}
    </li>`;
  }

  private renderDialogs(): TemplateResult | typeof nothing {
    if (!this.tenantId) return nothing;
    const action = this.action;
    const loaded = this.domainsTask.value;
    const domain = action && 'domain' in action ? action.domain : undefined;
    const closed = () => (this.action = undefined);
    const { wizard, manual, cancel, offer } = this.dialogs;
    const addServices = this.dialogs['add-services'];
    const settings = this.dialogs['deployment-settings'];
    // Each dialog is rendered once its code is there (by the tag its class is registered under),
    // and stays, closed, after that. It was loaded because its button was offered: no role check
    // again here (a closed dialog shows nothing and asks the BFF nothing).
    return html`${action ? renderLoadState(this.dialogs[action.kind], msg('Loading…', { id: 'wizard.loading' }), msg('The dialog could not be loaded.', { id: 'dialog.load-error' })) : nothing}
      ${wizard.tag
        ? staticHtml`<${wizard.tag} part="wizard" exportparts=${exported('wizard')} .tenantId=${this.tenantId}
            .open=${action?.kind === 'wizard'} @add-domain-wizard-close=${closed} @domain-added=${this.onDomainAdded}></${wizard.tag}>`
        : nothing}
      ${manual.tag
        ? staticHtml`<${manual.tag} part="manual" exportparts=${exported('manual')} .tenantId=${this.tenantId}
            .open=${action?.kind === 'manual'} @add-domain-manual-close=${closed} @domain-added=${this.onDomainAdded}></${manual.tag}>`
        : nothing}
      ${addServices.tag
        ? staticHtml`<${addServices.tag} part="add-services" exportparts=${exported('add-services')} .domain=${domain}
            .country=${loaded?.tenant.country ?? ''} .ginaHosts=${[...new Set(loaded?.domains.map((d) => d.ginaHost).filter((h): h is string => h !== null))]}
            .open=${action?.kind === 'add-services'} @add-services-dialog-close=${closed} @services-added=${() => this.refreshAndFocus()}></${addServices.tag}>`
        : nothing}
      ${cancel.tag
        ? staticHtml`<${cancel.tag} part="cancel" exportparts=${exported('cancel')} .domain=${domain}
            .open=${action?.kind === 'cancel'} @cancel-service-dialog-close=${closed} @service-cancelled=${this.onServiceCancelled}></${cancel.tag}>`
        : nothing}
      ${offer.tag
        ? staticHtml`<${offer.tag} part="offer" exportparts=${exported('offer')} .tenantId=${this.tenantId}
            .open=${action?.kind === 'offer'} @offer-dialog-close=${closed}></${offer.tag}>`
        : nothing}
      ${settings.tag
        ? staticHtml`<${settings.tag} part="deployment-settings" exportparts=${exported('deployment-settings')}
            .domainId=${action?.kind === 'deployment-settings' ? domain?.id : undefined} .domainName=${domain?.name}
            .open=${action?.kind === 'deployment-settings'} @deployment-settings-close=${closed}
            @deployment-settings-saved=${this.onSettingsSaved}></${settings.tag}>`
        : nothing}`;
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
    return html`<div class="domains" aria-busy=${this.domainsTask.status === TaskStatus.PENDING && !this.liveUpdates.reloading ? 'true' : 'false'}>
      ${repeat(loaded.domains, (domain) => domain.id, (domain) => this.renderDomain(domain))}
    </div>`;
  }

  private renderDomain(domain: ManagedDomain): TemplateResult {
    const headingId = `domain-${domain.id}`;
    const showEnd = domain.services.some((service) => service.endBilling !== null);
    return html`<section part="domain" class="domain">
      <div part="domain-header" class="domain-header">
        <div class="grow">
          <h3 part="domain-name" id=${headingId} tabindex="-1">${displayName(domain.name)}</h3>
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
      ${domain.status === 'provisioning' ? this.renderDnsGuide(domain) : nothing}
    </section>`;
  }

  private renderDnsGuide(domain: ManagedDomain): TemplateResult | typeof nothing {
    const tag = this.dnsGuide.tag;
    return tag
      ? staticHtml`<${tag} part="dns-guide" class="dns-guide" domain-id=${domain.id} domain-name=${domain.name} @dns-checked=${this.onDnsChecked}></${tag}>`
      : renderLoadState(this.dnsGuide, msg('Looking up the DNS records…', { id: 'dns.loading' }), msg('The DNS records could not be loaded.', { id: 'dns.load-error' }));
  }

  /** A domain's buttons: add services and cancel one while it has active services; its deployment settings while they are offered. */
  protected renderDomainActions(domain: ManagedDomain): TemplateResult | typeof nothing {
    const headingId = `domain-${domain.id}`;
    const active = domain.services.some((s) => isActive(s.status));
    const settingsOffered = deploymentSettingsOffered(domain.services);
    return html`${active && this.can('services.add')
        ? html`<button part="add-services-button" class="button" type="button" aria-describedby=${headingId}
            @click=${() => this.openDialog({ kind: 'add-services', domain })}>${msg('Add services', { id: 'services.add-services' })}</button>`
        : nothing}
      ${active && this.can('service.cancel')
        ? html`<button part="cancel-service-button" class="button" type="button" aria-describedby=${headingId}
            @click=${() => this.openDialog({ kind: 'cancel', domain })}>${msg('Cancel service', { id: 'cancel.confirm' })}</button>`
        : nothing}
      ${settingsOffered && this.can('deployment.settings')
        ? html`<button part="deployment-settings-button" class="button" type="button" aria-describedby=${headingId}
            @click=${() => this.openDialog({ kind: 'deployment-settings', domain })}>${msg('Deployment settings', { id: 'deployment-settings.title' })}</button>`
        : nothing}`;
  }

  private renderService(service: BookedService, showEnd: boolean): TemplateResult {
    return html`<tr part="row">
      <td part="cell" class="number">${service.number}</td>
      <td part="cell">${serviceLabel(service.code)} <span part="code" class="code">${service.code}</span></td>
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
const DIALOG_PARTS = ['dialog', 'form', 'header', 'title', 'body', 'field', 'label', 'control', 'reasons', 'notice', 'footer', 'cancel-button', 'submit-button'];

function exported(prefix: string): string {
  return DIALOG_PARTS.map((part) => `${part}: ${prefix}-${part}`).join(', ');
}
