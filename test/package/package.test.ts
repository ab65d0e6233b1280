/**
 * The element package (packages/elements) as a portal gets it: `npm run build` into its dist/,
 * its package.json's exports and sideEffects against the define files, the types resolved through
 * the exports map, what `npm pack` ships, and the packed tarball installed where no workspace is
 * near: what it pulls in, and a portal's code type-checked against it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../components/elements.js';
import { packElementPackage } from '../../scripts/pack.js';
import { ELEMENT_PACKAGE, ELEMENT_PACKAGE_DIR as pkgDir } from '../../scripts/package-paths.js';
import { PACKAGE_LAYOUT } from '../../custom-elements-manifest.config.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string } | null>;
  sideEffects: string[];
  types: string;
  files: string[];
  customElements: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  private?: boolean;
  license: string;
  repository: { url: string; directory: string };
  homepage: string;
  scripts: Record<string, string>;
};

/** Folders of components/ with a define file of their name: one element each. */
const tags = readdirSync(join(root, 'components'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'components', entry.name, `${entry.name}.ts`)))
  .map((entry) => entry.name)
  .sort();
const defineFiles = ['components/define.ts', ...tags.map((tag) => `components/${tag}/${tag}.ts`)];
const classFiles = readdirSync(join(root, 'components'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.component.ts'))
  .map((file) => `components/${file}`);
const built = (source: string) => `./dist/${source.replace(/\.ts$/, '.js')}`;
/** A path of the package (`./dist/…`) on disk. */
const inPackage = (path: string) => join(pkgDir, path);
/** A file of the package, by its path in the package (`dist/…`). */
const readPackage = (path: string) => readFileSync(inPackage(path), 'utf8');

/** The bundle's entry, in the package. */
const BUNDLE = 'dist/seppmail-services.js';

/**
 * The built bundle's modules, from the entry: each with the files (in the package) that it imports
 * statically (`import"./x.js"`, `from"./x.js"`) and dynamically (`import("./x.js")`), read from
 * the minified code, which names every other module by a relative URL.
 */
function bundleGraph(): Map<string, { static: string[]; dynamic: string[] }> {
  const graph = new Map<string, { static: string[]; dynamic: string[] }>();
  const queue = [BUNDLE];
  for (const path of queue) {
    if (graph.has(path)) continue;
    const code = readPackage(path);
    const resolveFrom = (specifier: string) => join(dirname(path), specifier);
    const statics = [...code.matchAll(/(?:\bimport|\bfrom)\s*["'](\.[^"']+)["']/g)].map((m) => resolveFrom(m[1]!));
    const dynamic = [...code.matchAll(/\bimport\(\s*["'](\.[^"']+)["']\s*\)/g)].map((m) => resolveFrom(m[1]!));
    graph.set(path, { static: [...new Set(statics)], dynamic: [...new Set(dynamic)] });
    queue.push(...statics, ...dynamic);
  }
  return graph;
}

/** `dist/chunks/tenant-table-AB12CD34.js` → `tenant-table`. */
const chunkName = (path: string) => path.split('/').pop()!.replace(/-[A-Z0-9]{8}\.js$/, '');

/** The chunk that starts at `name`'s module (a define file's tag, `localization`, a language). */
function chunkOf(graph: Map<string, unknown>, name: string): string {
  const found = [...graph.keys()].filter((path) => path !== BUNDLE && chunkName(path) === name);
  if (found.length !== 1) throw new Error(`expected one chunk named ${name}, found ${found.join(', ')}`);
  return found[0]!;
}

/** The files that `starts` load before they run: themselves and their static imports, transitively. */
function staticClosure(graph: Map<string, { static: string[] }>, starts: string[]): Set<string> {
  const seen = new Set(starts);
  for (const path of seen) for (const next of graph.get(path)?.static ?? []) seen.add(next);
  return seen;
}

function target(key: string): { types: string; default: string } {
  const entry = pkg.exports[key];
  if (!entry || typeof entry === 'string') throw new Error(`exports["${key}"] is not a conditional entry`);
  return entry;
}

beforeAll(() => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: root, stdio: 'pipe' });
}, 120_000);

