import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define.js';
import type { BookedServices } from '../../components/booked-services/booked-services.component.js';
import { getLocale, setLocale } from '../../components/i18n/localization.js';
import type { TenantTable } from '../../components/tenant-table/tenant-table.component.js';
import { $, $$, apiAs, getTokenFor, text, until } from './helpers.js';

describe('German', () => {
  afterEach(() => setLocale('en'));

  it('renders tenant-table in German and switches back without a reload', async () => {
    await setLocale('de');
    expect(getLocale()).to.equal('de');
    const el = await fixture<TenantTable>(html`<tenant-table .getToken=${await getTokenFor('alpine-sales')}></tenant-table>`);
    await until(() => $$(el, 'tbody tr').length > 0, 'the tenants');
    const total = (await (await apiAs('alpine-sales')).tenants({ limit: 1 })).total;

    expect(text($(el, '[part="heading"]'))).to.equal('Mandanten');
    expect(text($(el, '[part="refresh-button"]'))).to.equal('Daten aktualisieren');
    expect(text($(el, '[part="add-button"]'))).to.equal('Neuen Mandanten hinzufügen');
    expect($$(el, '[part~="sort-button"]').map((b) => text(b).replace(/[▲▼↕]/g, '').trim())).to.deep.equal([
      'Name',
      'ID',
      'Verwaltete Domains',
      'Dienste gesamt',
    ]);
    expect(text($(el, '[part="range"]'))).to.equal(`1–25 von ${total}`);
    const name = text($$(el, '[part~="name-button"]')[0]);
    expect($$(el, '[part~="edit-button"]')[0]!.getAttribute('aria-label')).to.equal(`Details von ${name} bearbeiten`);
    await expect(el).to.be.accessible();

    await setLocale('en');
    await until(() => text($(el, '[part="heading"]')) === 'Tenants', 'English again');
    expect(text($(el, '[part="range"]'))).to.equal(`1–25 of ${total}`);
  });

  it('renders booked-services’ statuses, modes and dates in German', async () => {
    const api = await apiAs('alpine-sales');
    const tenants = (await api.tenants({ sort: 'id', limit: 100 })).items;
    let found: { id: string; startBilling: string } | undefined;
    for (const tenant of tenants) {
      const service = (await api.domains(tenant.id)).flatMap((d) => d.services).find((s) => s.status === 'provisioned' && s.startBilling);
      if (service) {
        found = { id: tenant.id, startBilling: service.startBilling! };
        break;
      }
    }
    expect(found, 'a tenant with a deployed service').to.exist;

    await setLocale('de');
    const el = await fixture<BookedServices>(html`<booked-services .getToken=${await getTokenFor('alpine-sales')} .tenantId=${found!.id}></booked-services>`);
    await until(() => $$(el, '[part="domain"]').length > 0, 'the domains');
    expect(text($(el, '[part="refresh-button"]'))).to.equal('Daten aktualisieren');
    const headers = [...$(el, '[part="domain"]').querySelectorAll('thead th')].map(text);
    expect(headers).to.include.members(['Nummer', 'Dienst', 'Status', 'Verrechnungsbeginn', 'Rabatt (%)']);
    const statuses = $$(el, '[part~="status"]').map(text);
    expect(statuses).to.include('Bereitgestellt');
    expect(statuses).not.to.include('Deployed');
    const date = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${found!.startBilling}T00:00:00Z`));
    expect(text(el.shadowRoot)).to.contain(date);
    const facts = $$(el, '[part="domain-facts"] dt').map(text);
    expect(facts).to.deep.include.members(['ID', 'Modus', 'Status']);
    await expect(el).to.be.accessible();
  });
});
