/**
 * LazyElement, which loads an element of ours when it is first needed: a busy state while the
 * module loads, the error display with Retry when the import fails, and the element rendered by
 * the tag its class got once it is there.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, nothing } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { LazyElement, renderLoadState } from '../../components/internal/nested.js';
import { $, $$, shadow, text, until } from './helpers.js';

class LoadedThing extends HTMLElement {
  connectedCallback(): void {
    this.textContent = 'loaded';
  }
}

/** What the import answers next: a promise the test settles. */
let nextImport: { promise: Promise<typeof LoadedThing>; resolve(c: typeof LoadedThing): void; reject(e: unknown): void };
function arrange(): void {
  let resolve!: (c: typeof LoadedThing) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<typeof LoadedThing>((res, rej) => ((resolve = res), (reject = rej)));
  nextImport = { promise, resolve, reject };
}

class LazyHost extends LitElement {
  readonly thing = new LazyElement(this, 'lazy-thing', () => nextImport.promise.then((LoadedThing) => ({ LoadedThing })), 'LoadedThing');
  override render() {
    return html`${renderLoadState(this.thing, 'Loading the thing…', 'The thing could not be loaded.')}
      ${this.thing.tag ? staticHtml`<${this.thing.tag} part="thing"></${this.thing.tag}>` : nothing}`;
  }
}
customElements.define('lazy-host', LazyHost);

describe('LazyElement', () => {
  it('says that it loads, shows a failed import with Retry, and renders the element once Retry loaded it', async () => {
    arrange();
    const el = await fixture<LazyHost>(html`<lazy-host></lazy-host>`);
    expect($$(el, '[part="dialog-loading"]')).to.have.length(0);
    void el.thing.load();
    await el.updateComplete;
    expect(text($(el, '[part="dialog-loading"]'))).to.equal('Loading the thing…');
    expect($(el, '[part="dialog-loading"]').getAttribute('role')).to.equal('status');

    // The import fails as a network error would (a real failed import() of a missing module).
    const failed = import(/* @vite-ignore */ new URL('./no-such-module.js', import.meta.url).href);
    failed.catch(() => {});
    await failed.then(() => {}, (error: unknown) => nextImport.reject(error));
    await until(() => $$(el, '[part="error"]').length > 0, 'the error');
    expect(text($(el, '[part="error-heading"]'))).to.equal('The thing could not be loaded.');
    expect(text($(el, '[part="error-next"]'))).to.contain('Check your connection');
    await expect(el).to.be.accessible();

    arrange();
    $<HTMLButtonElement>(el, '[part="retry-button"]').click();
    await until(() => $$(el, '[part="dialog-loading"]').length > 0, 'loading again');
    nextImport.resolve(LoadedThing);
    await until(() => shadow(el).querySelector('lazy-thing'), 'the element');
    expect(customElements.get('lazy-thing')).to.equal(LoadedThing);
    expect(text($(el, '[part="thing"]'))).to.equal('loaded');
    expect($$(el, '[part="dialog-loading"], [part="error"]')).to.have.length(0);
  });
});