describe('package.json', () => {
  it('has a define file and a class file for each element of components/elements.ts, and no other', () => {
    expect(tags).toEqual(ELEMENTS.map((e) => e.tag).sort());
    expect(classFiles.sort()).toEqual(ELEMENTS.map((e) => `components/${e.tag}/${e.tag}.component.ts`).sort());
  });

  it('names every built define file in "sideEffects" (the root package the sources), and no class file', () => {
    const rootSideEffects = (JSON.parse(read('package.json')) as { sideEffects: string[] }).sideEffects;
    for (const file of defineFiles) {
      expect(pkg.sideEffects).toContain(built(file));
      expect(rootSideEffects).toContain(`./${file}`);
    }
    expect(pkg.sideEffects).toContain('./dist/seppmail-services.js');
    // The bundle's chunks hold define files and import one another bare: a bundler must keep them.
    expect(pkg.sideEffects).toContain('./dist/chunks/*.js');
    expect(pkg.sideEffects).toHaveLength(defineFiles.length + 2);
    expect(rootSideEffects).toHaveLength(defineFiles.length);
    // The React wrappers are not listed: unused ones, and the elements they import, are left out.
    expect(pkg.sideEffects.filter((file) => file.includes('react'))).toEqual([]);
    for (const file of [...classFiles, 'components/index.ts']) {
      expect(pkg.sideEffects).not.toContain(built(file));
      expect(rootSideEffects).not.toContain(`./${file}`);
    }
  });

  it('is publishable on its own: Lit alone as dependencies, React an optional peer, a licence, its repository, a prepack that builds', async () => {
    expect(pkg.private).toBeUndefined();
    expect(Object.keys(pkg.dependencies).every((name) => name === 'lit' || name.startsWith('@lit/')), Object.keys(pkg.dependencies).join()).toBe(true);
    expect(pkg.peerDependencies).toEqual({ react: expect.any(String) });
    expect(pkg.peerDependenciesMeta.react?.optional).toBe(true);
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(pkgDir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.repository.directory).toBe('packages/elements');
    expect(pkg.scripts.prepack).toMatch(/run build/);
    // Every bare import of the package's modules is one of its dependencies or peers (esbuild lists them as external).
    const modules = readdirSync(inPackage('dist'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    const { metafile } = await build({ entryPoints: modules.map((file) => inPackage(`dist/${file}`)), bundle: true, packages: 'external', write: false, metafile: true, outdir: tmpdir(), format: 'esm', logLevel: 'silent' });
    const imported = new Set(Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path)));
    const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    expect(imported).toContain('lit');
    expect([...imported].map(packageOf).filter((name) => !declared.has(name))).toEqual([]);
  });

  it('exports the classes without side effects, and define entries apart, by pattern, types first', () => {
    expect(target('.')).toEqual({ types: './dist/components/index.d.ts', default: './dist/components/index.js' });
    expect(pkg.types).toBe('./dist/components/index.d.ts');
    // One pattern each for the classes and the define files: no per-element entry to keep.
    expect(target('./*')).toEqual({ types: './dist/components/*/*.component.d.ts', default: './dist/components/*/*.component.js' });
    expect(target('./define/*')).toEqual({ types: './dist/components/*/*.d.ts', default: './dist/components/*/*.js' });
    expect(Object.keys(pkg.exports).filter((key) => !['.', './*', './define/*', './define', './react', './react/*', './react/internal/*', './bundle', './custom-elements.json', './vscode.html-custom-data.json', './vscode.css-custom-data.json', './web-types.json', './package.json'].includes(key))).toEqual([]);
    // One React wrapper per element by pattern, as Shoelace offers them; their shared helper is not an entry.
    expect(target('./react/*')).toEqual({ types: './dist/react/*.d.ts', default: './dist/react/*.js' });
    expect(pkg.exports['./react/internal/*']).toBeNull();
    expect(target('./define').default).toBe('./dist/components/define.js');
    expect(target('./react').default).toBe('./dist/react/index.js');
    expect(target('./bundle').default).toBe('./dist/seppmail-services.js');
    for (const [key, entry] of Object.entries(pkg.exports)) {
      if (entry && typeof entry !== 'string') expect(Object.keys(entry), key).toEqual(['types', 'default']);
    }
    expect(pkg.customElements).toBe('custom-elements.json');
    // JetBrains IDEs find the web-types file by this field; VS Code's data is set up by the portal (README).
    expect((pkg as unknown as Record<string, unknown>)['web-types']).toBe('./web-types.json');
  });
});

