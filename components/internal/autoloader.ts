/**
 * What the bundle (dist/seppmail-services.js, whose entry is the generated components/bundle.ts)
 * does when a page imports it. Nothing here runs on import: `startBundle` is called by that entry.
 */

import { FALLBACK_PREFIX } from './fallback-prefix.js';

/** Each tag's define file, imported on demand: in the bundle every one is a chunk of its own. */
export type DefineLoaders = Readonly<Record<string, () => Promise<unknown>>>;

/** What the bundle exports. */
export interface BundleExports {
  /** `setLocale` of the package (components/i18n/localization.ts), its chunk loaded on the first call. */
  setLocale(tag: string): Promise<void>;
  /**
   * Loads the define files of our tags in `root` (the root itself included) that are not yet
   * defined, e.g. a shadow root of the host's own element, which the document's observer does
   * not see. Resolves when they are registered.
   */
  discover(root: ParentNode): Promise<void>;
  /** Loads every define file, as the single-file bundle did on import: for `createElement` before the tag is on the page. */
  defineAll(): Promise<void>;
}

/**
 * Lit's browser build needs `HTMLElement` and `document` as its chunks run, so on a server (Node,
 * or @lit-labs/ssr's DOM shim, whose document has no element) the bundle must load none of them;
 * test/package/server/import-entries.mjs imports it there. A server renders with the per-file
 * entries (`/define`), which use Lit's Node build.
 */
function inBrowser(): boolean {
  return (
    typeof document === 'object' &&
    !!document.documentElement &&
    typeof customElements === 'object' &&
    typeof HTMLElement === 'function' &&
    typeof MutationObserver === 'function'
  );
}

/**
 * In a browser: loads the define file of each of our tags that the document holds and no one has
 * defined yet (or of `sepp-<tag>`, the name ours takes where the page has the tag already), now
 * and whenever such an element is added (a MutationObserver on the document, given up once every
 * define file has loaded). So a page with a table loads the table's chunks
 * and not the dialogs it does not show, and the first row needs fewer bytes; an element loads
 * the elements it opens itself (tenant-table its editor, booked-services its dialogs), since
 * they live in its shadow root. Elsewhere nothing is loaded and each export does nothing.
 */
export function startBundle(loaders: DefineLoaders, localization: () => Promise<{ setLocale(tag: string): Promise<void> }>): BundleExports {
  if (!inBrowser()) {
    const nothing = () => Promise.resolve();
    return { setLocale: nothing, discover: nothing, defineAll: nothing };
  }
  const tags = Object.keys(loaders);
  // Our tags, and the names our classes take where a page has an element of the tag already
  // (`sepp-<tag>`, components/internal/define.ts): a page that uses those names loads ours too.
  const fallback = (tag: string) => `${FALLBACK_PREFIX}-${tag}`;
  const tagOfName = new Map(tags.flatMap((tag) => [[tag, tag] as const, [fallback(tag), tag] as const]));
  const selector = [...tagOfName.keys()].join(',');
  const loading = new Map<string, Promise<unknown>>();
  const loaded = new Set<string>();

  const load = (tag: string): Promise<unknown> => {
    let started = loading.get(tag);
    if (!started) {
      started = loaders[tag]!().then(
        () => {
          loaded.add(tag);
          // Nothing left to watch for once every define file has loaded.
          if (loaded.size === tags.length) observer.disconnect();
        },
        (error: unknown) => {
          // A chunk that failed to load (the network) is asked again at the tag's next appearance.
          loading.delete(tag);
          throw error;
        },
      );
      loading.set(tag, started);
    }
    return started;
  };

  const discover = async (root: ParentNode): Promise<void> => {
    const found = new Set<string>();
    const names = [...(root instanceof Element && tagOfName.has(root.localName) ? [root.localName] : []), ...[...root.querySelectorAll(selector)].map((element) => element.localName)];
    // A name defined already (a tag the page has defined itself keeps its element; define files
    // register only free names) needs nothing, unless its define file is loading.
    for (const name of names) {
      const tag = tagOfName.get(name)!;
      if (loading.has(tag) || !customElements.get(name)) found.add(tag);
    }
    await Promise.all([...found].map(load));
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) discover(node).catch(reportError);
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  discover(document).catch(reportError);

  return {
    setLocale: async (tag) => (await localization()).setLocale(tag),
    discover,
    defineAll: async () => {
      await Promise.all(tags.map(load));
    },
  };
}
