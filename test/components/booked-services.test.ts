import { expect, fixture, html } from '@open-wc/testing';
import '../../components/booked-services/booked-services.js';
import type { BookedServices } from '../../components/booked-services/booked-services.component.js';
import type { ManagedDomain } from '../../domain/api.js';
import { $, $$, apiAs, getTokenFor, text, until, type DemoUserId } from './helpers.js';

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
    const date = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
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
