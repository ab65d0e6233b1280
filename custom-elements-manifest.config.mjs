/**
 * `cem analyze`: the elements' manifest (custom-elements.json) from their class comments, and
 * the IDE data made from it (VS Code's HTML and CSS custom data, JetBrains' web-types), written
 * next to it. The plugins are in scripts/cem-plugins.mjs; what each adds is said there.
 */
import { relative, resolve } from 'node:path';
import { manifestPlugins, programModules } from './scripts/cem-plugins.mjs';

/**
 * Where the published package is (the workspace packages/elements/, as scripts/package-paths.ts
 * says), and which file it ships for each source file: every path the manifest records is
 * relative to `packageDir`, and tests and the catalog read the manifest and the IDE data from
 * `outdir`.
 */
export const PACKAGE_LAYOUT = {
  /** The elements' sources (one folder per tag, events.ts, styles/tokens.ts), relative to the repository root. */
  elementsDir: 'components',
  /** The folder of the package.json that ships the manifest, relative to the repository root. */
  packageDir: 'packages/elements',
  /** Where custom-elements.json and the IDE data files are written, relative to the repository root. */
  outdir: 'packages/elements',
  /**
   * Source folder (relative to the repository root) → the folder of its built modules (relative
   * to `packageDir`); a source `x.ts` becomes `x.js` (with `x.d.ts` beside it) there.
   */
  sourceToPackage: {
    'components/': 'dist/components/',
    'domain/': 'dist/domain/',
  },
  /** The IDE data files, written to `outdir`. */
  ideData: {
    vscodeHtml: 'vscode.html-custom-data.json',
    vscodeCss: 'vscode.css-custom-data.json',
    webTypes: 'web-types.json',
  },
};

/**
 * The manifest test analyzes into a temporary folder: it says so in CEM_OUTDIR, which moves the
 * manifest and the IDE data together (the analyzer's own --outdir would move only the manifest).
 */
const outdir = process.env.CEM_OUTDIR ?? PACKAGE_LAYOUT.outdir;

const elements = PACKAGE_LAYOUT.elementsDir;
const globs = [`${elements}/**/*.ts`];

export default {
  globs,
  exclude: [`${elements}/**/*.styles.ts`, `${elements}/i18n/locales/**`, `${elements}/**/*.test.ts`],
  // The analyzer joins its outdir to the working folder, even an absolute one.
  outdir: relative(process.cwd(), resolve(outdir)) || '.',
  litelement: true,
  // package.json names the manifest itself; the analyzer must not rewrite it.
  packagejson: false,
  // Aliases are written out by the TypeScript checker, which plain parsing (the analyzer's
  // default) has not: the modules come from a program over the package's own sources.
  overrideModuleCreation: ({ ts, globs: files }) => programModules(ts, files),
  plugins: manifestPlugins(PACKAGE_LAYOUT, outdir),
};
