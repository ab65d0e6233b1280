/**
 * custom-elements.json, made fresh from the sources as the build makes it: every element that a
 * define file registers, with its events and parts, and a description on everything public;
 * what tools need of it (cem-validator's rules, literal values, typed events, the tokens); and
 * the IDE data made from it. That its paths resolve in dist/ is checked where dist/ is built
 * (package.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateCem } from '@wc-toolkit/cem-validator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PACKAGE_LAYOUT } from '../../custom-elements-manifest.config.mjs';
import { ELEMENTS } from '../../components/elements.js';
import { TOKEN_DEFAULTS } from '../../components/styles/tokens.js';
import { TENANT_SORT_KEYS } from '../../domain/api.js';

interface Documented {
  name: string;
  description?: string;
  summary?: string;
}
interface Typed extends Documented {
  type?: { text: string };
  parsedType?: { text: string };
}
interface Member extends Typed {
  kind: 'field' | 'method';
  privacy?: 'public' | 'protected' | 'private';
  static?: boolean;
}
interface Declaration extends Documented {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Typed[];
  members?: Member[];
  events?: Typed[];
  slots?: Documented[];
  cssParts?: Documented[];
  cssProperties?: (Documented & { default?: string })[];
  keyboard?: { key: string; description: string }[];
}
interface Export {
  kind: 'js' | 'custom-element-definition';
  name: string;
  declaration: { name: string; module?: string };
}
interface Manifest {
  schemaVersion: string;
  modules: { path: string; declarations?: Declaration[]; exports?: Export[] }[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'sc-cem-'));
let manifest: Manifest;

/** Every public thing of every element that has no description, as `tag: kind name`. */
export function undocumented(of: Manifest): string[] {
  const missing: string[] = [];
  for (const element of elements(of)) {
    const lack = (kind: string, items: Documented[] | undefined) => {
      for (const item of items ?? []) if (!item.description?.trim()) missing.push(`${element.tagName}: ${kind} ${item.name || '(default)'}`);
    };
    if (!element.summary?.trim() && !element.description?.trim()) missing.push(`${element.tagName}: class comment`);
    lack('attribute', element.attributes);
    lack('property', element.members?.filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public'));
    lack('method', element.members?.filter((m) => m.kind === 'method' && !m.static && (m.privacy ?? 'public') === 'public'));
    lack('event', element.events);
    lack('slot', element.slots);
    lack('part', element.cssParts);
    lack('CSS property', element.cssProperties);
  }
  return missing;
}

function elements(of: Manifest): Declaration[] {
  return of.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
}

function element(tag: string): Declaration {
  const found = elements(manifest).find((d) => d.tagName === tag);
  if (!found) throw new Error(`${tag} is not in the manifest`);
  return found;
}

/** The tags the define files register: `defineOnce('<tag>', …)` in components/<tag>/<tag>.ts. */
const definedTags = readdirSync(join(root, 'components'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const file = join(root, 'components', entry.name, `${entry.name}.ts`);
    try {
      return [...readFileSync(file, 'utf8').matchAll(/defineOnce\('([a-z-]+)'/g)].map((match) => match[1]!);
    } catch {
      return [];
    }
  })
  .sort();

function source(tag: string): string {
  return readFileSync(join(root, 'components', tag, `${tag}.component.ts`), 'utf8');
}

/** A source file's path as the manifest names it: relative to the package, in dist/. */
function built(source: string): string {
  const [from, to] = Object.entries(PACKAGE_LAYOUT.sourceToPackage).find(([prefix]) => source.startsWith(prefix))!;
  return to + source.slice(from.length).replace(/\.ts$/, '.js');
}

function moduleOf(tag: string): Manifest['modules'][number] {
  return manifest.modules.find((m) => m.declarations?.some((d) => d.tagName === tag))!;
}

const readJson = (name: string) => JSON.parse(readFileSync(join(outdir, name), 'utf8'));

beforeAll(() => {
  // CEM_OUTDIR moves the manifest and the IDE data together (custom-elements-manifest.config.mjs).
  execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--quiet'], { cwd: root, stdio: 'pipe', env: { ...process.env, CEM_OUTDIR: outdir } });
  manifest = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8')) as Manifest;
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('custom-elements.json', () => {
  it('lists exactly the elements that the define files register', () => {
    expect(definedTags).toEqual(ELEMENTS.map((e) => e.tag).sort());
    expect(elements(manifest).map((d) => d.tagName).sort()).toEqual(definedTags);
  });

  it.each(definedTags)('%s: every event it fires, with the module the define file names', (tag) => {
    const fired = [...source(tag).matchAll(/emit\(this, '([a-z-]+)'|closeEvent = '([a-z-]+)'/g)].map((m) => m[1] ?? m[2]);
    const listed = (element(tag).events ?? []).map((e) => e.name);
    for (const name of fired) expect(listed, `${tag} fires ${name}`).toContain(name);
  });

  it.each(definedTags)('%s: auth-required, as React’s wrapper offers it', (tag) => {
    expect((element(tag).events ?? []).map((e) => e.name)).toContain('auth-required');
    expect(ELEMENTS.find((e) => e.tag === tag)?.events).toContain('auth-required');
  });

  it.each(definedTags)('%s: every part its template names', (tag) => {
    const parts = element(tag).cssParts ?? [];
    const documented = new Set(parts.map((p) => p.name));
    const mentioned = parts.map((p) => p.description ?? '').join(' ');
    const used = new Set([...source(tag).matchAll(/part="([^"$]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)));
    // A state of a part (`published-yes` beside `published`) may be named in that part's description.
    const missing = [...used].filter((part) => !documented.has(part) && !mentioned.includes(`\`${part}\``));
    expect(missing, `${tag}: parts without @csspart`).toEqual([]);
    if (tag !== 'services-provider') expect(parts.length, `${tag} has parts`).toBeGreaterThan(0);
  });

  it('has the tables and dialogs with their attributes, events, slots, parts and CSS properties', () => {
    const table = element('tenant-table');
    expect(table.attributes?.map((a) => a.name)).toEqual(expect.arrayContaining(['api-base', 'page-size', 'sort', 'order', 'selected-id', 'live']));
    expect(table.members?.map((m) => m.name)).toEqual(expect.arrayContaining(['getToken', 'refresh']));
    expect(table.events?.map((e) => e.name)).toEqual(expect.arrayContaining(['tenant-select', 'tenant-saved']));
    expect(table.slots?.map((s) => s.name)).toEqual(['actions']);
    expect(table.cssParts?.map((p) => p.name)).toEqual(expect.arrayContaining(['table', 'row', 'cell', 'sort-button', 'pager']));
    expect(table.cssProperties?.length).toBeGreaterThan(0);
    expect(element('booked-services').events?.map((e) => e.name)).toEqual(expect.arrayContaining(['domain-added', 'service-cancelled']));
    expect(element('cancel-service-dialog').attributes?.map((a) => a.name)).toContain('open');
    expect(element('services-provider').slots?.map((s) => s.name)).toEqual(['']);
  });

  it('describes every element and its public attributes, properties, methods, events, slots, parts and CSS properties', () => {
    expect(undocumented(manifest)).toEqual([]);
  });

  it('the description check catches a property, an attribute and an event without one', () => {
    const copy = structuredClone(manifest);
    const table = elements(copy).find((d) => d.tagName === 'tenant-table')!;
    table.members!.find((m) => m.name === 'pageSize')!.description = '';
    delete table.attributes!.find((a) => a.name === 'sort')!.description;
    delete table.events!.find((e) => e.name === 'tenant-select')!.description;
    expect(undocumented(copy)).toEqual(['tenant-table: attribute sort', 'tenant-table: property pageSize', 'tenant-table: event tenant-select']);
  });
});

describe('custom-elements.json for tools', () => {
  /** Runs cem-validator on a manifest; answers what it reported, errors and warnings alike. */
  async function validate(of: Manifest): Promise<string[]> {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      await validateCem(of, {
        packageJsonPath: join(root, PACKAGE_LAYOUT.packageDir, 'package.json'),
        logErrors: true,
        // Base classes (ApiElement) are custom elements without a tag: no element of their own.
        exclude: elements(of).length ? of.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && !d.tagName).map((d) => d.name) : [],
      });
    } finally {
      spy.mockRestore();
    }
    return lines.flatMap((line) => line.split('\n')).filter((line) => /^\s*- (manifest|packageJson)\./.test(line.replace(/\x1b\[[0-9;]*m/g, '')));
  }

  it('passes @wc-toolkit/cem-validator without an error or a warning', async () => {
    expect(manifest.schemaVersion).toBe('2.1.0');
    expect(await validate(manifest)).toEqual([]);
  });

  it('the validator notices an event whose detail type the element does not export', async () => {
    const copy = structuredClone(manifest);
    elements(copy).find((d) => d.tagName === 'dns-guide')!.events![0]!.type = { text: 'CustomEvent<TenantSelectDetail>' };
    expect(await validate(copy)).toEqual([expect.stringContaining('DnsGuide is missing exported type "TenantSelectDetail"')]);
  });

  it('records one definition per tag, in its define file, and no other (defineOnce registers no tag named "tag")', () => {
    const definitions = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => ({ path: m.path, ...e })));
    expect(definitions.map((d) => d.name).sort()).toEqual(definedTags);
    for (const d of definitions) {
      expect(d.path).toBe(built(`components/${d.name}/${d.name}.ts`));
      expect(d.declaration).toEqual({ name: ELEMENTS.find((e) => e.tag === d.name)!.className, module: built(`components/${d.name}/${d.name}.component.ts`) });
    }
  });

  it('writes out an aliased attribute type as its literal values: sort, order and live of tenant-table', () => {
    const literals = (name: string) => {
      const attribute = element('tenant-table').attributes!.find((a) => a.name === name)!;
      const field = element('tenant-table').members!.find((m) => m.name === name)!;
      expect(field.parsedType).toEqual(attribute.parsedType);
      return [...attribute.parsedType!.text.matchAll(/'([^']*)'/g)].map((m) => m[1]);
    };
    expect(element('tenant-table').attributes!.find((a) => a.name === 'sort')!.type!.text).toBe('TenantSortKey');
    expect(literals('sort')).toEqual([...TENANT_SORT_KEYS]);
    expect(literals('order')).toEqual(['asc', 'desc']);
    expect(literals('live')).toEqual(['on', 'off']);
  });

  it.each(definedTags)('%s: every event typed as the CustomEvent of its detail, a type its module exports', (tag) => {
    const exported = new Set((moduleOf(tag).exports ?? []).map((e) => e.name));
    for (const event of element(tag).events ?? []) {
      const detail = /^CustomEvent<(\w+)>$/.exec(event.type?.text ?? '')?.[1];
      expect(detail, `${tag}: ${event.name} has type ${event.type?.text}`).toMatch(/Detail$/);
      expect(exported.has(detail!), `${tag} exports ${detail}`).toBe(true);
    }
  });

  it.each(definedTags)('%s: every --sc-* token of components/styles/tokens.ts with its default, when its styles read them', (tag) => {
    const listed = new Map((element(tag).cssProperties ?? []).map((p) => [p.name, p]));
    const tokens = Object.entries(TOKEN_DEFAULTS);
    // services-provider is `display: contents` and reads no token (its children do).
    if (tag === 'services-provider') return expect([...listed.keys()].filter((n) => n.startsWith('--sc-'))).toEqual([]);
    expect(tokens).toHaveLength(37);
    for (const [name, value] of tokens) expect(listed.get(`--sc-${name}`), `--sc-${name}`).toMatchObject({ default: value, description: expect.stringMatching(/\w/) });
  });

  it.each(definedTags.filter((tag) => tag !== 'services-provider'))('%s: its keyboard behaviour (@keyboard)', (tag) => {
    const keyboard = element(tag).keyboard ?? [];
    expect(keyboard.length).toBeGreaterThan(0);
    for (const entry of keyboard) expect(entry).toEqual({ key: expect.stringMatching(/^[A-Z]/), description: expect.stringMatching(/\w{3}/) });
  });

  it('gives VS Code every element with every attribute, the values of sort, and every token once', () => {
    const html = readJson(PACKAGE_LAYOUT.ideData.vscodeHtml) as { tags: { name: string; attributes: { name: string; values: { name: string }[] }[] }[] };
    expect(html.tags.map((t) => t.name).sort()).toEqual(definedTags);
    for (const tag of html.tags) expect(tag.attributes.map((a) => a.name).sort()).toEqual((element(tag.name).attributes ?? []).map((a) => a.name).sort());
    const sort = html.tags.find((t) => t.name === 'tenant-table')!.attributes.find((a) => a.name === 'sort')!;
    expect(sort.values.map((v) => v.name)).toEqual([...TENANT_SORT_KEYS]);
    const css = readJson(PACKAGE_LAYOUT.ideData.vscodeCss) as { properties: { name: string }[]; pseudoElements: { name: string }[] };
    const names = css.properties.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of Object.keys(TOKEN_DEFAULTS)) expect(names).toContain(`--sc-${name}`);
    expect(css.pseudoElements.map((p) => p.name)).toContain('::part(sort-button)');
  });

  it('gives JetBrains IDEs (web-types) every element with every attribute and event, and every token', () => {
    const pkg = JSON.parse(readFileSync(join(root, PACKAGE_LAYOUT.packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
    const webTypes = readJson(PACKAGE_LAYOUT.ideData.webTypes) as {
      name: string;
      version: string;
      contributions: { html: { elements: { name: string; attributes: { name: string; value?: { type: string } }[]; events: { name: string; type: string }[] }[] }; css: { properties: { name: string }[] } };
    };
    expect(webTypes).toMatchObject({ name: pkg.name, version: pkg.version });
    const tags = webTypes.contributions.html.elements;
    expect(tags.map((t) => t.name).sort()).toEqual(definedTags);
    for (const tag of tags) {
      expect(tag.attributes.map((a) => a.name).sort()).toEqual((element(tag.name).attributes ?? []).map((a) => a.name).sort());
      expect(tag.events.map((e) => e.name).sort()).toEqual((element(tag.name).events ?? []).map((e) => e.name).sort());
    }
    expect(tags.find((t) => t.name === 'tenant-table')!.attributes.find((a) => a.name === 'sort')!.value!.type).toBe(TENANT_SORT_KEYS.map((k) => `'${k}'`).join(' | '));
    for (const name of Object.keys(TOKEN_DEFAULTS)) expect(webTypes.contributions.css.properties.map((p) => p.name)).toContain(`--sc-${name}`);
  });
});
