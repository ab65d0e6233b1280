/**
 * The catalog page (`npm run docs`, scripts/docs.ts) as it is rendered from a fresh manifest:
 * every element with its attributes (and their literal values), events, parts, keyboard and a
 * box for its live example; the tokens once; nothing inline that the page's CSP would block.
 * That the BFF serves it is in test/bff/http-hardening.test.ts, the live page in test/e2e/catalog.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../components/elements.js';
import { TOKEN_DEFAULTS } from '../../components/styles/tokens.js';
import { TENANT_SORT_KEYS } from '../../domain/api.js';
import { type CatalogElement, type CatalogManifest, markdown, renderCatalog } from '../../scripts/docs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'sc-catalog-'));
let manifest: CatalogManifest;
let page: string;

beforeAll(() => {
  execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--quiet'], { cwd: root, stdio: 'pipe', env: { ...process.env, CEM_OUTDIR: outdir } });
  manifest = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8')) as CatalogManifest;
  page = renderCatalog(manifest);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The HTML of one element's section. */
function section(tag: string): string {
  const match = new RegExp(`<section class="element" id="${tag}"[\\s\\S]*?</section>`).exec(page);
  if (!match) throw new Error(`no section for ${tag}`);
  return match[0];
}

function declaration(tag: string): CatalogElement {
  return manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag)!;
}

describe('the catalog page', () => {
  it.each(ELEMENTS.map((e) => e.tag))('%s: a section with its attributes, events, parts, keyboard and a live example box', (tag) => {
    const html = section(tag);
    expect(page).toContain(`<a href="#${tag}">`);
    for (const attribute of declaration(tag).attributes ?? []) expect(html, attribute.name).toContain(`<th scope="row"><code>${attribute.name}</code></th>`);
    for (const event of declaration(tag).events ?? []) expect(html, event.name).toMatch(new RegExp(`<code>${event.name}</code></th><td><code>CustomEvent&lt;\\w+&gt;</code>`));
    for (const part of declaration(tag).cssParts ?? []) expect(html, part.name).toContain(`<code>${part.name}</code>`);
    for (const key of declaration(tag).keyboard ?? []) expect(html, key.key).toContain(`<th scope="row">${key.key}</th>`);
    expect(html).toContain(`<div class="example" data-tag="${tag}">`);
  });

  it('lists the values of an aliased attribute: the sort keys of tenant-table', () => {
    const row = /<th scope="row"><code>sort<\/code><\/th>.*?<\/tr>/.exec(section('tenant-table'))![0];
    for (const key of TENANT_SORT_KEYS) expect(row).toContain(`<code>${key}</code>`);
  });

  it('lists every token once, with its default, and not within the elements', () => {
    const tokens = /<section id="tokens"[\s\S]*?<\/section>/.exec(page)![0];
    for (const [name, value] of Object.entries(TOKEN_DEFAULTS)) {
      expect(tokens).toContain(`<code>--sc-${name}</code></th><td><code>${value.replace(/"/g, '&quot;')}</code>`);
      expect(section('tenant-table')).not.toContain(`--sc-${name}<`);
    }
    expect(section('tenant-table')).toContain('--sc-tenant-table-selected-background');
  });

  it('has its script and styles in files, as the CSP asks: no inline script, style or handler', () => {
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="./catalog.js">']);
    expect(page).not.toMatch(/<style|\sstyle=|\son[a-z]+=/);
  });

  it('renders the comments’ Markdown and escapes the rest', () => {
    expect(markdown('A `<b>` and **this**.\n\n- one\n  two\n- three')).toBe('<p>A <code>&lt;b&gt;</code> and <strong>this</strong>.</p>\n<ul><li>one two</li><li>three</li></ul>');
  });
});
