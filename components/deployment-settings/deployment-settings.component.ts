import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { checkGinaHost } from '../../domain/rules.js';
import { ApiError } from '../api/client.js';
import { emit } from '../events.js';
import { type ReasonLike, reasonText } from '../i18n/reasons.js';
import { DialogElement, renderNotice, renderReasons } from '../internal/dialog-element.js';
import { ginaHostReasons, punycodeOf } from '../internal/domain-fields.js';
import { renderError, renderLoading } from '../internal/states.js';
import { styles } from './deployment-settings.styles.js';
import { displayName, displayNameWithAscii } from '../../domain/punycode.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, DeploymentSettingsSavedDetail, DialogCloseDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';

/**
 * @summary A domain's deployment settings: today the name of its GINA host, the web mail host
 * on which recipients open encrypted mail. Offered for a domain with SC-SIGENC while it is
 * confirmed or provisioning (the BFF refuses otherwise, and the dialog says why).
 *
 * A modal native `<dialog>`: open it with `open` or `show()`; Escape cancels, and the focus goes
 * back to where it was. The name is checked as it is typed, by the rules the BFF applies, and
 * its punycode form is shown when it differs. Saving sends `If-Match` with the settings'
 * `ETag`: when someone changed them meanwhile, the dialog says so and shows the current name.
 * A name another tenant uses, or one the rules refuse, is marked at the field.
 *
 * @fires deployment-settings-saved - The settings were saved; `detail: {domainId, ginaHost}`. The dialog closes.
 * @fires deployment-settings-close - The dialog closed, saved or not; `detail: {completed}`.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The form inside it.
 * @csspart header - The title area.
 * @csspart title - The dialog's heading.
 * @csspart intro - What the GINA host is and what changing it means.
 * @csspart body - The field and messages.
 * @csspart field - The label with its control and messages.
 * @csspart label - The field's label.
 * @csspart control - The GINA host name input.
 * @csspart host-check - The live checks of the name.
 * @csspart punycode - The punycode form, when it differs from what was typed.
 * @csspart host-ok - Shown when the name passes the checks.
 * @csspart reasons - A list of reasons against the name.
 * @csspart notice - A message about the whole dialog (changed meanwhile, not available, a refusal).
 * @csspart footer - The buttons.
 * @csspart cancel-button - Cancel (Close when nothing can be saved).
 * @csspart submit-button - Save.
 * @csspart loading - The loading message.
 * @csspart error - The panel when the settings could not be loaded, with its Retry button.
 *
 * @cssprop --sc-deployment-settings-width - The dialog's width.
 * @keyboard Enter - In the GINA host field, saves the name, as the dialog's main button does.
 * @keyboard Escape - Cancels: closes without saving, and the focus goes back to where it was.
 * @keyboard Tab - Moves between the dialog's controls only: the page behind is inert while the dialog is open.
 * @tagname deployment-settings
 */
@localized()
export class DeploymentSettings extends DialogElement {
  static override styles = styles;

  protected readonly closeEvent = 'deployment-settings-close';
  protected readonly action = 'deployment.settings';

  /** The domain whose settings are shown. */
  @property({ attribute: 'domain-id' }) domainId?: string;

  /** The domain's name (punycode), for the title and to refuse the domain itself as its GINA host. */
  @property({ attribute: 'domain-name' }) domainName?: string;

  @state() private ginaHost = '';
  /** Someone changed the settings meanwhile: the field shows the current ones now. */
  @state() private changedMeanwhile = false;

  private etag = '';

  private readonly loadTask = new Task(this, {
    task: ([client, domainId, open], { signal }) => (open && domainId ? client.deploymentSettings(domainId, signal) : undefined),
    args: () => [this.client, this.domainId, this.open] as const,
    onComplete: (loaded) => {
      if (!loaded) return;
      this.etag = loaded.etag;
      // The host in Unicode for people; the hint below shows the punycode that is saved.
      this.ginaHost = displayName(loaded.data.ginaHost ?? '');
    },
  });

  private readonly saveTask = this.sendTask(
    (domainId: string, ginaHost: string, etag: string) => this.client.saveDeploymentSettings(domainId, { ginaHost }, etag),
    (saved) => emit(this, 'deployment-settings-saved', { domainId: this.domainId!, ginaHost: saved.data.ginaHost ?? '' }),
  );

  protected reset(): void {
    this.ginaHost = '';
    this.changedMeanwhile = false;
  }

  protected override refused(error: unknown): void {
    if (error instanceof ApiError && error.status === 412) {
      this.changedMeanwhile = true;
      this.serverReasons = [];
      this.advice = undefined;
      this.attempted = false;
      void this.loadTask.run().then(() => this.focusWhenShown('#gina-host'));
      return;
    }
    super.refused(error);
  }

