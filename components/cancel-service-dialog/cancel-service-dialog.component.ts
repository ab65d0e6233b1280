import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { BookedService, ManagedDomain } from '../../domain/api.js';
import { todayIn } from '../../domain/dates.js';
import { isActive } from '../../domain/lifecycle.js';
import { cancellationCascade, checkEndBilling, defaultEndBilling, earliestEndBilling } from '../../domain/rules.js';
import { emit } from '../events.js';
import { formatDate } from '../i18n/format.js';
import { serviceLabel } from '../i18n/labels.js';
import type { ReasonLike } from '../i18n/reasons.js';
import { DialogElement, renderNotice, renderReasons } from '../internal/dialog-element.js';
import { styles } from './cancel-service-dialog.styles.js';
import { displayName } from '../../domain/punycode.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, DialogCloseDetail, ServiceCancelledDetail } from '../events.js';
export type { ManagedDomain } from '../../domain/api.js';
export type { TokenGetter } from '../api/transport.js';

/**
 * @summary Cancels one of a domain's active services with an end-billing date, and before
 * confirming lists every service the cancellation takes with it (those that require it;
 * the base service takes the whole domain).
 *
 * A modal native `<dialog>` with `role="alertdialog"`: open it with `open` or `show()`.
 * The end of billing defaults to the last day of this month and is tomorrow at the earliest.
 * Escape, like "Keep services", closes without cancelling; the focus goes back to where it was.
 *
 * @fires service-cancelled - Services were cancelled; `detail: {domainId, cancelled}` with every
 * service the BFF cancelled. The dialog closes.
 * @fires cancel-service-dialog-close - The dialog closed, cancelled or not; `detail: {completed}`.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The form inside it.
 * @csspart header - The title area.
 * @csspart title - The dialog's heading.
 * @csspart intro - What the dialog asks.
 * @csspart body - The fields and the list of what is cancelled.
 * @csspart field - A label with its control and messages.
 * @csspart label - A field's label.
 * @csspart control - The service dropdown or the date input.
 * @csspart hint - The default and earliest end-billing date.
 * @csspart cascade - What the cancellation cancels.
 * @csspart cascade-heading - Its heading.
 * @csspart cascade-list - The list of services with their numbers.
 * @csspart whole-domain - The warning that the whole domain is cancelled.
 * @csspart reasons - A list of reasons against an entry.
 * @csspart notice - A message about the whole dialog (a refusal, a missing right).
 * @csspart footer - The buttons.
 * @csspart cancel-button - Keep services (closes without cancelling).
 * @csspart confirm-button - Cancel service; destructive.
 * @csspart loading - The loading message.
 * @csspart error - The panel when the caller could not be loaded.
 *
 * @cssprop --sc-cancel-service-dialog-width - The dialog's width.
 * @keyboard Enter - In the date field, cancels the services listed, as the dialog's danger button does.
 * @keyboard Escape - Keeps the services, as "Keep services" does: closes without cancelling, and the focus goes back to where it was.
 * @keyboard Tab - Moves between the dialog's controls only: the page behind is inert while the dialog is open.
 * @tagname cancel-service-dialog
 */
@localized()
export class CancelServiceDialog extends DialogElement {
  static override styles = styles;

  protected readonly closeEvent = 'cancel-service-dialog-close';
  protected readonly action = 'service.cancel';

  /** The domain whose service is cancelled, with its booked services. */
  @property({ attribute: false }) domain?: ManagedDomain;

  /** The service chosen when the dialog opens, by its number; none unless set. */
  @property({ type: Number }) number?: number;

  @state() private selected?: number;
  @state() private endBilling = '';

  /** Today in SEPPmail's billing calendar, as the BFF counts it. */
  private today = todayIn(new Date());

  private readonly cancelTask = this.sendTask(
    (domainId: string, number: number, endBilling: string) =>
      this.client.cancelService(domainId, number, endBilling, this.idempotencyKeyFor({ domainId, number, endBilling })),
    ({ cancelled }) => emit(this, 'service-cancelled', { domainId: this.domain!.id, cancelled }),
  );

  protected reset(): void {
    this.today = todayIn(new Date());
    this.selected = this.number;
    this.endBilling = defaultEndBilling(this.today);
  }

  private get active(): BookedService[] {
    return (this.domain?.services ?? []).filter((s) => isActive(s.status));
  }

  /** The active services that cancelling the chosen one cancels, itself first. */
  private get cascade(): BookedService[] {
    const target = this.active.find((s) => s.number === this.selected);
    if (!target || !this.domain) return [];
    const codes = cancellationCascade(this.active.map((s) => s.code), target.code, this.domain.mode);
    return [target, ...this.active.filter((s) => s !== target && codes.includes(s.code))];
  }

  private serviceReasons(): ReasonLike[] {
    if (!this.attempted) return [];
    const none = this.selected === undefined ? [{ path: 'number', message: msg('Choose the service to cancel.', { id: 'cancel.none-chosen' }) }] : [];
    return [...none, ...this.server('number')];
  }

