/**
 * The documents stay readable from the repository: nothing cites the product brief's own files
 * (they live outside it; docs/domain.md and docs/architecture.md restate them), and every link to
 * a document and its section resolves: relative links in Markdown, and `docs/<page>.md#<section>`
 * written anywhere, code comments included.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git', '.data', 'coverage']);
const TEXT_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|md|json|html|css|xlf|ya?ml|sh)$/;
/** Generated, and large: nothing in them is written by hand. */
const SKIPPED_FILES = new Set(['package-lock.json', 'custom-elements.json']);

/** Every text file of the repository, relative to its root, with `/` separators. */
function repositoryFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : repositoryFiles(path);
    const name = relative(root, path).split('\\').join('/');
    const text = TEXT_FILE.test(entry.name) || name.startsWith('.ci/');
    return text && !SKIPPED_FILES.has(name) ? [name] : [];
  });
}

const files = repositoryFiles();
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The lines of a Markdown text outside fenced code blocks. */
function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').filter((line) => {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (fence === undefined || fence === marker)) {
      fence = fence === undefined ? marker : undefined;
      return false;
    }
    return fence === undefined;
  });
}

/** The anchors of a Markdown file's headings; a repeated heading gets `-1`, `-2`, … as on GitHub. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(read(file))) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

interface Link {
  /** Where it is written: `file:line`. */
  at: string;
  /** The file it names, relative to the root. */
  target: string;
  anchor?: string;
}

/** Relative links of Markdown files (`[text](path#anchor)`, `[text](#anchor)`), outside code. */
function markdownLinks(file: string): Link[] {
  const links: Link[] = [];
  const lines = read(file).split('\n');
  const prose = new Set(proseLines(lines.join('\n')));
  lines.forEach((line, i) => {
    if (!prose.has(line)) return;
    for (const match of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const href = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/')) continue;
      const [path, anchor] = href.split('#') as [string, string | undefined];
      const target = path === '' ? file : relative(root, resolve(root, dirname(file), decodeURI(path))).split('\\').join('/');
      links.push({ at: `${file}:${i + 1}`, target, anchor });
    }
  });
  return links;
}

/** `docs/<page>.md` or `docs/<page>.md#<anchor>` written anywhere (code comments, code blocks, prose). */
function docsMentions(file: string): Link[] {
  return read(file)
    .split('\n')
    .flatMap((line, i) =>
      [...line.matchAll(/(?<![\w/.-])docs\/([\w.-]+\.md)(?:#([\w-]+))?/g)].map((match) => ({
        at: `${file}:${i + 1}`,
        target: `docs/${match[1]}`,
        anchor: match[2],
      })),
    );
}

/** What is wrong with a link, or undefined when it resolves. */
function brokenBecause(link: Link): string | undefined {
  if (!existsSync(join(root, link.target))) return `${link.at}: ${link.target} does not exist`;
  if (link.anchor === undefined || !link.target.endsWith('.md')) return undefined;
  return anchorsOf(link.target).has(link.anchor) ? undefined : `${link.at}: ${link.target} has no heading #${link.anchor}`;
}

describe('documents', () => {
  it('has the domain and the architecture in docs/', () => {
    expect(existsSync(join(root, 'docs/domain.md'))).toBe(true);
    expect(existsSync(join(root, 'docs/architecture.md'))).toBe(true);
  });

  it('cites none of the brief’s own files, which are not in the repository', () => {
    // Built, so that this file does not cite them itself.
    const names = ['DOMAIN', 'DESIGN'].map((name) => `${name}.md`);
    const citations = files.flatMap((file) =>
      read(file)
        .split('\n')
        .flatMap((line, i) => names.filter((name) => line.includes(name)).map((name) => `${file}:${i + 1}: ${name}`)),
    );
    expect(citations).toEqual([]);
  });

  it('links only to files and headings that exist', () => {
    const links = [...files.filter((file) => file.endsWith('.md')).flatMap(markdownLinks), ...files.flatMap(docsMentions)];
    expect(links.filter((link) => link.anchor !== undefined).length).toBeGreaterThan(20);
    expect(links.map(brokenBecause).filter(Boolean)).toEqual([]);
  });

  it('makes anchors as GitHub does', () => {
    expect(slug('Who may do what')).toBe('who-may-do-what');
    expect(slug('Shared rules (domain/)')).toBe('shared-rules-domain');
    expect(slug('The `ETag` of a tenant')).toBe('the-etag-of-a-tenant');
    expect(slug('Start and End Billing')).toBe('start-and-end-billing');
  });
});
