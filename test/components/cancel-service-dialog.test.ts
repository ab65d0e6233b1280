import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/cancel-service-dialog/cancel-service-dialog.js';
import type { CancelServiceDialog } from '../../components/cancel-service-dialog/cancel-service-dialog.component.js';
import type { ServiceCancelledEvent } from '../../components/events.js';
import type { ManagedDomain } from '../../domain/api.js';
import { addDays, todayIn } from '../../domain/dates.js';
import { defaultEndBilling, earliestEndBilling } from '../../domain/rules.js';
import { $, $$, apiAs, click, deepActiveElement, fill, focusOn, getTokenFor, openFromTrigger, text, uniqueDomain, until, type DemoUserId } from './helpers.js';

/** An inline sign+encrypt domain with HIN: SERVICE 1, F-INBOUND 2, F-OUTBOUND 3, SIGENC 4, CERT 5, HIN 6. */
async function signEncryptDomain(): Promise<ManagedDomain> {
  const name = uniqueDomain('cancel');
  return (await apiAs('alpine-sales')).addDomain(
    'T-10002',
    { name, mode: 'inline', services: ['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT', 'SC-HIN'], ginaHost: `securemail.${name}` },
    crypto.randomUUID(),
  );
}

async function openFor(user: DemoUserId, domain: ManagedDomain) {
  return openFromTrigger<CancelServiceDialog>(html`<cancel-service-dialog .getToken=${await getTokenFor(user)} .domain=${domain}></cancel-service-dialog>`, '#service');
}

