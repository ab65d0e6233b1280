import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define.js';
import type { AddDomainWizard } from '../../components/add-domain-wizard/add-domain-wizard.component.js';
import type { BookedServices } from '../../components/booked-services/booked-services.component.js';
import { reasonText } from '../../components/i18n/reasons.js';
import type { ReasonCode } from '../../domain/rules.js';
import { getLocale, setLocale } from '../../components/i18n/localization.js';
import type { TenantTable } from '../../components/tenant-table/tenant-table.component.js';
import { $, $$, apiAs, click, fill, getTokenFor, text, until } from './helpers.js';

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
    const date = new Intl.DateTimeFormat('de-CH', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${found!.startBilling}T00:00:00Z`));
    expect(text(el.shadowRoot)).to.contain(date);
    const facts = $$(el, '[part="domain-facts"] dt').map(text);
    expect(facts).to.deep.include.members(['ID', 'Modus', 'Status']);
    await expect(el).to.be.accessible();
  });

  it('renders the wizard and its reasons in German, from the browser’s rules and from the server', async () => {
    await setLocale('de');
    const taken = (await (await apiAs('rhein-sales')).domains('T-10041'))[0]!.name;
    const el = await fixture<AddDomainWizard>(html`<add-domain-wizard .getToken=${await getTokenFor('alpine-sales')} tenant-id="T-10002" open></add-domain-wizard>`);
    await until(() => $$(el, '#name').length > 0, 'the first step');
    expect(text($(el, '#title'))).to.equal('Neue Domain hinzufügen');
    expect(text($(el, '#step-heading'))).to.equal('Schritt 1 von 4: Domainname');
    expect($$(el, '[part~="step"]').map(text)).to.deep.equal(['Domainname', 'Modus', 'Dienste', 'Zusammenfassung']);
    await fill(el, '#name', 'gmail.com');
    expect(text($(el, '#name-reasons'))).to.contain('Freemail-Anbieter');
    await fill(el, '#name', '😀.ch');
    expect(text($(el, '#name-reasons'))).to.equal('Ein Teil dieses Namens besteht nur aus Symbolen oder Emojis (etwa ★ oder 😀), ohne Buchstaben oder Ziffer; schreiben Sie jeden Teil mit Buchstaben oder Ziffern.');

    await fill(el, '#name', taken);
    await click(el, '[part="next-button"]');
    await click(el, '#mode-inline');
    expect(text($(el, '#mode-inline-description'))).to.contain('Der MX-Eintrag zeigt auf seppmail.cloud');
    await click(el, '[part="next-button"]');
    expect(text(el.shadowRoot!.getElementById('service-SC-MS365-note'))).to.equal('Nicht wählbar:SC-MS365 kann in diesem Modus nicht gebucht werden.');
    await click(el, '#service-SC-SIGENC');
    expect(text($(el, '[part="announcement"]'))).to.equal('Ebenfalls hinzugefügt, weil SC-SIGENC sie benötigt: SC-F-OUTBOUND und SC-CERT.');
    await click(el, '[part="next-button"]');
    await click(el, '[part="next-button"]');
    expect(text($(el, '#price-heading'))).to.equal('Preisvorschau: Schätzung pro Benutzer und Monat');
    expect(text($(el, '[part="price-table"] tbody td'))).to.equal('CHF 1.50');
    await click(el, '[part="submit-button"]');
    await until(() => $$(el, '#name-reasons').length > 0, 'the refusal');
    expect(text($(el, '#name-reasons'))).to.equal('Diese Domain wird bereits auf seppmail.cloud verwaltet.');
    await expect(el).to.be.accessible();
  });

  it('has a German text for every reason code', async () => {
    await setLocale('de');
    const codes = [
      'requires', 'requires-one-of', 'excludes', 'mode-requires', 'mode-forbids', 'hin-needs-switzerland', 'gina-host-required',
      'name-invalid', 'name-freemail', 'name-onmicrosoft', 'name-platform', 'name-special-use', 'name-mixed-script', 'name-symbol-only',
      'gina-host-invalid', 'ms365-tenant-id-invalid', 'end-billing-invalid',
      'end-billing-too-early', 'domain-taken', 'gina-host-taken', 'already-booked', 'not-active',
      'ms365-sibling-needs-inbound', 'tenant-incomplete', 'deployment-settings-unavailable', 'cursor-invalid',
    ] satisfies ReasonCode[];
    const english = 'ENGLISH FALLBACK';
    for (const code of codes) {
      const german = reasonText({ code, path: 'x', message: english, service: 'SC-SIGENC', others: ['SC-CERT', 'SC-F-OUTBOUND'] });
      expect(german, code).not.to.equal(english);
      expect(german, code).to.match(/[äöüß]|\b(und|der|die|das|ist|wird|sie|benötigt|kann|muss)\b/i);
    }
    expect(reasonText({ code: 'requires', path: 'services', message: '', service: 'SC-SIGENC', others: ['SC-CERT', 'SC-F-OUTBOUND'] })).to.equal(
      'SC-SIGENC benötigt SC-CERT und SC-F-OUTBOUND.',
    );
    expect(reasonText({ path: 'name', message: 'is required' }), 'a reason without a code keeps its message').to.equal('is required');
  });
});
