import { expect } from '@open-wc/testing';
import { startBundle, type DefineLoaders } from '../../components/internal/autoloader.js';

/**
 * The bundle's loader (components/internal/autoloader.ts) with loaders of our own: each test has
 * its own tags (the observers of earlier tests stay on the document, each watching only its tags),
 * and a loader records its call and defines its tag, as a define file's chunk does.
 */
function fakeBundle(tags: string[], { failFirst = [] as string[] } = {}) {
  const calls: string[] = [];
  const loaded = new Map<string, () => void>();
  const whenLoaded = (tag: string) => new Promise<void>((resolve) => loaded.set(tag, resolve));
  const failing = new Set(failFirst);
  const loaders: DefineLoaders = Object.fromEntries(
    tags.map((tag) => [
      tag,
      async () => {
        calls.push(tag);
        if (failing.delete(tag)) throw new Error(`${tag}: network`);
        // As defineOnce: where the page has the tag already, ours takes `sepp-<tag>`.
        const name = customElements.get(tag) ? `sepp-${tag}` : tag;
        if (!customElements.get(name)) customElements.define(name, class extends HTMLElement {});
        loaded.get(tag)?.();
      },
    ]),
  );
  const locales: string[] = [];
  const bundle = startBundle(loaders, async () => ({ setLocale: async (tag: string) => void locales.push(tag) }));
  return { bundle, calls, whenLoaded, locales };
}

function add(markup: string, parent: ParentNode = document.body): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = markup;
  parent.append(holder);
  return holder;
}

describe('the bundle loader', () => {
  afterEach(() => {
    for (const holder of document.body.querySelectorAll(':scope > div')) holder.remove();
  });

  it('loads the define file of each tag the document holds, once, and no other', async () => {
    add('<al-a-table></al-a-table><al-a-table></al-a-table><p><al-a-provider></al-a-provider></p>');
    const { bundle, calls } = fakeBundle(['al-a-provider', 'al-a-table', 'al-a-dialog']);
    await bundle.discover(document);
    expect([...calls].sort()).to.deep.equal(['al-a-provider', 'al-a-table']);
    expect(customElements.get('al-a-table')).to.exist;
    expect(customElements.get('al-a-dialog')).to.equal(undefined);
  });

  it('loads a tag when an element of it is added to the document later, nested or not', async () => {
    const { calls, whenLoaded } = fakeBundle(['al-b-table', 'al-b-log']);
    expect(calls).to.deep.equal([]);
    const table = whenLoaded('al-b-table');
    add('<section><al-b-table></al-b-table></section>');
    await table;
    const log = whenLoaded('al-b-log');
    document.body.append(Object.assign(document.createElement('div'), { innerHTML: '<al-b-log></al-b-log>' }));
    await log;
    expect(calls).to.deep.equal(['al-b-table', 'al-b-log']);
  });

  it('leaves a tag that the page has defined itself: its element stays, nothing is loaded', async () => {
    class Own extends HTMLElement {}
    customElements.define('al-c-guide', Own);
    add('<al-c-guide></al-c-guide>');
    const { bundle, calls } = fakeBundle(['al-c-guide']);
    await bundle.discover(document);
    expect(calls).to.deep.equal([]);
    expect(customElements.get('al-c-guide')).to.equal(Own);
  });

  it('discovers tags in a shadow root it is given, which the observer does not see', async () => {
    const host = add('<div></div>').firstElementChild!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<al-d-table></al-d-table>';
    const { bundle, calls } = fakeBundle(['al-d-table']);
    await bundle.discover(document);
    expect(calls).to.deep.equal([]);
    await bundle.discover(shadow);
    expect(calls).to.deep.equal(['al-d-table']);
  });

  it('reports a chunk that failed to load, and asks for it again when its tag is discovered again', async () => {
    // The loader reports the failure as an uncaught error (reportError), which mocha's handler would take for this test's.
    const previous = window.onerror;
    const reported = new Promise<unknown>((resolve) => {
      window.onerror = (_message, _source, _line, _column, error) => {
        resolve(error);
        return true;
      };
    });
    try {
      add('<al-e-table></al-e-table>');
      const { bundle, calls } = fakeBundle(['al-e-table'], { failFirst: ['al-e-table'] });
      expect(String(await reported)).to.contain('al-e-table: network');
      expect(customElements.get('al-e-table')).to.equal(undefined);
      await bundle.discover(document);
      expect(calls).to.deep.equal(['al-e-table', 'al-e-table']);
      expect(customElements.get('al-e-table')).to.exist;
    } finally {
      window.onerror = previous;
    }
  });

  it('loads ours for `sepp-<tag>`, the name it takes where the page has defined the tag itself', async () => {
    class Own extends HTMLElement {}
    customElements.define('al-g-table', Own);
    const { calls, whenLoaded } = fakeBundle(['al-g-table']);
    const loaded = whenLoaded('al-g-table');
    add('<al-g-table></al-g-table><sepp-al-g-table></sepp-al-g-table>');
    await loaded;
    expect(calls).to.deep.equal(['al-g-table']);
    expect(customElements.get('al-g-table')).to.equal(Own);
    expect(customElements.get('sepp-al-g-table')).to.exist.and.not.equal(Own);
  });

  it('keeps watching after a failed chunk: a tag added later loads it again without discover()', async () => {
    const { bundle, calls, whenLoaded } = fakeBundle(['al-h-table'], { failFirst: ['al-h-table'] });
    // Every define file has started loading (the one there is), and it fails.
    await bundle.defineAll().catch(() => undefined);
    expect(customElements.get('al-h-table')).to.equal(undefined);
    const loaded = whenLoaded('al-h-table');
    add('<al-h-table></al-h-table>');
    await loaded;
    expect(calls).to.deep.equal(['al-h-table', 'al-h-table']);
    expect(customElements.get('al-h-table')).to.exist;
  });

  it('defineAll loads every define file; setLocale loads the localization and passes the tag on', async () => {
    const { bundle, calls, locales } = fakeBundle(['al-f-one', 'al-f-two']);
    await bundle.defineAll();
    expect([...calls].sort()).to.deep.equal(['al-f-one', 'al-f-two']);
    await bundle.defineAll();
    expect(calls).to.have.length(2);
    await bundle.setLocale('fr-CH');
    expect(locales).to.deep.equal(['fr-CH']);
  });
});
