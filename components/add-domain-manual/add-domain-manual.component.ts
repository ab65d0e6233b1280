import { localized, msg } from '../i18n/localization.js';
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Mode } from '../../domain/catalog.js';
import { checkDomainName } from '../../domain/rules.js';
import type { NewDomain } from '../api/client.js';
import { emit } from '../events.js';
import type { ReasonLike } from '../i18n/reasons.js';
import { DialogElement, renderNotice, renderReasons } from '../internal/dialog-element.js';
import { domainNameReasons, renderDomainNameField, renderModeField } from '../internal/domain-fields.js';
import { styles } from './add-domain-manual.styles.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, DialogCloseDetail, DomainAddedDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';

/**
 * @summary The expert's way to add a domain: its name and mode alone. The BFF books the base
 * service SC-SERVICE and checks nothing else; further services are added afterwards.
 *
 * A modal native `<dialog>`: open it with `open` or `show()`; Escape cancels, and the focus
 * goes back to where it was.
 *
 * @fires domain-added - The domain was added; `detail: {tenantId, domain}`. The dialog closes.
 * @fires add-domain-manual-close - The dialog closed, added or not; `detail: {completed}`.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The form inside it.
 * @csspart header - The title area.
 * @csspart title - The dialog's heading.
 * @csspart intro - What the manual add books.
 * @csspart body - The fields.
 * @csspart field - A label with its control and messages.
 * @csspart label - A field's label or a group's legend.
 * @csspart control - The domain name input.
 * @csspart name-check - The live checks of the domain name.
 * @csspart punycode - The punycode form, when it differs from what was typed.
 * @csspart name-ok - Shown when the name passes the checks.
 * @csspart modes - The group of mode radio buttons.
 * @csspart choice - A mode's radio button with its label and sentence.
 * @csspart reasons - A list of reasons against an entry.
 * @csspart notice - A message about the whole dialog (a refusal, a missing right).
 * @csspart footer - The buttons.
 * @csspart cancel-button - Cancel.
 * @csspart submit-button - Add domain.
 * @csspart loading - The loading message.
 * @csspart error - The panel when the caller could not be loaded.
 *
 * @cssprop --sc-add-domain-manual-width - The dialog's width.
 * @keyboard Enter - In a field, adds the domain, as the dialog's main button does.
 * @keyboard Escape - Cancels: closes without adding the domain, and the focus goes back to where it was.
 * @keyboard Tab - Moves between the dialog's controls only: the page behind is inert while the dialog is open.
 * @tagname add-domain-manual
 */
@localized()
export class AddDomainManual extends DialogElement {
  static override styles = styles;

  protected readonly closeEvent = 'add-domain-manual-close';
  protected readonly action = 'domain.add';

  /** The tenant that gets the domain. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  @state() private name = '';
  @state() private mode?: Mode;

  private readonly addTask = this.sendTask(
    (tenantId: string, body: NewDomain) => this.client.addDomain(tenantId, body, this.idempotencyKeyFor(body)),
    (domain) => emit(this, 'domain-added', { tenantId: this.tenantId!, domain }),
  );

  protected reset(): void {
    this.name = '';
    this.mode = undefined;
  }

  private modeReasons(): ReasonLike[] {
    if (!this.attempted) return [];
    return [...(this.mode ? [] : [{ path: 'mode', message: msg('Choose how mail reaches seppmail.cloud.', { id: 'wizard.mode-required' }) }]), ...this.server('mode')];
  }

  private submit(): void {
    this.attempted = true;
    if (domainNameReasons(this.name).length > 0 || this.server('name').length > 0 || this.modeReasons().length > 0) {
      this.focusWhenShown('[aria-invalid="true"]');
      return;
    }
    if (this.addTask.status === TaskStatus.PENDING || !this.tenantId) return;
    this.advice = undefined;
    void this.addTask.run([this.tenantId, { name: checkDomainName(this.name).ascii!, mode: this.mode! }]);
  }

  override render(): TemplateResult {
    return this.renderDialog({
      title: msg('Add domain manually', { id: 'manual.title' }),
      meta: html`<p part="intro" class="muted">${msg('For experts: books the base service SC-SERVICE alone; add the other services afterwards.', { id: 'manual.intro' })}</p>`,
      body: () => this.renderBody(),
      onSubmit: () => this.allowed && this.submit(),
      footer: this.renderFooter({ submit: msg('Add domain', { id: 'manual.submit' }), task: this.addTask }),
    });
  }

  private renderBody(): TemplateResult {
    const gate = this.renderGate(msg('Your role does not allow adding domains.', { id: 'wizard.forbidden' }));
    if (gate) return gate;
    return html`${this.advice ? renderNotice(this.advice) : nothing}
      ${renderDomainNameField({
        value: this.name,
        attempted: this.attempted,
        serverReasons: this.server('name'),
        onInput: (value) => {
          this.name = value;
          this.clearServer('name');
        },
      })}
      ${renderModeField({
        value: this.mode,
        reasons: this.modeReasons(),
        onChange: (mode) => {
          this.mode = mode;
          this.clearServer('mode');
        },
      })}
      ${renderReasons('other-reasons', this.serverOther('name', 'mode'))}`;
  }
}
