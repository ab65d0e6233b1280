import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/booked-services/booked-services.js';
import type { BookedServices } from '../../components/booked-services/booked-services.component.js';
import type { ManagedDomain } from '../../domain/api.js';
import { isActive } from '../../domain/lifecycle.js';
import { $, $$, apiAs, click, deepActiveElement, fill, getTokenFor, loaded as loadedIn, shadow, text, uniqueDomain, until, type DemoUserId } from './helpers.js';

const MODE_LABELS = { inline: 'Inline', 'inline-inbound-only': 'Inline (inbound only)', parallel: 'Parallel (Microsoft 365)' };
const STATUS_LABELS = {
  ordered: 'Ordered',
  confirmed: 'Confirmed',
  provisioning: 'Provisioning',
  provisioned: 'Deployed',
  cancelled: 'Cancelled',
  deprovisioning: 'Deprovisioning',
  deprovisioned: 'Deprovisioned',
};

/** The first of the partner's tenants whose domains pass `test`, with those domains. */
async function findTenant(user: DemoUserId, test: (domains: ManagedDomain[]) => boolean): Promise<{ id: string; domains: ManagedDomain[] }> {
  const api = await apiAs(user);
  const page = await api.tenants({ sort: 'id', order: 'asc', limit: 100 });
  for (const tenant of page.items) {
    const domains = await api.domains(tenant.id);
    if (test(domains)) return { id: tenant.id, domains };
  }
  throw new Error('the demo data has no such tenant');
}

async function servicesAs(user: DemoUserId, tenantId: string | undefined): Promise<BookedServices> {
  return fixture<BookedServices>(html`<booked-services .getToken=${await getTokenFor(user)} .tenantId=${tenantId}></booked-services>`);
}

async function loaded(el: BookedServices): Promise<void> {
  await until(() => $$(el, '[part="domain"], [part="empty"], [part="error"], [part="prompt"]').length > 0, 'the services or a state');
}

function rows(section: Element): string[][] {
  return [...section.querySelectorAll('tbody tr')].map((row) => [...row.children].map(text));
}

