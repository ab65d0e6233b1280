// A host page restyles the elements from its own stylesheet, through the public tokens
// (`--sc-*`), the per-element custom properties and `::part()`, and nothing else: the computed
// styles of nodes inside the shadow roots follow it. The demo's looks (demo/demo.css) are
// loaded as they are, and the dark one passes axe, contrast included.
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define.js';
import type { TenantTable } from '../../components/tenant-table/tenant-table.component.js';
import { $, $$, apiAs, getTokenFor, loaded, until } from './helpers.js';

/** A stylesheet in the page's <head>, as a host has one; removed after each test. */
const sheets: HTMLStyleElement[] = [];
function hostStylesheet(css: string): void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  sheets.push(style);
}

async function demoLook(look: 'dark' | 'partner'): Promise<void> {
  const response = await fetch('/demo/demo.css');
  expect(response.ok, 'demo/demo.css').to.equal(true);
  hostStylesheet(await response.text());
  document.documentElement.dataset.look = look;
}

async function tenantTable(user: 'alpine-sales' | 'sepp-admin' = 'alpine-sales', selected?: string): Promise<TenantTable> {
  const el = await fixture<TenantTable>(html`<tenant-table .getToken=${await getTokenFor(user)} selected-id=${selected ?? ''}></tenant-table>`);
  await until(() => $$(el, 'tbody tr').length > 0, 'the tenants');
  return el;
}

const style = (el: Element) => getComputedStyle(el);

describe('theming from the host page', () => {
  afterEach(() => {
    sheets.splice(0).forEach((sheet) => sheet.remove());
    delete document.documentElement.dataset.look;
  });

  it('uses the defaults when the page sets nothing', async () => {
    const el = await tenantTable();
    expect(style($(el, '[part="add-button"]')).backgroundColor).to.equal('rgb(11, 92, 173)');
    expect(style($(el, '[part="table"]')).borderTopStyle).not.to.equal('dashed');
  });

  it('restyles the shadow roots through tokens, a per-element property and parts, also the dialog’s exported parts', async () => {
    hostStylesheet(`
      :root {
        --sc-color-primary: rgb(200, 30, 120);
        --sc-color-on-primary: rgb(255, 255, 240);
        --sc-radius-s: 13px;
        --sc-font-family: "Courier New", monospace;
        --sc-tenant-table-selected-background: rgb(250, 240, 200);
      }
      tenant-table::part(table) { border: 5px dashed rgb(1, 2, 3); }
      tenant-table::part(heading) { text-transform: uppercase; }
      tenant-table::part(editor-title) { color: rgb(120, 0, 60); }
    `);
    const first = (await (await apiAs('alpine-sales')).tenants({ sort: 'name', limit: 1 })).items[0]!;
    const el = await tenantTable('alpine-sales', first.id);

    const add = style($(el, '[part="add-button"]'));
    expect(add.backgroundColor, 'the primary button from --sc-color-primary').to.equal('rgb(200, 30, 120)');
    expect(add.color).to.equal('rgb(255, 255, 240)');
    expect(add.borderTopLeftRadius).to.equal('13px');
    expect(style($(el, '[part="heading"]')).fontFamily).to.contain('Courier New');

    const table = style($(el, '[part="table"]'));
    expect([table.borderTopWidth, table.borderTopStyle, table.borderTopColor], 'the table from ::part(table)').to.deep.equal(['5px', 'dashed', 'rgb(1, 2, 3)']);
    expect(style($(el, '[part="heading"]')).textTransform).to.equal('uppercase');
    expect(style($(el, '[part~="row-selected"] > *')).backgroundColor, '--sc-tenant-table-selected-background').to.equal('rgb(250, 240, 200)');

    $(el, '[part="add-button"]').click();
    const editor = await loaded(el, 'tenant-editor');
    await until(() => editor.shadowRoot?.querySelector('[part="title"]'), 'the editor');
    expect(style(editor.shadowRoot!.querySelector('[part="title"]')!).color, 'tenant-table::part(editor-title)').to.equal('rgb(120, 0, 60)');
    await expect(el).to.be.accessible();
  });

  it('shows the demo’s partner branding: its colour, radius and parts', async () => {
    await demoLook('partner');
    const el = await tenantTable();
    expect(style($(el, '[part="add-button"]')).backgroundColor).to.equal('rgb(0, 102, 94)');
    expect(style($(el, '[part="add-button"]')).borderTopLeftRadius).to.equal('10px');
    const table = style($(el, '[part="table"]'));
    expect([table.borderTopWidth, table.borderTopStyle, table.borderTopColor]).to.deep.equal(['3px', 'solid', 'rgb(0, 102, 94)']);
    await expect(el).to.be.accessible();
  });

  it('keeps the text contrast in the demo’s dark look (axe, contrast included)', async function () {
    this.timeout(20_000);
    await demoLook('dark');
    const el = await tenantTable('sepp-admin');
    expect(style($(el, '[part="heading"]')).color, 'the dark text colour').to.equal('rgb(230, 237, 243)');
    await expect(el).to.be.accessible();

    const services = await fixture<HTMLElement>(html`<booked-services .getToken=${await getTokenFor('sepp-admin')} tenant-id="T-10005"></booked-services>`);
    await until(() => $$(services, '[part="domain"]').length > 0, 'the domains');
    await expect(services).to.be.accessible();

    const usage = await fixture<HTMLElement>(html`<usage-statement .getToken=${await getTokenFor('sepp-admin')}></usage-statement>`);
    await until(() => $$(usage, '[part="summary"], [part="empty"]').length > 0, 'the statement');
    await expect(usage).to.be.accessible();

    // The check can fail: text as dark as the surface is refused.
    hostStylesheet(`:root[data-look='dark'] { --sc-color-text: #1a1f26; }`);
    await expect(el).not.to.be.accessible();
  });
});
