/**
 * custom-elements.json, made fresh from the sources as the build makes it: every element that a
 * define file registers, with its events and parts, and a description on everything public.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../components/elements.js';

interface Documented {
  name: string;
  description?: string;
  summary?: string;
}
interface Member extends Documented {
  kind: 'field' | 'method';
  privacy?: 'public' | 'protected' | 'private';
  static?: boolean;
}
interface Declaration extends Documented {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Documented[];
  members?: Member[];
  events?: Documented[];
  slots?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
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

beforeAll(() => {
  execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--litelement', '--quiet', '--outdir', relative(root, outdir)], { cwd: root, stdio: 'pipe' });
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
