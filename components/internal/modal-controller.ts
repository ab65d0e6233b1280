import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The element with the focus, looking into shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** An element with an `open` property that renders a native `<dialog>`. */
export interface ModalHost extends ReactiveControllerHost {
  open: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface ModalOptions {
  /** The rendered `<dialog>`. */
  dialog: () => HTMLDialogElement | null | undefined;
  /** Called before each opening renders: forget what the last one entered. */
  opening?: () => void;
  /** Called once the dialog closed and the focus went back: fire the close event here. */
  closed: (completed: boolean) => void;
  /** The way of Cancel, which Escape takes too; closes without completing by default. */
  cancel?: () => void;
  /** What to focus first when the dialog opens, the first that matches, as soon as one is rendered. */
  initialFocus?: readonly string[];
}

/**
 * The modal behaviour of a dialog element: `showModal()` and `close()` follow the host's
 * `open`; the element that had the focus when it opened gets it back on closing; Escape takes
 * the way of Cancel; `focusWhenShown` focuses a control as soon as it is rendered (data may
 * still be loading). Bind `onCancel` and `onClose` to the `<dialog>`'s `cancel` and `close`.
 */
export class ModalController implements ReactiveController {
  private trigger: HTMLElement | null = null;
  /** Selectors to focus, the first that matches, as soon as one is rendered. */
  private pendingFocus?: readonly string[];

  constructor(private readonly host: ModalHost, private readonly options: ModalOptions) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.host.open && !this.options.dialog()?.open) {
      this.trigger = deepActiveElement();
      this.options.opening?.();
    }
  }

  hostUpdated(): void {
    const dialog = this.options.dialog();
    if (dialog) {
      if (this.host.open && !dialog.open) {
        dialog.showModal();
        this.focusWhenShown(...(this.options.initialFocus ?? ['[autofocus]', '[data-autofocus]']));
      } else if (!this.host.open && dialog.open) {
        dialog.close();
      }
    }
    if (this.pendingFocus) {
      const target = this.pendingFocus.map((s) => this.host.renderRoot.querySelector<HTMLElement>(s)).find((t) => t !== null);
      if (target) {
        this.pendingFocus = undefined;
        target.focus();
      }
    }
  }

  /** Focuses the first of `selectors` that matches, after the next render or as soon as one does. */
  focusWhenShown(...selectors: string[]): void {
    this.pendingFocus = selectors;
    this.host.requestUpdate();
  }

  /** Closes the dialog, gives the focus back and calls `closed`. */
  close(completed: boolean): void {
    if (!this.host.open) return;
    this.host.open = false;
    // Leave the modal state now, so that the focus can go back to the trigger.
    const dialog = this.options.dialog();
    if (dialog?.open) dialog.close();
    if (this.trigger?.isConnected) this.trigger.focus();
    this.options.closed(completed);
  }

  /** For the `<dialog>`'s `close`: it comes a task later, by then the dialog may be open again. */
  readonly onClose = (): void => {
    if (!this.options.dialog()?.open) this.close(false);
  };

  /** For the `<dialog>`'s `cancel`: Escape takes the same way out as the Cancel button. */
  readonly onCancel = (event: Event): void => {
    event.preventDefault();
    if (this.options.cancel) this.options.cancel();
    else this.close(false);
  };
}
