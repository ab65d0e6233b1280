/**
 * The per-element lists are written by `npm run generate` from components/elements.ts: this
 * regenerates them in memory and fails when a committed file differs, and checks the manifest
 * against the folders, the events and custom-elements.json's sources.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../components/elements.js';
import { GENERATED_FILES, generateLists, reactWrapperPath } from '../../scripts/generate-lists.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('npm run generate', () => {
  it.each([...GENERATED_FILES, ...ELEMENTS.map((e) => reactWrapperPath(e.tag))])('%s is as the generator writes it', (path) => {
    const generated = generateLists(ELEMENTS, read)[path];
    expect(existsSync(join(root, path)) && read(path) === generated, `${path} differs from what components/elements.ts gives: run npm run generate`).toBe(true);
  });

  it('lists every folder of components/ that has a define file, each once, with its class', () => {
    const folders = readdirSync(join(root, 'components'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, 'components', entry.name, `${entry.name}.ts`)))
      .map((entry) => entry.name)
      .sort();
    expect(ELEMENTS.map((e) => e.tag).sort()).toEqual(folders);
    for (const { tag, className } of ELEMENTS) {
      expect(read(`components/${tag}/${tag}.component.ts`), tag).toContain(`export class ${className} extends`);
      expect(read(`components/${tag}/${tag}.component.ts`), tag).toContain(`@tagname ${tag}`);
      expect(read(`components/${tag}/${tag}.ts`), tag).toContain(`defineOnce('${tag}', ${className})`);
    }
    expect(ELEMENTS[0]!.tag).toBe('services-provider');
  });

  it('gives each element the events its class documents with @fires', () => {
    for (const { tag, events } of ELEMENTS) {
      const fires = [...read(`components/${tag}/${tag}.component.ts`).matchAll(/@fires ([a-z-]+)/g)].map((m) => m[1]);
      expect([...events].sort(), tag).toEqual([...new Set(fires)].sort());
    }
  });

  it('writes those files and no other', () => {
    expect(Object.keys(generateLists(ELEMENTS, read)).sort()).toEqual([...GENERATED_FILES, ...ELEMENTS.map((e) => reactWrapperPath(e.tag))].sort());
  });

  it('throws on a tag listed twice', () => {
    expect(() => generateLists([...ELEMENTS, ELEMENTS[1]!], read)).toThrow(/listed twice/);
  });
});
