/**
 * `npm run docs`: the element catalog in dist/docs/, which `npm start` serves at /docs/.
 * - custom-elements.json and the IDE data, made fresh (`cem analyze`, CEM_OUTDIR=dist/docs), so
 *   that the catalog never shows an older manifest than the sources;
 * - index.html: every element from the manifest (attributes with their literal values,
 *   properties, methods, events with their types, slots, parts, CSS properties, keyboard) and
 *   the design tokens once; static HTML, no script inline (the page's CSP allows none);
 * - catalog.js (catalog/catalog.ts, bundled with the elements): signs in as a demo user and
 *   puts a live example of each element into its section; catalog.css: the page's looks.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { TOKEN_DEFAULTS } from '../components/styles/tokens.js';

interface Item {
  name: string;
  summary?: string;
  description?: string;
  type?: { text: string };
  parsedType?: { text: string };
  default?: string;
}
interface Member extends Item {
  kind: 'field' | 'method';
  privacy?: 'public' | 'protected' | 'private';
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  parameters?: Item[];
  return?: { type?: { text: string } };
}
export interface CatalogElement extends Item {
  tagName?: string;
  attributes?: (Item & { fieldName?: string })[];
  members?: Member[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: (Item & { syntax?: string })[];
  keyboard?: { key: string; description: string }[];
}
export interface CatalogManifest {
  modules: { path: string; declarations?: CatalogElement[] }[];
}

const root = fileURLToPath(new URL('..', import.meta.url));

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The little Markdown our comments use: paragraphs, `- ` lists, `code`, **bold**. */
export function markdown(text: string | undefined): string {
  if (!text?.trim()) return '';
  const inline = (line: string) =>
    escape(line)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => {
      if (/^\s*- /.test(block)) {
        const items = block.split(/\n\s*- /).map((item) => item.replace(/^\s*- /, '').replace(/\s*\n\s*/g, ' '));
        return `<ul>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`;
      }
      return `<p>${inline(block.replace(/\s*\n\s*/g, ' '))}</p>`;
    })
    .join('\n');
}

const code = (text: string | undefined) => (text ? `<code>${escape(text)}</code>` : '');
/** A literal union as its values, each on its own (`'name' | 'id'` → name, id); other types as written. */
function typeCell(item: Item): string {
  const literal = item.parsedType?.text;
  if (literal) {
    const values = literal.split(' | ').map((value) => value.replace(/^'(.*)'$/, '$1'));
    return `${values.map((value) => code(value)).join(' ')}<br><span class="alias">${code(item.type?.text)}</span>`;
  }
  return code(item.type?.text);
}

function table(caption: string, headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  return `<table>
  <caption>${escape(caption)}</caption>
  <thead><tr>${headers.map((h) => `<th scope="col">${escape(h)}</th>`).join('')}</tr></thead>
  <tbody>
${rows.map((cells) => `    <tr>${cells.map((cell, i) => (i === 0 ? `<th scope="row">${cell}</th>` : `<td>${cell}</td>`)).join('')}</tr>`).join('\n')}
  </tbody>
</table>`;
}

const isPublic = (m: Member) => !m.static && (m.privacy ?? 'public') === 'public';

/** The design tokens, which the manifest lists on every element that reads them: shown once, apart. */
const TOKEN_NAMES = new Set(Object.keys(TOKEN_DEFAULTS).map((name) => `--sc-${name}`));
const isToken = (property: { name: string }) => TOKEN_NAMES.has(property.name);

