import { ContextRoot } from '@lit/context';

let contextRoot: ContextRoot | undefined;

/**
 * Registers `tag` unless the page already has an element of that name: our tags have no prefix.
 *
 * Define files may run in any order, so an element can be upgraded before the
 * `services-provider` around it is defined; its request for the API client would go unanswered
 * and it would call the BFF without a token. A context root on the document keeps such requests
 * and asks again when a provider appears.
 *
 * On a server nothing here may throw: where there is no registry (Node without Lit's DOM shim)
 * nothing is registered, and where there is no document element (Node, or @lit-labs/ssr's shim)
 * no context root is attached; the shim's registry does get the tag, so that the server renders it.
 */
export function defineOnce(tag: string, constructor: CustomElementConstructor): void {
  const root = typeof document === 'undefined' ? undefined : (document.documentElement as HTMLElement | undefined);
  if (!contextRoot && root) {
    contextRoot = new ContextRoot();
    contextRoot.attach(root);
  }
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, constructor);
}
