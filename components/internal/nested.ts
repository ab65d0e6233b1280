import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { type StaticValue, unsafeStatic } from 'lit/static-html.js';
import { defineOnce } from './define.js';
import { renderError } from './states.js';

/*
 * Our elements inside our elements, found by constructor rather than by a global tag name: a
 * template writes `<${lazy.tag}>` with lit/static-html's `html`, and the tag is the one our class
 * is registered under (`sepp-dns-guide` where a portal has a `dns-guide` of its own,
 * `acme-dns-guide` after `defineElements({ prefix: 'acme' })`). lit/static-html caches templates
 * by the tag's text, so a new static value per element costs nothing.
 */

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What `renderLoadState` shows. */
export interface LoadState {
  readonly status: LoadStatus;
  readonly error?: unknown;
  load(): Promise<void>;
}

/**
 * An element of ours that another loads when it is first needed (a dialog when it is first
 * opened, a DNS guide when a domain in provisioning is first shown), so that its code stays out
 * of what a page loads before the first row. `load()` imports the module (the class is taken
 * from it by name), registers the class as a define file would (prefix and fallback included)
 * and renders the host again; meanwhile `status` is `loading` (the host shows a busy state),
 * after a failed import it is `error` with the `error` (the host shows it with Retry, which
 * calls `load()` again). It needs no lifecycle of the host, only `requestUpdate`.
 */
export class LazyElement<M extends object> implements LoadState {
  status: LoadStatus = 'idle';
  error?: unknown;
  /** The registered tag, once loaded: for lit/static-html's `html`. */
  tag?: StaticValue;
  private loading?: Promise<void>;

  /**
   * @param name - the element's own tag, e.g. `offer-dialog`
   * @param importModule - `() => import('…/offer-dialog.component.js')`: a literal specifier, so that bundlers split it off
   * @param className - the class the module exports, e.g. `OfferDialog`
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly name: string,
    private readonly importModule: () => Promise<M>,
    private readonly className: keyof M & string,
  ) {}

  /** Loads and registers the element, once (again after a failure); resolves when it is ready or failed. */
  load(): Promise<void> {
    if (this.status === 'ready' || this.status === 'loading') return this.loading!;
    this.status = 'loading';
    this.error = undefined;
    this.host.requestUpdate();
    return (this.loading = this.importModule()
      .then(
        (module) => {
          this.tag = unsafeStatic(defineOnce(this.name, module[this.className] as CustomElementConstructor));
          this.status = 'ready';
        },
        (error: unknown) => {
          this.error = error;
          this.status = 'error';
        },
      )
      .finally(() => this.host.requestUpdate()));
  }
}

/** While an element loads, a polite status; when its code could not be loaded, the error panel (part `error`) with Retry. */
export function renderLoadState(element: LoadState, loading: string, failed: string): TemplateResult | typeof nothing {
  if (element.status === 'loading') return html`<p part="dialog-loading" class="notice" role="status">${loading}</p>`;
  if (element.status === 'error') return renderError(failed, element.error, () => void element.load());
  return nothing;
}
