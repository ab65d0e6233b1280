import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/offer-dialog/offer-dialog.js';
import type { OfferCreatedEvent } from '../../components/events.js';
import { setLocale } from '../../components/i18n/localization.js';
import type { OfferDialog } from '../../components/offer-dialog/offer-dialog.component.js';
import { isActive } from '../../domain/lifecycle.js';
import { $, $$, apiAs, click, deepActiveElement, fill, focusOn, getTokenFor, openFromTrigger, text, uniqueDomain, until, type DemoUserId } from './helpers.js';

// An Alpine tenant in Switzerland (CHF) that no other component test orders on.
const TENANT = 'T-10008';

async function openFor(user: DemoUserId, tenantId = TENANT) {
  return openFromTrigger<OfferDialog>(html`<offer-dialog .getToken=${await getTokenFor(user)} tenant-id=${tenantId}></offer-dialog>`, '[part="lines"]');
}

const legends = (el: OfferDialog) => $$(el, '[part~="line-domain"]').map((l) => text(l.querySelector('.code')));
const total = (el: OfferDialog) => text($(el, '[part="total"] strong'));
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** Removes every prefilled line, so that a test prices only what it adds. */
async function removeAll(el: OfferDialog) {
  while ($$(el, '[part~="remove-button"]').length > 0) await click(el, '[part~="remove-button"]');
}

