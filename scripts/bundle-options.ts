import { build, type BuildOptions } from 'esbuild';

/**
 * How the single-file bundle is made (dist/seppmail-services.js), shared by the build and by
 * `npm run size` so that the budget measures what ships: Lit inside, minified, production Lit.
 */
export const bundleOptions = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  conditions: ['production'],
  legalComments: 'eof',
  logLevel: 'warning',
} satisfies BuildOptions;

/** The bundle's entry: every element registered (where its tag is free), and `setLocale`. */
export const bundleEntry = 'components/define.ts';

/**
 * The bundle's text. It holds Lit's browser build, whose first statements need `HTMLElement` and
 * `document`, so on a server (Node, or @lit-labs/ssr's DOM shim, whose document has no element)
 * importing it would throw. The code therefore runs inside a function, and only where there is a
 * document with an element and a custom element registry; elsewhere the module registers
 * nothing and each export is a function that does nothing (`setLocale` resolves at once). A
 * server renders with the per-file entries (`/define`), which use Lit's Node build.
 */
export async function buildBundle(absWorkingDir: string): Promise<string> {
  const common: BuildOptions & { write: false } = { ...bundleOptions, absWorkingDir, entryPoints: [bundleEntry], write: false, outfile: 'seppmail-services.js' };
  const { metafile } = await build({ ...common, minify: false, legalComments: 'none', metafile: true });
  const names = Object.values(metafile.outputs).flatMap((output) => output.exports);
  const { outputFiles } = await build({ ...common, format: 'iife', globalName: 'bundle' });
  const inner = outputFiles[0]!.text;
  return [
    '// In a browser: registers every free tag. Elsewhere (a server) it registers nothing, and its functions do nothing.',
    'const browser = typeof document == "object" && !!document.documentElement && typeof customElements == "object" && typeof HTMLElement == "function";',
    `const services = browser ? (() => {\n${inner}\nreturn bundle;\n})() : {};`,
    'const nothing = () => Promise.resolve();',
    ...names.map((name) => `export const ${name} = services.${name} ?? nothing;`),
    '',
  ].join('\n');
}
