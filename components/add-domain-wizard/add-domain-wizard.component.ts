import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Tenant } from '../../domain/api.js';
import type { Mode, ServiceCode } from '../../domain/catalog.js';
import type { Catalog, NewDomain, ProblemReason } from '../api/client.js';
import { emit } from '../events.js';
import { formatList } from '../i18n/format.js';
import { modeLabel, serviceLabel } from '../i18n/labels.js';
import { type ReasonLike, reasonText } from '../i18n/reasons.js';
import { DialogElement, refusalOf, renderNotice, renderReasons } from '../internal/dialog-element.js';
import { ginaHostOf, punycodeOf, renderDomainNameField, renderGinaHostField, renderModeField } from '../internal/domain-fields.js';
import { pruneChoice, toggleService } from '../internal/service-choice.js';
import { renderServiceOptions } from '../internal/service-options.js';
import { renderError } from '../internal/states.js';
import { styles } from './add-domain-wizard.styles.js';
import { renderPricePreview } from './price-preview.js';
import {
  asciiName,
  EMPTY_WIZARD_DATA,
  firstStepConcerned,
  needsGina,
  stepAfter,
  stepBefore,
  stepOfPath,
  stepProblems,
  wizardBody,
  wizardChoice,
  type WizardData,
  type WizardStep,
  wizardSteps,
} from './wizard-steps.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, DialogCloseDetail, DomainAddedDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';

export type { WizardData, WizardStep } from './wizard-steps.js';

interface Loaded {
  tenant: Tenant;
  catalog: Catalog;
  /** The tenant's GINA hosts, to share. */
  ginaHosts: string[];
}

/**
 * @summary Orders a new domain for a tenant in steps: the domain name, the integration mode
 * (and Microsoft 365 tenant ID), the services, the GINA host when sign+encrypt is chosen, and
 * a summary with a price preview for those who may see prices.
 *
 * A modal native `<dialog>`: open it with `open` or `show()`. Back and Next keep what was
 * entered; Next checks the step with the same rules the BFF applies and moves the focus to
 * the first problem, or to the next step's heading. Choosing a service adds what it requires;
 * services that cannot be chosen are disabled with the reason. When the BFF refuses the order,
 * the wizard goes back to the step concerned and shows every reason there.
 *
 * @fires domain-added - The domain was ordered; `detail: {tenantId, domain}`. The dialog closes.
 * @fires add-domain-wizard-close - The dialog closed, ordered or not; `detail: {completed}`.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The form inside it.
 * @csspart header - The title and the step indicator.
 * @csspart title - The dialog's heading.
 * @csspart steps - The step indicator, an ordered list.
 * @csspart step - One step in it; also `step-current` and `step-done`.
 * @csspart body - The current step.
 * @csspart step-heading - The current step's heading, which takes the focus on each step.
 * @csspart field - A label with its control and messages.
 * @csspart label - A field's label or a group's legend.
 * @csspart control - A text input.
 * @csspart name-check - The live checks of the domain name.
 * @csspart punycode - The domain's punycode form, when it differs from what was typed.
 * @csspart name-ok - Shown when the name passes the checks.
 * @csspart modes - The group of mode radio buttons.
 * @csspart choice - A radio button or checkbox with its label and hint.
 * @csspart services - The list of service checkboxes.
 * @csspart service - A service's checkbox, label and note; also `service-unavailable`.
 * @csspart service-note - Why a service is ticked or unavailable.
 * @csspart announcement - What choosing a service added, or what a new mode removed.
 * @csspart gina-hosts - The group of GINA host choices.
 * @csspart reasons - A list of reasons against an entry.
 * @csspart summary - The list of every choice.
 * @csspart price-preview - The price preview (only for callers who may see prices).
 * @csspart price-heading - Its heading.
 * @csspart price-table - Its table.
 * @csspart price-note - The note that the prices are estimates per user.
 * @csspart notice - A message about the whole order (a refusal, a missing right).
 * @csspart elsewhere - In a refusal's notice, the reasons that other steps concern.
 * @csspart footer - The buttons.
 * @csspart cancel-button - Cancel.
 * @csspart back-button - Back.
 * @csspart next-button - Next.
 * @csspart submit-button - Order, on the summary.
 * @csspart loading - The loading message.
 * @csspart error - The panel when the tenant could not be loaded.
 *
 * @cssprop --sc-add-domain-wizard-width - The dialog's width.
 * @keyboard Enter - In a field, checks the step and goes on, as Next does; on the summary, orders the domain.
 * @keyboard Escape - Cancels the order: the wizard closes, and the focus goes back to where it was.
 * @keyboard Tab - Moves between the dialog's controls only: the page behind is inert while the dialog is open.
 * @tagname add-domain-wizard
 */
