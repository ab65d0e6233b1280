import { basename, join, relative } from 'node:path';
import { build, type BuildOptions, type Metafile, type OutputFile, type Plugin } from 'esbuild';
import { ELEMENT_PACKAGE } from './package-paths.js';

/**
 * Where `npm run build` writes the package (relative to the root): the element package's dist/
 * (scripts/package-paths.ts) with the per-file modules, their types, the bundle and its chunks.
 */
export const OUT_DIR = join(ELEMENT_PACKAGE, 'dist');

/** The bundle's entry module, in {@link OUT_DIR}: what a page without a build step imports. */
export const BUNDLE_FILE = 'seppmail-services.js';

/** The folder of the bundle's chunks, beside {@link BUNDLE_FILE}: the entry imports them by relative URL. */
export const CHUNKS_DIR = 'chunks';

/**
 * How the bundle is made, shared by the build and by `npm run size` so that the budgets measure
 * what ships: Lit inside, minified, production Lit, split into chunks (ES modules that import one
 * another by relative URL, so they load from wherever the entry is served). Each module that is
 * imported dynamically (a define file, a language) starts a chunk; code that several of them use
 * goes into a shared chunk, loaded once.
 */
export const bundleOptions = {
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  conditions: ['production'],
  legalComments: 'eof',
  entryNames: '[name]',
  chunkNames: `${CHUNKS_DIR}/[name]-[hash]`,
  logLevel: 'warning',
} satisfies BuildOptions;

/**
 * The bundle's entry (generated from components/elements.ts): a small loader that imports each
 * element's define file when the page uses its tag, and nothing at all on a server, where Lit's
 * browser build (whose first statements need `HTMLElement` and `document`) would throw. The guard
 * is `startBundle`'s (components/internal/autoloader.ts): the entry imports every chunk
 * dynamically, so none is fetched or run where it is false. A server renders with the per-file
 * entries (`/define`), which use Lit's Node build.
 */
export const bundleEntry = 'components/bundle.ts';

export interface BundleOutput {
  /** Every file, by path relative to the output folder: the entry, the chunks, their source maps. */
  files: { path: string; contents: Uint8Array }[];
  /** esbuild's metafile (of both builds below), with the output paths relative to the output folder. */
  metafile: Metafile;
}

/**
 * Builds the bundle in memory: {@link BUNDLE_FILE}, its chunks under {@link CHUNKS_DIR}, and with
 * `sourcemap` a linked `.map` beside each (sources inside, since the package ships no sources).
 *
 * Two builds: first the chunks, every module that the entry imports dynamically (each define
 * file, the localization) as an entry point of a split build; then the entry alone, with those
 * imports pointed at their chunks. In one split build esbuild makes every entry import the chunk
 * of its own helpers (`__decorateClass`) statically, even one that uses none
 * (evanw/esbuild#1892): the page would wait for that chunk before the entry could run and ask
 * for the elements, one more round trip before the first row.
 */
export async function buildBundle(absWorkingDir: string, { sourcemap = false }: { sourcemap?: boolean } = {}): Promise<BundleOutput> {
  // Never written (write: false): only the base of the output paths.
  const outdir = join(absWorkingDir, '.bundle-out');
  const common = { ...bundleOptions, absWorkingDir, outdir, write: false, metafile: true, sourcemap: sourcemap ? 'linked' : false } as const;
  const lazy = await dynamicImportsOf(absWorkingDir, bundleEntry);
  const chunks = await build({
    ...common,
    entryPoints: Object.fromEntries(lazy.map((source) => [basename(source, '.ts'), source])),
    entryNames: `${CHUNKS_DIR}/[name]-[hash]`,
  });
  const chunkOf = new Map(
    Object.entries(chunks.metafile.outputs)
      .filter(([, output]) => output.entryPoint)
      .map(([path, output]) => [output.entryPoint!, relative(outdir, join(absWorkingDir, path))]),
  );
  const toChunks: Plugin = {
    name: 'dynamic-imports-to-chunks',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const source = relative(absWorkingDir, join(args.resolveDir, args.path)).replace(/\.js$/, '.ts');
        const chunk = chunkOf.get(source);
        if (!chunk) throw new Error(`${args.importer} imports ${args.path}, which has no chunk`);
        return { path: `./${chunk}`, external: true };
      });
    },
  };
  const entry = await build({
    ...common,
    splitting: false,
    entryPoints: [{ in: bundleEntry, out: BUNDLE_FILE.replace(/\.js$/, '') }],
    plugins: [toChunks],
  });
  const files = [...entry.outputFiles, ...chunks.outputFiles].map((file: OutputFile) => ({ path: relative(outdir, file.path), contents: file.contents }));
  // The metafiles name outputs relative to the working directory: make them relative to outdir.
  const local = (path: string) => relative(outdir, join(absWorkingDir, path));
  const outputs = Object.fromEntries(
    [...Object.entries(entry.metafile.outputs), ...Object.entries(chunks.metafile.outputs)].map(([path, output]) => [
      local(path),
      { ...output, imports: output.imports.map((imported) => ({ ...imported, path: imported.external ? imported.path.replace(/^\.\//, '') : local(imported.path) })) },
    ]),
  );
  return { files, metafile: { inputs: { ...chunks.metafile.inputs, ...entry.metafile.inputs }, outputs } };
}

/** The sources (from the root) that `entry` imports dynamically, as esbuild resolves them. */
async function dynamicImportsOf(absWorkingDir: string, entry: string): Promise<string[]> {
  const { metafile } = await build({ ...bundleOptions, splitting: false, absWorkingDir, entryPoints: [entry], bundle: true, write: false, metafile: true, outdir: join(absWorkingDir, '.bundle-out'), logLevel: 'silent' });
  return metafile.inputs[entry]!.imports.filter((imported) => imported.kind === 'dynamic-import').map((imported) => imported.path);
}
