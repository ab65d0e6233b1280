import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/audit-log/audit-log.js';
import type { AuditLog } from '../../components/audit-log/audit-log.component.js';
import { changedFields } from '../../components/audit-log/audit-diff.js';
import { setLocale } from '../../components/i18n/localization.js';
import type { Tenant } from '../../domain/api.js';
import { $, $$, apiAs, deepActiveElement, focusOn, getTokenFor, shadow, text, until, watchFetch, type DemoUserId } from './helpers.js';

async function logAs(user: DemoUserId, tenantId?: string, pageSize?: number): Promise<AuditLog> {
  return fixture<AuditLog>(html`<audit-log .getToken=${await getTokenFor(user)} .tenantId=${tenantId} .pageSize=${pageSize ?? 20}></audit-log>`);
}

async function loaded(el: AuditLog): Promise<void> {
  await until(() => $$(el, '[part="entry"], [part="empty"], [part="error"], [part="refusal"]').length > 0, 'the entries or a state');
}

/** A tenant of alpine's that only this test file changes: added here. */
async function addTenant(): Promise<Tenant> {
  const sales = await apiAs('alpine-sales');
  return sales.addTenant({ name: `Audit Test ${Date.now().toString(36)} AG`, email: 'it@audit-test.ch', phone: '+41 44 000 00 00', country: 'CH', invoiceReference: null }, crypto.randomUUID());
}

/** Changes the tenant's phone as alpine-sales; answers the request ID the BFF gave the change. */
async function changePhone(tenantId: string, phone: string): Promise<string> {
  const sales = await apiAs('alpine-sales');
  const { etag } = await sales.tenant(tenantId);
  const { response } = await sales.request('PATCH', `/tenants/${tenantId}`, { body: { phone }, headers: { 'if-match': etag } });
  return response.headers.get('x-request-id')!;
}