@localized()
export class AddDomainWizard extends DialogElement {
  static override styles = styles;

  protected readonly closeEvent = 'add-domain-wizard-close';
  protected readonly action = 'domain.add';

  /** The tenant that gets the domain. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  /** What was entered so far; each opening starts empty. */
  @property({ attribute: false }) data: WizardData = { ...EMPTY_WIZARD_DATA };

  /** The step shown. */
  @state() step: WizardStep = 'name';
  /** Steps whose Next was tried: their problems are marked. */
  @state() private attemptedSteps = new Set<WizardStep>();
  @state() private announcement = '';

  private readonly loadTask = new Task(this, {
    task: async ([client, tenantId, open], { signal }): Promise<Loaded | undefined> => {
      if (!open || !tenantId) return undefined;
      const [tenant, catalog, domains] = await Promise.all([
        client.tenant(tenantId, signal),
        client.catalog(signal),
        client.domains(tenantId, signal),
      ]);
      const ginaHosts = [...new Set(domains.map((d) => d.ginaHost).filter((h): h is string => h !== null))];
      return { tenant: tenant.data, catalog, ginaHosts };
    },
    args: () => [this.client, this.tenantId, this.open] as const,
  });

  private readonly orderTask = this.sendTask(
    (tenantId: string, body: NewDomain) => this.client.addDomain(tenantId, body, this.idempotencyKeyFor(body)),
    (domain) => emit(this, 'domain-added', { tenantId: this.tenantId!, domain }),
  );

  protected reset(): void {
    this.data = { ...EMPTY_WIZARD_DATA };
    this.step = 'name';
    this.attemptedSteps = new Set();
    this.announcement = '';
  }

  private get loaded(): Loaded | undefined {
    return this.loadTask.value;
  }

  private get country(): string {
    return this.loaded?.tenant.country ?? '';
  }

  private get ascii(): string {
    return asciiName(this.data);
  }

  private get choice() {
    return wizardChoice(this.data, this.country);
  }

  private get needsGina(): boolean {
    return needsGina(this.data, this.country);
  }

  /** The steps in effect: the GINA host only when sign+encrypt is booked. */
  get steps(): WizardStep[] {
    return wizardSteps(this.data, this.country);
  }

  /** The server's reasons that the step concerns. */
  private serverAt(step: WizardStep): ProblemReason[] {
    return this.serverReasons.filter((r) => this.stepOfPath(r.path) === step);
  }

  private stepOfPath(path: string): WizardStep {
    return stepOfPath(path, this.steps);
  }

  /** Every problem of a step: the rules module's, and the server's last refusal. */
  private problems(step: WizardStep): ReasonLike[] {
    const required = {
      name: msg('Enter the domain name, such as example.ch.', { id: 'domain-name.required' }),
      mode: msg('Choose how mail reaches seppmail.cloud.', { id: 'wizard.mode-required' }),
      ginaHost: msg('Enter the GINA host name, such as securemail.example.ch.', { id: 'gina.required' }),
    };
    return [...stepProblems(step, this.data, this.country, required), ...this.serverAt(step)];
  }

  private edit<K extends keyof WizardData>(key: K, value: WizardData[K], paths: string[]): void {
    this.data = { ...this.data, [key]: value };
    this.clearServer(...paths);
  }

  private changeMode(mode: Mode): void {
    const { chosen, dropped } = pruneChoice({ mode, active: [], chosen: this.data.chosen, country: this.country });
    this.edit('mode', mode, ['mode']);
    this.edit('chosen', chosen, ['services']);
    this.announcement = dropped.length
      ? msg(str`Not available in this mode, so no longer chosen: ${formatList(dropped)}.`, { id: 'wizard.mode-dropped' })
      : '';
  }

  private toggle(code: ServiceCode, on: boolean): void {
    const { chosen, alsoAdded } = toggleService({ mode: this.data.mode!, active: [], chosen: this.data.chosen, country: this.country }, code, on);
    this.edit('chosen', chosen, ['services', 'ginaHost']);
    this.announcement = alsoAdded.length
      ? msg(str`Also added, as ${code} requires them: ${formatList(alsoAdded)}.`, { id: 'wizard.also-added' })
      : '';
  }

  private goTo(step: WizardStep, focus = true): void {
    this.step = step;
    this.announcement = '';
    if (focus) this.focusWhenShown('#step-heading');
  }

  /** Back keeps everything entered. */
  private back(): void {
    const previous = stepBefore(this.step, this.steps);
    if (previous) this.goTo(previous);
  }

