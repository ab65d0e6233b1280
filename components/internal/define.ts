import { ContextRoot } from '@lit/context';
import { FALLBACK_PREFIX } from './fallback-prefix.js';

let contextRoot: ContextRoot | undefined;

/**
 * Where each class of ours is registered: the name `defineOnce` chose for it. A constructor can
 * be defined under one name per registry, so this is what `customElements.getName` would answer,
 * except where `defineElements({ prefix })` came after a plain registration: then it names the
 * prefixed subclass, which is the one our templates should render.
 */
const registered = new Map<CustomElementConstructor, string>();

/**
 * Marks a class with the tag it was made for, under a `Symbol.for` key that every copy of the
 * package shares: a tag taken by the same element of another copy (two bundles on one page) is
 * one of ours, not a foreign element, and needs no fallback name.
 */
const OUR_TAG = Symbol.for('@seppmail/cloud-services:tag');
type Marked = CustomElementConstructor & { [OUR_TAG]?: string };

export { FALLBACK_PREFIX };

let prefix: string | undefined;

/**
 * Registers every element of ours that is registered from now on (by `defineElements`, a define
 * file, or an element that loads a dialog when it is first needed) as `<prefix>-<tag>`.
 */
export function setPrefix(value: string | undefined): void {
  if (value !== undefined && !/^[a-z][a-z0-9-]*$/.test(value))
    throw new TypeError(`Invalid prefix "${value}"`);
  prefix = value;
}

/** The registry, where there is one: none in Node without Lit's build or a DOM shim. */
function registry(): CustomElementRegistry | undefined {
  return typeof customElements === 'undefined' ? undefined : customElements;
}

/**
 * Registers `constructor`, one of our classes, and answers the name it is registered under.
 *
 * - Already registered (by us, or by the host under a name of its own): that name.
 * - Otherwise `tag`, or `<prefix>-<tag>` after `setPrefix`/`defineElements({ prefix })`.
 * - When that name is taken by another element (a portal's own `dns-guide`), ours is registered
 *   as `sepp-<tag>` (then `sepp-<tag>-2`, …) with a console warning, rather than silently not at
 *   all: the page's element keeps its name, and our elements render ours by the name answered
 *   here, so a `booked-services` never shows the portal's `dns-guide` inside.
 * - Taken by the same element of another copy of this package: that one serves, as ours would.
 *
 * Define files may run in any order, so an element can be upgraded before the
 * `services-provider` around it is defined; its request for the API client would go unanswered
 * and it would call the BFF without a token. A context root on the document keeps such requests
 * and asks again when a provider appears.
 *
 * On a server nothing here may throw: where there is no registry (Node without Lit's DOM shim)
 * nothing is registered and `tag` is answered, and where there is no document element (Node, or
 * @lit-labs/ssr's shim) no context root is attached; the shim's registry does get the tag, so
 * that the server renders it.
 */
export function defineOnce(tag: string, constructor: CustomElementConstructor): string {
  const root = typeof document === 'undefined' ? undefined : (document.documentElement as HTMLElement | undefined);
  if (!contextRoot && root) {
    contextRoot = new ContextRoot();
    contextRoot.attach(root);
  }
  const elements = registry();
  if (!elements) return tag;
  const current = nameOf(constructor);
  if (current && (!prefix || current.startsWith(`${prefix}-`))) return current;
  (constructor as Marked)[OUR_TAG] ??= tag;
  const wanted = prefix ? `${prefix}-${tag}` : tag;
  for (let attempt = 0, name = wanted; ; name = `${FALLBACK_PREFIX}-${tag}${++attempt > 1 ? `-${attempt}` : ''}`) {
    const taken = elements.get(name) as Marked | undefined;
    // Another copy of this element (or a subclass of ours) serves under this name as ours would.
    if (taken?.[OUR_TAG] === tag) return registered.set(constructor, name), name;
    if (taken) continue;
    // A class is defined under one name only: a second name needs a subclass of its own.
    elements.define(name, current ? class extends (constructor as typeof HTMLElement) {} : constructor);
    registered.set(constructor, name);
    if (name !== wanted) console.warn(`@seppmail/cloud-services: <${wanted}> is taken; ours is <${name}>.`);
    return name;
  }
}

/** The name our class is registered under, if it is: ours first, then the registry's own answer. */
function nameOf(constructor: CustomElementConstructor): string | undefined {
  const elements = registry() as (CustomElementRegistry & { getName?(c: CustomElementConstructor): string | null }) | undefined;
  const remembered = registered.get(constructor);
  if (remembered && elements?.get(remembered)) return remembered;
  return (typeof elements?.getName === 'function' ? elements.getName(constructor) ?? undefined : undefined);
}

/**
 * The tag to render our element `constructor` by, inside another of ours: the name it is
 * registered under (a prefixed or fallback one included), else `tag`.
 */
export function tagOf(constructor: CustomElementConstructor, tag: string): string {
  return nameOf(constructor) ?? tag;
}