  /** The reasons against the name as typed (once something is typed or saving was tried), and the server's. */
  private hostReasons(): ReasonLike[] {
    const typed = this.ginaHost.trim() !== '' || this.attempted ? ginaHostReasons({ kind: 'custom', host: this.ginaHost }, this.domainName ?? '') : [];
    return [...typed, ...this.server('ginaHost')];
  }

  private submit(): void {
    this.attempted = true;
    this.changedMeanwhile = false;
    if (this.hostReasons().length > 0) {
      this.focusWhenShown('[aria-invalid="true"]');
      return;
    }
    if (!this.domainId || this.saveTask.status === TaskStatus.PENDING) return;
    this.advice = undefined;
    void this.saveTask.run([this.domainId, checkGinaHost(this.ginaHost).ascii!, this.etag]);
  }

  override render(): TemplateResult {
    const editable = this.loadTask.value !== undefined && this.loadTask.status !== TaskStatus.ERROR;
    return this.renderDialog({
      title: this.domainName
        ? msg(str`Deployment settings of ${displayNameWithAscii(this.domainName)}`, { id: 'deployment-settings.title-domain' })
        : msg('Deployment settings', { id: 'deployment-settings.title' }),
      describedBy: 'intro',
      meta: html`<p part="intro" class="muted" id="intro">
        ${msg('Recipients open encrypted mail on the GINA host. Its name decides two DNS records you publish: its CNAME and the CNAME of _acme-challenge in front of it. Domains of one tenant may share a GINA host.', { id: 'deployment-settings.intro' })}
      </p>`,
      body: () => this.renderBody(),
      onSubmit: () => this.allowed && editable && this.submit(),
      footer: editable
        ? this.renderFooter({ submit: msg('Save', { id: 'common.save' }), task: this.saveTask })
        : this.renderCancelButton(msg('Close', { id: 'common.close' })),
    });
  }

  private renderBody(): TemplateResult {
    const gate = this.renderGate(msg('Your role does not allow changing deployment settings.', { id: 'deployment-settings.forbidden' }));
    if (gate) return gate;
    if (this.loadTask.status === TaskStatus.ERROR) return this.renderLoadError(this.loadTask.error);
    // While the settings load again after a conflict, the form stays.
    if (!this.loadTask.value)
      return renderLoading(msg('Loading deployment settings…', { id: 'deployment-settings.loading' }));
    return html`${this.changedMeanwhile
        ? renderNotice(msg('Someone changed these settings meanwhile. The field now shows the current GINA host: check it, make your change again and save.', { id: 'deployment-settings.conflict' }), 'info')
        : nothing}
      ${this.advice ? renderNotice(this.advice) : nothing}
      ${this.renderHostField()}
      ${renderReasons('other-reasons', this.serverOther('ginaHost'))}`;
  }

  private renderLoadError(error: unknown): TemplateResult {
    // The BFF's refusal names why the settings are not offered: say it in the locale.
    if (error instanceof ApiError && error.status === 422 && error.errors.length > 0) return renderNotice(error.errors.map(reasonText).join(' '));
    return renderError(msg('The deployment settings could not be loaded.', { id: 'deployment-settings.load-error' }), error, () => void this.loadTask.run());
  }

  private renderHostField(): TemplateResult {
    const reasons = this.hostReasons();
    const invalid = this.attempted && reasons.length > 0;
    const punycode = this.ginaHost.includes('*') ? undefined : punycodeOf(this.ginaHost);
    return html`<div part="field" class="field">
      <label part="label" for="gina-host">${msg('GINA host name', { id: 'deployment-settings.gina-host' })}</label>
      <input part="control" id="gina-host" name="ginaHost" type="text" autocomplete="off" autocapitalize="off" spellcheck="false"
        data-autofocus aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="host-check"
        .value=${live(this.ginaHost)} @input=${(e: InputEvent) => {
          this.ginaHost = (e.target as HTMLInputElement).value;
          this.clearServer('ginaHost');
        }} />
      <div id="host-check" part="host-check" aria-live="polite">
        ${punycode
          ? html`<p part="punycode" class="hint">${msg('Saved as', { id: 'deployment-settings.punycode' })} <span class="code">${punycode}</span></p>`
          : nothing}
        ${reasons.length === 0 && this.ginaHost.trim() !== ''
          ? html`<p part="host-ok" class="hint">${msg('The name follows the rules; saving checks that no other tenant uses it.', { id: 'deployment-settings.host-ok' })}</p>`
          : renderReasons('gina-reasons', reasons)}
      </div>
    </div>`;
  }
}
