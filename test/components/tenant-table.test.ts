import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/tenant-table/tenant-table.js';
import '../../components/booked-services/booked-services.js';
import type { TenantTable } from '../../components/tenant-table/tenant-table.component.js';
import type { TenantEditor } from '../../components/tenant-editor/tenant-editor.component.js';
import type { TenantSortKey } from '../../domain/api.js';
import { setLocale } from '../../components/i18n/localization.js';
import { $, $$, apiAs, deepActiveElement, getTokenFor, loaded, text, until, type DemoUserId } from './helpers.js';

async function tableAs(user: DemoUserId): Promise<TenantTable> {
  const el = await fixture<TenantTable>(html`<tenant-table .getToken=${await getTokenFor(user)}></tenant-table>`);
  // The pencils appear once the caller's roles are known, and with them "Add new tenant".
  await until(() => $$(el, 'tbody tr').length > 0 && $$(el, '[part~="edit-button"]').length > 0 && !busy(el), 'the first page of tenants and the caller');
  return el;
}

function busy(el: TenantTable): boolean {
  return $$(el, '[aria-busy="true"]').length > 0;
}

function names(el: TenantTable): string[] {
  return $$(el, 'tbody [part~="name-button"]').map(text);
}

function header(el: TenantTable, label: string): HTMLTableCellElement {
  const th = $$<HTMLTableCellElement>(el, 'thead th').find((cell) => text(cell).startsWith(label));
  if (!th) throw new Error(`no column ${label}`);
  return th;
}

function range(el: TenantTable): string {
  return text($(el, '[part="range"]'));
}

function editor(el: TenantTable): TenantEditor {
  return $<TenantEditor>(el, 'tenant-editor');
}

function dialogOf(el: TenantTable): HTMLDialogElement {
  return $<HTMLDialogElement>(editor(el), 'dialog');
}

function field(el: TenantTable, name: string): HTMLInputElement {
  return $<HTMLInputElement>(editor(el), `#${name}`);
}

function focusIsOn(el: TenantTable, name: string): boolean {
  const active = deepActiveElement();
  return active !== null && active === $$(editor(el), `#${name}`)[0];
}

async function expectedNames(user: DemoUserId, sort: TenantSortKey, order: 'asc' | 'desc', q = '', offset = 0): Promise<string[]> {
  const page = await (await apiAs(user)).tenants({ q, sort, order, limit: 25, offset });
  return page.items.map((t) => t.name);
}

/** Opens the dialog from a row's pencil and waits for its fields. */
async function openEditor(el: TenantTable, row = 0): Promise<HTMLButtonElement> {
  const pencil = $$<HTMLButtonElement>(el, '[part~="edit-button"]')[row]!;
  pencil.click();
  await loaded(el, 'tenant-editor');
  await until(() => dialogOf(el).open && $$(editor(el), '#name').length > 0, 'the dialog with the tenant');
  return pencil;
}

async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: value });
}

