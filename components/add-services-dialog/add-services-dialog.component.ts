import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ManagedDomain } from '../../domain/api.js';
import type { ServiceCode } from '../../domain/catalog.js';
import { isActive } from '../../domain/lifecycle.js';
import type { NewServices } from '../api/client.js';
import { emit } from '../events.js';
import { formatList } from '../i18n/format.js';
import type { ReasonLike } from '../i18n/reasons.js';
import { DialogElement, renderNotice, renderReasons } from '../internal/dialog-element.js';
import { type GinaChoice, ginaHostOf, ginaHostReasons, renderGinaHostField } from '../internal/domain-fields.js';
import { type ChoiceInput, serviceChoice, toggleService } from '../internal/service-choice.js';
import { renderServiceOptions } from '../internal/service-options.js';
import { styles } from './add-services-dialog.styles.js';
import { displayName } from '../../domain/punycode.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, DialogCloseDetail, ServicesAddedDetail } from '../events.js';
export type { ManagedDomain } from '../../domain/api.js';
export type { TokenGetter } from '../api/transport.js';

/**
 * @summary Books more services on a domain: every service not active on it, those that can be
 * booked now as checkboxes (choosing one adds what it requires), the others disabled with the
 * reason, from the same rules the BFF applies. Sign+encrypt on a domain without a GINA host
 * asks for one.
 *
 * A modal native `<dialog>`: open it with `open` or `show()`; Escape cancels, and the focus
 * goes back to where it was.
 *
 * @fires services-added - The services were ordered; `detail: {domain}` as it is now. The dialog closes.
 * @fires add-services-dialog-close - The dialog closed, ordered or not; `detail: {completed}`.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The form inside it.
 * @csspart header - The title area.
 * @csspart title - The dialog's heading.
 * @csspart body - The services and the GINA host.
 * @csspart services - The list of service checkboxes.
 * @csspart service - A service's checkbox, label and note; also `service-unavailable`.
 * @csspart service-note - Why a service is ticked or unavailable.
 * @csspart choice - A checkbox or radio button with its label and hint.
 * @csspart announcement - What choosing a service added besides.
 * @csspart gina-hosts - The GINA host choices.
 * @csspart field - A label with its control.
 * @csspart label - A label or a group's legend.
 * @csspart control - A text input.
 * @csspart reasons - A list of reasons against an entry.
 * @csspart notice - A message about the whole dialog (a refusal, a missing right, nothing to book).
 * @csspart footer - The buttons.
 * @csspart cancel-button - Cancel.
 * @csspart submit-button - Order services.
 * @csspart loading - The loading message.
 * @csspart error - The panel when the caller could not be loaded.
 *
 * @cssprop --sc-add-services-dialog-width - The dialog's width.
 * @keyboard Space - On a service's checkbox, chooses it (with what it requires) or drops it.
 * @keyboard Enter - In a field, books the chosen services, as the dialog's main button does.
 * @keyboard Escape - Cancels: closes without booking, and the focus goes back to where it was.
 * @keyboard Tab - Moves between the dialog's controls only: the page behind is inert while the dialog is open.
 * @tagname add-services-dialog
 */
@localized()
export class AddServicesDialog extends DialogElement {
  static override styles = styles;

  protected readonly closeEvent = 'add-services-dialog-close';
  protected readonly action = 'services.add';

  /** The domain that gets the services, with the services booked on it. */
  @property({ attribute: false }) domain?: ManagedDomain;

  /** The tenant's country (ISO 3166-1 alpha-2): SC-HIN is for Switzerland only. */
  @property() country = '';

  /** The tenant's GINA hosts, offered for sharing when sign+encrypt needs one. */
  @property({ attribute: false }) ginaHosts: string[] = [];

  @state() private chosen: ServiceCode[] = [];
  @state() private gina: GinaChoice = { kind: 'default' };
  @state() private announcement = '';

