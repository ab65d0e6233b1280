import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/tenant-editor/tenant-editor.js';
import type { TenantEditor } from '../../components/tenant-editor/tenant-editor.component.js';
import { $, $$, apiAs, getTokenFor, text, until, type DemoUserId } from './helpers.js';

async function editorAs(user: DemoUserId, tenantId: string | undefined, readonly = false): Promise<TenantEditor> {
  const el = await fixture<TenantEditor>(
    html`<tenant-editor .getToken=${await getTokenFor(user)} .tenantId=${tenantId} ?readonly=${readonly} open></tenant-editor>`,
  );
  await until(() => $$(el, '[part="field"], [part="notice"]').length > 0, 'the loaded dialog');
  return el;
}

describe('tenant-editor on its own', () => {
  it('shows a tenant read-only to Support, and closes with Close', async () => {
    const tenant = (await (await apiAs('alpine-support')).tenants({ limit: 1 })).items[0]!;
    const el = await editorAs('alpine-support', tenant.id);
    expect(text($(el, '#title'))).to.equal(`Details of ${tenant.name}`);
    expect(text($(el, '[part="meta"]'))).to.equal(`ID ${tenant.id} · Partner Alpine IT AG · Region CH`);
    expect($<HTMLInputElement>(el, '#name').readOnly).to.equal(true);
    expect($<HTMLInputElement>(el, '#name').value).to.equal(tenant.name);
    await expect(el).to.be.accessible();

    const closed = oneEvent(el, 'tenant-editor-close');
    $<HTMLButtonElement>(el, '[part="cancel-button"]').click();
    expect((await closed).detail).to.deep.equal({ saved: false });
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);
  });

  it('stays read-only for Sales when told to', async () => {
    const tenant = (await (await apiAs('alpine-sales')).tenants({ limit: 1 })).items[0]!;
    const el = await editorAs('alpine-sales', tenant.id, true);
    expect($<HTMLInputElement>(el, '#phone').readOnly).to.equal(true);
    expect($$(el, '[part="save-button"]')).to.have.length(0);
  });

  it('adds to the partner’s own tenants without asking for a partner', async () => {
    const el = await editorAs('alpine-sales', undefined);
    expect(text($(el, '#title'))).to.equal('Add new tenant');
    expect($$(el, '#partnerId')).to.have.length(0);
    expect($<HTMLInputElement>(el, '#name').value).to.equal('');
    expect(text($(el, '[part="save-button"]'))).to.equal('Add tenant');
    await expect(el).to.be.accessible();
  });

  it('tells a tenant administrator that adding tenants is not theirs', async () => {
    const el = await editorAs('tenant-admin', undefined);
    expect(text($(el, '[part="notice"]'))).to.equal('Your role does not allow adding tenants.');
    expect($$(el, '[part="save-button"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
