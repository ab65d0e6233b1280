import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/booked-services/booked-services.js';
import '../../components/services-provider/services-provider.js';
import '../../components/tenant-table/tenant-table.js';
import type { BookedServices } from '../../components/booked-services/booked-services.component.js';
import type { TenantTable } from '../../components/tenant-table/tenant-table.component.js';
import type { Tenant } from '../../domain/api.js';
import { $, $$, apiAs, deepActiveElement, fill, getTokenFor, shadow, text, tokenFor, uniqueDomain, until, watchFetch, type DemoUserId, type FetchCall } from './helpers.js';

/** Longer than the elements' debounce (250 ms) and the way through PostgreSQL's NOTIFY. */
const QUIET_MS = 1200;
/** Waits so long that a stream opened is listening (its `ready`) and a change heard has been acted on. */
const settle = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

/** A tenant that only this test changes, added as the partner's Sales user. */
async function addTenant(sales: DemoUserId): Promise<Tenant> {
  const api = await apiAs(sales);
  return api.addTenant({ name: `Live ${Date.now().toString(36)} AG`, email: 'it@live-test.ch', phone: '+41 44 000 00 00', country: 'CH', invoiceReference: null }, crypto.randomUUID());
}

async function editTenant(user: DemoUserId, tenantId: string, changes: Partial<Tenant>): Promise<void> {
  const api = await apiAs(user);
  const { etag } = await api.tenant(tenantId);
  await api.updateTenant(tenantId, changes, etag);
}

/** The requests of one user's token whose path matches. */
async function requestsOf(calls: FetchCall[], user: DemoUserId, pattern: RegExp): Promise<number> {
  const authorization = `Bearer ${await tokenFor(user)}`;
  return calls.filter((call) => pattern.test(call.url) && (call.init?.headers as Record<string, string> | undefined)?.authorization === authorization).length;
}

