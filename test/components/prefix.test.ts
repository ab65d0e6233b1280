/**
 * A portal that wants every element of ours under a prefix: `defineElements({ prefix: 'acme' })`
 * from the root entry (which registers nothing by itself). No define file is imported here, so
 * the plain tags stay free. The provider's context, the dialogs loaded on demand and the nested
 * elements all work under the prefixed names.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { BookedServices, defineElements, DnsGuide, OfferDialog, TenantEditor, TenantTable } from '../../components/index.js';
import { $, $$, getTokenFor, loaded, shadow, text, until } from './helpers.js';

describe('defineElements({ prefix })', () => {
  let names: Record<string, string>;
  before(() => {
    names = defineElements({ prefix: 'acme' });
  });

  it('registers every element as <prefix>-<tag>, and none under the plain tags', () => {
    expect(names['booked-services']).to.equal('acme-booked-services');
    expect(names['services-provider']).to.equal('acme-services-provider');
    expect(customElements.get('acme-booked-services')).to.equal(BookedServices);
    expect(customElements.get('acme-dns-guide')).to.equal(DnsGuide);
    expect(customElements.get('acme-tenant-editor')).to.equal(TenantEditor);
    for (const tag of ['booked-services', 'tenant-table', 'dns-guide', 'offer-dialog', 'services-provider']) expect(customElements.get(tag), tag).to.equal(undefined);
    // Again: nothing changes, nothing throws.
    expect(defineElements({ prefix: 'acme' })).to.deep.equal(names);
  });

  it('refuses a prefix that makes no custom element name', () => {
    expect(() => defineElements({ prefix: 'Acme Corp' })).to.throw(TypeError);
    expect(() => defineElements({ prefix: '1st' })).to.throw(TypeError);
  });

  async function page(): Promise<{ provider: HTMLElement; table: TenantTable; services: BookedServices }> {
    const provider = await fixture<HTMLElement>(html`<acme-services-provider .getToken=${await getTokenFor('alpine-sales')}>
      <acme-tenant-table page-size="5"></acme-tenant-table>
      <acme-booked-services tenant-id="T-10002"></acme-booked-services>
    </acme-services-provider>`);
    const table = provider.querySelector('acme-tenant-table') as TenantTable;
    const services = provider.querySelector('acme-booked-services') as BookedServices;
    await until(() => $$(table, 'tbody tr').length === 5 && $$(services, '[part="domain"]').length > 0, 'both loaded with the provider’s token');
    return { provider, table, services };
  }

  it('works under the prefixed names: the provider’s token, and the editor inside tenant-table by its prefixed tag', async () => {
    const { table } = await page();
    $$<HTMLButtonElement>(table, '[part~="edit-button"]')[0]!.click();
    const editor = await loaded(table, 'acme-tenant-editor');
    expect(editor).to.be.instanceOf(TenantEditor);
    await until(() => $$(editor, '#name').length > 0, 'the editor’s form, asked with the provider’s token');
    expect(shadow(table).querySelector('tenant-editor')).to.equal(null);
  });

  it('opens the offer dialog inside booked-services by its prefixed tag, accessible', async function () {
    this.timeout(20_000);
    const { provider, services } = await page();
    $<HTMLButtonElement>(services, '[part="offer-button"]').click();
    const offer = await loaded(services, 'acme-offer-dialog');
    expect(offer).to.be.instanceOf(OfferDialog);
    await until(() => shadow(offer).querySelector('dialog')?.open, 'the offer dialog open');
    await until(() => text(shadow(offer).querySelector('[part="title"]')).length > 0, 'its title');
    await expect(provider).to.be.accessible();
  });

  it('lets the host’s templates find the names: lit/static-html with the answered tag', async () => {
    const tag = unsafeStatic(names['dns-guide']!);
    const el = await fixture(staticHtml`<${tag} domain-id="D-1"></${tag}>`);
    expect(el).to.be.instanceOf(DnsGuide);
  });
});
