import { str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { type ManagedDomain, type NewOffer, type Offer, OFFER_LANGUAGES, type OfferLanguage, type Tenant } from '../../domain/api.js';
import { type Currency, type Mode, type ServiceCode } from '../../domain/catalog.js';
import { formatMoney, parseMinor, sum } from '../../domain/money.js';
import { can } from '../../domain/roles.js';
import { checkDomainName } from '../../domain/rules.js';
import type { Catalog, OfferPdf } from '../api/client.js';
import { emit } from '../events.js';
import { formatDate, formatList } from '../i18n/format.js';
import { serviceLabel } from '../i18n/labels.js';
import { getFormatLocale, getLocale, localized, msg } from '../i18n/localization.js';
import type { ReasonLike } from '../i18n/reasons.js';
import { DialogElement, renderNotice, renderReasons } from '../internal/dialog-element.js';
import { domainNameReasons, renderDomainNameField, renderModeField } from '../internal/domain-fields.js';
import { serviceChoice, toggleService, pruneChoice, type ChoiceInput } from '../internal/service-choice.js';
import { renderServiceOptions } from '../internal/service-options.js';
import { renderError, renderLoading } from '../internal/states.js';
import { type DraftLine, discountProblems, initialLines, type LineAmount, lineAmounts, MAX_USERS, newLine, offerBody, offerTotal, usersOf, validDaysValid } from './offer-draft.js';
import { styles } from './offer-dialog.styles.js';
import { displayName } from '../../domain/punycode.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, DialogCloseDetail, OfferCreatedDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';

interface OfferData {
  tenant: Tenant;
  domains: ManagedDomain[];
  catalog: Catalog;
}

/** Each language in itself. */
const LANGUAGE_NAMES: Record<OfferLanguage, string> = { en: 'English', de: 'Deutsch', fr: 'Français', it: 'Italiano' };

/**
 * @summary Prepares a customer offer for a tenant: its managed domains with their active
 * services, and planned domains added by name with the services they need, each with estimated
 * users (and, for SEPPmail Sales, a discount), priced from the catalogue in the tenant's
 * currency with a live total. Create stores the offer and offers its PDF for download. It
 * orders nothing.
 *
 * A modal native `<dialog>`: open it with `open` or `show()`; Escape closes it, and the focus
 * goes back to where it was. Offered to `Sales`/`ALL` at partner or SEPPmail level.
 *
 * @fires offer-created - The offer was stored; `detail: {tenantId, offer}`. The dialog stays open with the download.
 * @fires offer-dialog-close - The dialog closed; `detail: {completed}` is true once an offer was created.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The form inside it.
 * @csspart header - The title area.
 * @csspart title - The dialog's heading.
 * @csspart body - The offer's settings, lines and total.
 * @csspart settings - Language and validity.
 * @csspart field - A label with its control.
 * @csspart label - A label or a group's legend.
 * @csspart control - A text input or select.
 * @csspart lines - The domains of the offer.
 * @csspart line - One domain: its users, discount and services.
 * @csspart line-domain - The domain's name.
 * @csspart line-services - The table of a domain's services with prices.
 * @csspart line-service - One service's row.
 * @csspart line-total - What a domain costs per month.
 * @csspart remove-button - Removes a domain from the offer.
 * @csspart planned - Adding a planned domain.
 * @csspart modes - The integration modes of a planned domain.
 * @csspart services - The services of a planned domain.
 * @csspart service - A service's checkbox, label and note.
 * @csspart choice - A checkbox or radio button with its label and hint.
 * @csspart announcement - What adding a service or a domain did besides.
 * @csspart add-domain-button - Adds the planned domain.
 * @csspart total - The offer's total per month.
 * @csspart result - The created offer and its download.
 * @csspart download-link - The PDF's download.
 * @csspart reasons - A list of reasons against an entry.
 * @csspart notice - A message about the whole dialog.
 * @csspart footer - The buttons.
 * @csspart cancel-button - Cancel.
 * @csspart submit-button - Create offer.
 * @csspart close-button - Close, once the offer is created.
 * @csspart loading - A loading message.
 * @csspart error - The panel when the data could not be loaded.
 *
 * @cssprop --sc-offer-dialog-width - The dialog's width.
 * @keyboard Enter - In a planned domain's name, adds that domain to the offer (it does not create the offer); in another field, creates the offer, as the dialog's main button does.
 * @keyboard Escape - Closes the dialog, and the focus goes back to where it was.
 * @keyboard Tab - Moves between the dialog's controls only: the page behind is inert while the dialog is open.
 * @tagname offer-dialog
 */
@localized()
export class OfferDialog extends DialogElement {
  static override styles = styles;

  protected readonly closeEvent = 'offer-dialog-close';
  protected readonly action = 'offer.create';

  /** The tenant the offer is for. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  @state() private lines: DraftLine[] = [];
  @state() private language: OfferLanguage = 'en';
  @state() private validDays = '30';
  @state() private plannedName = '';
  @state() private plannedMode: Mode = 'inline';
  @state() private plannedChosen: ServiceCode[] = [];
  @state() private plannedAttempted = false;
  @state() private announcement = '';
  @state() private created?: Offer;
  @state() private pdf?: OfferPdf & { url: string };
  private prefilled = false;

  private readonly dataTask = new Task(this, {
    task: async ([client, tenantId, open], { signal }): Promise<OfferData | undefined> => {
      if (!open || !tenantId) return undefined;
      const [tenant, domains, catalog] = await Promise.all([client.tenant(tenantId, signal), client.domains(tenantId, signal), client.catalog(signal)]);
      return { tenant: tenant.data, domains, catalog };
    },
    args: () => [this.client, this.tenantId, this.open] as const,
    onComplete: (data) => {
      if (!data || this.prefilled) return;
      this.prefilled = true;
      this.lines = initialLines(data.domains);
    },
  });

  private readonly createTask = new Task(this, {
    autoRun: false,
    task: ([tenantId, body]: readonly [string, NewOffer]) => this.client.createOffer(tenantId, body, this.idempotencyKeyFor(body)),
    onComplete: (offer) => {
      this.created = offer;
      emit(this, 'offer-created', { tenantId: offer.tenantId, offer });
      void this.pdfTask.run([offer.pdf]);
      this.focusWhenShown('[part~="download-link"]', '[part~="result"]');
    },
    onError: (error) => this.refused(error),
  });

  private readonly pdfTask = new Task(this, {
    autoRun: false,
    task: ([path]: readonly [string], { signal }) => this.client.offerPdf(path, signal),
    onComplete: (pdf) => {
      this.forgetPdf();
      this.pdf = { ...pdf, url: URL.createObjectURL(pdf.blob) };
      // The result had the focus while the PDF loaded; the download is what comes next.
      const active = this.shadowRoot?.activeElement;
      if (!active || active.matches('[part~="result"]')) this.focusWhenShown('[part~="download-link"]');
    },
  });

  protected reset(): void {
    this.forgetPdf();
    this.created = undefined;
    this.prefilled = false;
    this.lines = [];
    this.language = getLocale();
    this.validDays = '30';
    this.resetPlanned();
    this.announcement = '';
  }

  /** Closes the dialog; once an offer is created, closing completes it. */
  override hide(): void {
    this.close(this.created !== undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.forgetPdf();
  }

  private forgetPdf(): void {
    if (this.pdf) URL.revokeObjectURL(this.pdf.url);
    this.pdf = undefined;
  }

  private resetPlanned(): void {
    this.plannedName = '';
    this.plannedMode = 'inline';
    this.plannedChosen = [];
    this.plannedAttempted = false;
  }

  private get data(): OfferData | undefined {
    return this.dataTask.value;
  }

  private get currency(): Currency | undefined {
    return this.data?.tenant.currency;
  }

  private get discountAllowed(): boolean {
    const me = this.caller.me;
    return me !== undefined && can(me, 'discount.set');
  }

  private money(minor: bigint | number): string {
    return formatMoney(minor, this.currency ?? 'CHF', getFormatLocale());
  }

  /** Each service's monthly amount for the line as typed (no users yet: nothing). */
  private amounts(line: DraftLine): LineAmount[] {
    return lineAmounts(line, this.data?.catalog.services ?? [], this.currency!);
  }

  private get total(): bigint {
    return offerTotal(this.lines, this.data?.catalog.services ?? [], this.currency!);
  }

  private updateLine(index: number, change: Partial<DraftLine>, ...serverPaths: string[]): void {
    this.lines = this.lines.map((line, i) => (i === index ? { ...line, ...change } : line));
    this.clearServer(...serverPaths.map((p) => `lines.${index}.${p}`));
  }

  private removeLine(index: number): void {
    const removed = this.lines[index]!;
    this.lines = this.lines.filter((_, i) => i !== index);
    // The server's reasons name lines by position, which has just changed.
    this.serverReasons = [];
    this.announcement = msg(str`Removed ${displayName(removed.domain)} from the offer.`, { id: 'offer.removed' });
    this.focusWhenShown(`#users-${Math.min(index, this.lines.length - 1)}`, '#name');
  }

  private usersProblems(index: number): ReasonLike[] {
    const line = this.lines[index]!;
    const own = this.attempted && usersOf(line) === undefined
      ? [{ path: 'estimatedUsers', message: msg('Enter the estimated users, a whole number from 1 to 1,000,000.', { id: 'offer.users-invalid' }) }]
      : [];
    return [...own, ...this.server(`lines.${index}.estimatedUsers`)];
  }

  private discountProblems(index: number): ReasonLike[] {
    const line = this.lines[index]!;
    const own: ReasonLike[] = [];
    if (this.attempted) {
      const { percentInvalid, reasonMissing } = discountProblems(line);
      if (percentInvalid) own.push({ path: 'discount', message: msg('Enter the discount as a percentage from 0 to 100 with at most two decimals.', { id: 'offer.discount-invalid' }) });
      if (reasonMissing) own.push({ path: 'discount', message: msg('Give the discount’s reason, such as nfr or test.', { id: 'offer.discount-reason-required' }) });
    }
    return [...own, ...this.serverReasons.filter((r) => r.path.startsWith(`lines.${index}.discount`))];
  }

  private linesProblems(): ReasonLike[] {
    const none = this.attempted && this.lines.length === 0
      ? [{ path: 'lines', message: msg('Add at least one domain to the offer.', { id: 'offer.no-lines' }) }]
      : [];
    return [...none, ...this.server('lines')];
  }

  private get plannedInput(): ChoiceInput {
    return { mode: this.plannedMode, active: [], chosen: this.plannedChosen, country: this.data?.tenant.country ?? '' };
  }

  private plannedNameReasons(): ReasonLike[] {
    const ascii = checkDomainName(this.plannedName).ascii;
    const twice = ascii && this.lines.some((l) => l.domain === ascii)
      ? [{ path: 'name', message: msg('This domain is in the offer already.', { id: 'offer.domain-twice' }) }]
      : [];
    return twice;
  }

  private togglePlanned(code: ServiceCode, on: boolean): void {
    const { chosen, alsoAdded } = toggleService(this.plannedInput, code, on);
    this.plannedChosen = chosen;
    this.announcement = alsoAdded.length ? msg(str`Also added, as ${code} requires them: ${formatList(alsoAdded)}.`, { id: 'wizard.also-added' }) : '';
  }

  private changePlannedMode(mode: Mode): void {
    this.plannedMode = mode;
    const { chosen, dropped } = pruneChoice(this.plannedInput);
    this.plannedChosen = chosen;
    this.announcement = dropped.length ? msg(str`Not available in this mode, so no longer chosen: ${formatList(dropped)}.`, { id: 'wizard.mode-dropped' }) : '';
  }

  private addPlanned(): void {
    this.plannedAttempted = true;
    if (domainNameReasons(this.plannedName).length > 0 || this.plannedNameReasons().length > 0) {
      this.focusWhenShown('#name');
      return;
    }
    const domain = checkDomainName(this.plannedName).ascii!;
    const services = serviceChoice(this.plannedInput).booked;
    this.lines = [...this.lines, newLine(domain, services, true)];
    this.clearServer('lines');
    this.resetPlanned();
    this.announcement = msg(str`Added ${displayName(domain)} to the offer with ${formatList(services)}.`, { id: 'offer.added' });
    this.focusWhenShown(`#users-${this.lines.length - 1}`);
  }

  private body(): NewOffer {
    return offerBody({ language: this.language, validDays: this.validDays, lines: this.lines });
  }

  private validDaysProblems(): ReasonLike[] {
    const own = this.attempted && !validDaysValid(this.validDays)
      ? [{ path: 'validDays', message: msg('Enter the days the offer is valid, from 1 to 180.', { id: 'offer.valid-days-invalid' }) }]
      : [];
    return [...own, ...this.server('validDays')];
  }

  private submit(): void {
    if (!this.tenantId || this.created || this.createTask.status === TaskStatus.PENDING) return;
    this.attempted = true;
    const invalid =
      this.linesProblems().length > 0 ||
      this.validDaysProblems().length > 0 ||
      this.lines.some((_, i) => this.usersProblems(i).length > 0 || this.discountProblems(i).length > 0);
    if (invalid) {
      this.focusWhenShown('[aria-invalid="true"]');
      return;
    }
    this.advice = undefined;
    void this.createTask.run([this.tenantId, this.body()]);
  }

  override render(): TemplateResult {
    const name = this.data?.tenant.name ?? this.tenantId ?? '';
    return this.renderDialog({
      title: msg(str`Create an offer for ${name}`, { id: 'offer.title' }),
      meta: this.currency
        ? html`<p class="hint">${msg(str`Prices in ${this.currency} per user and month, from the catalogue. An offer orders nothing.`, { id: 'offer.meta' })}</p>`
        : nothing,
      body: () => this.renderBody(),
      onSubmit: () => this.allowed && this.submit(),
      footer: this.created
        ? html`<button part="close-button" class="button" type="button" @click=${() => this.hide()}>${msg('Close', { id: 'common.close' })}</button>`
        : this.renderFooter({ submit: msg('Create offer', { id: 'offer.submit' }), task: this.createTask }),
    });
  }

  private renderBody(): TemplateResult {
    const gate = this.renderGate(msg('Your role does not allow creating offers.', { id: 'offer.forbidden' }));
    if (gate) return gate;
    if (this.dataTask.status === TaskStatus.ERROR) {
      return renderError(msg('The tenant’s domains and prices could not be loaded.', { id: 'offer.load-error' }), this.dataTask.error, () => this.dataTask.run());
    }
    if (!this.data) return renderLoading(msg('Loading…', { id: 'wizard.loading' }));
    if (this.created) return this.renderResult(this.created);
    return html`${this.advice ? renderNotice(this.advice) : nothing}
      ${this.renderSettings()}
      <section part="lines" aria-labelledby="lines-heading">
        <h3 id="lines-heading">${msg('Domains and estimated users', { id: 'offer.lines-heading' })}</h3>
        ${this.lines.length === 0 ? html`<p class="hint">${msg('The tenant has no domain with active services yet: add a planned domain.', { id: 'offer.no-domains' })}</p>` : nothing}
        ${this.lines.map((line, i) => this.renderLine(line, i))}
        ${renderReasons('lines-reasons', this.linesProblems())}
      </section>
      ${this.renderPlanned()}
      <p part="announcement" class="hint" role="status">${this.announcement}</p>
      <p part="total" class="total" aria-live="polite">
        ${msg('Total per month', { id: 'offer.total' })}: <strong>${this.money(this.total)}</strong>
      </p>
      ${renderReasons('other-reasons', this.serverReasons.filter((r) => !r.path.startsWith('lines') && r.path !== 'validDays'))}`;
  }

  private renderSettings(): TemplateResult {
    const daysProblems = this.validDaysProblems();
    return html`<div part="settings" class="settings">
      <div part="field" class="field">
        <label part="label" for="language">${msg('Language of the offer', { id: 'offer.language' })}</label>
        <select part="control" id="language" .value=${live(this.language)}
          @change=${(e: Event) => (this.language = (e.target as HTMLSelectElement).value as OfferLanguage)}>
          ${OFFER_LANGUAGES.map((code) => html`<option value=${code} lang=${code} ?selected=${code === this.language}>${LANGUAGE_NAMES[code]}</option>`)}
        </select>
      </div>
      <div part="field" class="field">
        <label part="label" for="valid-days">${msg('Valid for (days)', { id: 'offer.valid-days' })}</label>
        <input part="control" id="valid-days" type="number" inputmode="numeric" min="1" max="180" step="1" .value=${live(this.validDays)}
          aria-invalid=${daysProblems.length > 0 ? 'true' : 'false'} aria-describedby=${daysProblems.length > 0 ? 'valid-days-reasons' : nothing}
          @input=${(e: InputEvent) => {
            this.validDays = (e.target as HTMLInputElement).value;
            this.clearServer('validDays');
          }} />
        ${renderReasons('valid-days-reasons', daysProblems)}
      </div>
    </div>`;
  }

  private renderLine(line: DraftLine, i: number): TemplateResult {
    const users = this.usersProblems(i);
    const discount = this.discountProblems(i);
    const others = this.serverReasons.filter((r) => r.path === `lines.${i}` || r.path.startsWith(`lines.${i}.domain`) || r.path.startsWith(`lines.${i}.services`));
    const amounts = this.amounts(line);
    return html`<fieldset part="line" class="line" id="line-${i}">
      <legend part="line-domain">
        <span class="code">${displayName(line.domain)}</span>
        ${line.planned ? html`<span class="muted">${msg('(planned)', { id: 'offer.planned' })}</span>` : nothing}
      </legend>
      <div class="line-fields">
        <div part="field" class="field">
          <label part="label" for="users-${i}">${msg('Estimated users', { id: 'offer.users' })}</label>
          <input part="control" id="users-${i}" type="number" inputmode="numeric" min="1" max=${MAX_USERS} step="1" ?data-autofocus=${i === 0}
            .value=${live(line.users)} aria-invalid=${users.length > 0 ? 'true' : 'false'} aria-describedby=${users.length > 0 ? `users-${i}-reasons` : nothing}
            @input=${(e: InputEvent) => this.updateLine(i, { users: (e.target as HTMLInputElement).value }, 'estimatedUsers')} />
          ${renderReasons(`users-${i}-reasons`, users)}
        </div>
        ${this.discountAllowed ? this.renderDiscount(line, i, discount) : nothing}
      </div>
      <table part="line-services" class="line-services">
        <caption class="visually-hidden">${msg(str`Services of ${displayName(line.domain)}`, { id: 'offer.services-of' })}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Service', { id: 'offer.service' })}</th>
            <th scope="col" class="amount">${msg('Per user and month', { id: 'offer.unit-price' })}</th>
            <th scope="col" class="amount">${msg('Per month', { id: 'offer.per-month' })}</th>
          </tr>
        </thead>
        <tbody>
          ${amounts.map((a) => html`<tr part="line-service">
            <th scope="row">${serviceLabel(a.code)} <span class="code">${a.code}</span></th>
            <td class="amount">${a.unit === undefined ? '–' : this.money(a.unit)}</td>
            <td class="amount">${this.money(a.total)}</td>
          </tr>`)}
        </tbody>
      </table>
      ${renderReasons(`line-${i}-reasons`, others)}
      <div class="line-footer">
        <button part="remove-button" class="button" type="button" aria-label=${msg(str`Remove ${displayName(line.domain)} from the offer`, { id: 'offer.remove-label' })}
          @click=${() => this.removeLine(i)}>${msg('Remove', { id: 'offer.remove' })}</button>
        <span part="line-total">${msg('Per month', { id: 'offer.per-month' })}: <strong>${this.money(sum(amounts.map((a) => a.total)))}</strong></span>
      </div>
    </fieldset>`;
  }

  private renderDiscount(line: DraftLine, i: number, problems: ReasonLike[]): TemplateResult {
    const invalid = problems.length > 0 ? 'true' : 'false';
    const describedBy = problems.length > 0 ? `discount-${i}-reasons` : nothing;
    return html`<div part="field" class="field">
        <label part="label" for="discount-${i}">${msg('Discount (%)', { id: 'offer.discount' })}</label>
        <input part="control" id="discount-${i}" type="text" inputmode="decimal" autocomplete="off" .value=${live(line.discountPercent)}
          aria-invalid=${invalid} aria-describedby=${describedBy}
          @input=${(e: InputEvent) => this.updateLine(i, { discountPercent: (e.target as HTMLInputElement).value }, 'discount', 'discount.percent')} />
      </div>
      <div part="field" class="field">
        <label part="label" for="discount-reason-${i}">${msg('Discount reason', { id: 'offer.discount-reason' })}</label>
        <input part="control" id="discount-reason-${i}" type="text" autocomplete="off" .value=${live(line.discountReason)}
          aria-invalid=${invalid} aria-describedby=${describedBy}
          @input=${(e: InputEvent) => this.updateLine(i, { discountReason: (e.target as HTMLInputElement).value }, 'discount', 'discount.reason')} />
      </div>
      ${renderReasons(`discount-${i}-reasons`, problems)}`;
  }

  private renderPlanned(): TemplateResult {
    const choice = serviceChoice(this.plannedInput);
    // Enter in the name adds the domain rather than creating the offer.
    const onKeydown = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.target as HTMLElement).id === 'name') {
        e.preventDefault();
        this.addPlanned();
      }
    };
    return html`<fieldset part="planned" class="planned" @keydown=${onKeydown}>
      <legend part="label">${msg('Add a planned domain', { id: 'offer.planned-legend' })}</legend>
      ${renderDomainNameField({
        value: this.plannedName,
        serverReasons: this.plannedNameReasons(),
        attempted: this.plannedAttempted,
        onInput: (value) => (this.plannedName = value),
      })}
      ${renderModeField({ value: this.plannedMode, reasons: [], onChange: (mode) => this.changePlannedMode(mode) })}
      ${renderServiceOptions({ options: choice.options, mode: this.plannedMode, problems: [], onToggle: (code, on) => this.togglePlanned(code, on) })}
      <div>
        <button part="add-domain-button" class="button" type="button" @click=${() => this.addPlanned()}>
          ${msg('Add to the offer', { id: 'offer.add-planned' })}
        </button>
      </div>
    </fieldset>`;
  }

  private renderResult(offer: Offer): TemplateResult {
    const pdf = this.pdf;
    return html`<div part="result" class="result" tabindex="-1">
      <p>
        ${msg(str`Offer created: ${this.money(parseMinor(offer.total))} per month, valid until ${formatDate(offer.validUntil)}.`, { id: 'offer.created' })}
      </p>
      ${pdf
        ? html`<p><a part="download-link" class="button primary" href=${pdf.url} download=${pdf.fileName}>${msg('Download the offer (PDF)', { id: 'offer.download' })}</a></p>`
        : this.pdfTask.status === TaskStatus.ERROR
          ? renderError(msg('The PDF could not be loaded.', { id: 'offer.pdf-error' }), this.pdfTask.error, () => void this.pdfTask.run([offer.pdf]))
          : html`<p class="hint">${msg('Preparing the PDF…', { id: 'offer.pdf-loading' })}</p>`}
    </div>`;
  }
}