function elementSection(element: CatalogElement, tokensHref: string): string {
  const tag = element.tagName!;
  const attributes = element.attributes ?? [];
  const attributeFields = new Set(attributes.map((a) => a.fieldName));
  const properties = (element.members ?? []).filter((m) => m.kind === 'field' && isPublic(m) && !attributeFields.has(m.name));
  const methods = (element.members ?? []).filter((m) => m.kind === 'method' && isPublic(m));
  const ownCss = (element.cssProperties ?? []).filter((p) => !isToken(p));
  const readsTokens = (element.cssProperties ?? []).some(isToken);
  const id = (part: string) => `${tag}-${part}`;
  return `<section class="element" id="${tag}" aria-labelledby="${id('title')}">
  <h2 id="${id('title')}"><code>&lt;${tag}&gt;</code></h2>
  <div class="summary">${markdown(element.summary)}</div>
  ${markdown(element.description)}
  <p class="import">Import: ${code(`import '@seppmail/cloud-services/define/${tag}';`)} (registers the tag) or ${code(`import { ${element.name} } from '@seppmail/cloud-services/${tag}';`)} (the class alone).</p>
  ${table(
    'Attributes',
    ['Attribute', 'Property', 'Values or type', 'Default', 'Description'],
    attributes.map((a) => [code(a.name), code(a.fieldName), typeCell(a), code(a.default), markdown(a.description)]),
  )}
  ${table(
    'Properties without an attribute',
    ['Property', 'Type', 'Default', 'Description'],
    properties.map((p) => [code(p.name), typeCell(p), code(p.default), markdown(p.description)]),
  )}
  ${table(
    'Methods',
    ['Method', 'Returns', 'Description'],
    methods.map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), code(m.return?.type?.text), markdown(m.description)]),
  )}
  ${table(
    'Events',
    ['Event', 'Type', 'Description'],
    (element.events ?? []).map((e) => [code(e.name), code(e.type?.text), markdown(e.description)]),
  )}
  ${table(
    'Slots',
    ['Slot', 'Description'],
    (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', markdown(s.description)]),
  )}
  ${table(
    'CSS parts',
    ['Part', 'Description'],
    (element.cssParts ?? []).map((p) => [code(p.name), markdown(p.description)]),
  )}
  ${table(
    'CSS properties of its own',
    ['Property', 'Description'],
    ownCss.map((p) => [code(p.name), markdown(p.description)]),
  )}
  ${readsTokens ? `<p>It reads every <a href="${tokensHref}">design token</a>.</p>` : ''}
  ${table(
    'Keyboard',
    ['Key', 'What it does'],
    (element.keyboard ?? []).map((k) => [escape(k.key), markdown(k.description)]),
  )}
  <h3 id="${id('example')}">Live example</h3>
  <div class="example" data-tag="${tag}">
    <p class="example-note">The example loads with the page's script, signed in as a demo user.</p>
  </div>
</section>`;
}

/** The whole page, from the manifest. */
export function renderCatalog(manifest: CatalogManifest): string {
  const elements = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.tagName)
    .sort((a, b) => a.tagName!.localeCompare(b.tagName!));
  const tokens = [...new Map(elements.flatMap((e) => (e.cssProperties ?? []).filter(isToken)).map((t) => [t.name, t])).values()];
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>seppmail.cloud services – element catalog</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="./catalog.css">
  <script type="module" src="./catalog.js"></script>
</head>
<body>
  <header>
    <h1>seppmail.cloud services: the elements</h1>
    <p>Every custom element of <code>@seppmail/cloud-services</code>, made from the package's
      <a href="./custom-elements.json">custom-elements.json</a>, with a live example against this demo BFF.
      The examples sign in as <span class="signed-in">a demo user</span>; they change the demo's data as the <a href="/">demo page</a> does.</p>
    <p>IDE data: <a href="./vscode.html-custom-data.json">VS Code HTML</a>, <a href="./vscode.css-custom-data.json">VS Code CSS</a>,
      <a href="./web-types.json">JetBrains web-types</a>.</p>
  </header>
  <nav aria-label="Elements">
    <ul>
${elements.map((e) => `      <li><a href="#${e.tagName}"><code>&lt;${e.tagName}&gt;</code></a></li>`).join('\n')}
      <li><a href="#tokens">Design tokens</a></li>
    </ul>
  </nav>
  <main>
${elements.map((e) => elementSection(e, '#tokens')).join('\n')}
<section id="tokens" aria-labelledby="tokens-title">
  <h2 id="tokens-title">Design tokens</h2>
  <p>Set them anywhere above the elements (<code>:root</code> will do); each element falls back to the default where nothing above sets one.</p>
  ${table(
    'Design tokens',
    ['Token', 'Default', 'Takes', 'Description'],
    tokens.map((t) => [code(t.name), code(t.default), code(t.syntax), markdown(t.description)]),
  )}
</section>
  </main>
</body>
</html>
`;
}

/** Writes the catalog into `outdir` (relative to the repository root). */
export async function buildCatalog(outdir = 'dist/docs'): Promise<void> {
  const out = join(root, outdir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--quiet'], { cwd: root, stdio: 'inherit', env: { ...process.env, CEM_OUTDIR: relative(root, out) } });
  const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as CatalogManifest;
  writeFileSync(join(out, 'index.html'), renderCatalog(manifest));
  copyFileSync(join(root, 'catalog/catalog.css'), join(out, 'catalog.css'));
  await build({
    absWorkingDir: root,
    entryPoints: ['catalog/catalog.ts'],
    outfile: join(out, 'catalog.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: 'tsconfig.build.json',
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildCatalog();
  console.log('built the catalog in dist/docs/');
}
