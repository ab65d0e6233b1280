/**
 * `defineElements({ prefix })`: registers every element of the package, optionally all under
 * `<prefix>-<tag>` (`sepp-tenant-table`, …), for a portal that wants our names apart from its
 * own. The prefix also applies to every element registered later (a dialog that loads when it
 * is first opened). Exported by the root entry, which otherwise registers nothing; call it once,
 * before the tags are used in the page.
 *
 * It may come after a define file (`…/define`, `…/react`) registered the plain tags: a class is
 * defined under one name per registry, so the prefixed names then get subclasses, and our
 * templates and the React wrappers render the prefixed ones.
 */
import { ELEMENTS } from './elements.js';
import * as classes from './index.js';
import { defineOnce, setPrefix } from './internal/define.js';

export interface DefineOptions {
  /** Registers every element as `<prefix>-<tag>`: lower-case letters and digits, starting with a letter (`sepp`, `acme`). */
  prefix?: string;
}

/** Registers every element (under `<prefix>-<tag>` when a prefix is given); answers each tag's registered name. */
export function defineElements(options: DefineOptions = {}): Record<string, string> {
  setPrefix(options.prefix);
  const names: Record<string, string> = {};
  const byName = classes as unknown as Record<string, CustomElementConstructor>;
  for (const { tag, className } of ELEMENTS) names[tag] = defineOnce(tag, byName[className]!);
  return names;
}
