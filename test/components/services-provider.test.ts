import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define.js';
import type { BookedServices } from '../../components/booked-services/booked-services.component.js';
import type { ServicesProvider } from '../../components/services-provider/services-provider.component.js';
import type { TenantTable } from '../../components/tenant-table/tenant-table.component.js';
import { $, $$, apiAs, getTokenFor, loaded, text, until } from './helpers.js';

function names(el: TenantTable): string[] {
  return $$(el, 'tbody [part~="name-button"]').map(text);
}

describe('services-provider', () => {
  it('gives its client to every element inside, and a new token reloads them', async () => {
    const alpine = (await (await apiAs('alpine-sales')).tenants({ sort: 'name', limit: 25 })).items.map((t) => t.name);
    const rhein = (await (await apiAs('rhein-sales')).tenants({ sort: 'name', limit: 25 })).items.map((t) => t.name);
    const provider = await fixture<ServicesProvider>(html`<services-provider .getToken=${await getTokenFor('alpine-sales')}>
      <div><tenant-table></tenant-table></div>
      <booked-services></booked-services>
    </services-provider>`);
    const table = provider.querySelector('tenant-table')!;
    const services = provider.querySelector('booked-services')!;
    await until(() => names(table).join() === alpine.join(), 'Alpine’s tenants');

    const select = $$<HTMLButtonElement>(table, '[part~="name-button"]')[0]!;
    table.addEventListener('tenant-select', (e) => (services.tenantId = e.detail.tenantId));
    select.click();
    await until(() => text($(services, '[part="heading"]')) === `Booked services of ${alpine[0]}`, 'the chosen tenant’s services');
    await expect(provider).to.be.accessible();

    provider.getToken = await getTokenFor('rhein-sales');
    await until(() => names(table).join() === rhein.join(), 'Rhein’s tenants after the switch');
    expect(names(table)).not.to.include(alpine[0]);
  });

  it('lets an element’s own api-base and getToken win over the provider’s', async () => {
    const rhein = (await (await apiAs('rhein-sales')).tenants({ sort: 'name', limit: 25 })).items.map((t) => t.name);
    const provider = await fixture<ServicesProvider>(html`<services-provider .getToken=${await getTokenFor('alpine-sales')}>
      <tenant-table id="own-token" .getToken=${await getTokenFor('rhein-sales')}></tenant-table>
      <booked-services id="own-base" api-base="/no-api-here" tenant-id="T-10001"></booked-services>
    </services-provider>`);
    const table = provider.querySelector<TenantTable>('#own-token')!;
    const services = provider.querySelector<BookedServices>('#own-base')!;
    await until(() => names(table).join() === rhein.join(), 'the table’s own token');
    await until(() => $$(services, '[part="error"]').length > 0, 'an error from its own api-base');
    expect(services.getAttribute('api-base')).to.equal('/no-api-here');
    await expect(provider).to.be.accessible();
  });

  it('shares the client with the dialog inside tenant-table', async () => {
    const provider = await fixture<ServicesProvider>(html`<services-provider .getToken=${await getTokenFor('alpine-support')}>
      <tenant-table></tenant-table>
    </services-provider>`);
    const table = provider.querySelector('tenant-table')!;
    await until(() => names(table).length > 0, 'the tenants');
    $$<HTMLButtonElement>(table, '[part~="edit-button"]')[0]!.click();
    const editor = await loaded(table, 'tenant-editor');
    await until(() => $$(editor, '#name').length > 0, 'the details loaded with the provider’s token');
    expect($<HTMLInputElement>(editor, '#name').value).to.equal(names(table)[0]);
    await expect(provider).to.be.accessible();
  });
});
