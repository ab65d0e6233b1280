/**
 * The package as a portal gets it: `npm run build` into dist/, package.json's exports and
 * sideEffects against the define files, the types resolved through the exports map, and what
 * `npm pack` ships.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
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
  it('has a define file for each of the thirteen elements', () => {
    expect(tags).toHaveLength(13);
    expect(classFiles).toHaveLength(13);
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

  it('exports the classes without side effects, and define entries apart, types first', () => {
    expect(target('.')).toEqual({ types: './dist/components/index.d.ts', default: './dist/components/index.js' });
    expect(pkg.types).toBe('./dist/components/index.d.ts');
    for (const tag of tags) {
      expect(target(`./${tag}`).default).toBe(built(`components/${tag}/${tag}.component.ts`));
      expect(target(`./define/${tag}`).default).toBe(built(`components/${tag}/${tag}.ts`));
    }
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
  it('writes every module that the exports map names, with its types', () => {
    for (const [key, entry] of Object.entries(pkg.exports)) {
      for (const file of typeof entry === 'string' ? [entry] : [entry.types, entry.default]) {
        expect(existsSync(join(root, file)), `${key}: ${file}`).toBe(true);
      }
    }
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
