import { join, relative } from 'node:path';
import { build, type BuildOptions, type Metafile, type OutputFile } from 'esbuild';

/**
 * Where `npm run build` writes the package (relative to the root): the per-file modules, their
 * types, the bundle and its chunks. The one place that names it for the build and `npm run size`.
 */
export const OUT_DIR = 'dist';

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
  /** esbuild's metafile, with the output paths relative to the output folder. */
  metafile: Metafile;
}

/**
 * Builds the bundle in memory: {@link BUNDLE_FILE}, its chunks under {@link CHUNKS_DIR}, and with
 * `sourcemap` a linked `.map` beside each (sources inside, since the package ships no sources).
 */
export async function buildBundle(absWorkingDir: string, { sourcemap = false }: { sourcemap?: boolean } = {}): Promise<BundleOutput> {
  // Never written (write: false): only the base of the output paths.
  const outdir = join(absWorkingDir, '.bundle-out');
  const result = await build({
    ...bundleOptions,
    absWorkingDir,
    entryPoints: [{ in: bundleEntry, out: BUNDLE_FILE.replace(/\.js$/, '') }],
    outdir,
    write: false,
    metafile: true,
    sourcemap: sourcemap ? 'linked' : false,
  });
  const files = result.outputFiles.map((file: OutputFile) => ({ path: relative(outdir, file.path), contents: file.contents }));
  // The metafile names outputs relative to the working directory: make them relative to outdir.
  const prefix = '.bundle-out/';
  const outputs = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([path, output]) => [
      path.slice(prefix.length),
      { ...output, imports: output.imports.map((imported) => ({ ...imported, path: imported.path.startsWith(prefix) ? imported.path.slice(prefix.length) : imported.path })) },
    ]),
  );
  return { files, metafile: { ...result.metafile, outputs } };
}
