/**
 * `npm run new:element <tag>` (`-- <tag> --dry-run` lists the files without writing them):
 * scaffolds an element in the house's shape and adds it to the lists:
 * - components/<tag>/<tag>.component.ts: the class, extending `ApiElement`, `@localized()`, with
 *   the class comment that custom-elements.json is made from (`@summary`, `@csspart`,
 *   `@cssprop`, `@keyboard`, `@tagname`; add `@fires` and `@slot` as it grows), and the
 *   re-export of the types its API names;
 * - components/<tag>/<tag>.styles.ts: the shared styles and a token of its own;
 * - components/<tag>/<tag>.ts: the define file (`defineOnce`, `HTMLElementTagNameMap`);
 * - test/components/<tag>.test.ts: a web-test-runner test that renders it and runs axe;
 * - its line in components/elements.ts, and then every list `npm run generate` writes.
 * `scaffold` only computes the files (test/package/new-element.test.ts calls it).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ElementEntry } from '../components/elements.js';
import { generateLists, pascal } from './generate-lists.js';

/** A custom element name of ours: lower-case words joined by hyphens, at least two. */
const TAG = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

export interface ScaffoldInput {
  tag: string;
  /** The manifest as it is (components/elements.ts's `ELEMENTS`). */
  elements: readonly ElementEntry[];
  /** A committed file's text, by path from the root. */
  read: (path: string) => string;
  /** Whether a path exists already. */
  exists: (path: string) => boolean;
}

/** Every file the new element needs, new or changed, by path from the root. */
export function scaffold({ tag, elements, read, exists }: ScaffoldInput): Record<string, string> {
  if (!TAG.test(tag)) throw new Error(`"${tag}" is not a tag of ours: lower-case words joined by hyphens, e.g. invoice-list`);
  if (elements.some((e) => e.tag === tag) || exists(`components/${tag}`)) throw new Error(`${tag} exists already`);
  const className = pascal(tag);
  const title = tag.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

  const manifest = read('components/elements.ts');
  const end = manifest.lastIndexOf('];');
  if (end < 0) throw new Error('components/elements.ts: the end of ELEMENTS (`];`) is missing');
  const entry = `  { tag: '${tag}', className: '${className}', events: ['auth-required'] },\n`;

  const files: Record<string, string> = {
    [`components/${tag}/${tag}.component.ts`]: `import { localized, msg } from '../i18n/localization.js';
import { html, type TemplateResult } from 'lit';
import { ApiElement } from '../api/api-element.js';
import { styles } from './${tag}.styles.js';

// The types its properties and events name, so that a host imports them with the element
// (cem-validator checks that the element's module exports them).
export type { AuthRequiredDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';

/**
 * @summary ${title}: say in a sentence what it shows and for whom.
 *
 * Then what it does, what it asks the BFF, and which roles see what.
 *
 * @fires auth-required - The BFF refused a request with 401: \`detail: {method, url, path, status, problem, retry(signedIn?)}\`; \`retry()\` after signing in again sends it once more with a new token.
 *
 * @csspart section - The whole element.
 * @csspart heading - The heading.
 *
 * @cssprop --sc-${tag}-gap - The space between the heading and what follows.
 *
 * @keyboard Tab - Say what each key does where the element handles keys, or how the focus moves.
 * @tagname ${tag}
 */
@localized()
export class ${className} extends ApiElement {
  static override styles = styles;

  override render(): TemplateResult {
    return html\`<section part="section" class="section" aria-labelledby="heading">
      <h2 id="heading" part="heading">\${msg('${title}', { id: '${tag}.heading' })}</h2>
    </section>\`;
  }
}
`,
    [`components/${tag}/${tag}.styles.ts`]: `import { css } from 'lit';
import { sharedStyles } from '../styles/shared.js';

export const styles = [
  sharedStyles,
  css\`
    .section {
      display: grid;
      gap: var(--sc-${tag}-gap, var(--_sc-space-m));
    }
  \`,
];
`,
    [`components/${tag}/${tag}.ts`]: `import { defineOnce } from '../internal/define.js';
import { ${className} } from './${tag}.component.js';

export { ${className} };

defineOnce('${tag}', ${className});

declare global {
  interface HTMLElementTagNameMap {
    '${tag}': ${className};
  }
}
`,
    [`test/components/${tag}.test.ts`]: `import { expect, fixture, html } from '@open-wc/testing';
import '../../components/${tag}/${tag}.js';
import type { ${className} } from '../../components/${tag}/${tag}.component.js';
import { $, getTokenFor, text } from './helpers.js';

describe('${tag}', () => {
  it('shows its heading and passes axe', async () => {
    const el = await fixture<${className}>(html\`<${tag} .getToken=\${await getTokenFor('alpine-sales')}></${tag}>\`);
    expect(el).to.be.instanceOf(customElements.get('${tag}')!);
    expect(text($(el, '[part="heading"]'))).to.equal('${title}');
    await expect(el).to.be.accessible();
  });
});
`,
    'components/elements.ts': `${manifest.slice(0, end)}${entry}${manifest.slice(end)}`,
  };
  const grown: ElementEntry[] = [...elements, { tag, className, events: ['auth-required'] }];
  return { ...files, ...generateLists(grown, read) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const [tag] = args.filter((arg) => !arg.startsWith('--'));
  if (!tag) {
    console.error('usage: npm run new:element <tag> [-- --dry-run]');
    process.exit(2);
  }
  const { ELEMENTS } = await import('../components/elements.js');
  const files = scaffold({
    tag,
    elements: ELEMENTS,
    read: (path) => readFileSync(join(root, path), 'utf8'),
    exists: (path) => existsSync(join(root, path)),
  });
  for (const [path, text] of Object.entries(files)) {
    const current = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined;
    if (current === text) continue;
    if (!dryRun) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    console.log(`${dryRun ? 'would write' : 'wrote'} ${path}`);
  }
  if (!dryRun) {
    console.log(`\nNext: fill in the class comment and render(), its events in components/events.ts and
components/elements.ts (then npm run generate), the translations (npm run localize:extract),
and the README's element table. See docs/architecture.md, "Add an element".`);
  }
}
