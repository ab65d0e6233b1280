import { msg } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { type Action, can } from '../../domain/roles.js';
import { ApiElement } from '../api/api-element.js';
import { ApiError, type ProblemReason } from '../api/client.js';
import { type DialogCloseEventName, emit } from '../events.js';
import { type ReasonLike, reasonText } from '../i18n/reasons.js';
import { Caller } from './caller.js';
import { errorAdvice, renderError, renderLoading } from './states.js';

/** What a refused submission left to show: the reasons by field, or one message with advice. */
export interface Refusal {
  reasons: ProblemReason[];
  /** For refusals that name no rule (403, 404, 5xx, network): what happened and what to do. */
  advice?: string;
}

/** Reads any error a submission may throw; 400, 409 and 422 carry reasons, the rest advice. */
export function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiError && [400, 409, 422].includes(error.status) && error.errors.length > 0) return { reasons: error.errors };
  const { summary, next, requestId } = errorAdvice(error);
  return { reasons: [], advice: [summary, next, requestId ? `(${requestId})` : ''].filter(Boolean).join(' ') };
}

/** The element with the focus, looking into shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * The base of the ordering dialogs: a modal native `<dialog>` opened by `open` or `show()`,
 * labelled by its `#title`; Escape takes the way of Cancel; closing gives the focus back to
 * the element that had it when the dialog opened, then fires the element's close event so
 * that a host may move it elsewhere. It loads the caller to offer the dialog's action only to
 * those who may; each distinct submission gets its own Idempotency-Key; a refusal's reasons
 * are kept by field (`path`) for the dialog to show where they belong.
 */
export abstract class DialogElement extends ApiElement {
  /** Whether the dialog is open; set it, or call `show()` and `hide()`. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The event fired when the dialog closes; `detail: {completed}`. */
  protected abstract readonly closeEvent: DialogCloseEventName;

  /** What the dialog does, for `can(me, action)`. */
  protected abstract readonly action: Action;

  /** Whether the person tried to submit: from then on, problems are marked. */
  @state() protected attempted = false;
  /** The reasons of the BFF's last refusal; each is dropped when its field changes. */
  @state() protected serverReasons: ProblemReason[] = [];
  /** What happened and what to do, for a refusal that names no field. */
  @state() protected advice?: string;

  /** Who is asking, loaded while the dialog is open. */
  protected readonly caller = new Caller(this, () => this.client, () => this.open);

  @query('dialog') protected dialog!: HTMLDialogElement;

  private trigger: HTMLElement | null = null;
  private submission?: { body: string; key: string };
  /** Selectors to focus, the first that matches, as soon as one is rendered (data may still be loading). */
  private pendingFocus?: string[];

  /** Opens the dialog. */
  show(): void {
    this.open = true;
  }

  /** Closes the dialog without ordering, as Cancel and Escape do. */
  hide(): void {
    this.close(false);
  }