describe('audit-log', () => {
  it('shows a change made as alpine-sales to alpine-audit: when, who, what, the request ID and the fields before and after', async () => {
    const tenant = await addTenant();
    const requestId = await changePhone(tenant.id, '+41 44 111 11 11');
    const el = await logAs('alpine-audit', tenant.id);
    await loaded(el);

    const entries = $$(el, '[part="entry"]');
    expect(entries.map((e) => text(e.querySelector('[part="action"]')))).to.deep.equal(['Tenant details changed', 'Tenant added']);
    const [edit] = entries;
    const [item] = (await (await apiAs('alpine-audit')).audit({ tenant: tenant.id, limit: 1 })).items;
    expect(text(edit!.querySelector('[part="entity"]'))).to.equal(`Tenant ${tenant.id}`);
    expect(text(edit!.querySelector('[part="actor"]'))).to.equal(`${item!.actor.name} · Partner · P-1001`);
    expect(item!.actor.sub).to.equal('alpine-sales');
    expect(text(edit!.querySelector('[part="request-id"]'))).to.equal(requestId);
    const time = edit!.querySelector('time')!;
    expect(time.dateTime).to.equal(item!.at);
    expect(text(time)).to.equal(new Intl.DateTimeFormat('en-CH', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(item!.at)).replace(/\s+/g, ' '));
    expect(text($(el, '[part="heading"]'))).to.equal(`Audit log of ${tenant.id}`);

    // The diff is closed until opened from the keyboard.
    const details = edit!.querySelector('details')!;
    expect(details.open).to.equal(false);
    expect(text(details.querySelector('summary'))).to.equal('1 field changed');
    details.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => details.open, 'the details open');
    expect([...details.querySelectorAll('[part="diff-row"]')].map((row) => [...row.children].map(text))).to.deep.equal([['phone', tenant.phone, '+41 44 111 11 11']]);
    await expect(el).to.be.accessible();
  });

  it('pages with Load older, newest first, and moves the focus to the first older entry', async () => {
    const tenant = await addTenant();
    await changePhone(tenant.id, '+41 44 222 22 22');
    await changePhone(tenant.id, '+41 44 333 33 33');
    const el = await logAs('alpine-audit', tenant.id, 2);
    await loaded(el);
    const phones = () => $$(el, '[part="entry"]').map((e) => text(e.querySelector('[part="after"]')) || text(e.querySelector('[part="action"]')));
    expect(phones()).to.deep.equal(['+41 44 333 33 33', '+41 44 222 22 22']);

    const all = (await (await apiAs('alpine-audit')).audit({ tenant: tenant.id })).items;
    expect(all.map((i) => i.action)).to.deep.equal(['tenant.edit', 'tenant.edit', 'tenant.add']);
    $(el, '[part="load-older-button"]').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '[part="entry"]').length === 3, 'the older entry');
    expect($$(el, '[part="entry"]').map((e) => e.querySelector('h3')!.id)).to.deep.equal(all.map((i) => `entry-${i.id}`));
    await focusOn(el, `#entry-${all[2]!.id}`);
    expect(text($(el, '[part="end"]'))).to.equal('No older entries.');
    expect($$(el, '[part="load-older-button"]')).to.have.length(0);

    // A creation lists every field it set, with nothing before.
    const created = $$(el, '[part="entry"]')[2]!;
    const diff = [...created.querySelectorAll('[part="diff-row"]')].map((row) => [...row.children].map(text));
    expect(diff).to.deep.include(['name', '(none)', tenant.name]);
    await expect(el).to.be.accessible();
  });

  it('shows the whole scope without a tenant, with each entry\'s tenant', async () => {
    const tenant = await addTenant();
    const el = await logAs('alpine-audit');
    await loaded(el);
    const first = $$(el, '[part="entry"]')[0]!;
    const newest = (await (await apiAs('alpine-audit')).audit({ limit: 1 })).items[0]!;
    expect(first.querySelector('h3')!.id).to.equal(`entry-${newest.id}`);
    expect(text($(el, '[part="heading"]'))).to.equal('Audit log');
    const facts = Object.fromEntries([...first.querySelectorAll('[part="facts"] dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect(Object.keys(facts)).to.deep.equal(['When', 'Who', 'Tenant', 'Request ID']);
    if (newest.tenantId === tenant.id) expect(facts.Tenant).to.equal(tenant.id);
    await expect(el).to.be.accessible();
  });

  it('tells alpine-sales that only Audit and ALL read the audit log, and asks the BFF nothing about it', async () => {
    const fetches = watchFetch();
    try {
      const el = await logAs('alpine-sales');
      await loaded(el);
      expect(text($(el, '[part="refusal"]'))).to.contain('Only the roles Audit and ALL read the audit log.');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fetches.count(/^\/api\/audit/)).to.equal(0);
      expect(deepActiveElement()).to.not.equal(shadow(el).querySelector('[part="refusal"]'));
      await expect(el).to.be.accessible();
    } finally {
      fetches.restore();
    }
  });

  it('speaks German: actions, levels and the date and time in the locale', async () => {
    const tenant = await addTenant();
    await setLocale('de');
    try {
      const el = await logAs('alpine-audit', tenant.id);
      await loaded(el);
      const [item] = (await (await apiAs('alpine-audit')).audit({ tenant: tenant.id })).items;
      const entry = $$(el, '[part="entry"]')[0]!;
      expect(text($(el, '[part="heading"]'))).to.equal(`Audit-Log von ${tenant.id}`);
      expect(text(entry.querySelector('[part="action"]'))).to.equal('Mandant hinzugefügt');
      expect(text(entry.querySelector('[part="entity"]'))).to.equal(`Mandant ${tenant.id}`);
      expect(text(entry.querySelector('[part="actor"]'))).to.equal(`${item!.actor.name} · Partner · P-1001`);
      expect(text(entry.querySelector('time'))).to.equal(new Intl.DateTimeFormat('de-CH', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(item!.at)));
      expect(text(entry.querySelector('summary'))).to.match(/^\d+ Felder geändert$/);
      await expect(el).to.be.accessible();
    } finally {
      await setLocale('en');
    }
  });

  it('diffs before and after field by field', () => {
    expect(changedFields({ a: 1, b: 'x', c: [1, 2] }, { a: 1, b: 'y', c: [1, 2, 3], d: null })).to.deep.equal([
      { field: 'b', before: 'x', after: 'y' },
      { field: 'c', before: '1, 2', after: '1, 2, 3' },
      { field: 'd', before: undefined, after: 'null' },
    ]);
    expect(changedFields(null, { services: [{ number: 1 }] })).to.deep.equal([{ field: 'services', before: undefined, after: '[{"number":1}]' }]);
    expect(changedFields('a', 'b')).to.deep.equal([{ field: '', before: 'a', after: 'b' }]);
    expect(changedFields({ a: 1 }, { a: 1 })).to.deep.equal([]);
  });
});