describe('tenant-table', () => {
  it('shows the first page of the partner’s tenants with their four columns', async () => {
    const el = await tableAs('alpine-sales');
    const page = await (await apiAs('alpine-sales')).tenants({ sort: 'name', order: 'asc', limit: 25 });
    expect(page.total).to.be.greaterThan(25);
    expect(names(el)).to.deep.equal(page.items.map((t) => t.name));
    expect($$(el, 'thead th').map(text).slice(0, 4).map((label) => label.replace(/[▲▼↕]/g, '').trim())).to.deep.equal([
      'Name',
      'ID',
      'Managed domains',
      'Total services',
    ]);
    const first = $$(el, 'tbody tr')[0]!;
    const cells = [...first.children].map(text);
    expect(cells.slice(0, 4)).to.deep.equal([page.items[0]!.name, page.items[0]!.id, String(page.items[0]!.managedDomains), String(page.items[0]!.totalServices)]);
    expect(header(el, 'Name').getAttribute('aria-sort')).to.equal('ascending');
    expect(range(el)).to.equal(`1–25 of ${page.total}`);
    expect($(el, '[part="range"]').getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
  });

  it('sorts by keyboard: Enter and Space on a header button', async () => {
    const el = await tableAs('alpine-sales');
    const ascending = names(el);

    header(el, 'Name').querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => header(el, 'Name').getAttribute('aria-sort') === 'descending' && !busy(el), 'name descending');
    const descending = await expectedNames('alpine-sales', 'name', 'desc');
    await until(() => names(el).join() === descending.join(), 'rows in descending order');
    expect(names(el)[0]).not.to.equal(ascending[0]);
    expect(el.getAttribute('order')).to.equal('desc');

    header(el, 'Total services').querySelector('button')!.focus();
    await sendKeys({ press: 'Space' });
    await until(() => header(el, 'Total services').getAttribute('aria-sort') === 'ascending' && !busy(el), 'total services ascending');
    expect(header(el, 'Name').hasAttribute('aria-sort')).to.equal(false);
    const totals = $$(el, 'tbody tr').map((row) => Number(text(row.children[3])));
    expect(totals).to.deep.equal([...totals].sort((a, b) => a - b));
    expect(names(el)).to.deep.equal(await expectedNames('alpine-sales', 'totalServices', 'asc'));
    expect(deepActiveElement()).to.equal(header(el, 'Total services').querySelector('button'));
    await expect(el).to.be.accessible();
  });

  it('searches on the server by name, ID or domain, and says when nothing matches', async () => {
    const el = await tableAs('alpine-sales');
    const search = $<HTMLInputElement>(el, '[part="search-input"]');
    const [target] = (await (await apiAs('alpine-sales')).tenants({ sort: 'id', order: 'desc', limit: 1 })).items;

    search.focus();
    await sendKeys({ type: target!.id });
    await until(() => names(el).length === 1 && !busy(el), 'one tenant found by ID');
    expect(names(el)).to.deep.equal([target!.name]);
    expect(range(el)).to.equal('1–1 of 1');

    const domain = (await (await apiAs('alpine-sales')).domains(target!.id))[0];
    if (domain) {
      await type(search, domain.name);
      await until(() => names(el).includes(target!.name) && !busy(el), 'the tenant found by its domain');
    }

    await type(search, 'no-such-tenant-anywhere');
    await until(() => $$(el, '[part="empty"]').length > 0, 'the empty state');
    expect(text($(el, '[part="empty"]'))).to.contain('No tenants match “no-such-tenant-anywhere”.');
    expect($$(el, 'table')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('pages forward and back, 25 at a time', async () => {
    const el = await tableAs('alpine-sales');
    const total = (await (await apiAs('alpine-sales')).tenants({ limit: 1 })).total;
    const previous = $<HTMLButtonElement>(el, '[part="previous-button"]');
    const next = $<HTMLButtonElement>(el, '[part="next-button"]');
    expect(previous.disabled).to.equal(true);
    expect(next.disabled).to.equal(false);

    next.click();
    await until(() => range(el).startsWith('26–'), 'the second page');
    expect(range(el)).to.equal(`26–${Math.min(50, total)} of ${total}`);
    expect(names(el)).to.deep.equal(await expectedNames('alpine-sales', 'name', 'asc', '', 25));
    expect(previous.disabled).to.equal(false);
    expect(next.disabled).to.equal(total <= 50);

    previous.click();
    await until(() => range(el).startsWith('1–'), 'back on the first page');
    expect(names(el)).to.have.length(25);
    await expect(el).to.be.accessible();
  });

  it('pages by the BFF’s cursors: next, next, previous, and the range counts along', async () => {
    const el = await fixture<TenantTable>(html`<tenant-table page-size="10" .getToken=${await getTokenFor('alpine-sales')}></tenant-table>`);
    await until(() => $$(el, 'tbody tr').length > 0 && !busy(el), 'the first page');
    const api = await apiAs('alpine-sales');
    const byOffset = async (offset: number) => (await api.tenants({ sort: 'name', order: 'asc', limit: 10, offset })).items.map((t) => t.name);
    const { total } = await api.tenants({ limit: 1 });
    expect(total).to.be.greaterThan(30);
    const next = $<HTMLButtonElement>(el, '[part="next-button"]');
    const previous = $<HTMLButtonElement>(el, '[part="previous-button"]');
    next.click();
    await until(() => range(el).startsWith('11–'), 'the second page');
    next.click();
    await until(() => range(el).startsWith('21–'), 'the third page');
    expect(range(el)).to.equal(`21–30 of ${total}`);
    expect(names(el)).to.deep.equal(await byOffset(20));
    previous.click();
    await until(() => range(el).startsWith('11–'), 'back on the second page');
    expect(names(el)).to.deep.equal(await byOffset(10));
    previous.click();
    await until(() => range(el).startsWith('1–'), 'back on the first page');
    expect(names(el)).to.deep.equal(await byOffset(0));
    expect(previous.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('says “about” when the BFF estimates the total, in the person’s language', async () => {
    // web-test-runner.config.mjs sets TENANT_LIST_EXACT_TOTAL=50: SEPPmail staff see 66 tenants.
    const page = await (await apiAs('sepp-admin')).tenants({ limit: 25 });
    expect(page.totalIsEstimate).to.equal(true);
    const el = await tableAs('sepp-admin');
    expect(range(el)).to.equal(`1–25 of about ${page.total}`);
    expect($<HTMLButtonElement>(el, '[part="next-button"]').disabled).to.equal(false);
    await setLocale('de');
    try {
      await until(() => range(el).includes('von etwa'), 'the German range');
      expect(range(el)).to.equal(`1–25 von etwa ${page.total}`);
    } finally {
      await setLocale('en');
    }
  });

  it('fires a typed tenant-select event when a name is clicked or chosen with Enter', async () => {
    const el = await tableAs('alpine-sales');
    const [first, second] = $$<HTMLButtonElement>(el, '[part~="name-button"]');

    setTimeout(() => first!.click());
    const clicked = await oneEvent(el, 'tenant-select');
    expect(clicked.detail).to.deep.equal({ tenantId: text(first!.closest('tr')!.children[1]), name: text(first) });
    expect(clicked.bubbles && clicked.composed).to.equal(true);

    second!.focus();
    const pressed = oneEvent(document.body, 'tenant-select');
    await sendKeys({ press: 'Enter' });
    expect((await pressed).detail.name).to.equal(text(second));
    await until(() => second!.closest('tr')!.getAttribute('part') === 'row row-selected', 'the row marked as chosen');
  });

  it('offers "Skip the tenant list" as the first Tab stop, shown on focus, and it moves the focus to skip-to', async () => {
    const getToken = await getTokenFor('alpine-sales');
    const page = await fixture<HTMLElement>(html`<div>
      <button id="before">before</button>
      <tenant-table skip-to="services" .getToken=${getToken}></tenant-table>
      <booked-services id="services" .getToken=${getToken}></booked-services>
      <p class="plain">after</p>
    </div>`);
    const el = page.querySelector<TenantTable>('tenant-table')!;
    await until(() => $$(el, 'tbody tr').length > 0 && $$(el, '[part~="edit-button"]').length > 0 && !busy(el), 'the first page of tenants');
    const skip = $<HTMLButtonElement>(el, '[part="skip-link"]');
    expect(skip.getBoundingClientRect().width * skip.getBoundingClientRect().height).to.be.lessThan(2);

    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(skip);
    expect(text(skip)).to.equal('Skip the tenant list');
    expect(skip.getBoundingClientRect().width).to.be.greaterThan(40);
    expect(getComputedStyle(skip).position).to.equal('static');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    const services = page.querySelector<HTMLElement>('booked-services')!;
    expect(deepActiveElement()).to.equal($(services, '[part~="heading"]'));
    expect(skip.getBoundingClientRect().width * skip.getBoundingClientRect().height).to.be.lessThan(2);

    // A selector works too; an element that cannot take the focus is given tabindex="-1".
    el.setAttribute('skip-to', 'p.plain');
    skip.focus();
    await sendKeys({ press: 'Space' });
    expect(deepActiveElement()).to.equal(page.querySelector('p.plain'));
    expect(page.querySelector('p.plain')!.getAttribute('tabindex')).to.equal('-1');

    // Without skip-to there is nothing to skip to, and no link.
    el.removeAttribute('skip-to');
    await el.updateComplete;
    expect($$(el, '[part="skip-link"]')).to.have.length(0);
  });

  it('is one Tab stop per row, its name; the arrows reach the pencil; Enter selects', async () => {
    const el = await tableAs('alpine-sales');
    const rows = $$<HTMLTableRowElement>(el, 'tbody tr');
    const nameOf = (row: number) => rows[row]!.querySelector<HTMLButtonElement>('[part~="name-button"]')!;
    const pencilOf = (row: number) => rows[row]!.querySelector<HTMLButtonElement>('[part~="edit-button"]')!;
    nameOf(0).focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(nameOf(1));
    await sendKeys({ press: 'ArrowRight' });
    expect(deepActiveElement()).to.equal(pencilOf(1));
    await sendKeys({ press: 'ArrowLeft' });
    expect(deepActiveElement()).to.equal(nameOf(1));
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(nameOf(2));
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(deepActiveElement()).to.equal(nameOf(1));

    const chosen = oneEvent(el, 'tenant-select');
    await sendKeys({ press: 'Enter' });
    expect((await chosen).detail).to.deep.equal({ tenantId: text(rows[1]!.children[1]), name: text(nameOf(1)) });
    const spaced = oneEvent(el, 'tenant-select');
    nameOf(2).focus();
    await sendKeys({ press: 'Space' });
    expect((await spaced).detail.name).to.equal(text(nameOf(2)));
    await expect(el).to.be.accessible();
  });

  it('shows the error with what to do next, and Retry', async () => {
    const el = await fixture<TenantTable>(html`<tenant-table .getToken=${() => 'not-a-token'}></tenant-table>`);
    await until(() => $$(el, '[part="error"]').length > 0, 'the error panel');
    expect(text($(el, '[part="error"]'))).to.contain('Sign in again');
    expect($(el, '[part="error"]').getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();

    el.getToken = await getTokenFor('alpine-sales');
    await until(() => $$(el, 'tbody tr').length === 25, 'the tenants after signing in');
  });
});

describe('tenant-table for each role', () => {
  it('offers no "Add new tenant" to Support, Tech or a tenant administrator, and shows read-only details', async () => {
    for (const user of ['alpine-support', 'alpine-tech', 'tenant-admin'] as const) {
      const el = await tableAs(user);
      expect($$(el, '[part="add-button"]'), user).to.have.length(0);
    }
    const el = await tableAs('alpine-support');
    const pencil = $$<HTMLButtonElement>(el, '[part~="edit-button"]')[0]!;
    expect(pencil.getAttribute('aria-label')).to.equal(`Show details of ${names(el)[0]}`);
    await openEditor(el);
    for (const name of ['name', 'email', 'phone', 'country', 'invoiceReference']) {
      expect(field(el, name).readOnly, name).to.equal(true);
    }
    expect($$(editor(el), '[part="save-button"]')).to.have.length(0);
    expect(text($(editor(el), '[part="cancel-button"]'))).to.equal('Close');
    await expect(el).to.be.accessible();
  });

  it('lets a tenant administrator see only its own tenant', async () => {
    const el = await tableAs('tenant-admin');
    expect(names(el)).to.have.length(1);
    expect(range(el)).to.equal('1–1 of 1');
  });

  it('offers editing and "Add new tenant" to Sales', async () => {
    const el = await tableAs('alpine-sales');
    expect(text($(el, '[part="add-button"]'))).to.equal('Add new tenant');
    expect($$(el, '[part~="edit-button"]')[0]!.getAttribute('aria-label')).to.equal(`Edit details of ${names(el)[0]}`);
    await openEditor(el);
    expect(field(el, 'phone').readOnly).to.equal(false);
    expect(field(el, 'country').localName).to.equal('select');
    expect(text($(editor(el), '[part="save-button"]'))).to.equal('Save');
  });
});

describe('tenant-table’s details dialog', () => {
  it('moves focus in, closes on Escape and gives focus back to the pencil', async () => {
    const el = await tableAs('alpine-sales');
    const pencil = $$<HTMLButtonElement>(el, '[part~="edit-button"]')[1]!;
    pencil.focus();
    await sendKeys({ press: 'Enter' });
    await loaded(el, 'tenant-editor');
    await until(() => focusIsOn(el, 'name'), 'focus on the first field');
    const dialog = dialogOf(el);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    const title = $(editor(el), `#${dialog.getAttribute('aria-labelledby')}`);
    expect(text(title)).to.equal(`Edit details of ${names(el)[1]}`);
    expect(field(el, 'name').value).to.equal(names(el)[1]);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog closed');
    expect(editor(el).open).to.equal(false);
    await until(() => deepActiveElement() === pencil, 'focus back on the pencil');
  });

  it('saves an edit with If-Match and tells the host', async () => {
    const el = await tableAs('alpine-sales');
    await openEditor(el, 2);
    const tenantId = text($$(el, 'tbody tr')[2]!.children[1]);
    const phone = `+41 44 555 ${String(Date.now()).slice(-2)} 11`;
    await type(field(el, 'phone'), phone);

    const saved = oneEvent(el, 'tenant-saved');
    $<HTMLButtonElement>(editor(el), '[part="save-button"]').click();
    const event = await saved;
    expect(event.detail.created).to.equal(false);
    expect(event.detail.tenant.phone).to.equal(phone);
    await until(() => !dialogOf(el).open, 'the dialog closed after saving');
    const stored = await (await apiAs('alpine-sales')).tenant(tenantId);
    expect(stored.data.phone).to.equal(phone);
  });

  it('says when someone changed the tenant meanwhile, and shows the current details', async () => {
    const el = await tableAs('alpine-sales');
    await openEditor(el, 3);
    const tenantId = text($$(el, 'tbody tr')[3]!.children[1]);

    const api = await apiAs('alpine-sales');
    const current = await api.tenant(tenantId);
    const theirs = '+41 44 777 66 55';
    await api.updateTenant(tenantId, { phone: theirs }, current.etag);

    await type(field(el, 'phone'), '+41 44 111 22 33');
    $<HTMLButtonElement>(editor(el), '[part="save-button"]').click();
    await until(() => $$(editor(el), '[part="notice"]').length > 0, 'the conflict notice');
    expect(text($(editor(el), '[part="notice"]'))).to.contain('Someone changed this tenant meanwhile');
    await until(() => field(el, 'phone').value === theirs, 'the current phone loaded again');
    expect(dialogOf(el).open).to.equal(true);
    await expect(el).to.be.accessible();

    // With the new ETag the next save goes through.
    await type(field(el, 'phone'), '+41 44 111 22 34');
    const saved = oneEvent(el, 'tenant-saved');
    $<HTMLButtonElement>(editor(el), '[part="save-button"]').click();
    expect((await saved).detail.tenant.phone).to.equal('+41 44 111 22 34');
  });

  it('shows each refused field next to it', async () => {
    const el = await tableAs('alpine-sales');
    await openEditor(el, 4);
    await type(field(el, 'email'), 'not-an-address');
    $<HTMLButtonElement>(editor(el), '[part="save-button"]').click();
    await until(() => $$(editor(el), '[part="field-error"]').length > 0, 'the field error');
    const email = field(el, 'email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    const error = $(editor(el), `#${email.getAttribute('aria-describedby')}`);
    expect(text(error)).to.contain('e-mail');
    expect(error.closest('[part="field"]')).to.equal(email.closest('[part="field"]'));
    expect(dialogOf(el).open).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('adds a tenant; SEPPmail staff choose its partner', async () => {
    const el = await tableAs('sepp-admin');
    const add = $<HTMLButtonElement>(el, '[part="add-button"]');
    add.click();
    await loaded(el, 'tenant-editor');
    await until(() => $$(editor(el), '#partnerId').length > 0, 'the create form with partners');
    expect(text($(editor(el), '#title'))).to.equal('Add new tenant');
    await until(() => focusIsOn(el, 'partnerId'), 'focus on the first field');
    await expect(el).to.be.accessible();

    const partner = $<HTMLSelectElement>(editor(el), '#partnerId');
    partner.value = 'P-1003';
    partner.dispatchEvent(new Event('change', { bubbles: true }));
    const name = `Testfirma ${Date.now()} AG`;
    await type(field(el, 'name'), name);
    await type(field(el, 'email'), 'it@testfirma.ch');
    await type(field(el, 'phone'), '+41 21 555 12 34');
    const country = $<HTMLSelectElement>(editor(el), '#country');
    country.value = 'CH';
    country.dispatchEvent(new Event('change', { bubbles: true }));

    const saved = oneEvent(el, 'tenant-saved');
    $<HTMLButtonElement>(editor(el), '[part="save-button"]').click();
    const { detail } = await saved;
    expect(detail.created).to.equal(true);
    expect(detail.tenant).to.include({ name, partnerId: 'P-1003', country: 'CH' });
    await until(() => deepActiveElement() === add, 'focus back on "Add new tenant"');
    const found = await (await apiAs('lemanic-all')).tenants({ q: name });
    expect(found.items.map((t) => t.name)).to.deep.equal([name]);
  });
});