async function choose(el: CancelServiceDialog, number: number | ''): Promise<void> {
  const select = $<HTMLSelectElement>(el, '#service');
  select.value = String(number);
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

const cascade = (el: CancelServiceDialog) => $$(el, '[part="cascade-list"] li').map(text);

describe('cancel-service-dialog', () => {
  it('is an alert dialog with the active services, the end date defaulting to the month’s end, tomorrow at the earliest', async () => {
    const domain = await signEncryptDomain();
    const { el } = await openFor('alpine-sales', domain);
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(text(el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!))).to.equal(`Cancel a service of ${domain.name}`);
    expect(text(el.shadowRoot!.getElementById(dialog.getAttribute('aria-describedby')!))).to.contain('Every service that requires it is cancelled with it');
    expect($$<HTMLOptionElement>(el, '#service option').map(text)).to.deep.equal([
      'Choose a service',
      '1 – seppmail.cloud service license (SC-SERVICE)',
      '2 – seppmail.cloud filter inbound (SC-F-INBOUND)',
      '3 – seppmail.cloud filter outbound (SC-F-OUTBOUND)',
      '4 – seppmail.cloud sign+encrypt (includes GINA) (SC-SIGENC)',
      '5 – seppmail.cloud certificate (SC-CERT)',
      '6 – seppmail.cloud HIN integration (SC-HIN)',
    ]);
    const date = $<HTMLInputElement>(el, '#end-billing');
    const today = todayIn(new Date());
    expect(date.type).to.equal('date');
    expect(date.min).to.equal(earliestEndBilling(today));
    expect(date.min).to.equal(addDays(today, 1));
    expect(date.value).to.equal(defaultEndBilling(today));
    expect($(el, '[part="confirm-button"]').classList.contains('danger')).to.equal(true);
    expect(text($(el, '[part="cancel-button"]'))).to.equal('Keep services');
    await focusOn(el, '#service');
    await expect(el).to.be.accessible();

    await click(el, '[part="confirm-button"]');
    expect(text($(el, '#service-reasons'))).to.equal('Choose the service to cancel.');
    await focusOn(el, '#service');
  });

  it('lists every service the cancellation takes with it, and says so when it is the whole domain', async () => {
    const domain = await signEncryptDomain();
    const { el } = await openFor('alpine-sales', domain);
    await choose(el, 6);
    expect(cascade(el)).to.deep.equal(['6 – seppmail.cloud HIN integration SC-HIN']);
    expect(text($(el, '[part="confirm-button"]'))).to.equal('Cancel service');
    await choose(el, 3);
    expect(cascade(el)).to.deep.equal([
      '3 – seppmail.cloud filter outbound SC-F-OUTBOUND',
      '4 – seppmail.cloud sign+encrypt (includes GINA) SC-SIGENC',
      '5 – seppmail.cloud certificate SC-CERT',
      '6 – seppmail.cloud HIN integration SC-HIN',
    ]);
    expect($$(el, '[part="whole-domain"]')).to.have.length(0);
    expect(text($(el, '[part="confirm-button"]'))).to.equal('Cancel 4 services');
    await choose(el, 5);
    expect(cascade(el).map((line) => line.split(' ').at(-1))).to.deep.equal(['SC-CERT', 'SC-SIGENC', 'SC-HIN']);
    await choose(el, 1);
    expect(cascade(el)).to.have.length(6);
    expect(text($(el, '[part="whole-domain"]'))).to.equal(`This cancels the whole domain ${domain.name}: every active service on it ends.`);
    await expect(el).to.be.accessible();
  });

  it('refuses an end date before tomorrow, then cancels with the date and fires service-cancelled', async () => {
    const domain = await signEncryptDomain();
    const { el, trigger } = await openFor('alpine-sales', domain);
    await choose(el, 4);
    expect(cascade(el).map((line) => line.split(' ')[0])).to.deep.equal(['4', '5', '6']);
    const today = todayIn(new Date());
    await fill(el, '#end-billing', today);
    await click(el, '[part="confirm-button"]');
    expect(text($(el, '#end-billing-reasons'))).to.equal('The end of billing must be tomorrow or later.');
    expect($(el, '#end-billing').getAttribute('aria-invalid')).to.equal('true');
    await focusOn(el, '#end-billing');
    await expect(el).to.be.accessible();

    const end = addDays(today, 10);
    await fill(el, '#end-billing', end);
    const cancelled = oneEvent(el, 'service-cancelled');
    await click(el, '[part="confirm-button"]');
    const { detail } = (await cancelled) as ServiceCancelledEvent;
    expect(detail.domainId).to.equal(domain.id);
    expect(detail.cancelled.map((s) => [s.number, s.code, s.status, s.endBilling])).to.deep.equal([
      [4, 'SC-SIGENC', 'cancelled', end],
      [5, 'SC-CERT', 'cancelled', end],
      [6, 'SC-HIN', 'cancelled', end],
    ]);
    await until(() => !el.open, 'closed');
    expect(deepActiveElement()).to.equal(trigger);
  });

  it('is used by keyboard; Escape keeps the services and gives the focus back', async () => {
    const domain = await signEncryptDomain();
    const { el, trigger } = await openFor('alpine-sales', domain);
    await focusOn(el, '#service');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => cascade(el).length === 6, 'the base service chosen');
    const closed = oneEvent(el, 'cancel-service-dialog-close');
    await sendKeys({ press: 'Escape' });
    expect(((await closed) as CustomEvent).detail).to.deep.equal({ completed: false });
    expect(deepActiveElement()).to.equal(trigger);
    const after = (await (await apiAs('alpine-sales')).domains('T-10002')).find((d) => d.id === domain.id)!;
    expect(after.services.every((s) => s.status === 'ordered')).to.equal(true);
  });

  it('preselects a service by number, and tells Support that cancelling is not theirs', async () => {
    const domain = await signEncryptDomain();
    const { el } = await openFromTrigger<CancelServiceDialog>(
      html`<cancel-service-dialog .getToken=${await getTokenFor('alpine-sales')} .domain=${domain} number="5"></cancel-service-dialog>`,
      '#service',
    );
    expect($<HTMLSelectElement>(el, '#service').value).to.equal('5');
    expect(cascade(el)).to.have.length(3);

    const denied = (await openFor('alpine-support', domain)).el;
    expect(text($(denied, '[part="notice"]'))).to.equal('Your role does not allow cancelling services.');
    expect($$(denied, '[part="confirm-button"]')).to.have.length(0);
    expect(text($(denied, '[part="cancel-button"]'))).to.equal('Close');
    await expect(denied).to.be.accessible();
  });
});
