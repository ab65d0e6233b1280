/**
 * Our tags have no prefix and live in other people's pages: a define file registers a tag under
 * its name when it is free and as `sepp-<tag>` (with a warning) when the page has an element of
 * that name, twice is harmless, a page's own element of the same name stays (and never stands in
 * for ours inside our elements), and a host may register our classes under names of its own. No define file is imported statically here:
 * the page defines its own `dns-guide` first, as a portal that loads us late would.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { BookedServices } from '../../components/booked-services/booked-services.component.js';
import { defineOnce } from '../../components/internal/define.js';
import { ServicesProvider } from '../../components/services-provider/services-provider.component.js';
import { TenantTable } from '../../components/tenant-table/tenant-table.component.js';
import { DnsGuide } from '../../components/dns-guide/dns-guide.component.js';
import { TenantEditor } from '../../components/tenant-editor/tenant-editor.component.js';
import { $$, getTokenFor, loaded, shadow, text, until, watchFetch } from './helpers.js';

class PagesOwnGuide extends HTMLElement {}
customElements.define('dns-guide', PagesOwnGuide);
class PagesOwnEditor extends HTMLElement {}
customElements.define('tenant-editor', PagesOwnEditor);

describe('registration', () => {
  const warnings: string[] = [];
  before(async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      await import('../../components/define.js');
    } finally {
      console.warn = warn;
    }
  });

  it('registers every free tag with our class, and keeps the page\'s own element of the same name', () => {
    expect(customElements.get('dns-guide')).to.equal(PagesOwnGuide);
    expect(customElements.get('booked-services')).to.equal(BookedServices);
    expect(customElements.get('tenant-table')).to.equal(TenantTable);
  });

  it('registers ours under sepp-<tag> where the page has an element of our name, and says so', () => {
    expect(customElements.get('sepp-dns-guide')).to.equal(DnsGuide);
    expect(customElements.get('sepp-tenant-editor')).to.equal(TenantEditor);
    expect(warnings).to.deep.equal([
      '@seppmail/cloud-services: <dns-guide> is taken; ours is <sepp-dns-guide>.',
      '@seppmail/cloud-services: <tenant-editor> is taken; ours is <sepp-tenant-editor>.',
    ]);
    expect(customElements.get('sepp-tenant-table'), 'no fallback where ours has the tag').to.equal(undefined);
  });

  it('renders our own dialog inside tenant-table, by its fallback name, never the page\'s element', async () => {
    const el = await fixture<TenantTable>(html`<tenant-table .getToken=${await getTokenFor('alpine-sales')} page-size="3"></tenant-table>`);
    await until(() => $$(el, '[part~="edit-button"]').length > 0, 'the tenants');
    $$<HTMLButtonElement>(el, '[part~="edit-button"]')[0]!.click();
    const editor = await loaded(el, 'sepp-tenant-editor');
    expect(editor).to.be.instanceOf(TenantEditor);
    expect(shadow(el).querySelector('tenant-editor')).to.equal(null);
    await until(() => $$(editor, '#name').length > 0, 'our editor’s form');
    await expect(el).to.be.accessible();
  });

  it('leaves the tag alone when a define file runs again, or another copy of the class comes', async () => {
    // A second evaluation of the define file, as a second copy of the package on the page would run it.
    const asked: string[] = [];
    const registry = customElements as CustomElementRegistry & { get: CustomElementRegistry['get'] };
    registry.get = (name: string) => (asked.push(name), CustomElementRegistry.prototype.get.call(customElements, name));
    try {
      // The source itself (a dynamic specifier is not rewritten from .js), under another URL.
      const secondCopy = new URL('../../components/tenant-table/tenant-table.ts?second-copy', import.meta.url).href;
      await import(secondCopy);
    } finally {
      delete (registry as Partial<CustomElementRegistry>).get;
    }
    expect(asked).to.include('tenant-table');
    expect(() => defineOnce('tenant-table', class SecondCopy extends TenantTable {})).not.to.throw();
    expect(customElements.get('tenant-table')).to.equal(TenantTable);
    expect(customElements.get('sepp-tenant-table'), 'another copy of ours is no foreign element').to.equal(undefined);
  });

  it('lets a host register a class under a name of its own, where it works as ours does', async () => {
    customElements.define('partner-tenant-table', class PartnerTenantTable extends TenantTable {});
    const el = document.createElement('partner-tenant-table') as TenantTable;
    el.getToken = await getTokenFor('alpine-sales');
    el.pageSize = 5;
    await fixture(html`<div></div>`).then((parent) => parent.append(el));
    await until(() => $$(el, 'tbody [part~="name-button"]').length === 5, 'five tenants of Alpine IT AG');
    expect(el).to.be.instanceOf(TenantTable);

    const chosen = $$(el, 'tbody [part~="name-button"]')[0]!;
    const selected = oneEvent(el, 'tenant-select');
    chosen.click();
    expect((await selected).detail.name).to.equal(text(chosen));
    await expect(el).to.be.accessible();
  });

  it('gives an element the provider\'s token when the provider is defined after it, and never calls without one', async () => {
    const fetches = watchFetch();
    // Define files in the "wrong" order: the table upgrades and asks for its API client while
    // the provider around it is still an unknown element.
    const parent = await fixture<HTMLElement>(html`<div><late-provider><late-tenant-table page-size="3"></late-tenant-table></late-provider></div>`);
    defineOnce('late-tenant-table', class LateTenantTable extends TenantTable {});
    const provider = parent.querySelector('late-provider') as ServicesProvider;
    provider.getToken = await getTokenFor('alpine-sales');
    defineOnce('late-provider', class LateProvider extends ServicesProvider {});
    const table = parent.querySelector('late-tenant-table') as TenantTable;
    await until(() => $$(table, 'tbody [part~="name-button"]').length === 3, 'three tenants, asked with the provider\'s token');
    fetches.restore();
    const unsigned = fetches.calls.filter((call) => call.url.startsWith('/api/') && !new Headers(call.init?.headers).has('authorization'));
    expect(unsigned.map((call) => call.url)).to.deep.equal([]);
  });

  it('says that an element nobody gives a token needs one, without calling the BFF', async () => {
    const fetches = watchFetch();
    const table = await fixture<TenantTable>(html`<unsigned-tenant-table></unsigned-tenant-table>`);
    defineOnce('unsigned-tenant-table', class UnsignedTenantTable extends TenantTable {});
    await until(() => text(table.shadowRoot?.querySelector('[part="error"]')).includes('getToken'), 'the advice to give it a token', 5000);
    fetches.restore();
    expect(fetches.calls.filter((call) => call.url.startsWith('/api/'))).to.deep.equal([]);
  });
});