/** Records whether a loading state or a busy mark ever showed in the elements' shadow roots. */
function watchBusy(...elements: HTMLElement[]): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const observer = new MutationObserver(() => {
    for (const el of elements) {
      if (shadow(el).querySelector('[part="loading"]')) seen.push(`${el.localName}: loading`);
      if (shadow(el).querySelector('[aria-busy="true"]')) seen.push(`${el.localName}: busy`);
    }
  });
  for (const el of elements) observer.observe(shadow(el), { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
  return { seen, stop: () => observer.disconnect() };
}

async function searchTable(table: TenantTable, q: string): Promise<void> {
  await fill(table, '#search', q);
  $(table, '#search').focus();
  await sendKeys({ press: 'Enter' });
  await until(() => $$(table, 'td.code').map(text).join() === q, `the tenant list showing ${q}`);
}

describe('live updates', () => {
  it('shows a change made as alpine-sales in the open views of two other users, keeping the focus and the scroll position', async () => {
    const tenant = await addTenant('alpine-sales');
    const page = await fixture<HTMLDivElement>(html`<div style="padding-block-end: 200vh">
      <tenant-table .getToken=${await getTokenFor('alpine-tech')}></tenant-table>
      <booked-services .getToken=${await getTokenFor('alpine-support')} .tenantId=${tenant.id}></booked-services>
    </div>`);
    const table = page.querySelector('tenant-table')!;
    const services = page.querySelector('booked-services')!;
    await searchTable(table, tenant.id);
    await until(() => $$(services, '[part="empty"]').length > 0, 'no domain yet');
    expect($$(table, 'tbody td.number').map(text)).to.deep.equal(['0', '0']);

    // The person works in the list: the focus on the tenant's name, the page scrolled.
    const nameButton = $(table, '[part="name-button"]');
    nameButton.focus();
    window.scrollTo(0, 120);
    const scrolled = window.scrollY;
    expect(scrolled).to.be.greaterThan(0);
    await settle();
    const busy = watchBusy(table, services);

    const name = uniqueDomain('live');
    await (await apiAs('alpine-sales')).addDomain(tenant.id, { name, mode: 'inline' }, crypto.randomUUID());

    await until(() => $$(services, '[part="domain"] h3').map(text).includes(name), 'the new domain in booked-services', 8000);
    await until(() => $$(table, 'tbody td.number').map(text).join() === '1,1', 'the new counts in the tenant list', 8000);
    busy.stop();
    expect(busy.seen, 'no loading state, no dimming').to.deep.equal([]);
    expect(deepActiveElement()).to.equal(nameButton);
    expect(window.scrollY).to.equal(scrolled);
    expect($$(services, '[part="refresh-button"]'), 'Refresh data stays').to.have.length(1);
    await expect(table).to.be.accessible();
    await expect(services).to.be.accessible();
  });

  it('reloads only for changes that concern the view: not for another partner\'s tenant, not for another tenant\'s services', async () => {
    const [watched, other, rhein] = await Promise.all([addTenant('alpine-sales'), addTenant('alpine-sales'), addTenant('rhein-sales')]);
    const fetches = watchFetch();
    try {
      await fixture(html`<div>
        <tenant-table .getToken=${await getTokenFor('alpine-tech')}></tenant-table>
        <booked-services .getToken=${await getTokenFor('alpine-support')} .tenantId=${watched.id}></booked-services>
        <tenant-table .getToken=${await getTokenFor('sepp-support')}></tenant-table>
      </div>`);
      const alpineList = () => requestsOf(fetches.calls, 'alpine-tech', /^\/api\/tenants\?/);
      const seppList = () => requestsOf(fetches.calls, 'sepp-support', /^\/api\/tenants\?/);
      const watchedServices = () => requestsOf(fetches.calls, 'alpine-support', new RegExp(`^/api/tenants/${watched.id}/domains`));
      await until(async () => (await alpineList()) === 1 && (await seppList()) === 1 && (await watchedServices()) === 1, 'the first loads');
      await settle();

      // Another alpine tenant: the alpine list reloads (and SEPPmail's), the watched services do not.
      let before = [await alpineList(), await seppList()];
      await editTenant('alpine-sales', other.id, { phone: '+41 44 999 99 99' });
      let expected = [before[0]! + 1, before[1]! + 1];
      await until(async () => (await alpineList()) === expected[0] && (await seppList()) === expected[1], 'both lists reloaded', 8000);
      await settle();
      expect(await watchedServices(), 'booked-services of another tenant').to.equal(1);
      expect([await alpineList(), await seppList()], 'one reload for one change').to.deep.equal(expected);

      // A Rhein tenant: SEPPmail's list hears of it, alpine's does not.
      before = [await alpineList(), await seppList()];
      await editTenant('rhein-sales', rhein.id, { phone: '+49 30 999 99 99' });
      await until(async () => (await seppList()) === before[1]! + 1, 'SEPPmail\'s list reloaded', 8000);
      await settle();
      expect(await alpineList(), 'alpine\'s list after a Rhein change').to.equal(before[0]);
      expect(await watchedServices()).to.equal(1);

      // The watched tenant: its services reload.
      await editTenant('alpine-sales', watched.id, { phone: '+41 44 888 88 88' });
      await until(async () => (await watchedServices()) === 2, 'the watched services reloaded', 8000);
    } finally {
      fetches.restore();
    }
  });

  it('shares one stream among the elements of one provider, and closes it when they leave the page', async () => {
    const tenant = await addTenant('alpine-sales');
    const fetches = watchFetch();
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        <services-provider .getToken=${await getTokenFor('alpine-sales')}>
          <tenant-table></tenant-table>
          <booked-services .tenantId=${tenant.id}></booked-services>
        </services-provider>
      </div>`);
      const services = page.querySelector<BookedServices>('booked-services')!;
      await until(() => $$(services, '[part="empty"]').length > 0, 'the services');
      await until(() => fetches.count(/^\/api\/events$/) === 1, 'the stream');
      await settle();
      await editTenant('alpine-sales', tenant.id, { phone: '+41 44 777 77 77' });
      await until(() => fetches.count(new RegExp(`^/api/tenants/${tenant.id}/domains`)) === 2, 'the services reloaded', 8000);
      expect(fetches.count(/^\/api\/events$/), 'one stream for both elements').to.equal(1);

      const stream = fetches.calls.find((call) => call.url === '/api/events')!;
      expect(stream.init?.signal?.aborted).to.equal(false);
      // One element leaves: the other still listens.
      services.remove();
      expect(stream.init?.signal?.aborted).to.equal(false);
      page.querySelector('services-provider')!.remove();
      expect(stream.init?.signal?.aborted, 'closed with the last listener').to.equal(true);
    } finally {
      fetches.restore();
    }
  });

  it('stays still with live="off"; Refresh data still loads', async () => {
    const tenant = await addTenant('alpine-sales');
    const fetches = watchFetch();
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        <tenant-table live="off" .getToken=${await getTokenFor('alpine-tech')}></tenant-table>
        <booked-services live="off" .getToken=${await getTokenFor('alpine-tech')} .tenantId=${tenant.id}></booked-services>
        <booked-services .getToken=${await getTokenFor('alpine-support')} .tenantId=${tenant.id}></booked-services>
      </div>`);
      const [off, on] = [...page.querySelectorAll('booked-services')];
      await until(() => $$(off!, '[part="empty"]').length > 0 && $$(on!, '[part="empty"]').length > 0, 'the services');
      await settle();
      const name = uniqueDomain('still');
      await (await apiAs('alpine-sales')).addDomain(tenant.id, { name, mode: 'inline' }, crypto.randomUUID());
      await until(() => $$(on!, '[part="domain"]').length === 1, 'the live element updated', 8000);
      await settle();
      expect($$(off!, '[part="empty"]')).to.have.length(1);
      expect(await requestsOf(fetches.calls, 'alpine-tech', /^\/api\/events/), 'no stream for live="off"').to.equal(0);
      expect(await requestsOf(fetches.calls, 'alpine-tech', /^\/api\/tenants\?/)).to.equal(1);

      $(off!, '[part="refresh-button"]').focus();
      await sendKeys({ press: 'Enter' });
      await until(() => $$(off!, '[part="domain"]').length === 1, 'Refresh data');
      await expect(off!).to.be.accessible();
    } finally {
      fetches.restore();
    }
  });

  it('switching live on again starts listening', async () => {
    const tenant = await addTenant('alpine-sales');
    const el = await fixture<BookedServices>(html`<booked-services live="off" .getToken=${await getTokenFor('alpine-support')} .tenantId=${tenant.id}></booked-services>`);
    await until(() => $$(el, '[part="empty"]').length > 0, 'the services');
    el.setAttribute('live', 'on');
    await el.updateComplete;
    await settle(); // the stream's `ready`
    await (await apiAs('alpine-sales')).addDomain(tenant.id, { name: uniqueDomain('again'), mode: 'inline' }, crypto.randomUUID());
    await until(() => $$(el, '[part="domain"]').length === 1, 'the domain', 8000);
    expect(text($(el, '[part="heading"]'))).to.equal(`Booked services of ${tenant.name}`);
  });
});