describe('booked-services', () => {
  it('asks for a tenant while none is chosen', async () => {
    const el = await servicesAs('alpine-sales', undefined);
    await loaded(el);
    expect(text($(el, '[part="prompt"]'))).to.equal('Choose a tenant to see its booked services.');
    expect($$(el, '[part="refresh-button"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows each domain with its facts and its services, discounts with the reason in brackets', async () => {
    const { id, domains } = await findTenant('alpine-sales', (ds) => ds.some((d) => d.services.some((s) => s.discount)));
    const el = await servicesAs('alpine-sales', id);
    await loaded(el);

    const tenant = await (await apiAs('alpine-sales')).tenant(id);
    expect(text($(el, '[part="heading"]'))).to.equal(`Booked services of ${tenant.data.name}`);
    const sections = $$(el, '[part="domain"]');
    expect(sections.map((s) => text(s.querySelector('h3')))).to.deep.equal(domains.map((d) => d.name));

    const domain = domains.find((d) => d.services.some((s) => s.discount))!;
    const section = sections[domains.indexOf(domain)]!;
    const facts = Object.fromEntries([...section.querySelectorAll('[part="domain-facts"] dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect(facts).to.deep.equal({ ID: domain.id, Mode: MODE_LABELS[domain.mode], Status: STATUS_LABELS[domain.status!] });
    expect([...section.querySelectorAll('thead th')].map(text)).to.include.members(['Number', 'Service', 'Status', 'Start Billing', 'Discount (%)']);

    const discounted = domain.services.find((s) => s.discount)!;
    const row = rows(section).find((cells) => cells[0] === String(discounted.number))!;
    expect(row[1]).to.equal(`${discounted.name} ${discounted.code}`);
    expect(row.at(-1)).to.equal(`${discounted.discount!.percent} (${discounted.discount!.reason})`);
    expect(rows(section)).to.have.length(domain.services.length);
    await expect(el).to.be.accessible();
  });

  it('shows Start Billing of deployed services and End Billing of cancelled ones', async () => {
    const { id, domains } = await findTenant('alpine-sales', (ds) => ds.some((d) => d.services.some((s) => s.endBilling) && d.services.some((s) => s.startBilling)));
    const el = await servicesAs('alpine-sales', id);
    await loaded(el);
    const domain = domains.find((d) => d.services.some((s) => s.endBilling))!;
    const section = $$(el, '[part="domain"]')[domains.indexOf(domain)]!;
    const headers = [...section.querySelectorAll('thead th')].map(text);
    expect(headers).to.include('End Billing');

    const cancelled = domain.services.find((s) => s.endBilling)!;
    const row = rows(section).find((cells) => cells[0] === String(cancelled.number))!;
    const date = (iso: string) => new Intl.DateTimeFormat('en-CH', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    expect(row[headers.indexOf('End Billing')]).to.equal(date(cancelled.endBilling!));
    expect(row[headers.indexOf('Status')]).to.match(/Cancelled|Deprovisioning|Deprovisioned/);
    if (cancelled.startBilling) expect(row[headers.indexOf('Start Billing')]).to.equal(date(cancelled.startBilling));
    await expect(el).to.be.accessible();
  });

  it('says when the tenant has no seppmail.cloud domain yet', async () => {
    const { id } = await findTenant('alpine-sales', (ds) => ds.length === 0);
    const el = await servicesAs('alpine-sales', id);
    await loaded(el);
    expect(text($(el, '[part="empty"]'))).to.equal('This tenant has no seppmail.cloud domain yet.');
    await expect(el).to.be.accessible();
  });

  it('explains a tenant outside the caller’s scope and offers Retry', async () => {
    const foreign = (await (await apiAs('rhein-sales')).tenants({ limit: 1 })).items[0]!;
    const el = await servicesAs('alpine-sales', foreign.id);
    await loaded(el);
    const error = text($(el, '[part="error"]'));
    expect(error).to.contain('could not be loaded');
    expect(error).to.contain('outside what you may see');
    expect($$(el, '[part="retry-button"]')).to.have.length(1);
    expect(error).not.to.contain(foreign.name);
    await expect(el).to.be.accessible();
  });

  it('loads again on "Refresh data" and when the tenant changes', async () => {
    const [first, second] = (await (await apiAs('alpine-sales')).tenants({ sort: 'id', limit: 2 })).items;
    const token = await getTokenFor('alpine-sales');
    let requests = 0;
    const el = await fixture<BookedServices>(html`<booked-services tenant-id=${first!.id}
      .getToken=${() => (requests++, token())}></booked-services>`);
    await loaded(el);
    const before = requests;
    expect(before).to.be.greaterThan(0);

    $<HTMLButtonElement>(el, '[part="refresh-button"]').click();
    await until(() => requests > before, 'another request');

    el.tenantId = second!.id;
    await until(() => text($(el, '[part="heading"]')) === `Booked services of ${second!.name}`, 'the other tenant');
  });
});

describe('booked-services: ordering', () => {
  const ACTIONS = '[part="add-domain-button"], [part="add-manual-button"], [part="add-services-button"], [part="cancel-service-button"], [part="offer-button"]';

  /** The section of a domain, by its name. */
  function section(el: BookedServices, name: string): HTMLElement {
    const found = $$(el, '[part="domain"]').find((s) => text(s.querySelector('h3')) === name);
    if (!found) throw new Error(`no section for ${name}`);
    return found;
  }

  /** A dialog in the element's shadow root, once it is open. */
  async function opened<E extends HTMLElement>(el: BookedServices, tag: string): Promise<E> {
    const dialog = await loadedIn<E>(el, tag);
    await until(() => shadow(dialog).querySelector('dialog')?.open && shadow(dialog).querySelector('[part="body"] > :not([part="loading"])'), `${tag} open and loaded`);
    return dialog;
  }

  it('shows the ordering actions to Sales only; Cancel service only where something is active', async () => {
    const { id, domains } = await findTenant('alpine-sales', (ds) => ds.some((d) => !d.services.some((s) => isActive(s.status))));
    const el = await servicesAs('alpine-sales', id);
    await loaded(el);
    await until(() => $$(el, '[part="add-domain-button"]').length > 0, 'the actions');
    expect(text($(el, '[part="add-domain-button"]'))).to.equal('Add new domain');
    expect(text($(el, '[part="add-manual-button"]'))).to.equal('Add domain manually');
    for (const domain of domains) {
      const active = domain.services.some((s) => isActive(s.status));
      const buttons = [...section(el, domain.name).querySelectorAll('[part="add-services-button"], [part="cancel-service-button"]')].map(text);
      expect(buttons, domain.name).to.deep.equal(active ? ['Add services', 'Cancel service'] : []);
    }
    const button = section(el, domains[0]!.name).querySelector('[part="add-services-button"]');
    if (button) expect(button.getAttribute('aria-describedby')).to.equal(`domain-${domains[0]!.id}`);
    await expect(el).to.be.accessible();

    for (const user of ['alpine-support', 'alpine-tech', 'tenant-admin'] as const) {
      const other = await servicesAs(user, user === 'tenant-admin' ? 'T-10001' : id);
      await loaded(other);
      // Absence means something only once the caller's roles are known.
      await (other as unknown as { meTask: { taskComplete: Promise<unknown> } }).meTask.taskComplete;
      await other.updateComplete;
      expect($$(other, ACTIONS), user).to.have.length(0);
      expect($$(other, 'add-domain-wizard, cancel-service-dialog, offer-dialog'), user).to.have.length(0);
    }
  });

  it('opens Create offer for Sales with the tenant’s domains, and gives the focus back', async () => {
    const el = await servicesAs('alpine-sales', 'T-10001');
    await loaded(el);
    await until(() => $$(el, '[part="offer-button"]').length > 0, 'the offer button');
    const trigger = $<HTMLButtonElement>(el, '[part="offer-button"]');
    expect(text(trigger)).to.equal('Create offer');
    trigger.focus();
    trigger.click();
    const dialog = await loadedIn(el, 'offer-dialog');
    await until(() => shadow(dialog).querySelector('dialog')?.open, 'the offer dialog');
    await until(() => (shadow(dialog).textContent ?? '').includes('bergblick-treuhand.ch'), 'the tenant’s domains in the offer');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !shadow(dialog).querySelector('dialog')?.open, 'the dialog closed');
    await until(() => deepActiveElement() === trigger, 'focus back on Create offer');
  });

  it('opens the wizard from the toolbar, accessible while open, and gives the focus back on Cancel', async () => {
    const el = await servicesAs('alpine-sales', 'T-10005');
    await loaded(el);
    await until(() => $$(el, '[part="add-domain-button"]').length > 0, 'the actions');
    const trigger = $<HTMLButtonElement>(el, '[part="add-domain-button"]');
    trigger.focus();
    trigger.click();
    const wizard = await opened<HTMLElement>(el, 'add-domain-wizard');
    expect(text(shadow(wizard).querySelector('#step-heading'))).to.equal('Step 1 of 4: Domain name');
    await expect(el).to.be.accessible();
    shadow(wizard).querySelector<HTMLButtonElement>('[part="cancel-button"]')!.click();
    await until(() => deepActiveElement() === trigger, 'the focus on the trigger');
    expect(shadow(wizard).querySelector('dialog')!.open).to.equal(false);
  });

  it('adds a domain manually, shows it after refreshing and puts the focus on its heading', async () => {
    const el = await servicesAs('alpine-sales', 'T-10005');
    await loaded(el);
    await until(() => $$(el, '[part="add-manual-button"]').length > 0, 'the actions');
    $<HTMLButtonElement>(el, '[part="add-manual-button"]').click();
    const manual = await opened<HTMLElement & { updateComplete: Promise<unknown> }>(el, 'add-domain-manual');
    await expect(el).to.be.accessible();
    const name = uniqueDomain('booked');
    await fill(manual, '#name', name);
    await click(manual, '#mode-inline');
    await click(manual, '[part="submit-button"]');
    await until(() => $$(el, '[part="domain"] h3').some((h) => text(h) === name), 'the new domain in the list');
    const heading = section(el, name).querySelector('h3')!;
    await until(() => deepActiveElement() === heading, 'the focus on the new domain');
    expect([...section(el, name).querySelectorAll('tbody tr')].map((row) => [...row.children].map(text).slice(0, 3))).to.deep.equal([
      ['1', 'seppmail.cloud service license SC-SERVICE', 'Ordered'],
    ]);
  });

  it('adds services to a domain and cancels its base service, refreshing after each', async () => {
    const api = await apiAs('alpine-sales');
    const name = uniqueDomain('actions');
    await api.addDomain('T-10005', { name, mode: 'inline', services: ['SC-F-INBOUND'] }, crypto.randomUUID());
    const el = await servicesAs('alpine-sales', 'T-10005');
    await loaded(el);
    await until(() => section(el, name).querySelector('[part="add-services-button"]'), 'the domain’s actions');

    const addButton = section(el, name).querySelector<HTMLButtonElement>('[part="add-services-button"]')!;
    addButton.focus();
    await sendKeys({ press: 'Enter' });
    const addDialog = await opened<HTMLElement & { updateComplete: Promise<unknown> }>(el, 'add-services-dialog');
    expect(text(shadow(addDialog).querySelector('#title'))).to.equal(`Add services to ${name}`);
    await expect(el).to.be.accessible();
    await click(addDialog, '#service-SC-F-OUTBOUND');
    await click(addDialog, '[part="submit-button"]');
    await until(() => section(el, name).querySelectorAll('tbody tr').length === 3, 'the new service in the list');
    await until(() => deepActiveElement() === section(el, name).querySelector('[part="add-services-button"]'), 'the focus back on Add services');

    const cancelButton = section(el, name).querySelector<HTMLButtonElement>('[part="cancel-service-button"]')!;
    cancelButton.click();
    const cancelDialog = await opened<HTMLElement & { updateComplete: Promise<unknown> }>(el, 'cancel-service-dialog');
    await expect(el).to.be.accessible();
    const select = shadow(cancelDialog).querySelector<HTMLSelectElement>('#service')!;
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    await cancelDialog.updateComplete;
    expect(text(shadow(cancelDialog).querySelector('[part="whole-domain"]'))).to.contain(`whole domain ${name}`);
    const end = (shadow(cancelDialog).querySelector<HTMLInputElement>('#end-billing')!).value;
    await click(cancelDialog, '[part="confirm-button"]');
    await until(() => [...section(el, name).querySelectorAll('tbody tr')].every((row) => text(row.children[2]) === 'Cancelled'), 'every service cancelled');
    const headers = [...section(el, name).querySelectorAll('thead th')].map(text);
    const endColumn = headers.indexOf('End Billing');
    const shown = new Intl.DateTimeFormat('en-CH', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${end}T00:00:00Z`));
    expect([...section(el, name).querySelectorAll('tbody tr')].map((row) => text(row.children[endColumn]))).to.deep.equal([shown, shown, shown]);
    expect(section(el, name).querySelectorAll('[part="cancel-service-button"], [part="add-services-button"]')).to.have.length(0);
    await until(() => deepActiveElement() === section(el, name).querySelector('h3'), 'the focus on the domain, its buttons gone');
  });
});
