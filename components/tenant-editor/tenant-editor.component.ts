import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Me, NewTenant, Partner, Tenant, TenantDetails } from '../../domain/api.js';
import { can } from '../../domain/roles.js';
import { ApiElement } from '../api/api-element.js';
import { ApiError, type Versioned } from '../api/client.js';
import { emit } from '../events.js';
import { countryName, countryOptions } from '../i18n/format.js';
import { ModalController } from '../internal/modal-controller.js';
import { renderError, renderLoading } from '../internal/states.js';
import { SubmissionController } from '../internal/submission-controller.js';
import { styles } from './tenant-editor.styles.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, TenantEditorCloseDetail, TenantSavedDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';

type Draft = TenantDetails & { partnerId: string };
type Field = keyof Draft;

interface Loaded {
  me: Me;
  tenant?: Versioned<Tenant>;
  partners: Partner[];
}

const EMPTY_DRAFT: Draft = { name: '', email: '', phone: '', country: '', invoiceReference: '', partnerId: '' };

/** The last segment of a problem's `path` (`email`, `/email`, `body.email`), if it names a field. */
function fieldOf(path: string): Field | undefined {
  const last = path.split(/[./[\]]/).filter(Boolean).at(-1);
  return last !== undefined && last in EMPTY_DRAFT ? (last as Field) : undefined;
}

/**
 * @summary A dialog with a tenant's details (name, e-mail, phone, country, invoice reference):
 * editable for callers who may edit tenants, read-only for everyone else, or empty to add a
 * new tenant.
 *
 * Opens as a modal native `<dialog>`; focus moves to the first field, Escape cancels and
 * closing gives the focus back to the element that had it.
 * Saving sends `If-Match` with the tenant's `ETag`; when someone else changed the tenant
 * meanwhile the dialog says so and shows the current details.
 *
 * @fires tenant-saved - A tenant was added or its details were saved; `detail: {tenant, created}`.
 * @fires tenant-editor-close - The dialog closed, saved or not; `detail: {saved}`.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The form inside it.
 * @csspart header - The title area.
 * @csspart title - The dialog's heading.
 * @csspart meta - The tenant's ID, partner and region.
 * @csspart body - The fields and messages.
 * @csspart notice - A message about the whole form (conflict, refusal).
 * @csspart field - One label with its control and its error.
 * @csspart label - A field's label.
 * @csspart control - A field's input or select.
 * @csspart field-error - The message next to a refused field.
 * @csspart footer - The buttons.
 * @csspart cancel-button - Cancel (or Close when read-only).
 * @csspart save-button - Save.
 * @csspart loading - The loading message.
 * @csspart error - The panel shown when the details could not be loaded.
 *
 * @cssprop --sc-tenant-editor-width - The dialog's width.
 * @keyboard Enter - In a field, saves the tenant, as Save does (for those who may edit).
 * @keyboard Escape - Cancels: closes without saving, and the focus goes back to the element that had it.
 * @keyboard Tab - Moves between the dialog's controls only: the page behind is inert while the dialog is open.
 * @tagname tenant-editor
 */
@localized()
export class TenantEditor extends ApiElement {
  static override styles = styles;

  /** The tenant to show; when unset the dialog adds a new tenant. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  /** Whether the dialog is open; set it, or call `show()` and `hide()`. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Shows the details read-only even to a caller who may edit them. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  @state() private draft: Draft = { ...EMPTY_DRAFT };
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  @state() private notice?: { text: string; tone: 'info' | 'error' };

  @query('dialog') private dialog!: HTMLDialogElement;

  /** The modal behaviour shared with the ordering dialogs; the first field gets the focus once loaded. */
  private readonly modal = new ModalController(this, {
    dialog: () => this.dialog,
    opening: () => {
      this.fieldErrors = {};
      this.notice = undefined;
      this.submission.reset();
    },
    closed: (saved) => {
      this.saveTask.abort();
      emit(this, 'tenant-editor-close', { saved });
    },
    initialFocus: ['[data-field]'],
  });

  /** One Idempotency-Key per distinct new tenant; the refusals are read below, by field. */
  private readonly submission = new SubmissionController(this);

  private readonly loadTask = new Task(this, {
    task: async ([client, tenantId, open], { signal }): Promise<Loaded | undefined> => {
      if (!open) return undefined;
      const me = await client.me();
      const tenant = tenantId ? await client.tenant(tenantId, signal) : undefined;
      const partners = !tenantId && me.level === 'seppmail' ? await client.partners(signal) : [];
      return { me, tenant, partners };
    },
    args: () => [this.client, this.tenantId, this.open] as const,
    onComplete: (loaded) => {
      if (loaded) this.fill(loaded.tenant?.data);
    },
  });

