/**
 * The modules of components/ and domain/ import one another without a circle: every relative
 * import (type-only ones too, `export … from` and `import()` included) is an edge, and a walk
 * of the graph finds no module that reaches itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const folders = ['components', 'domain'];

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The specifiers a module imports or re-exports, statically or dynamically. */
function specifiersOf(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const specifiers: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of withoutComments.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

/** The relative specifiers a module imports or re-exports. */
export function importsOf(code: string): string[] {
  return specifiersOf(code).filter((specifier) => specifier.startsWith('.'));
}

/**
 * The elements' logic that is tested without a browser: these modules, and all they import,
 * import neither Lit nor anything of the DOM.
 */
const PURE_MODULES = [
  'components/add-domain-wizard/price-rows.ts',
  'components/add-domain-wizard/wizard-steps.ts',
  'components/audit-log/audit-diff.ts',
  'components/internal/domain-checks.ts',
  'components/internal/service-choice.ts',
  'components/offer-dialog/offer-draft.ts',
];

/** The module and every module it reaches. */
function reach(edges: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>([start]);
  for (const file of seen) for (const next of edges.get(file) ?? []) seen.add(next);
  return seen;
}

function graph(): Map<string, string[]> {
  const files = folders.flatMap((folder) => sources(join(root, folder)));
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets = importsOf(readFileSync(file, 'utf8'))
      .map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, '.ts'))
      .filter((target) => known.has(target));
    edges.set(file, [...new Set(targets)]);
  }
  return edges;
}

/** Every circle of the graph, each once, as the list of its modules (relative to the root). */
export function circles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (node: string): void => {
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (onStack.has(next)) found.push([...stack.slice(stack.indexOf(next)), next].map((file) => relative(root, file)));
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
  };
  for (const node of [...edges.keys()].sort()) if (!done.has(node)) visit(node);
  return found;
}

describe('the import graph of components/ and domain/', () => {
  it('reads imports, re-exports, type-only and dynamic imports', () => {
    const code = [
      "import type { A } from './a.js';",
      "import { b,\n  c } from '../b.js';",
      "export { d } from './d.js';",
      "export * from './e.js';",
      "import './f.js';",
      "const g = await import('./g.js');",
      "import { html } from 'lit';",
      "// import { x } from './commented.js';",
    ].join('\n');
    expect(importsOf(code)).toEqual(['./a.js', '../b.js', './d.js', './e.js', './f.js', './g.js']);
  });

  it('finds a circle when there is one', () => {
    const edges = new Map([
      [join(root, 'a.ts'), [join(root, 'b.ts')]],
      [join(root, 'b.ts'), [join(root, 'c.ts')]],
      [join(root, 'c.ts'), [join(root, 'a.ts')]],
    ]);
    expect(circles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('keeps Lit and the DOM out of the pure modules and all they import', () => {
    const edges = graph();
    for (const module of PURE_MODULES) {
      const reached = [...reach(edges, join(root, module))];
      expect(reached.length, module).toBeGreaterThan(0);
      const offending = reached.flatMap((file) => {
        const code = readFileSync(file, 'utf8');
        const bare = specifiersOf(code).filter((specifier) => /^(lit|@lit\/)/.test(specifier)).map((specifier) => `${relative(root, file)} imports ${specifier}`);
        const dom = /\b(document|window|customElements|HTMLElement)\b\s*[.(]/.test(code) ? [`${relative(root, file)} uses the DOM`] : [];
        return [...bare, ...dom];
      });
      expect(offending, module).toEqual([]);
    }
  });

  it('has no circle', () => {
    const edges = graph();
    expect(edges.size).toBeGreaterThan(50);
    expect(circles(edges)).toEqual([]);
  });
});
