import { ContextRoot } from '@lit/context';

let contextRoot: ContextRoot | undefined;

/**
 * Registers `tag` unless the page already has an element of that name: our tags have no prefix.
 *
 * Define files may run in any order, so an element can be upgraded before the
 * `services-provider` around it is defined; its request for the API client would go unanswered
 * and it would call the BFF without a token. A context root on the document keeps such requests
 * and asks again when a provider appears.
 */
export function defineOnce(tag: string, constructor: CustomElementConstructor): void {
  if (!contextRoot) {
    contextRoot = new ContextRoot();
    contextRoot.attach(document.documentElement);
  }
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