  private dateReasons(): ReasonLike[] {
    if (!this.attempted) return [];
    return [...checkEndBilling(this.endBilling, this.today), ...this.server('endBilling')];
  }

  private submit(): void {
    this.attempted = true;
    if (this.serviceReasons().length > 0 || this.dateReasons().length > 0) {
      this.focusWhenShown('[aria-invalid="true"]');
      return;
    }
    if (!this.domain || this.cancelTask.status === TaskStatus.PENDING) return;
    this.advice = undefined;
    void this.cancelTask.run([this.domain.id, this.selected!, this.endBilling]);
  }

  override render(): TemplateResult {
    const many = this.cascade.length > 1;
    return this.renderDialog({
      title: msg(str`Cancel a service of ${displayName(this.domain?.name ?? '')}`, { id: 'cancel.title' }),
      alert: true,
      describedBy: 'intro',
      meta: html`<p id="intro" part="intro" class="muted">
        ${msg('Choose the service and the last day it is billed. Every service that requires it is cancelled with it, on the same day.', { id: 'cancel.intro' })}
      </p>`,
      body: () => this.renderBody(),
      onSubmit: () => this.allowed && this.submit(),
      footer: this.renderFooter({
        submit: many ? msg(str`Cancel ${this.cascade.length} services`, { id: 'cancel.confirm-many' }) : msg('Cancel service', { id: 'cancel.confirm' }),
        task: this.cancelTask,
        part: 'confirm-button',
        danger: true,
        cancel: msg('Keep services', { id: 'cancel.keep' }),
      }),
    });
  }

  private renderBody(): TemplateResult {
    const gate = this.renderGate(msg('Your role does not allow cancelling services.', { id: 'cancel.forbidden' }), this.domain !== undefined);
    if (gate) return gate;
    const serviceReasons = this.serviceReasons();
    const dateReasons = this.dateReasons();
    const earliest = earliestEndBilling(this.today);
    return html`${this.advice ? renderNotice(this.advice) : nothing}
      <div part="field" class="field">
        <label part="label" for="service">${msg('Service', { id: 'services.service' })}</label>
        <select part="control" id="service" data-autofocus aria-invalid=${serviceReasons.length ? 'true' : 'false'}
          aria-describedby=${serviceReasons.length ? 'service-reasons' : nothing}
          @change=${(e: Event) => {
            const value = (e.target as HTMLSelectElement).value;
            this.selected = value ? Number(value) : undefined;
            this.clearServer('number');
          }}>
          <option value="" ?selected=${this.selected === undefined}>${msg('Choose a service', { id: 'cancel.choose' })}</option>
          ${this.active.map((s) => html`<option value=${s.number} ?selected=${s.number === this.selected}>${s.number} – ${serviceLabel(s.code)} (${s.code})</option>`)}
        </select>
        ${renderReasons('service-reasons', serviceReasons)}
      </div>
      <div part="field" class="field">
        <label part="label" for="end-billing">${msg('End Billing', { id: 'services.end-billing' })}</label>
        <input part="control" id="end-billing" type="date" required min=${earliest} .value=${live(this.endBilling)}
          aria-invalid=${dateReasons.length ? 'true' : 'false'} aria-describedby="end-billing-hint${dateReasons.length ? ' end-billing-reasons' : ''}"
          @input=${(e: InputEvent) => {
            this.endBilling = (e.target as HTMLInputElement).value;
            this.clearServer('endBilling');
          }} />
        <p part="hint" class="hint" id="end-billing-hint">
          ${msg(str`Billing ends on this day. Default: the last day of this month; earliest: ${formatDate(earliest)}.`, { id: 'cancel.date-hint' })}
        </p>
        ${renderReasons('end-billing-reasons', dateReasons)}
      </div>
      ${this.renderCascade()}
      ${renderReasons('other-reasons', this.serverOther('number', 'endBilling'))}`;
  }

  private renderCascade(): TemplateResult | typeof nothing {
    const cascade = this.cascade;
    if (cascade.length === 0) return nothing;
    const whole = cascade.length === this.active.length;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(this.endBilling) ? formatDate(this.endBilling) : '–';
    return html`<section part="cascade" class="cascade" aria-labelledby="cascade-heading" aria-live="polite">
      <h3 id="cascade-heading" part="cascade-heading">
        ${msg(str`This cancels, with billing ending on ${date}:`, { id: 'cancel.cascade-heading' })}
      </h3>
      <ul part="cascade-list">
        ${cascade.map((s) => html`<li>${s.number} – ${serviceLabel(s.code)} <span class="code">${s.code}</span></li>`)}
      </ul>
      ${whole
        ? html`<p part="whole-domain" class="notice error">
            <strong>${msg(str`This cancels the whole domain ${displayName(this.domain!.name)}: every active service on it ends.`, { id: 'cancel.whole-domain' })}</strong>
          </p>`
        : nothing}
    </section>`;
  }
}
