import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { type StaticValue, unsafeStatic } from 'lit/static-html.js';
import { defineOnce } from './define.js';
import { renderError } from './states.js';

/*
 * Our elements inside our elements, found by constructor rather than by a global tag name: a
 * template writes `<${nestedTag(DnsGuide, 'dns-guide')}>` with lit/static-html's `html`, and the
 * tag is the one our class is registered under (`sepp-dns-guide` where a portal has a `dns-guide`
 * of its own, `acme-dns-guide` after `defineElements({ prefix: 'acme' })`).
 */

const literals = new Map<string, StaticValue>();

/** A tag as a static value for lit/static-html, one per name (static templates cache by it). */
function literal(name: string): StaticValue {
  let value = literals.get(name);
  if (!value) literals.set(name, (value = unsafeStatic(name)));
  return value;
}

/**
 * The tag of our class `constructor` (registered, or registered here), as a static value for
 * lit/static-html's `html`. `tag` is its own name, used where nothing else is registered.
 */
export function nestedTag(constructor: CustomElementConstructor, tag: string): StaticValue {
  return literal(defineOnce(tag, constructor));
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * An element of ours that another loads when it is first needed (a dialog when it is first
 * opened, a DNS guide when a domain in provisioning is first shown), so that its code stays out
 * of what a page loads before the first row. `load()` imports the module (`import()` gives the
 * class), registers the class as a define file would (prefix and fallback included) and renders
 * the host again; meanwhile `status` is `loading` (the host shows a busy state), after a failed
 * import it is `error` with the `error` (the host shows it with Retry, which calls `load()` again).
 */
export class LazyElement<C extends CustomElementConstructor> implements ReactiveController {
  status: LoadStatus = 'idle';
  error?: unknown;
  /** The registered tag, once loaded: for lit/static-html's `html`. */
  tag?: StaticValue;
  private loading?: Promise<void>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly name: string,
    private readonly importClass: () => Promise<C>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get ready(): boolean {
    return this.status === 'ready';
  }

  /** Loads and registers the element, once (again after a failure); resolves when it is ready or failed. */
  load(): Promise<void> {
    if (this.status === 'ready' || this.status === 'loading') return this.loading!;
    this.status = 'loading';
    this.error = undefined;
    this.host.requestUpdate();
    this.loading = this.importClass().then(
      (constructor) => {
        this.tag = nestedTag(constructor, this.name);
        this.status = 'ready';
      },
      (error: unknown) => {
        this.error = error;
        this.status = 'error';
      },
    ).finally(() => this.host.requestUpdate());
    return this.loading;
  }
}

/** While an element loads, a polite status; when its code could not be loaded, the error with Retry. */
export function renderLoadState(element: LazyElement<CustomElementConstructor>, loading: string, failed: string): TemplateResult | typeof nothing {
  if (element.status === 'loading') return html`<p part="dialog-loading" class="notice" role="status">${loading}</p>`;
  if (element.status === 'error')
    return html`<div part="dialog-error">${renderError(failed, element.error, () => void element.load())}</div>`;
  return nothing;
}