/** A planned domain, added by keyboard from the name field. */
async function addPlanned(el: OfferDialog, name: string, mode: 'inline' | 'parallel', services: string[]) {
  await click(el, `#mode-${mode}`);
  for (const code of services) await click(el, `#service-${code}`);
  $(el, '#name').focus();
  await sendKeys({ type: name });
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

describe('offer-dialog', () => {
  it('prefills the tenant’s domains with their active services, priced in CHF, with a live total', async () => {
    const domains = (await (await apiAs('alpine-sales')).domains(TENANT))
      .map((d) => ({ name: d.name, services: d.services.filter((s) => isActive(s.status)).map((s) => s.code) }))
      .filter((d) => d.services.length > 0);
    expect(domains.length).to.be.greaterThan(0);
    const { el } = await openFor('alpine-sales');
    const tenant = (await (await apiAs('alpine-sales')).tenant(TENANT)).data;
    expect(text($(el, '#title'))).to.equal(`Create an offer for ${tenant.name}`);
    expect(text($(el, '[part="header"] .hint'))).to.equal('Prices in CHF per user and month, from the catalogue. An offer orders nothing.');
    expect(legends(el)).to.deep.equal(domains.map((d) => d.name));
    const rows = $$(el, '#line-0 [part="line-service"]');
    expect(rows.map((r) => text(r.querySelector('.code')))).to.deep.equal(domains[0]!.services);
    expect(total(el)).to.equal('CHF 0.00');
    expect($$(el, '[id^="discount-"]'), 'partners never discount').to.have.length(0);
    await focusOn(el, '#users-0');
    await expect(el).to.be.accessible();

    // Every service of the line at 120 users, at the catalogue's CHF prices.
    await sendKeys({ type: '120' });
    await el.updateComplete;
    const prices = new Map((await (await apiAs('alpine-sales')).catalog()).services.map((s) => [s.code, s.prices!.CHF!]));
    const perUser = domains[0]!.services.reduce((sum, code) => sum + prices.get(code)!, 0);
    const expected = new Intl.NumberFormat('en-CH', { style: 'currency', currency: 'CHF' }).format((120 * perUser) / 100);
    expect(nbsp(text($(el, '#line-0 [part="line-total"] strong')))).to.equal(nbsp(expected));
    expect(nbsp(total(el))).to.equal(nbsp(expected));
  });

  it('adds a planned domain with what its services require, creates the offer and offers its PDF', async () => {
    const { el } = await openFor('alpine-sales');
    await removeAll(el);
    expect(text($(el, '[part="lines"] .hint'))).to.contain('add a planned domain');
    const name = uniqueDomain('offer');
    await click(el, '#mode-parallel');
    await click(el, '#service-SC-SIGENC');
    expect(text($(el, '[part="announcement"]'))).to.equal('Also added, as SC-SIGENC requires them: SC-CERT.');
    $(el, '#name').focus();
    await sendKeys({ type: name });
    await sendKeys({ press: 'Enter' });
    expect(legends(el)).to.deep.equal([name]);
    expect(text($(el, '[part~="line-domain"]'))).to.contain('(planned)');
    expect($$(el, '#line-0 [part="line-service"] .code').map((c) => text(c))).to.deep.equal(['SC-SERVICE', 'SC-MS365', 'SC-SIGENC', 'SC-CERT']);
    expect(text($(el, '[part="announcement"]'))).to.equal(`Added ${name} to the offer with SC-SERVICE, SC-MS365, SC-SIGENC and SC-CERT.`);
    expect(($(el, '#name') as HTMLInputElement).value, 'the planned fields are cleared').to.equal('');
    await focusOn(el, '#users-0');
    // 120 × (1.50 + 1.80 + 4.50 + 1.00) = 1056.00
    await sendKeys({ type: '120' });
    await el.updateComplete;
    expect(nbsp(total(el))).to.equal("CHF 1'056.00");
    $(el, '#language').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(($(el, '#language') as HTMLSelectElement).value).to.equal('de');

    const created = oneEvent(el, 'offer-created');
    await click(el, '[part="submit-button"]');
    const { detail } = (await created) as OfferCreatedEvent;
    expect(detail.tenantId).to.equal(TENANT);
    expect(detail.offer).to.include({ language: 'de', currency: 'CHF', total: '1056.00' });
    expect(detail.offer.lines.map((l) => [l.domain, l.service, l.estimatedUsers, l.unitPrice, l.total])).to.deep.equal([
      [name, 'SC-SERVICE', 120, '1.50', '180.00'],
      [name, 'SC-MS365', 120, '1.80', '216.00'],
      [name, 'SC-SIGENC', 120, '4.50', '540.00'],
      [name, 'SC-CERT', 120, '1.00', '120.00'],
    ]);
    expect(el.open, 'the dialog stays open with the download').to.equal(true);
    await until(() => $$(el, '[part~="download-link"]').length > 0, 'the download link');
    const link = $<HTMLAnchorElement>(el, '[part~="download-link"]');
    expect(link.href).to.match(/^blob:/);
    expect(detail.offer.number).to.match(/^OF-\d{4}-\d{6}$/);
    expect(link.download).to.equal(`offer-${detail.offer.number}.pdf`);
    expect(text(link)).to.equal('Download the offer (PDF)');
    const bytes = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).to.equal('%PDF-');
    expect(nbsp(text($(el, '[part="result"] p')))).to.contain("Offer created: CHF 1'056.00 per month, valid until");
    await focusOn(el, '[part~="download-link"]');
    expect($$(el, '[part="submit-button"]')).to.have.length(0);
    await expect(el).to.be.accessible();

    const closed = oneEvent(el, 'offer-dialog-close');
    await sendKeys({ press: 'Escape' });
    expect(((await closed) as CustomEvent).detail).to.deep.equal({ completed: true });
  });

  it('says what is missing or wrong, at its field, before anything is sent', async () => {
    const { el } = await openFor('alpine-sales');
    await removeAll(el);
    await click(el, '[part="submit-button"]');
    expect(text($(el, '#lines-reasons'))).to.equal('Add at least one domain to the offer.');

    await addPlanned(el, 'gmail.com', 'inline', []);
    expect(text($(el, '#name-reasons'))).to.contain('freemail');
    await focusOn(el, '#name');
    await fill(el, '#name', uniqueDomain('check'));
    await click(el, '[part="add-domain-button"]');
    const added = legends(el)[0]!;
    await addPlanned(el, added.toUpperCase(), 'inline', []);
    expect(text($(el, '#name-reasons'))).to.equal('This domain is in the offer already.');
    expect(legends(el)).to.have.length(1);
    expect($$(el, '#lines-reasons'), 'a domain is in the offer now').to.have.length(0);

    await fill(el, '#valid-days', '200');
    await click(el, '[part="submit-button"]');
    expect(text($(el, '#valid-days-reasons'))).to.equal('Enter the days the offer is valid, from 1 to 180.');
    expect(text($(el, '#users-0-reasons'))).to.equal('Enter the estimated users, a whole number from 1 to 1,000,000.');
    await focusOn(el, '[aria-invalid="true"]');
    await expect(el).to.be.accessible();
    await fill(el, '#valid-days', '30');
    await fill(el, '#users-0', '0');
    await click(el, '[part="submit-button"]');
    expect($$(el, '#users-0-reasons')).to.have.length(1);
    await focusOn(el, '#users-0');
  });

  it('lets SEPPmail staff with ALL give a discount with its reason, and prices it', async () => {
    const { el } = await openFor('sepp-admin');
    await removeAll(el);
    const name = uniqueDomain('discount');
    await addPlanned(el, name, 'parallel', ['SC-SIGENC']);
    await fill(el, '#users-0', '120');
    await fill(el, '#discount-0', '15');
    await click(el, '[part="submit-button"]');
    expect(text($(el, '#discount-0-reasons'))).to.equal('Give the discount’s reason, such as nfr or test.');
    await fill(el, '#discount-0', '15.555');
    await fill(el, '#discount-reason-0', 'volume');
    await click(el, '[part="submit-button"]');
    expect(text($(el, '#discount-0-reasons'))).to.equal('Enter the discount as a percentage from 0 to 100 with at most two decimals.');
    await fill(el, '#discount-0', '15');
    // 1056.00 less 15 %: 153.00 + 183.60 + 459.00 + 102.00
    expect(nbsp(total(el))).to.equal('CHF 897.60');
    await expect(el).to.be.accessible();
    const created = oneEvent(el, 'offer-created');
    await click(el, '[part="submit-button"]');
    const { detail } = (await created) as OfferCreatedEvent;
    expect(detail.offer.total).to.equal('897.60');
    expect(detail.offer.lines.every((l) => l.discountPercent === 15 && l.discountReason === 'volume')).to.equal(true);
  });

  it('closes on Escape with the focus back on the trigger, and tells other roles that it is not theirs', async () => {
    const { el, trigger } = await openFor('alpine-sales');
    const closed = oneEvent(el, 'offer-dialog-close');
    await sendKeys({ press: 'Escape' });
    expect(((await closed) as CustomEvent).detail).to.deep.equal({ completed: false });
    expect(deepActiveElement()).to.equal(trigger);

    for (const user of ['alpine-support', 'tenant-admin'] as const) {
      const denied = (await openFor(user, user === 'tenant-admin' ? 'T-10001' : TENANT)).el;
      expect(text($(denied, '[part="notice"]'))).to.equal('Your role does not allow creating offers.');
      expect($$(denied, '[part="submit-button"]')).to.have.length(0);
      expect(text($(denied, '[part="cancel-button"]'))).to.equal('Close');
      await expect(denied).to.be.accessible();
    }
  });

  it('speaks German, and writes German offers by default then', async () => {
    await setLocale('de');
    try {
      const { el } = await openFor('alpine-sales');
      expect(text($(el, '#title'))).to.match(/^Offerte für .+ erstellen$/);
      expect(($(el, '#language') as HTMLSelectElement).value).to.equal('de');
      expect(text($(el, '[part="total"]'))).to.match(/^Total pro Monat: CHF 0\.00$/);
      expect(text($(el, '[part="submit-button"]'))).to.equal('Offerte erstellen');
      expect(text($(el, 'label[for="users-0"]'))).to.equal('Geschätzte Benutzer');
      await expect(el).to.be.accessible();
    } finally {
      await setLocale('en');
    }
  });
});
