/**
 * What the bundle (dist/seppmail-services.js, whose entry is the generated components/bundle.ts)
 * does when a page imports it. Nothing here runs on import: `startBundle` is called by that entry.
 */

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
 * defined yet, now and whenever such an element is added (a MutationObserver on the document,
 * given up once every define file is loading). So a page with a table loads the table's chunks
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
  const selector = tags.join(',');
  const loading = new Map<string, Promise<unknown>>();

  const load = (tag: string): Promise<unknown> => {
    let started = loading.get(tag);
    if (!started) {
      // A chunk that failed to load (the network) is asked again at the tag's next appearance.
      started = loaders[tag]!().catch((error: unknown) => {
        loading.delete(tag);
        throw error;
      });
      loading.set(tag, started);
      if (loading.size === tags.length) observer.disconnect();
    }
    return started;
  };

  const discover = async (root: ParentNode): Promise<void> => {
    const found = new Set<string>();
    if (root instanceof Element && Object.hasOwn(loaders, root.localName)) found.add(root.localName);
    for (const element of root.querySelectorAll(selector)) found.add(element.localName);
    // A tag the page has defined itself keeps its element (define files register only free tags): nothing to load.
    await Promise.all([...found].filter((tag) => loading.has(tag) || !customElements.get(tag)).map(load));
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
