import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/add-services-dialog/add-services-dialog.js';
import type { AddServicesDialog } from '../../components/add-services-dialog/add-services-dialog.component.js';
import type { NewDomain } from '../../components/api/client.js';
import type { ServicesAddedEvent } from '../../components/events.js';
import type { ManagedDomain } from '../../domain/api.js';
import { $, $$, apiAs, click, deepActiveElement, fill, focusOn, getTokenFor, openFromTrigger, text, uniqueDomain, until, type DemoUserId } from './helpers.js';

/** A fresh domain, ordered through the API, so that each test knows what is booked on it. */
async function orderDomain(user: DemoUserId, tenantId: string, order: Omit<NewDomain, 'name'>, tld = 'ch'): Promise<ManagedDomain> {
  const name = uniqueDomain('services', tld);
  return (await apiAs(user)).addDomain(tenantId, { name, ...order }, crypto.randomUUID());
}

async function openFor(user: DemoUserId, domain: ManagedDomain, country: string, ginaHosts: string[] = []) {
  return openFromTrigger<AddServicesDialog>(
    html`<add-services-dialog .getToken=${await getTokenFor(user)} .domain=${domain} country=${country} .ginaHosts=${ginaHosts}></add-services-dialog>`,
    '[part="services"]',
  );
}

const listed = (el: AddServicesDialog) => $$<HTMLInputElement>(el, '[part="services"] input[type="checkbox"]').map((c) => c.value);
const box = (el: AddServicesDialog, code: string) => $<HTMLInputElement>(el, `#service-${code}`);
const note = (el: AddServicesDialog, code: string) => text(el.shadowRoot!.getElementById(`service-${code}-note`));

