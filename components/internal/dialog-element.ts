import { msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { type Action, can } from '../../domain/roles.js';
import { ApiElement } from '../api/api-element.js';
import type { ProblemReason } from '../api/client.js';
import { type DialogCloseEventName, emit } from '../events.js';
import { type ReasonLike, reasonText } from '../i18n/reasons.js';
import { Caller } from './caller.js';
import { ModalController } from './modal-controller.js';
import { renderError, renderLoading } from './states.js';
import { SubmissionController } from './submission-controller.js';

export { type Refusal, refusalOf } from './submission-controller.js';

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

  @query('dialog') protected dialog!: HTMLDialogElement;

  /** The modal behaviour: showModal and close, focus, Escape (first of the controllers, as `willUpdate` was). */
  protected readonly modal = new ModalController(this, {
    dialog: () => this.dialog,
    opening: () => {
      this.submission.reset();
      this.reset();
    },
    closed: (completed) => emit(this, this.closeEvent, { completed }),
    cancel: () => this.hide(),
  });

  /** The submissions: the refusal by field and advice, one Idempotency-Key per body. */
  protected readonly submission = new SubmissionController(this);

  /** Who is asking, loaded while the dialog is open. */
  protected readonly caller = new Caller(this, () => this.client, () => this.open);

  /** Whether the person tried to submit: from then on, problems are marked. */
  protected get attempted(): boolean {
    return this.submission.attempted;
  }
  protected set attempted(value: boolean) {
    this.submission.attempted = value;
  }

  /** The reasons of the BFF's last refusal; each is dropped when its field changes. */
  protected get serverReasons(): ProblemReason[] {
    return this.submission.reasons;
  }
  protected set serverReasons(value: ProblemReason[]) {
    this.submission.reasons = value;
  }

  /** What happened and what to do, for a refusal that names no field. */
  protected get advice(): string | undefined {
    return this.submission.advice;
  }
  protected set advice(value: string | undefined) {
    this.submission.advice = value;
  }

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

  /** Focuses the first of `selectors` that matches, after the next render or as soon as one does. */
  protected focusWhenShown(...selectors: string[]): void {
    this.modal.focusWhenShown(...selectors);
  }

  /** Closes the dialog, gives the focus back and fires the close event. */
  protected close(completed: boolean): void {
    this.modal.close(completed);
  }

  /** Whether the caller may do what the dialog does (false while the caller is loading). */
  protected get allowed(): boolean {
    const me = this.caller.me;
    return me !== undefined && can(me, this.action);
  }

  /** The server's reasons about these fields. */
  protected server(...paths: string[]): ProblemReason[] {
    return this.submission.at(...paths);
  }

  /** The server's reasons about no field of the dialog's own. */
  protected serverOther(...ownPaths: string[]): ProblemReason[] {
    return this.submission.other(...ownPaths);
  }

  /** Forgets the server's reasons about a field that has just changed. */
  protected clearServer(...paths: string[]): void {
    this.submission.clear(...paths);
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
    this.submission.refuse(error);
    this.focusWhenShown('[aria-invalid="true"]');
  }

  /** One key per distinct submission: a retry of the same body may be answered from the first try. */
  protected idempotencyKeyFor(body: unknown): string {
    return this.submission.keyFor(body);
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
      aria-describedby=${describedBy ?? nothing} @cancel=${this.modal.onCancel} @close=${this.modal.onClose}>
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