  private readonly orderTask = this.sendTask(
    (domainId: string, body: NewServices) => this.client.addServices(domainId, body, this.idempotencyKeyFor(body)),
    (domain) => emit(this, 'services-added', { domain }),
  );

  protected reset(): void {
    this.chosen = [];
    this.gina = { kind: 'default' };
    this.announcement = '';
  }

  private get input(): ChoiceInput | undefined {
    const domain = this.domain;
    if (!domain) return undefined;
    const active = domain.services.filter((s) => isActive(s.status)).map((s) => s.code);
    return { mode: domain.mode, active, chosen: this.chosen, country: this.country };
  }

  private needsGina(added: readonly ServiceCode[]): boolean {
    return added.includes('SC-SIGENC') && !this.domain?.ginaHost;
  }

  private serviceProblems(added: readonly ServiceCode[]): ReasonLike[] {
    if (!this.attempted) return [];
    const none = added.length === 0 ? [{ path: 'services', message: msg('Choose at least one service.', { id: 'add-services.none-chosen' }) }] : [];
    return [...none, ...this.server('services')];
  }

  private toggle(code: ServiceCode, on: boolean): void {
    const { chosen, alsoAdded } = toggleService(this.input!, code, on);
    this.chosen = chosen;
    this.clearServer('services');
    this.announcement = alsoAdded.length ? msg(str`Also added, as ${code} requires them: ${formatList(alsoAdded)}.`, { id: 'wizard.also-added' }) : '';
  }

  private submit(): void {
    const domain = this.domain;
    if (!domain || this.orderTask.status === TaskStatus.PENDING) return;
    this.attempted = true;
    const { added } = serviceChoice(this.input!);
    const gina = this.needsGina(added);
    if (this.serviceProblems(added).length > 0 || (gina && [...ginaHostReasons(this.gina, domain.name), ...this.server('ginaHost')].length > 0)) {
      this.focusWhenShown('[aria-invalid="true"]');
      return;
    }
    this.advice = undefined;
    void this.orderTask.run([domain.id, { services: added, ...(gina ? { ginaHost: ginaHostOf(this.gina, domain.name) } : {}) }]);
  }

  override render(): TemplateResult {
    return this.renderDialog({
      title: msg(str`Add services to ${displayName(this.domain?.name ?? '')}`, { id: 'add-services.title' }),
      body: () => this.renderBody(),
      onSubmit: () => this.allowed && this.submit(),
      footer: this.renderFooter({ submit: msg('Order services', { id: 'add-services.submit' }), task: this.orderTask }),
    });
  }

  private renderBody(): TemplateResult {
    const gate = this.renderGate(msg('Your role does not allow adding services.', { id: 'add-services.forbidden' }), this.domain !== undefined);
    if (gate) return gate;
    const domain = this.domain!;
    const choice = serviceChoice(this.input!);
    const open = choice.options.filter((o) => o.state.kind === 'available' || o.state.kind === 'chosen' || o.state.kind === 'required');
    return html`${this.advice ? renderNotice(this.advice) : nothing}
      ${open.length === 0 && this.chosen.length === 0
        ? renderNotice(msg('Nothing more can be booked on this domain now; the reasons are listed with each service.', { id: 'add-services.nothing' }), 'info')
        : nothing}
      ${renderServiceOptions({
        options: choice.options,
        mode: domain.mode,
        problems: this.serviceProblems(choice.added),
        onToggle: (code, on) => this.toggle(code, on),
      })}
      <p part="announcement" class="hint" role="status">${this.announcement}</p>
      ${this.needsGina(choice.added)
        ? renderGinaHostField({
            domainAscii: domain.name,
            existing: this.ginaHosts,
            choice: this.gina,
            attempted: this.attempted,
            serverReasons: this.server('ginaHost'),
            onChange: (gina) => {
              this.gina = gina;
              this.clearServer('ginaHost');
            },
          })
        : nothing}
      ${renderReasons('other-reasons', this.serverOther('services', 'ginaHost'))}`;
  }
}
