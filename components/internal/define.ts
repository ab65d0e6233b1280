/** Registers `tag` unless the page already has an element of that name: our tags have no prefix. */
export function defineOnce(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