describe('npm run build', () => {
  it('writes custom-elements.json whose every module and module reference is a built module with its types, and the IDE data beside it', () => {
    const outdir = join(root, PACKAGE_LAYOUT.outdir);
    const packageDir = join(root, PACKAGE_LAYOUT.packageDir);
    const manifest = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8')) as { modules: { path: string }[] };
    const paths = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        // A reference with `package` names another package's module (`lit`).
        if (typeof record.module === 'string' && record.package === undefined) paths.add(record.module);
        Object.values(record).forEach(collect);
      }
    };
    for (const module of manifest.modules) paths.add(module.path);
    collect(manifest.modules);
    expect(paths.size).toBeGreaterThan(50);
    const unresolved = [...paths].filter((path) => !/^dist\/.+\.js$/.test(path) || !existsSync(join(packageDir, path)) || !existsSync(join(packageDir, path.replace(/\.js$/, '.d.ts'))));
    expect(unresolved).toEqual([]);
    // …and `files` ships each of them.
    expect([...paths].filter((path) => !pkg.files.some((entry) => path.startsWith(`${entry.replace(/^\.\//, '')}/`)))).toEqual([]);
    for (const file of Object.values(PACKAGE_LAYOUT.ideData)) expect(() => JSON.parse(readFileSync(join(outdir, file), 'utf8')), file).not.toThrow();
  });

  it('writes every module that the exports map names, with its types, for every element where it is a pattern', () => {
    for (const [key, entry] of Object.entries(pkg.exports)) {
      if (entry === null) continue; // a hole in a pattern (./react/internal/*)
      for (const file of typeof entry === 'string' ? [entry] : [entry.types, entry.default]) {
        for (const path of key.includes('*') ? tags.map((tag) => file.replaceAll('*', tag)) : [file]) {
          expect(existsSync(inPackage(path)), `${key}: ${path}`).toBe(true);
        }
      }
    }
  });

  it('opens no module but the elements through the patterns: only element folders hold <folder>/<folder>(.component).js', () => {
    const folders = readdirSync(inPackage('dist/components'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const reachable = folders.filter((f) => existsSync(inPackage(`dist/components/${f}/${f}.js`)) || existsSync(inPackage(`dist/components/${f}/${f}.component.js`)));
    expect(reachable.sort()).toEqual(tags);
  });

  it('resolves every import path in Node, as before the patterns: a class, a define file, the rest', () => {
    // The workspace links the package into node_modules by name, so Node resolves through its exports map.
    const specifiers = ['', '/define', '/react', '/bundle', '/custom-elements.json', '/package.json', ...tags.flatMap((tag) => [`/${tag}`, `/define/${tag}`])].map((s) => `@seppmail/cloud-services${s}`);
    const script = `for (const s of ${JSON.stringify(specifiers)}) console.log(import.meta.resolve(s));`;
    const resolved = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    const expected = [
      'dist/components/index.js',
      'dist/components/define.js',
      'dist/react/index.js',
      'dist/seppmail-services.js',
      'custom-elements.json',
      'package.json',
      ...tags.flatMap((tag) => [`dist/components/${tag}/${tag}.component.js`, `dist/components/${tag}/${tag}.js`]),
    ];
    expect(resolved.map((url) => fileURLToPath(url).slice(pkgDir.length).replace(/^\//, ''))).toEqual(expected);
  });

  it('bundles a define entry and a class entry through the patterns with esbuild, the class without registering', async () => {
    const bundle = async (contents: string) => {
      const result = await build({ stdin: { contents, resolveDir: root, loader: 'js' }, bundle: true, write: false, format: 'esm', logLevel: 'silent', metafile: true });
      return Object.keys(result.metafile.inputs);
    };
    const defined = await bundle("import '@seppmail/cloud-services/define/dns-guide';");
    expect(defined).toContain(`${ELEMENT_PACKAGE}/dist/components/dns-guide/dns-guide.js`);
    // Only the class: "sideEffects" lets esbuild drop the unused class module, and nothing registers.
    const classOnly = await bundle("import { DnsGuide } from '@seppmail/cloud-services/dns-guide'; console.log(DnsGuide);");
    expect(classOnly).toContain(`${ELEMENT_PACKAGE}/dist/components/dns-guide/dns-guide.component.js`);
    expect(classOnly).not.toContain(`${ELEMENT_PACKAGE}/dist/components/dns-guide/dns-guide.js`);
  });

  it('keeps registration out of the class modules', () => {
    for (const file of classFiles) {
      const code = readFileSync(inPackage(built(file)), 'utf8');
      expect(code, file).not.toMatch(/customElements\.define|defineOnce\(/);
    }
  });

  it('splits the bundle: an entry that imports each define file and the localization dynamically, chunks beside it', () => {
    const graph = bundleGraph();
    const entry = graph.get(BUNDLE)!;
    // Nothing to wait for before the entry runs (no element, no Lit, not even esbuild's helpers: see buildBundle).
    expect(entry.static).toEqual([]);
    expect(readPackage(BUNDLE).length).toBeLessThan(4_000);
    expect(entry.dynamic.map(chunkName).sort()).toEqual([...tags, 'localization'].sort());
    // Every chunk lies in dist/chunks/ and every import of every chunk names a file that exists.
    for (const [path, { static: statics, dynamic }] of graph) {
      if (path !== BUNDLE) expect(path, path).toMatch(/^dist\/chunks\/[\w.-]+-[A-Z0-9]{8}\.js$/);
      for (const imported of [...statics, ...dynamic]) expect(existsSync(inPackage(imported)), `${path} imports ${imported}`).toBe(true);
    }
    expect([...graph.keys()].sort()).toEqual([BUNDLE, ...readdirSync(inPackage('dist/chunks')).filter((f) => f.endsWith('.js')).map((f) => `dist/chunks/${f}`)].sort());
  });

  it('loads a language only when chosen: no element chunk imports de, fr or it statically, localization does dynamically', () => {
    const graph = bundleGraph();
    const languages = [...graph.keys()].filter((path) => /\/(de|fr|it)-[A-Z0-9]{8}\.js$/.test(path));
    expect(languages.map(chunkName).sort()).toEqual(['de', 'fr', 'it']);
    for (const tag of tags) {
      const closure = staticClosure(graph, [chunkOf(graph, tag)]);
      expect(languages.filter((language) => closure.has(language)), tag).toEqual([]);
    }
    // The localization (in a shared chunk that its own re-exports) imports them on demand.
    const localization = [...staticClosure(graph, [chunkOf(graph, 'localization')])].flatMap((path) => graph.get(path)!.dynamic);
    expect(localization.map(chunkName).sort()).toEqual(['de', 'fr', 'it']);
    // A define file's chunk registers its tag (with what it opens); the entry registers nothing itself.
    for (const tag of tags) expect([...staticClosure(graph, [chunkOf(graph, tag)])].some((path) => readPackage(path).includes(`"${tag}"`)), tag).toBe(true);
    expect(readPackage(BUNDLE)).not.toMatch(/customElements\.define\(/);
  });

  it('writes a source map beside the entry and each chunk, with the sources inside', () => {
    for (const path of bundleGraph().keys()) {
      expect(readPackage(path), path).toContain(`//# sourceMappingURL=${path.split('/').pop()}.map`);
      const map = JSON.parse(readPackage(`${path}.map`)) as { sources: string[]; sourcesContent: string[] };
      expect(map.sourcesContent.length, path).toBe(map.sources.length);
    }
    const entryMap = JSON.parse(readPackage(`${BUNDLE}.map`)) as { sources: string[] };
    expect(entryMap.sources.some((source) => source.endsWith('components/internal/autoloader.ts'))).toBe(true);
  });

  it('bundles the react entry with only the wrappers a portal imports: TenantTable brings tenant-table (and the editor it opens when asked), no other element', async () => {
    const { metafile } = await build({
      stdin: { contents: "import { TenantTable } from '@seppmail/cloud-services/react'; console.log(TenantTable);", resolveDir: root, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      logLevel: 'silent',
      metafile: true,
      outfile: 'portal.js',
    });
    // What the output holds (the metafile's inputs name every module read, the dropped ones too).
    const inputs = Object.entries(Object.values(metafile.outputs)[0]!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path.replace(`${ELEMENT_PACKAGE}/`, ''));
    const defined = inputs.filter((path) => /^dist\/components\/([\w-]+)\/\1\.js$/.test(path)).sort();
    expect(defined).toEqual(['dist/components/tenant-table/tenant-table.js']);
    // react/index.js adds only esbuild's lazy initialiser of the re-exports (an unsplit bundle with a
    // dynamic import wraps the modules around it), none of the other wrappers.
    expect(inputs.filter((path) => path.startsWith('dist/react/') && path !== 'dist/react/index.js').sort()).toEqual(['dist/react/internal/wrap.js', 'dist/react/tenant-table.js']);
    // The editor, which tenant-table imports when first opened (an unsplit bundle like this one inlines it).
    expect(inputs.filter((path) => path.includes('.component.js')).sort()).toEqual(['dist/components/tenant-editor/tenant-editor.component.js', 'dist/components/tenant-table/tenant-table.component.js']);
  });

  it('gives each React wrapper its own module, which imports its own define file and no other', () => {
    for (const tag of tags) {
      const code = readPackage(`dist/react/${tag}.js`);
      const defines = [...code.matchAll(/from ["']\.\.\/components\/([\w-]+)\/([\w-]+)\.js["']/g)].filter((m) => m[1] === m[2]).map((m) => m[1]);
      expect(defines, tag).toEqual([tag]);
    }
  });

  it("resolves a portal's imports and their types through the exports map", () => {
    // test/package/consumer imports the package by its name; tsc reports every unresolved type.
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'test/package/consumer'], { cwd: root, stdio: 'pipe' });
  });

  it('resolves the same imports and types with moduleResolution node16', () => {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'test/package/consumer/tsconfig.node16.json'], { cwd: root, stdio: 'pipe' });
  });

});

/** Runs a script of test/package/server/ in a plain Node process and answers what it printed as JSON. */
function onServer<T>(script: string, args: string[]): T {
  const output = execFileSync(process.execPath, [join(root, 'test/package/server', script), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(output) as T;
}

interface Imported {
  entries: { specifier: string; exports: string[]; error: string | null }[];
  setLocale: Record<string, string>;
  defineAll: Record<string, string>;
  registry: string[] | null;
}

/** What a heading or the first words of each element's own shadow root say, before any data. */
const STATIC_CONTENT: Record<string, string> = {
  'services-provider': '<slot></slot>',
  'add-domain-manual': 'Add domain manually',
  'add-domain-wizard': 'Add new domain',
  'add-services-dialog': 'Add services to',
  'audit-log': 'Loading the audit log…',
  'booked-services': 'Booked services',
  'cancel-service-dialog': 'Cancel a service of',
  'deployment-settings': 'Deployment settings',
  'dns-guide': 'DNS records to publish',
  'offer-dialog': 'Create an offer for',
  'tenant-editor': 'Add new tenant',
  'tenant-table': 'Search by name, ID or domain',
  'usage-statement': 'Usage statement',
};

/**
 * The markup inside `<tag>`'s first declarative shadow root, without Lit's hydration comments, or
 * undefined when it has none. (Up to the first `</template>`: an element nested in it ends it early.)
 */
function shadowContent(markup: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}[^>]*><template shadowroot="open" shadowrootmode="open">([\\s\\S]*?)</template>`).exec(markup);
  return match?.[1]!.replace(/<!--[\s\S]*?-->/g, '');
}

describe('on a server (Node, no DOM)', () => {
  const name = (s: string) => `@seppmail/cloud-services${s}`;
  const entries = ['', '/define', '/react', '/bundle', ...tags.flatMap((tag) => [`/${tag}`, `/define/${tag}`])].map(name);

  it('imports the bundle without throwing: it loads no chunk, registers nothing, and its functions do nothing', () => {
    // Alone in its process: Lit's Node build, which the other entries load, installs a registry.
    const result = onServer<Imported>('import-entries.mjs', [name('/bundle')]);
    expect(result.entries).toEqual([{ specifier: name('/bundle'), exports: ['defineAll', 'discover', 'setLocale'], error: null }]);
    expect(result.setLocale).toEqual({ [name('/bundle')]: 'resolved' });
    // Had it loaded the chunks, Lit's browser build in them would have thrown (no HTMLElement in Node).
    expect(result.defineAll).toEqual({ [name('/bundle')]: 'resolved' });
    expect(result.registry).toBeNull();
  });

  it('imports every entry without throwing, and the define entries register in the registry of Lit’s Node build', () => {
    const result = onServer<Imported>('import-entries.mjs', entries);
    expect(result.entries.filter((entry) => entry.error)).toEqual([]);
    expect(result.entries.find((entry) => entry.specifier === name('/define'))!.exports).toEqual(['setLocale']);
    expect(result.entries.find((entry) => entry.specifier === name(''))!.exports).toEqual(expect.arrayContaining(['TenantTable', 'BookedServices', 'setLocale']));
    expect(result.registry).toEqual(['services-provider', 'tenant-table', 'booked-services', 'dns-guide']);
    // On a server setLocale does nothing (the browser switches), rather than fail a render.
    expect(result.setLocale).toEqual({ [name('')]: 'resolved', [name('/define')]: 'resolved', [name('/bundle')]: 'resolved' });
  });

  it('imports every entry under @lit-labs/ssr’s global DOM shim (a document without elements), registering there', () => {
    const result = onServer<Imported>('import-entries.mjs', ['--dom-shim', ...entries]);
    expect(result.entries.filter((entry) => entry.error)).toEqual([]);
    expect(Object.values(result.setLocale)).toEqual(['resolved', 'resolved', 'resolved']);
    // The shim's document has no element: the bundle's guard holds, it loads no chunk.
    expect(result.defineAll).toEqual({ [name('/bundle')]: 'resolved' });
    expect(result.registry).toEqual(['services-provider', 'tenant-table', 'booked-services', 'dns-guide']);
  });

  it('renders every element with @lit-labs/ssr to declarative shadow DOM with its styles and its own content', () => {
    expect(Object.keys(STATIC_CONTENT).sort(), 'an element without its expected content here').toEqual(ELEMENTS.map((e) => e.tag).sort());
    const { html, page } = onServer<{ html: Record<string, string>; page: string }>('render.mjs', ELEMENTS.map((e) => e.tag));
    for (const { tag } of ELEMENTS) {
      const content = shadowContent(html[tag]!, tag);
      expect(content, `${tag} has no declarative shadow root`).toBeDefined();
      expect(content, tag).toMatch(/^<style>[\s\S]+<\/style>/);
      expect(content, tag).toContain(STATIC_CONTENT[tag]);
    }
    // A page: the provider, and inside it each element with its own shadow root and attributes.
    expect(shadowContent(page, 'services-provider')).toContain('<slot></slot>');
    expect(shadowContent(page, 'tenant-table')).toContain(STATIC_CONTENT['tenant-table']); // English: see render.mjs
    expect(page).toMatch(/<booked-services\s+tenant-id="T-1"[^>]*><template shadowroot="open"/);
    expect(shadowContent(page, 'booked-services')).toContain('Loading booked services');
  });

  it('renders the React wrappers with react-dom/server, as a framework prerenders a client component', () => {
    const { html } = onServer<{ html: string }>('react-render.mjs', []);
    expect(html).toBe('<services-provider><tenant-table></tenant-table><booked-services></booked-services></services-provider>');
  });

  it('renders the React wrappers by the prefixed tags after defineElements({ prefix }), even when the react entry registered the plain ones first', () => {
    const { html, names } = onServer<{ html: string; names: Record<string, string> }>('react-render-prefixed.mjs', []);
    expect(names).toEqual({ 'tenant-table': 'acme-tenant-table', 'dns-guide': 'acme-dns-guide' });
    expect(html).toBe('<acme-services-provider><acme-tenant-table></acme-tenant-table><acme-booked-services></acme-booked-services></acme-services-provider>');
  });
});

describe('npm pack', () => {
  it('ships dist/, the README, the licence, the changelog and the manifest, and no tests, sources or demo', () => {
    const files = packElementPackage(tmpdir(), { dryRun: true }).files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'custom-elements.json',
        'dist/seppmail-services.js',
        'dist/components/index.js',
        'dist/components/index.js.map',
        'dist/components/index.d.ts',
        'dist/components/tenant-table/tenant-table.component.js',
        'dist/react/index.js',
        'dist/domain/api.d.ts',
      ]),
    );
    // The bundle's chunks and source maps: see the test below.
    const unwanted = files.filter((file) => /(^|\/)test\/|\.test\.|^dist\/demo\/|^examples\/|^(components|domain|bff|react|scripts)\/|^\.|(?<!\.d)\.ts$/.test(file));
    expect(unwanted).toEqual([]);
  });

  it('ships the bundle with every chunk it loads and the source maps', () => {
    const files = packElementPackage(tmpdir(), { dryRun: true }).files.map((file) => file.path);
    const bundle = [...bundleGraph().keys()];
    expect(bundle.filter((path) => !files.includes(path))).toEqual([]);
    expect(bundle.map((path) => `${path}.map`).filter((path) => !files.includes(path))).toEqual([]);
  });
});

/**
 * The tarball installed as a portal installs it, in a folder outside the repository (so that no
 * workspace or root node_modules is near), with the React types a React portal has beside it.
 */
describe('the packed tarball, installed', () => {
  let portalDir: string;
  const reactTypes = (JSON.parse(read('node_modules/@types/react/package.json')) as { version: string }).version;

  beforeAll(() => {
    portalDir = mkdtempSync(join(tmpdir(), 'sc-portal-'));
    const tarball = packElementPackage(portalDir).path;
    writeFileSync(join(portalDir, 'package.json'), JSON.stringify({ name: 'portal', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', tarball, `@types/react@${reactTypes}`], { cwd: portalDir, stdio: 'pipe' });
  }, 180_000);

  afterAll(() => rmSync(portalDir, { recursive: true, force: true }));

  it("pulls in the browser's needs only: Lit and its own packages", () => {
    const installed = execFileSync('npm', ['ls', '--all', '--parseable'], { cwd: portalDir, encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(1)
      .map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const litFamily = (name: string) => /^(lit|lit-html|lit-element|@lit\/.+|@lit-labs\/ssr-dom-shim|@types\/trusted-types)$/.test(name);
    const portalsOwn = ['@seppmail/cloud-services', '@types/react', 'csstype'];
    expect(installed.filter((name) => !litFamily(name) && !portalsOwn.includes(name))).toEqual([]);
    expect(installed).toContain('lit');
  });

  it("compiles a portal's code with the exported types and the React wrappers under strict + exactOptionalPropertyTypes", () => {
    // Every type domain/api.ts exports (its UsageStatement is UsageStatementData beside the element),
    // and the types of element properties, imported from the root entry by name.
    const wire = [...read('domain/api.ts').matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => (m[1] === 'UsageStatement' ? 'UsageStatementData' : m[1]!));
    const propertyTypes = ['ManagedDomain', 'TenantSortKey', 'SortOrder', 'LiveMode', 'TokenGetter', 'WizardData', 'WizardStep', 'Catalog', 'Versioned'];
    const portal = [
      `import type { ${[...new Set([...wire, ...propertyTypes])].join(', ')} } from '@seppmail/cloud-services';`,
      "import { AddServicesDialog, BookedServices, CancelServiceDialog, ServicesProvider, TenantTable } from '@seppmail/cloud-services/react';",
      '',
      'export function Portal(props: { maybe?: TenantSummary; domain?: ManagedDomain; tenant?: Tenant; getToken: TokenGetter; sort?: TenantSortKey; order?: SortOrder; live?: LiveMode }) {',
      '  const { maybe, domain, getToken, sort, order, live } = props;',
      '  const wizard: WizardData | undefined = undefined;',
      '  const page: TenantPage | undefined = undefined;',
      '  void wizard; void page;',
      '  return (',
      '    <ServicesProvider apiBase={undefined} getToken={getToken}>',
      '      <TenantTable sort={sort} order={order} live={live} selectedId={maybe?.id} />',
      '      <BookedServices tenantId={maybe?.id} onAuthRequired={undefined} />',
      '      <AddServicesDialog domain={domain} />',
      '      <CancelServiceDialog domain={domain} number={domain?.services[0]?.number} />',
      '    </ServicesProvider>',
      '  );',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(portalDir, 'portal.tsx'), portal);
    // skipLibCheck off: the package's own .d.ts files must compile under the portal's settings too.
    const compilerOptions = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], jsx: 'react-jsx', types: [], skipLibCheck: false };
    writeFileSync(join(portalDir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['portal.tsx'] }));
    try {
      execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', portalDir, '--noEmit', '--strict', '--exactOptionalPropertyTypes'], { cwd: portalDir, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout: string; stderr: string };
      expect.fail(`tsc rejects the portal:\n${stdout}${stderr}\n${portal}`);
    }
  });
});
