import type { BuildOptions } from 'esbuild';

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
