/**
 * `npm run size`: what a page loads, minified and gzipped (each file on its own, as a server
 * compresses each response), next to Lit's own (LitElement, html and css alone), all built in
 * memory with the bundle's options (scripts/bundle-options.ts):
 * - each element in the bundle: its define file's chunk and every chunk that it imports
 *   statically, i.e. what must arrive before it renders (languages and whatever it imports
 *   dynamically load later, on demand);
 * - the bundle's entry (with its static imports), the plain-HTML page's first row, and all chunks.
 * Exits 1 when a budget below is exceeded.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { ELEMENTS } from '../components/elements.js';
import { BUNDLE_FILE, buildBundle, bundleOptions } from './bundle-options.js';

/**
 * (a) `tenant-table` and `booked-services` with Lit, before the first row: their define files'
 * chunks and everything those import statically, each file counted once (issue 11, point 7:
 * Lit alone is about 6 kB, Shoelace's button, dialog and input 26.6 kB).
 */
const BUDGET_FIRST_ROW_GZIP_BYTES = 35_000;
/** (b) The bundle's entry, with the chunks it imports statically: loaded before any element is. */
const BUDGET_ENTRY_GZIP_BYTES = 40_000;

/** The elements whose first row budget (a) measures. */
const FIRST_ROW = ['tenant-table', 'booked-services'];
/** The elements of examples/plain-html, the page a portal without a build step starts from. */
const PLAIN_HTML_PAGE = ['services-provider', 'tenant-table', 'booked-services'];

const root = fileURLToPath(new URL('..', import.meta.url));

interface Size {
  minified: number;
  gzipped: number;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`.padStart(10);
const row = (name: string, size: Size, note = '') => console.log(`${name.padEnd(58)}${kB(size.minified)}${kB(size.gzipped)}${note ? `  ${note}` : ''}`);
const sizeOf = (contents: Uint8Array): Size => ({ minified: contents.byteLength, gzipped: gzipSync(contents, { level: 9 }).byteLength });
const sum = (sizes: Size[]): Size => sizes.reduce((a, b) => ({ minified: a.minified + b.minified, gzipped: a.gzipped + b.gzipped }), { minified: 0, gzipped: 0 });

/** The output files that `starts` (output paths) load before they run: themselves and their static imports, transitively. */
function staticClosure(metafile: Metafile, starts: string[]): Set<string> {
  const seen = new Set(starts);
  for (const path of seen) {
    for (const imported of metafile.outputs[path]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) seen.add(imported.path);
  }
  return seen;
}

/** The output of the chunk that starts at the source `entry` (a define file, a language). */
function chunkOf(metafile: Metafile, entry: string): string {
  const found = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === entry);
  if (!found) throw new Error(`no chunk starts at ${entry}`);
  return found[0];
}

const defineFile = (tag: string) => `components/${tag}/${tag}.ts`;

// The bundle as it ships, without source maps.
const bundle = await buildBundle(root);
const contents = new Map(bundle.files.filter((file) => file.path.endsWith('.js')).map((file) => [file.path, file.contents]));
const measure = (paths: Iterable<string>) => sum([...paths].map((path) => sizeOf(contents.get(path)!)));
const before = (tags: string[]) => measure(staticClosure(bundle.metafile, tags.map((tag) => chunkOf(bundle.metafile, defineFile(tag)))));

const lit = await build({ ...bundleOptions, splitting: false, stdin: { contents: "export { LitElement, html, css } from 'lit';", resolveDir: root, loader: 'ts' }, absWorkingDir: root, write: false, outfile: 'lit.js' });

console.log(`${'what loads (each file minified, and gzipped on its own)'.padEnd(58)}${'minified'.padStart(10)}${'gzipped'.padStart(10)}`);
row('lit (LitElement, html, css)', sizeOf(lit.outputFiles[0]!.contents));
console.log('each element in the bundle, before it renders (its chunk and their static imports):');
for (const tag of [...ELEMENTS.map((e) => e.tag)].sort()) row(`  ${tag}`, before([tag]));

const firstRow = before(FIRST_ROW);
const entry = measure(staticClosure(bundle.metafile, [BUNDLE_FILE]));
const page = measure(staticClosure(bundle.metafile, [BUNDLE_FILE, ...PLAIN_HTML_PAGE.map((tag) => chunkOf(bundle.metafile, defineFile(tag)))]));
const languages = ['de', 'fr', 'it'].map((code) => ({ code, size: measure([chunkOf(bundle.metafile, `components/i18n/locales/${code}.ts`)]) }));
const total = measure(contents.keys());

console.log('the bundle:');
row(`  entry (${BUNDLE_FILE}, with its static imports)`, entry);
row(`  plain-HTML page before the first row`, page, `(entry, ${PLAIN_HTML_PAGE.join(', ')})`);
for (const { code, size } of languages) row(`  language ${code}, when chosen`, size);
row(`  every chunk (${contents.size} files)`, total);

const budgets = [
  { name: `(a) ${FIRST_ROW.join(' + ')} before the first row`, bytes: firstRow.gzipped, budget: BUDGET_FIRST_ROW_GZIP_BYTES },
  { name: `(b) the bundle's entry, with its static imports`, bytes: entry.gzipped, budget: BUDGET_ENTRY_GZIP_BYTES },
];
console.log('\nbudgets (gzipped):');
let over = false;
for (const { name, bytes, budget } of budgets) {
  const used = Math.round((bytes / budget) * 100);
  const verdict = bytes > budget ? 'OVER' : 'ok';
  if (bytes > budget) over = true;
  console.log(`  ${name.padEnd(58)}${String(bytes).padStart(7)} of ${budget} B (${used} %) ${verdict}`);
}
if (over) process.exit(1);