  /** Next checks the step: its problems are marked and the first takes the focus, or the next step shows. */
  private next(): void {
    this.attemptedSteps = new Set([...this.attemptedSteps, this.step]);
    if (this.problems(this.step).length > 0) {
      this.focusWhenShown('[aria-invalid="true"]', '#step-heading');
      return;
    }
    if (this.step === 'summary') {
      this.submit();
      return;
    }
    this.goTo(stepAfter(this.step, this.steps)!);
  }

  private body(): NewDomain {
    return wizardBody(this.data, this.country);
  }

  private submit(): void {
    if (this.orderTask.status === TaskStatus.PENDING || !this.tenantId) return;
    this.advice = undefined;
    void this.orderTask.run([this.tenantId, this.body()]);
  }

  /** A refusal takes the person to the first step concerned, with every reason shown there. */
  protected override refused(error: unknown): void {
    const { reasons, advice } = refusalOf(error);
    this.serverReasons = reasons;
    this.advice = advice;
    const concerned = firstStepConcerned(reasons.map((r) => r.path), this.steps);
    this.attemptedSteps = new Set([...this.attemptedSteps, concerned]);
    this.goTo(concerned, false);
    this.focusWhenShown('[aria-invalid="true"]', '#step-heading');
  }

  override render(): TemplateResult {
    const canOrder = this.allowed && this.loaded !== undefined;
    const index = this.steps.indexOf(this.step);
    const pending = this.orderTask.status === TaskStatus.PENDING;
    return this.renderDialog({
      title: msg('Add new domain', { id: 'wizard.title' }),
      meta: canOrder ? this.renderStepIndicator() : nothing,
      body: () => this.renderBody(),
      onSubmit: () => canOrder && this.next(),
      footer: html`${this.renderCancelButton()}
        ${canOrder && index > 0
          ? html`<button part="back-button" class="button" type="button" @click=${() => this.back()}>${msg('Back', { id: 'wizard.back' })}</button>`
          : nothing}
        ${canOrder
          ? this.step === 'summary'
            ? html`<button part="submit-button" class="button primary" type="submit" ?disabled=${pending}>${msg('Order domain', { id: 'wizard.submit' })}</button>`
            : html`<button part="next-button" class="button primary" type="submit">${msg('Next', { id: 'wizard.next' })}</button>`
          : nothing}`,
    });
  }

  private stepLabel(step: WizardStep): string {
    switch (step) {
      case 'name': return msg('Domain name', { id: 'domain-name.label' });
      case 'mode': return msg('Mode', { id: 'domain.mode' });
      case 'services': return msg('Services', { id: 'wizard.step.services' });
      case 'gina': return msg('GINA host', { id: 'gina.legend' });
      case 'summary': return msg('Summary', { id: 'wizard.step.summary' });
    }
  }

  private renderStepIndicator(): TemplateResult {
    const current = this.steps.indexOf(this.step);
    return html`<ol part="steps" class="steps" aria-label=${msg('Steps', { id: 'wizard.steps' })}>
      ${this.steps.map((step, i) => html`<li part="step${i === current ? ' step-current' : i < current ? ' step-done' : ''}"
        aria-current=${i === current ? 'step' : nothing}>${this.stepLabel(step)}</li>`)}
    </ol>`;
  }

  private renderBody(): TemplateResult {
    if (!this.tenantId) return renderNotice(msg('Choose a tenant first.', { id: 'wizard.no-tenant' }));
    if (this.loadTask.status === TaskStatus.ERROR)
      return renderError(msg('The tenant could not be loaded.', { id: 'tenant-editor.load-error' }), this.loadTask.error, () => this.loadTask.run());
    const gate = this.renderGate(msg('Your role does not allow adding domains.', { id: 'wizard.forbidden' }), this.loaded !== undefined);
    if (gate) return gate;
    const n = this.steps.indexOf(this.step) + 1;
    const of = this.steps.length;
    const attempted = this.attemptedSteps.has(this.step);
    return html`<h3 id="step-heading" part="step-heading" tabindex="-1">
        ${msg(str`Step ${n} of ${of}: ${this.stepLabel(this.step)}`, { id: 'wizard.step-heading' })}
      </h3>
      ${this.advice && this.step === 'summary' ? renderNotice(this.advice) : nothing}
      ${this.renderElsewhere()}
      ${this.renderStep(attempted)}
      <p part="announcement" class="hint" role="status">${this.announcement}</p>`;
  }

