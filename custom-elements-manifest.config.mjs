/** `cem analyze`: the elements' manifest from their class comments (custom-elements.json). */

/**
 * Our tags are registered by `defineOnce` (only when free), which the analyzer does not read:
 * each class names its tag with `@tagname`, and this plugin records the definition in the
 * element's define file (`components/<tag>/<tag>.ts`) and points every path at the built
 * modules in dist/, which the package ships (the sources it does not).
 */
function packagePaths() {
  const toDist = (path) => path.replace(/^(components|domain)\/(.*)\.ts$/, 'dist/$1/$2.js');
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = toDist(value);
        else walk(value);
      }
    }
  };
  return {
    name: 'seppmail-package-paths',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      for (const module of modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.tagName) continue;
          const defineFile = modules.find((m) => m.path === `components/${declaration.tagName}/${declaration.tagName}.ts`);
          defineFile?.exports?.push({
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: { name: declaration.name, module: module.path },
          });
        }
      }
      walk(modules);
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/i18n/locales/**', 'components/**/*.test.ts'],
  // The element package's folder (scripts/package-paths.ts): paths in the manifest are relative to it.
  outdir: 'packages/elements',
  litelement: true,
  // package.json names the manifest itself; the analyzer must not rewrite it (the manifest
  // test analyzes into a temporary folder).
  packagejson: false,
  plugins: [packagePaths()],
};