  private readonly saveTask = new Task(this, {
    autoRun: false,
    task: async ([draft, etag]: readonly [Draft, string | undefined]): Promise<{ tenant: Tenant; created: boolean }> => {
      const details: TenantDetails = {
        name: draft.name.trim(),
        email: draft.email.trim(),
        phone: draft.phone.trim(),
        country: draft.country,
        invoiceReference: draft.invoiceReference?.trim() || null,
      };
      if (this.tenantId) {
        const saved = await this.client.updateTenant(this.tenantId, details, etag ?? '');
        return { tenant: saved.data, created: false };
      }
      const body: NewTenant = draft.partnerId ? { ...details, partnerId: draft.partnerId } : details;
      return { tenant: await this.client.addTenant(body, this.submission.keyFor(body)), created: true };
    },
    onComplete: (result) => {
      emit(this, 'tenant-saved', result);
      this.modal.close(true);
    },
    onError: (error) => this.refused(error),
  });

  /** Opens the dialog. */
  show(): void {
    this.open = true;
  }

  /** Closes the dialog without saving, as Cancel and Escape do. */
  hide(): void {
    this.modal.close(false);
  }

  private get loaded(): Loaded | undefined {
    return this.loadTask.value;
  }

  private get editable(): boolean {
    const me = this.loaded?.me;
    return !this.readonly && me !== undefined && can(me, this.tenantId ? 'tenant.edit' : 'tenant.add');
  }

  private fill(tenant?: Tenant): void {
    this.draft = tenant
      ? { ...tenant, invoiceReference: tenant.invoiceReference ?? '', partnerId: tenant.partnerId }
      : { ...EMPTY_DRAFT };
  }