  /** Called before each opening renders: forget what the last one entered. */
  protected abstract reset(): void;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('open') && this.open && !this.dialog?.open) {
      this.trigger = deepActiveElement();
      this.submission = undefined;
      this.attempted = false;
      this.serverReasons = [];
      this.advice = undefined;
      this.reset();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('open')) {
      if (this.open && !this.dialog.open) {
        this.dialog.showModal();
        this.focusWhenShown('[autofocus], [data-autofocus]');
      } else if (!this.open && this.dialog.open) {
        this.dialog.close();
      }
    }
    if (this.pendingFocus) {
      const target = this.pendingFocus.map((s) => this.renderRoot.querySelector<HTMLElement>(s)).find((t) => t !== null);
      if (target) {
        this.pendingFocus = undefined;
        target.focus();
      }
    }
  }

  /** Focuses the first of `selectors` that matches, after the next render or as soon as one does. */
  protected focusWhenShown(...selectors: string[]): void {
    this.pendingFocus = selectors;
    this.requestUpdate();
  }

  /** Closes the dialog, gives the focus back and fires the close event. */
  protected close(completed: boolean): void {
    if (!this.open) return;
    this.open = false;
    // Leave the modal state now, so that the focus can go back to the trigger.
    if (this.dialog.open) this.dialog.close();
    if (this.trigger?.isConnected) this.trigger.focus();
    emit(this, this.closeEvent, { completed });
  }

  /** Whether the caller may do what the dialog does (false while the caller is loading). */
  protected get allowed(): boolean {
    const me = this.caller.me;
    return me !== undefined && can(me, this.action);
  }

  /** The server's reasons about these fields. */
  protected server(...paths: string[]): ProblemReason[] {
    return this.serverReasons.filter((r) => paths.includes(r.path));
  }

  /** The server's reasons about no field of the dialog's own. */
  protected serverOther(...ownPaths: string[]): ProblemReason[] {
    return this.serverReasons.filter((r) => !ownPaths.includes(r.path));
  }

  /** Forgets the server's reasons about a field that has just changed. */
  protected clearServer(...paths: string[]): void {
    this.serverReasons = this.serverReasons.filter((r) => !paths.includes(r.path));
  }

  /**
   * The task that sends the order (run it with its arguments): on success `done` fires the
   * element's event and the dialog closes; a refusal goes to `refused`.
   */
  protected sendTask<A extends readonly unknown[], R>(send: (...args: A) => Promise<R>, done: (result: R) => void): Task<A, R> {
    return new Task<A, R>(this, {
      autoRun: false,
      task: (args) => send(...args),
      onComplete: (result) => {
        done(result);
        this.close(true);
      },
      onError: (error) => this.refused(error),
    });
  }

  /** Shows a refusal: the reasons at their fields, the focus on the first one marked. */
  protected refused(error: unknown): void {
    ({ reasons: this.serverReasons, advice: this.advice } = refusalOf(error));
    this.attempted = true;
    this.focusWhenShown('[aria-invalid="true"]');
  }

  /** One key per distinct submission: a retry of the same body may be answered from the first try. */
  protected idempotencyKeyFor(body: unknown): string {
    const json = JSON.stringify(body);
    if (this.submission?.body !== json) this.submission = { body: json, key: crypto.randomUUID() };
    return this.submission.key;
  }

  /** The native close event comes a task later: by then the dialog may be open again. */
  private onClose(): void {
    if (!this.dialog.open) this.close(false);
  }

  private onCancel(event: Event): void {
    // Escape takes the same way out as the Cancel button.
    event.preventDefault();
    this.hide();
  }

  /**
   * The dialog with its header, body and footer; `body` renders only while it is open. Header
   * and footer are plain blocks: as `<header>` and `<footer>` several dialogs on a page would
   * be several banner and contentinfo landmarks.
   */
  protected renderDialog({ title, meta, body, footer, onSubmit, alert = false, describedBy }: {
    title: string;
    /** The id of the text that says what an alert dialog asks. */
    describedBy?: string;
    meta?: TemplateResult | typeof nothing;
    body: () => TemplateResult | typeof nothing;
    footer: TemplateResult;
    onSubmit: () => void;
    alert?: boolean;
  }): TemplateResult {
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      onSubmit();
    };
    return html`<dialog part="dialog" role=${alert ? 'alertdialog' : nothing} aria-labelledby="title"
      aria-describedby=${describedBy ?? nothing} @cancel=${this.onCancel} @close=${this.onClose}>
      <form part="form" novalidate @submit=${submit}>
        <div part="header" class="header">
          <h2 id="title" part="title">${title}</h2>
          ${meta ?? nothing}
        </div>
        <div part="body">${this.open ? body() : nothing}</div>
        <div part="footer" class="footer">${footer}</div>
      </form>
    </dialog>`;
  }

  /** Cancel (or the label given), or Close when the caller may not act here. */
  protected renderCancelButton(label?: string): TemplateResult {
    return html`<button part="cancel-button" class="button" type="button" @click=${() => this.hide()}>
      ${this.allowed ? (label ?? msg('Cancel', { id: 'common.cancel' })) : msg('Close', { id: 'common.close' })}
    </button>`;
  }

  /** Cancel, and the submit button for those who may act, disabled while the order is sent. */
  protected renderFooter({ submit, task, part = 'submit-button', danger = false, cancel }: {
    submit: string;
    task: Task<readonly unknown[], unknown>;
    part?: string;
    danger?: boolean;
    cancel?: string;
  }): TemplateResult {
    return html`${this.renderCancelButton(cancel)}
      ${this.allowed
        ? html`<button part=${part} class="button ${danger ? 'danger' : 'primary'}" type="submit" ?disabled=${task.status === TaskStatus.PENDING}>${submit}</button>`
        : nothing}`;
  }

  /**
   * What the body shows until the dialog can be used: the caller's loading or its error, or
   * `forbidden` to a caller who may not act. Undefined once the dialog is ready.
   */
  protected renderGate(forbidden: string, ready = true): TemplateResult | undefined {
    if (this.caller.task.status === TaskStatus.ERROR)
      return renderError(msg('The service could not be reached.', { id: 'manual.load-error' }), this.caller.task.error, () => this.caller.task.run());
    if (!this.caller.me || !ready) return renderLoading(msg('Loading…', { id: 'wizard.loading' }));
    if (!this.allowed) return renderNotice(forbidden);
    return undefined;
  }
}

/** A list of reasons in the locale, to describe the control it belongs to. */
export function renderReasons(id: string, reasons: readonly ReasonLike[], part = 'reasons'): TemplateResult | typeof nothing {
  if (reasons.length === 0) return nothing;
  return html`<ul part=${part} class="reasons" id=${id}>${reasons.map((r) => html`<li>${reasonText(r)}</li>`)}</ul>`;
}

/** A message about the whole dialog: a refusal's advice, or a role-based refusal before anything. */
export function renderNotice(text: TemplateResult | string, tone: 'info' | 'error' = 'error'): TemplateResult {
  return html`<div part="notice" class="notice ${tone}" role=${tone === 'error' ? 'alert' : 'status'}>${text}</div>`;
}