  /** A refusal's reasons that other steps concern, so that every reason shows where the person lands. */
  private renderElsewhere(): TemplateResult | typeof nothing {
    const elsewhere = this.serverReasons.filter((r) => this.stepOfPath(r.path) !== this.step);
    if (elsewhere.length === 0) return nothing;
    return renderNotice(
      html`<p>${msg('The order was refused. Also to correct:', { id: 'wizard.elsewhere' })}</p>
        <ul part="elsewhere">${elsewhere.map((r) => html`<li>${this.stepLabel(this.stepOfPath(r.path))}: ${reasonText(r)}</li>`)}</ul>`,
      'info',
    );
  }

  private renderStep(attempted: boolean): TemplateResult {
    const { data } = this;
    switch (this.step) {
      case 'name':
        return renderDomainNameField({
          value: data.name,
          attempted,
          serverReasons: this.serverAt('name'),
          onInput: (value) => this.edit('name', value, ['name']),
        });
      case 'mode':
        return this.renderModeStep(attempted);
      case 'services':
        return this.renderServicesStep(attempted);
      case 'gina':
        return renderGinaHostField({
          domainAscii: this.ascii,
          existing: this.loaded!.ginaHosts,
          choice: data.gina,
          attempted,
          serverReasons: this.serverAt('gina'),
          onChange: (gina) => this.edit('gina', gina, ['ginaHost']),
        });
      case 'summary':
        return this.renderSummary();
    }
  }

  private renderModeStep(attempted: boolean): TemplateResult {
    const problems = attempted ? this.problems('mode') : [];
    const modeReasons = problems.filter((r) => r.path !== 'ms365TenantId');
    const idReasons = problems.filter((r) => r.path === 'ms365TenantId');
    return html`${renderModeField({ value: this.data.mode, reasons: modeReasons, onChange: (mode) => this.changeMode(mode) })}
      <div part="field" class="field">
        <label part="label" for="ms365">${msg('Microsoft 365 tenant ID (optional)', { id: 'wizard.ms365-label' })}</label>
        <input part="control" id="ms365" name="ms365TenantId" type="text" autocomplete="off" spellcheck="false"
          aria-invalid=${idReasons.length > 0 ? 'true' : 'false'} aria-describedby="ms365-hint${idReasons.length ? ' ms365-reasons' : ''}"
          .value=${live(this.data.ms365TenantId)} @input=${(e: InputEvent) => this.edit('ms365TenantId', (e.target as HTMLInputElement).value, ['ms365TenantId'])} />
        <p class="hint" id="ms365-hint">${msg('When the domain’s mail system is Microsoft 365: its tenant ID, a GUID.', { id: 'wizard.ms365-hint' })}</p>
        ${renderReasons('ms365-reasons', idReasons)}
      </div>`;
  }

  private renderServicesStep(attempted: boolean): TemplateResult {
    const problems = attempted ? this.problems('services') : [];
    return renderServiceOptions({
      options: this.choice.options,
      mode: this.data.mode!,
      problems,
      onToggle: (code, on) => this.toggle(code, on),
    });
  }

  private renderSummary(): TemplateResult {
    const { data } = this;
    const loaded = this.loaded!;
    const punycode = punycodeOf(data.name);
    const booked = this.choice.booked;
    return html`<dl part="summary" class="summary">
        <div><dt>${msg('Tenant', { id: 'wizard.summary.tenant' })}</dt><dd>${loaded.tenant.name} <span class="code">${loaded.tenant.id}</span></dd></div>
        <div><dt>${msg('Domain name', { id: 'domain-name.label' })}</dt>
          <dd>${punycode ? html`${data.name.trim()} (<span class="code">${punycode}</span>)` : this.ascii}</dd></div>
        <div><dt>${msg('Mode', { id: 'domain.mode' })}</dt><dd>${modeLabel(data.mode!)}</dd></div>
        <div><dt>${msg('Microsoft 365 tenant ID', { id: 'wizard.summary.ms365' })}</dt>
          <dd>${data.ms365TenantId.trim() || msg('none', { id: 'wizard.summary.none' })}</dd></div>
        <div><dt>${msg('Services', { id: 'wizard.step.services' })}</dt>
          <dd><ul>${booked.map((code) => html`<li>${serviceLabel(code)} <span class="code">${code}</span></li>`)}</ul></dd></div>
        ${this.needsGina
          ? html`<div><dt>${msg('GINA host', { id: 'gina.legend' })}</dt><dd class="code">${ginaHostOf(data.gina, this.ascii)}</dd></div>`
          : nothing}
      </dl>
      ${renderPricePreview(booked, loaded.catalog.services, loaded.tenant.currency, this.caller.me!)}
      ${renderReasons('summary-reasons', this.serverAt('summary'))}`;
  }
}