  private refused(error: unknown): void {
    if (!(error instanceof ApiError)) {
      this.notice = { tone: 'error', text: error instanceof Error ? error.message : String(error) };
      return;
    }
    if (error.status === 412) {
      this.notice = {
        tone: 'info',
        text: msg('Someone changed this tenant meanwhile. The form now shows the current details: check them, make your change again and save.', { id: 'tenant-editor.conflict' }),
      };
      this.fieldErrors = {};
      this.loadTask.run();
      return;
    }
    const fieldErrors: Partial<Record<Field, string>> = {};
    const general: string[] = [];
    for (const { path, message } of error.errors) {
      const field = fieldOf(path);
      if (field) fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${message}` : message;
      else general.push(message);
    }
    this.fieldErrors = fieldErrors;
    const count = Object.keys(fieldErrors).length;
    this.notice = {
      tone: 'error',
      text: [count > 0 ? msg('The tenant was not saved. Correct the marked fields, then save again.', { id: 'tenant-editor.invalid' }) : error.detail ?? error.title, ...general].join(' '),
    };
    if (count > 0) this.modal.focusWhenShown('[aria-invalid="true"]');
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.editable || this.saveTask.status === TaskStatus.PENDING) return;
    this.notice = undefined;
    this.fieldErrors = {};
    void this.saveTask.run([this.draft, this.loaded?.tenant?.etag]);
  }

  private onInput(event: Event): void {
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    this.draft = { ...this.draft, [control.name]: control.value };
  }

  override render(): TemplateResult {
    return html`<dialog part="dialog" aria-labelledby="title" @cancel=${this.modal.onCancel} @close=${this.modal.onClose}>
      <form part="form" novalidate @submit=${this.onSubmit} @input=${this.onInput} @change=${this.onInput}>
        <header part="header">
          <h2 id="title" part="title">${this.heading()}</h2>
          ${this.renderMeta()}
        </header>
        <div part="body">${this.open ? this.renderBody() : nothing}</div>
        <footer part="footer">
          <button part="cancel-button" class="button" type="button" @click=${() => this.hide()}>
            ${this.editable ? msg('Cancel', { id: 'common.cancel' }) : msg('Close', { id: 'common.close' })}
          </button>
          ${this.editable
            ? html`<button part="save-button" class="button primary" type="submit" ?disabled=${this.saveTask.status === TaskStatus.PENDING}>
                ${this.tenantId ? msg('Save', { id: 'common.save' }) : msg('Add tenant', { id: 'tenant-editor.add' })}
              </button>`
            : nothing}
        </footer>
      </form>
    </dialog>`;
  }

  private heading(): string {
    const name = this.loaded?.tenant?.data.name;
    if (!this.tenantId) return msg('Add new tenant', { id: 'tenants.add' });
    if (!name) return msg('Tenant details', { id: 'tenant-editor.title' });
    return this.editable
      ? msg(str`Edit details of ${name}`, { id: 'tenants.edit' })
      : msg(str`Details of ${name}`, { id: 'tenant-editor.title-view' });
  }

  private renderMeta(): TemplateResult | typeof nothing {
    const tenant = this.loaded?.tenant?.data;
    if (!tenant) return nothing;
    return html`<p part="meta" class="muted">
      ${msg(str`ID ${tenant.id} · Partner ${tenant.partnerName} · Region ${tenant.region.toUpperCase()}`, { id: 'tenant-editor.meta' })}
    </p>`;
  }

  private renderBody(): TemplateResult {
    const notice = this.notice
      ? html`<p part="notice" class="notice ${this.notice.tone}" role="alert">${this.notice.text}</p>`
      : nothing;
    if (this.loadTask.status === TaskStatus.ERROR && !this.loaded)
      return renderError(msg('The tenant could not be loaded.', { id: 'tenant-editor.load-error' }), this.loadTask.error, () => this.loadTask.run());
    if (!this.loaded) return renderLoading(msg('Loading tenant details…', { id: 'tenant-editor.loading' }));
    if (!this.tenantId && !this.editable)
      return html`<p part="notice" class="notice error" role="alert">
        ${msg('Your role does not allow adding tenants.', { id: 'tenant-editor.add-forbidden' })}
      </p>`;
    return html`${notice}
      ${this.renderPartner()}
      ${this.renderField('name', msg('Name', { id: 'tenant.name' }), this.renderInput('name', 'text', 'organization'))}
      ${this.renderField('email', msg('E-mail', { id: 'tenant.email' }), this.renderInput('email', 'email', 'email'))}
      ${this.renderField('phone', msg('Phone', { id: 'tenant.phone' }), this.renderInput('phone', 'tel', 'tel'))}
      ${this.renderField('country', msg('Country', { id: 'tenant.country' }), this.renderCountry())}
      ${this.renderField('invoiceReference', msg('Invoice reference (optional)', { id: 'tenant.invoice-reference' }), this.renderInput('invoiceReference', 'text', 'off', false))}`;
  }

  private renderField(field: Field, label: string, control: TemplateResult): TemplateResult {
    const error = this.fieldErrors[field];
    return html`<div part="field" class="field">
      <label part="label" for=${field}>${label}</label>
      ${control}
      ${error ? html`<p part="field-error" class="field-error" id="${field}-error">${error}</p>` : nothing}
    </div>`;
  }

  /** The attributes every control shares: id, name, validity and its error's description. */
  private controlState(field: Field): { invalid: 'true' | 'false'; describedBy: string | typeof nothing } {
    const invalid = this.fieldErrors[field] !== undefined;
    return { invalid: invalid ? 'true' : 'false', describedBy: invalid ? `${field}-error` : nothing };
  }

  private renderInput(field: Exclude<Field, 'partnerId'>, type: string, autocomplete: string, required = true): TemplateResult {
    const { invalid, describedBy } = this.controlState(field);
    return html`<input part="control" data-field id=${field} name=${field} type=${type} autocomplete=${autocomplete}
      ?required=${required} ?readonly=${!this.editable} aria-invalid=${invalid} aria-describedby=${describedBy}
      .value=${live(this.draft[field] ?? '')} />`;
  }

  private renderCountry(): TemplateResult {
    const { invalid, describedBy } = this.controlState('country');
    const current = this.draft.country;
    if (!this.editable) {
      return html`<input part="control" data-field id="country" name="country" type="text" readonly
        aria-invalid=${invalid} aria-describedby=${describedBy} .value=${live(current ? `${countryName(current)} (${current})` : '')} />`;
    }
    const options = countryOptions(current);
    return html`<select part="control" data-field id="country" name="country" required autocomplete="country"
      aria-invalid=${invalid} aria-describedby=${describedBy} .value=${live(current)}>
      <option value="" ?selected=${!current}>${msg('Choose a country', { id: 'tenant.country-choose' })}</option>
      ${options.map(({ code, name }) => html`<option value=${code} ?selected=${code === current}>${name}</option>`)}
    </select>`;
  }

  private renderPartner(): TemplateResult | typeof nothing {
    const partners = this.loaded?.partners ?? [];
    if (this.tenantId || partners.length === 0) return nothing;
    const { invalid, describedBy } = this.controlState('partnerId');
    return this.renderField('partnerId', msg('Partner', { id: 'tenant.partner' }), html`<select part="control" data-field
      id="partnerId" name="partnerId" required aria-invalid=${invalid} aria-describedby=${describedBy} .value=${live(this.draft.partnerId)}>
      <option value="" ?selected=${!this.draft.partnerId}>${msg('Choose a partner', { id: 'tenant.partner-choose' })}</option>
      ${partners.map((p) => html`<option value=${p.id} ?selected=${p.id === this.draft.partnerId}>${p.name} (${p.id})</option>`)}
    </select>`);
  }
}
