/**
 * The package as a portal gets it: `npm run build` into dist/, package.json's exports and
 * sideEffects against the define files, the types resolved through the exports map, and what
 * `npm pack` ships.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../components/elements.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  sideEffects: string[];
  types: string;
  files: string[];
  customElements: string;
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

  it('names every define file in "sideEffects", built and as source, and no class file', () => {
    for (const file of defineFiles) {
      expect(pkg.sideEffects).toContain(built(file));
      expect(pkg.sideEffects).toContain(`./${file}`);
    }
    expect(pkg.sideEffects).toContain('./dist/seppmail-services.js');
    expect(pkg.sideEffects).toHaveLength(2 * defineFiles.length + 1);
    for (const file of [...classFiles, 'components/index.ts']) {
      expect(pkg.sideEffects).not.toContain(built(file));
      expect(pkg.sideEffects).not.toContain(`./${file}`);
    }
  });

  it('exports the classes without side effects, and define entries apart, by pattern, types first', () => {
    expect(target('.')).toEqual({ types: './dist/components/index.d.ts', default: './dist/components/index.js' });
    expect(pkg.types).toBe('./dist/components/index.d.ts');
    // One pattern each for the classes and the define files: no per-element entry to keep.
    expect(target('./*')).toEqual({ types: './dist/components/*/*.component.d.ts', default: './dist/components/*/*.component.js' });
    expect(target('./define/*')).toEqual({ types: './dist/components/*/*.d.ts', default: './dist/components/*/*.js' });
    expect(Object.keys(pkg.exports).filter((key) => !['.', './*', './define/*', './define', './react', './bundle', './custom-elements.json', './package.json'].includes(key))).toEqual([]);
    expect(target('./define').default).toBe('./dist/components/define.js');
    expect(target('./react').default).toBe('./dist/react/index.js');
    expect(target('./bundle').default).toBe('./dist/seppmail-services.js');
    for (const [key, entry] of Object.entries(pkg.exports)) {
      if (typeof entry !== 'string') expect(Object.keys(entry), key).toEqual(['types', 'default']);
    }
    expect(pkg.customElements).toBe('custom-elements.json');
  });
});

describe('npm run build', () => {
  it('writes every module that the exports map names, with its types, for every element where it is a pattern', () => {
    for (const [key, entry] of Object.entries(pkg.exports)) {
      for (const file of typeof entry === 'string' ? [entry] : [entry.types, entry.default]) {
        for (const path of key.includes('*') ? tags.map((tag) => file.replaceAll('*', tag)) : [file]) {
          expect(existsSync(join(root, path)), `${key}: ${path}`).toBe(true);
        }
      }
    }
  });

  it('opens no module but the elements through the patterns: only element folders hold <folder>/<folder>(.component).js', () => {
    const folders = readdirSync(join(root, 'dist/components'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const reachable = folders.filter((f) => existsSync(join(root, `dist/components/${f}/${f}.js`)) || existsSync(join(root, `dist/components/${f}/${f}.component.js`)));
    expect(reachable.sort()).toEqual(tags);
  });

  it('resolves every import path in Node, as before the patterns: a class, a define file, the rest', () => {
    // The package refers to itself by name, so Node resolves through its own exports map.
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
    expect(resolved.map((url) => fileURLToPath(url).slice(root.length).replace(/^\//, ''))).toEqual(expected);
  });

  it('bundles a define entry and a class entry through the patterns with esbuild, the class without registering', async () => {
    const bundle = async (contents: string) => {
      const result = await build({ stdin: { contents, resolveDir: root, loader: 'js' }, bundle: true, write: false, format: 'esm', logLevel: 'silent', metafile: true });
      return Object.keys(result.metafile.inputs);
    };
    const defined = await bundle("import '@seppmail/cloud-services/define/dns-guide';");
    expect(defined).toContain('dist/components/dns-guide/dns-guide.js');
    // Only the class: "sideEffects" lets esbuild drop the unused class module, and nothing registers.
    const classOnly = await bundle("import { DnsGuide } from '@seppmail/cloud-services/dns-guide'; console.log(DnsGuide);");
    expect(classOnly).toContain('dist/components/dns-guide/dns-guide.component.js');
    expect(classOnly).not.toContain('dist/components/dns-guide/dns-guide.js');
  });

  it('keeps registration out of the class modules', () => {
    for (const file of classFiles) {
      const code = readFileSync(join(root, built(file)), 'utf8');
      expect(code, file).not.toMatch(/customElements\.define|defineOnce\(/);
    }
  });

  it('bundles Lit and every element into one module that imports nothing and exports setLocale', async () => {
    const { metafile } = await build({ entryPoints: [join(root, 'dist/seppmail-services.js')], bundle: true, write: false, metafile: true, format: 'esm', logLevel: 'silent' });
    const [input] = Object.values(metafile.inputs);
    expect(Object.keys(metafile.inputs)).toHaveLength(1);
    expect(input!.imports).toEqual([]);
    expect(Object.values(metafile.outputs)[0]!.exports).toContain('setLocale');
    const bundle = readFileSync(join(root, 'dist/seppmail-services.js'), 'utf8');
    for (const tag of tags) expect(bundle.includes(tag), tag).toBe(true);
  });

  it("resolves a portal's imports and their types through the exports map", () => {
    // test/package/consumer imports the package by its name; tsc reports every unresolved type.
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'test/package/consumer'], { cwd: root, stdio: 'pipe' });
  });

  it('resolves the same imports and types with moduleResolution node16', () => {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'test/package/consumer/tsconfig.node16.json'], { cwd: root, stdio: 'pipe' });
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
    // Inside the package so that '@seppmail/cloud-services' resolves to itself (dist/) by name; a
    // folder starting with a dot, which tsconfig.json's "include" leaves out.
    const dir = mkdtempSync(join(root, 'test/package/.portal-'));
    try {
      writeFileSync(join(dir, 'portal.tsx'), portal);
      const compilerOptions = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], jsx: 'react-jsx', types: [], skipLibCheck: false };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['portal.tsx'] }));
      try {
        execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', dir, '--noEmit', '--strict', '--exactOptionalPropertyTypes'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        const { stdout, stderr } = error as { stdout: string; stderr: string };
        expect.fail(`tsc rejects the portal:\n${stdout}${stderr}\n${portal}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

  it('imports the bundle without throwing: it registers nothing and its setLocale does nothing', () => {
    // Alone in its process: Lit's Node build, which the other entries load, installs a registry.
    const result = onServer<Imported>('import-entries.mjs', [name('/bundle')]);
    expect(result.entries).toEqual([{ specifier: name('/bundle'), exports: ['setLocale'], error: null }]);
    expect(result.setLocale).toEqual({ [name('/bundle')]: 'resolved' });
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
  it('ships dist/, the README and the manifest, and no tests, sources or demo', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as [
      { files: { path: string }[] },
    ];
    const files = packed.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'custom-elements.json',
        'dist/seppmail-services.js',
        'dist/components/index.js',
        'dist/components/index.d.ts',
        'dist/components/tenant-table/tenant-table.component.js',
        'dist/react/index.js',
        'dist/domain/api.d.ts',
      ]),
    );
    const unwanted = files.filter((file) => /(^|\/)test\/|\.test\.|^dist\/demo\/|^examples\/|^(components|domain|bff|react|scripts)\/|^\.|(?<!\.d)\.ts$/.test(file));
    expect(unwanted).toEqual([]);
  });
});
