/**
 * Server rendering, as a portal does it: @lit-labs/ssr renders the elements in Node (the
 * `ssr-render` command, test/support/ssr-pages.ts) to declarative shadow DOM, the browser parses
 * that HTML, and @lit-labs/ssr-client's hydrate support (loaded before Lit) lets each element take
 * over the shadow root it finds instead of rendering it anew; then the elements load from the
 * real BFF and answer clicks. No define file is imported statically: the page's HTML comes first.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { BookedServices } from '../../components/booked-services/booked-services.component.js';
import type { ServicesProvider } from '../../components/services-provider/services-provider.component.js';
import type { TenantTable } from '../../components/tenant-table/tenant-table.component.js';
import type { TenantSelectEvent } from '../../components/events.js';
import type { SsrPage } from '../support/ssr-pages.js';
import { $, $$, getTokenFor, shadow, text, until, watchFetch } from './helpers.js';

/**
 * The server's HTML for `page`, parsed as the browser parses a page: declarative shadow roots
 * attached, with Lit's markers (`setHTMLUnsafe`; `Document.parseHTMLUnsafe` drops the comments).
 * The container is not yet in the page, so nothing is connected until `inPage`.
 */
async function serverRendered(page: SsrPage, args: { tenantId?: string } = {}): Promise<HTMLDivElement> {
  const markup = await executeServerCommand<string, { page: SsrPage; tenantId?: string }>('ssr-render', { page, ...args });
  if (!markup) throw new Error(`the server rendered nothing for ${page}`);
  const container = document.createElement('div');
  container.className = 'server-rendered';
  container.setHTMLUnsafe(markup);
  return container;
}

function inPage(container: HTMLDivElement): void {
  document.body.append(container);
}

/** What Lit's hydration reports with console.error (a shadow root without its markers, say). */
function watchErrors(): { errors: unknown[][]; restore(): void } {
  const original = console.error;
  const errors: unknown[][] = [];
  console.error = (...args: unknown[]) => {
    errors.push(args);
    original(...args);
  };
  return { errors, restore: () => (console.error = original) };
}

async function loaded(el: BookedServices): Promise<void> {
  await until(() => $$(el, '[part="domain"], [part="empty"], [part="error"], [part="prompt"]').length > 0, 'the services or a state');
}

describe('server rendering', () => {
  afterEach(() => document.querySelectorAll('.server-rendered').forEach((container) => container.remove()));

  it('hydrates tenant-table and booked-services in a provider: the server’s nodes stay, the data loads, a row click selects', async function () {
    // Two elements loading, a selection and an accessibility check: more than one element's test.
    this.timeout(30_000);
    const container = await serverRendered('services');
    const provider = container.querySelector<ServicesProvider>('services-provider')!;
    const table = container.querySelector<TenantTable>('tenant-table')!;
    const services = container.querySelector<BookedServices>('booked-services')!;
    // What the server sent: shadow roots with content, before any script of ours ran.
    expect(customElements.get('tenant-table')).to.equal(undefined);
    const heading = $(table, '[part="heading"]');
    const search = $<HTMLInputElement>(table, '[part="search-input"]');
    const servicesHeading = $(services, '[part="heading"]');
    expect(text(heading)).to.equal('Tenants');
    expect(text(servicesHeading)).to.equal('Booked services');

    provider.getToken = await getTokenFor('alpine-sales');
    inPage(container);
    container.addEventListener('tenant-select', (event: TenantSelectEvent) => (services.tenantId = event.detail.tenantId));
    const logged = watchErrors();
    try {
      await import('../../components/define.js');
      await Promise.all([provider.updateComplete, table.updateComplete, services.updateComplete]);
    } finally {
      logged.restore();
    }
    expect(logged.errors).to.deep.equal([]);

    // Hydrated, not rendered again: the nodes the server made are the elements' own, and only they.
    expect($(table, '[part="heading"]')).to.equal(heading);
    expect($(table, '[part="search-input"]')).to.equal(search);
    expect($(services, '[part="heading"]')).to.equal(servicesHeading);
    expect($$(table, '[part="heading"]')).to.have.length(1);
    expect($$(services, '[part="heading"]')).to.have.length(1);

    await until(() => $$(table, 'tbody [part~="name-button"]').length > 0, 'the first page of tenants');
    expect($$(table, 'tbody tr').length).to.be.within(1, 5);
    await loaded(services);
    expect(text($(services, '[part="prompt"]'))).to.equal('Choose a tenant to see its booked services.');

    const first = $$<HTMLButtonElement>(table, 'tbody [part~="name-button"]')[0]!;
    first.click();
    await until(() => services.tenantId !== undefined && $$(services, '[part="domain"], [part="empty"]').length > 0, 'the chosen tenant’s services');
    expect($$(services, '[part="prompt"]')).to.have.length(0);
    expect($(services, '[part="heading"]')).to.equal(servicesHeading);
    await expect(table).to.be.accessible();
  });

  it('hydrates booked-services inserted after the elements are defined, loads the tenant and refreshes on a click', async () => {
    await import('../../components/define.js');
    const container = await serverRendered('booked-services', { tenantId: 'T-10005' });
    const el = container.querySelector<BookedServices>('booked-services')!;
    const heading = $(el, '[part="heading"]');
    el.getToken = await getTokenFor('alpine-sales');
    const logged = watchErrors();
    try {
      inPage(container);
      await el.updateComplete;
    } finally {
      logged.restore();
    }
    expect(logged.errors).to.deep.equal([]);
    expect($(el, '[part="heading"]')).to.equal(heading);
    expect($$(el, '[part="heading"]')).to.have.length(1);
    expect(el.tenantId).to.equal('T-10005');

    await loaded(el);
    expect($$(el, '[part="domain"]').length).to.be.greaterThan(0);
    const fetches = watchFetch();
    try {
      await until(() => $$(el, '[part="refresh-button"]').length > 0, 'Refresh data');
      $<HTMLButtonElement>(el, '[part="refresh-button"]').click();
      await until(() => fetches.count(/^\/api\/tenants\/T-10005\/domains/) > 0, 'the domains asked again');
    } finally {
      fetches.restore();
    }
    await loaded(el);
    expect($$(el, '[part="heading"]')).to.deep.equal([heading]);
    expect(shadow(el).querySelector('[part="error"]')).to.equal(null);
  });
});
