/**
 * `npm run new:element <tag>`: the files it would write for a new tag, computed without writing
 * (the script's `scaffold`), then type-checked in a temporary copy of the package's sources
 * where they replace or join the committed ones.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../components/elements.js';
import { GENERATED_FILES, reactWrapperPath } from '../../scripts/generate-lists.js';
import { scaffold } from '../../scripts/new-element.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const exists = (path: string) => existsSync(join(root, path));
const files = scaffold({ tag: 'invoice-list', elements: ELEMENTS, read, exists });

describe('npm run new:element', () => {
  it('writes the folder, the test, the manifest line and every generated list, and nothing else', () => {
    expect(Object.keys(files).sort()).toEqual(
      [
        'components/invoice-list/invoice-list.component.ts',
        'components/invoice-list/invoice-list.styles.ts',
        'components/invoice-list/invoice-list.ts',
        'test/components/invoice-list.test.ts',
        'components/elements.ts',
        ...GENERATED_FILES,
        ...[...ELEMENTS.map((e) => e.tag), 'invoice-list'].map(reactWrapperPath),
      ].sort(),
    );
  });

  it('makes a class of the house: ApiElement, localized, with the comment the manifest is made from', () => {
    const component = files['components/invoice-list/invoice-list.component.ts']!;
    expect(component).toContain('export class InvoiceList extends ApiElement');
    expect(component).toContain('@localized()');
    for (const tag of ['@summary', '@csspart heading', '@cssprop --sc-invoice-list-gap', '@tagname invoice-list']) expect(component).toContain(tag);
    expect(component).toContain("msg('Invoice list', { id: 'invoice-list.heading' })");
    expect(files['components/invoice-list/invoice-list.ts']).toContain("defineOnce('invoice-list', InvoiceList)");
    expect(files['components/invoice-list/invoice-list.ts']).toContain("'invoice-list': InvoiceList;");
    expect(files['test/components/invoice-list.test.ts']).toContain('await expect(el).to.be.accessible()');
  });

  it('adds the element to the manifest and to every list', () => {
    expect(files['components/elements.ts']).toContain("{ tag: 'invoice-list', className: 'InvoiceList', events: ['auth-required'] },\n];");
    expect(files['components/define.ts']).toContain("import './invoice-list/invoice-list.js';");
    expect(files['components/index.ts']).toContain("export { InvoiceList } from './invoice-list/invoice-list.component.js';");
    expect(files['react/index.ts']).toContain("export { InvoiceList } from './invoice-list.js';");
    expect(files['react/invoice-list.ts']).toContain("export const InvoiceList = /* @__PURE__ */ acceptingUndefined(\n  /* @__PURE__ */ byRegisteredTag(InvoiceListElement, 'invoice-list', (tagName) =>\n    createComponent({\n      react: React,\n      tagName,\n      elementClass: InvoiceListElement,");
    expect(files['components/define-elements.ts']).toContain("'invoice-list': defineOnce('invoice-list', InvoiceList),");
    expect(files['react/invoice-list.ts']).toContain("from '../components/invoice-list/invoice-list.js';");
    expect(files['components/bundle.ts']).toContain("'invoice-list': () => import('./invoice-list/invoice-list.js'),");
    const sideEffects = (path: 'package.json' | 'packages/elements/package.json') => (JSON.parse(files[path]!) as { sideEffects: string[] }).sideEffects;
    expect(sideEffects('packages/elements/package.json')).toContain('./dist/components/invoice-list/invoice-list.js');
    expect(sideEffects('package.json')).toContain('./components/invoice-list/invoice-list.ts');
    expect(sideEffects('package.json')).not.toContain('./components/invoice-list/invoice-list.component.ts');
    expect(sideEffects('packages/elements/package.json')).not.toContain('./dist/components/invoice-list/invoice-list.component.js');
  });

  it('refuses a tag that is not ours or exists already', () => {
    expect(() => scaffold({ tag: 'invoices', elements: ELEMENTS, read, exists })).toThrow(/not a tag/);
    expect(() => scaffold({ tag: 'Invoice-List', elements: ELEMENTS, read, exists })).toThrow(/not a tag/);
    expect(() => scaffold({ tag: 'tenant-table', elements: ELEMENTS, read, exists })).toThrow(/exists already/);
  });

  it('type-checks: the new element, the manifest, define.ts, index.ts and the React wrappers', () => {
    const copy = mkdtempSync(join(tmpdir(), 'sc-new-element-'));
    try {
      // The committed sources by link, the scaffolded and regenerated files as real files.
      for (const top of ['domain', 'node_modules']) symlinkSync(join(root, top), join(copy, top));
      mkdirSync(join(copy, 'components'));
      // react/internal/ by link; the wrappers are all scaffolded (regenerated) files.
      mkdirSync(join(copy, 'react'));
      symlinkSync(join(root, 'react/internal'), join(copy, 'react/internal'));
      for (const entry of readdirSync(join(root, 'components'))) {
        if (!files[`components/${entry}`]) symlinkSync(join(root, 'components', entry), join(copy, 'components', entry));
      }
      for (const [path, text] of Object.entries(files)) {
        if (!/^(components|react)\//.test(path)) continue;
        mkdirSync(dirname(join(copy, path)), { recursive: true });
        writeFileSync(join(copy, path), text);
      }
      const { compilerOptions } = JSON.parse(read('tsconfig.json')) as { compilerOptions: Record<string, unknown> };
      const config = { compilerOptions: { ...compilerOptions, types: [] }, files: ['components/index.ts', 'components/define.ts', 'components/bundle.ts', 'components/elements.ts', 'react/index.ts'] };
      writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify(config));
      execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', copy], { cwd: copy, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      throw new Error(String((error as { stdout?: string }).stdout || error));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);
});