describe('add-services-dialog', () => {
  it('lists every service not active on the domain; the unbookable ones disabled with the reason', async () => {
    const domain = await orderDomain('alpine-sales', 'T-10002', { mode: 'parallel', services: ['SC-MS365', 'SC-SIGENC', 'SC-CERT'], ginaHost: `securemail.${uniqueDomain('gina')}` });
    const { el } = await openFor('alpine-sales', domain, 'CH');
    expect(text($(el, '#title'))).to.equal(`Add services to ${domain.name}`);
    expect(listed(el)).to.deep.equal(['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGONLY', 'SC-HIN']);
    expect(box(el, 'SC-F-INBOUND').disabled).to.equal(true);
    expect(note(el, 'SC-F-INBOUND')).to.equal('Cannot be chosen:SC-F-INBOUND cannot be booked in this mode.');
    expect(box(el, 'SC-F-INBOUND').getAttribute('aria-describedby')).to.equal('service-SC-F-INBOUND-note');
    expect(note(el, 'SC-F-OUTBOUND')).to.contain('SC-F-OUTBOUND cannot be booked in this mode.');
    expect(box(el, 'SC-SIGONLY').disabled).to.equal(true);
    expect(note(el, 'SC-SIGONLY')).to.contain('SC-SIGONLY and SC-SIGENC exclude each other on one domain.');
    expect(box(el, 'SC-HIN').disabled).to.equal(false);
    expect($$(el, '[part="gina-hosts"]'), 'the domain has a GINA host').to.have.length(0);
    await focusOn(el, '#service-SC-HIN');
    await expect(el).to.be.accessible();

    const added = oneEvent(el, 'services-added');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    const { detail } = (await added) as ServicesAddedEvent;
    expect(detail.domain.services.map((s) => [s.number, s.code, s.status])).to.deep.equal([
      [1, 'SC-SERVICE', 'ordered'],
      [2, 'SC-MS365', 'ordered'],
      [3, 'SC-SIGENC', 'ordered'],
      [4, 'SC-CERT', 'ordered'],
      [5, 'SC-HIN', 'ordered'],
    ]);
  });

  it('adds what a chosen service requires, asks for a GINA host, and books it all', async () => {
    const domain = await orderDomain('alpine-sales', 'T-10002', { mode: 'inline' });
    const { el, trigger } = await openFor('alpine-sales', domain, 'CH', ['securemail.shared-host.ch']);
    expect(listed(el)).to.deep.equal(['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-MS365', 'SC-SIGONLY', 'SC-SIGENC', 'SC-CERT', 'SC-HIN']);
    expect(box(el, 'SC-F-INBOUND').checked && box(el, 'SC-F-INBOUND').disabled).to.equal(true);
    expect(note(el, 'SC-F-INBOUND')).to.equal('Every domain in mode Inline has it.');
    expect(box(el, 'SC-CERT').disabled).to.equal(true);
    expect(note(el, 'SC-CERT')).to.contain('SC-CERT is booked only together with SC-SIGONLY or SC-SIGENC.');

    await click(el, '#service-SC-SIGENC');
    expect(['SC-F-OUTBOUND', 'SC-CERT'].map((c) => [box(el, c).checked, box(el, c).disabled, note(el, c)])).to.deep.equal([
      [true, true, 'Added: required by SC-SIGENC.'],
      [true, true, 'Added: required by SC-SIGENC.'],
    ]);
    expect(text($(el, '[part="announcement"]'))).to.equal('Also added, as SC-SIGENC requires them: SC-F-OUTBOUND and SC-CERT.');
    const radios = $$<HTMLInputElement>(el, '[part="gina-hosts"] input[type="radio"]');
    expect(radios.map((r) => text(r.nextElementSibling))).to.deep.equal([`securemail.${domain.name}`, 'securemail.shared-host.ch', 'Another host name']);
    expect(radios[0]!.checked).to.equal(true);
    await expect(el).to.be.accessible();

    await click(el, '#gina-custom');
    await fill(el, '#gina-custom-host', domain.name);
    await click(el, '[part="submit-button"]');
    expect(text($(el, '#gina-reasons'))).to.contain('not the domain itself');
    await focusOn(el, '#gina-custom-host');
    await fill(el, '#gina-custom-host', `webmail.${domain.name}`);

    const added = oneEvent(el, 'services-added');
    await click(el, '[part="submit-button"]');
    const { detail } = (await added) as ServicesAddedEvent;
    expect(detail.domain.ginaHost).to.equal(`webmail.${domain.name}`);
    // The manual add booked SC-SERVICE alone: the inline mode's SC-F-INBOUND comes with this order.
    expect(detail.domain.services.map((s) => s.code)).to.deep.equal(['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT']);
    await until(() => !el.open, 'closed');
    expect(deepActiveElement()).to.equal(trigger);
  });

  it('says when nothing is chosen, and shows a server refusal at the GINA host', async () => {
    const other = (await (await apiAs('alpine-sales')).domains('T-10001')).find((d) => d.ginaHost)!.ginaHost!;
    const domain = await orderDomain('alpine-sales', 'T-10004', { mode: 'inline', services: ['SC-F-INBOUND'] });
    const { el } = await openFor('alpine-sales', domain, 'CH');
    await click(el, '[part="submit-button"]');
    expect(text($(el, '#services-reasons'))).to.equal('Choose at least one service.');
    await focusOn(el, '[aria-invalid="true"]');
    await click(el, '#service-SC-SIGENC');
    expect($$(el, '#services-reasons')).to.have.length(0);
    await click(el, '#gina-custom');
    await fill(el, '#gina-custom-host', other);
    await click(el, '[part="submit-button"]');
    await until(() => $$(el, '#gina-reasons').length > 0, 'the refusal');
    expect(text($(el, '#gina-reasons'))).to.equal('Another tenant uses this GINA host; choose another host name.');
    await focusOn(el, '#gina-custom-host');
    await expect(el).to.be.accessible();
  });

  it('explains HIN to a tenant outside Switzerland', async () => {
    const domain = await orderDomain('rhein-sales', 'T-10035', { mode: 'inline' }, 'de');
    const { el } = await openFor('rhein-sales', domain, 'DE');
    expect(box(el, 'SC-HIN').disabled).to.equal(true);
    expect(note(el, 'SC-HIN')).to.contain('SC-HIN is available only to tenants in Switzerland.');
  });

  it('closes on Escape, and shows non-Sales roles that it is not theirs', async () => {
    const domain = (await (await apiAs('alpine-sales')).domains('T-10002'))[0]!;
    const { el, trigger } = await openFor('alpine-sales', domain, 'CH');
    const closed = oneEvent(el, 'add-services-dialog-close');
    await sendKeys({ press: 'Escape' });
    expect(((await closed) as CustomEvent).detail).to.deep.equal({ completed: false });
    expect(deepActiveElement()).to.equal(trigger);

    const denied = (await openFor('alpine-support', domain, 'CH')).el;
    expect(text($(denied, '[part="notice"]'))).to.equal('Your role does not allow adding services.');
    expect($$(denied, '[part="submit-button"]')).to.have.length(0);
    await expect(denied).to.be.accessible();
  });
});
