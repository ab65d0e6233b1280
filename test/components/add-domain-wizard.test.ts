import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import '../../components/add-domain-wizard/add-domain-wizard.js';
import type { AddDomainWizard } from '../../components/add-domain-wizard/add-domain-wizard.component.js';
import { renderPricePreview } from '../../components/add-domain-wizard/price-preview.js';
import type { DomainAddedEvent } from '../../components/events.js';
import type { Me } from '../../domain/api.js';
import { $, $$, apiAs, click, deepActiveElement, fill, focusOn, getTokenFor, openFromTrigger, text, uniqueDomain, until, type DemoUserId } from './helpers.js';

async function openWizard(user: DemoUserId, tenantId: string): Promise<{ el: AddDomainWizard; trigger: HTMLButtonElement }> {
  return openFromTrigger(html`<add-domain-wizard .getToken=${await getTokenFor(user)} tenant-id=${tenantId}></add-domain-wizard>`, '#name');
}

const heading = (el: AddDomainWizard) => text($(el, '#step-heading'));
const currentStep = (el: AddDomainWizard) => text($(el, '[aria-current="step"]'));
const steps = (el: AddDomainWizard) => $$(el, '[part~="step"]').map(text);
const next = (el: AddDomainWizard) => click(el, '[part="next-button"]');
const back = (el: AddDomainWizard) => click(el, '[part="back-button"]');
const checkbox = (el: AddDomainWizard, code: string) => $<HTMLInputElement>(el, `#service-${code}`);
const note = (el: AddDomainWizard, code: string) => text(shadowById(el, `service-${code}-note`));
function shadowById(el: HTMLElement, id: string): Element | null {
  return el.shadowRoot!.getElementById(id);
}

/** Through the first two steps with a fresh name and the mode. */
async function toServices(el: AddDomainWizard, mode: 'inline' | 'inline-inbound-only' | 'parallel', name = uniqueDomain('wizard')): Promise<string> {
  await fill(el, '#name', name);
  await next(el);
  await click(el, `#mode-${mode}`);
  await next(el);
  await until(() => $$(el, '#service-SC-SERVICE').length > 0, 'the services step');
  return name;
}

describe('add-domain-wizard', () => {
  it('guards the name step: required, freemail, onmicrosoft; shows the punycode form of an IDN', async () => {
    const { el } = await openWizard('alpine-sales', 'T-10002');
    expect(text($(el, '#title'))).to.equal('Add new domain');
    expect(steps(el)).to.deep.equal(['Domain name', 'Mode', 'Services', 'Summary']);
    expect(currentStep(el)).to.equal('Domain name');
    expect(heading(el)).to.equal('Step 1 of 4: Domain name');
    await focusOn(el, '#name');
    await expect(el).to.be.accessible();

    await next(el);
    expect(heading(el)).to.equal('Step 1 of 4: Domain name');
    expect($(el, '#name').getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#name-check'))).to.equal('Enter the domain name, such as example.ch.');
    await focusOn(el, '#name');

    await fill(el, '#name', 'gmx.ch');
    expect(text($(el, '#name-check'))).to.contain('freemail provider');
    await fill(el, '#name', 'contoso.onmicrosoft.com');
    expect(text($(el, '#name-check'))).to.contain('belong to Microsoft');
    await fill(el, '#name', 'no_underscores.ch');
    expect(text($(el, '#name-check'))).to.contain('Enter a valid domain name');
    await next(el);
    expect(heading(el)).to.equal('Step 1 of 4: Domain name');
    await expect(el).to.be.accessible();

    const stem = `bücher-${Date.now().toString(36)}`;
    await fill(el, '#name', `${stem}.ch`);
    const ascii = new URL(`http://${stem}.ch`).hostname;
    expect(ascii.startsWith('xn--')).to.equal(true);
    expect(text($(el, '[part="punycode"]'))).to.equal(`Managed as ${ascii}`);
    expect($(el, '#name').getAttribute('aria-invalid')).to.equal('false');
    await fill(el, '#name', 'plain-ascii.ch');
    expect($$(el, '[part="punycode"]')).to.have.length(0);
    expect($$(el, '[part="name-ok"]')).to.have.length(1);
  });

  it('guards the mode step, explains each mode and checks the Microsoft 365 tenant ID; Back and Next keep the data', async () => {
    const { el } = await openWizard('alpine-sales', 'T-10002');
    const name = uniqueDomain('modes');
    await fill(el, '#name', name);
    await next(el);
    expect(heading(el)).to.equal('Step 2 of 4: Mode');
    expect(currentStep(el)).to.equal('Mode');
    await focusOn(el, '#step-heading');
    const choices = $$(el, '[part="modes"] [part="choice"]');
    expect(choices.map((c) => text(c.querySelector('label')))).to.deep.equal(['Inline', 'Inline (inbound only)', 'Parallel (Microsoft 365)']);
    for (const mode of ['inline', 'inline-inbound-only', 'parallel']) {
      const radio = $(el, `#mode-${mode}`);
      expect(text(shadowById(el, radio.getAttribute('aria-describedby')!.split(' ')[0]!))).to.match(/MX record/);
    }
    await expect(el).to.be.accessible();

    await next(el);
    expect(heading(el)).to.equal('Step 2 of 4: Mode');
    expect(text($(el, '#mode-reasons'))).to.equal('Choose how mail reaches seppmail.cloud.');
    await focusOn(el, '#mode-inline');

    await click(el, '#mode-parallel');
    await fill(el, '#ms365', 'not-a-guid');
    await next(el);
    expect(heading(el)).to.equal('Step 2 of 4: Mode');
    expect($(el, '#ms365').getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#ms365-reasons'))).to.contain('must be a GUID');
    await focusOn(el, '#ms365');
    await expect(el).to.be.accessible();

    const guid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
    await fill(el, '#ms365', guid);
    await back(el);
    expect(heading(el)).to.equal('Step 1 of 4: Domain name');
    expect($<HTMLInputElement>(el, '#name').value).to.equal(name);
    await focusOn(el, '#step-heading');
    await next(el);
    expect($<HTMLInputElement>(el, '#mode-parallel').checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#ms365').value).to.equal(guid);
    await next(el);
    expect(heading(el)).to.equal('Step 3 of 4: Services');
    await back(el);
    await back(el);
    await next(el);
    await next(el);
    expect(el.data).to.deep.include({ name, mode: 'parallel', ms365TenantId: guid });
  });

  it('adds what a chosen service requires and disables what cannot be chosen, with the reason', async () => {
    const { el } = await openWizard('alpine-sales', 'T-10002');
    await toServices(el, 'inline');
    expect(heading(el)).to.equal('Step 3 of 4: Services');
    expect(checkbox(el, 'SC-SERVICE').checked && checkbox(el, 'SC-SERVICE').disabled).to.equal(true);
    expect(note(el, 'SC-SERVICE')).to.equal('The base service: booked with every domain.');
    expect(checkbox(el, 'SC-F-INBOUND').checked && checkbox(el, 'SC-F-INBOUND').disabled).to.equal(true);
    expect(note(el, 'SC-F-INBOUND')).to.equal('Every domain in mode Inline has it.');
    expect(checkbox(el, 'SC-MS365').disabled).to.equal(true);
    expect(checkbox(el, 'SC-MS365').getAttribute('aria-describedby')).to.equal('service-SC-MS365-note');
    expect(note(el, 'SC-MS365')).to.equal('Cannot be chosen:SC-MS365 cannot be booked in this mode.');
    expect(checkbox(el, 'SC-CERT').disabled).to.equal(true);
    expect(note(el, 'SC-CERT')).to.contain('SC-CERT is booked only together with SC-SIGONLY or SC-SIGENC.');
    expect(checkbox(el, 'SC-SIGENC').disabled).to.equal(false);
    expect(checkbox(el, 'SC-SIGONLY').disabled).to.equal(false);
    await expect(el).to.be.accessible();

    await click(el, '#service-SC-SIGENC');
    expect(checkbox(el, 'SC-SIGENC').checked).to.equal(true);
    for (const code of ['SC-CERT', 'SC-F-OUTBOUND']) {
      expect(checkbox(el, code).checked, code).to.equal(true);
      expect(checkbox(el, code).disabled, code).to.equal(true);
      expect(note(el, code)).to.equal('Added: required by SC-SIGENC.');
    }
    expect(text($(el, '[part="announcement"]'))).to.equal('Also added, as SC-SIGENC requires them: SC-F-OUTBOUND and SC-CERT.');
    expect(checkbox(el, 'SC-SIGONLY').disabled).to.equal(true);
    expect(note(el, 'SC-SIGONLY')).to.contain('SC-SIGONLY and SC-SIGENC exclude each other on one domain.');
    expect(steps(el)).to.deep.equal(['Domain name', 'Mode', 'Services', 'GINA host', 'Summary']);
    await expect(el).to.be.accessible();

    // Unticking takes back what it added.
    await click(el, '#service-SC-SIGENC');
    expect(checkbox(el, 'SC-CERT').checked).to.equal(false);
    expect(checkbox(el, 'SC-F-OUTBOUND').checked).to.equal(false);
    expect(checkbox(el, 'SC-SIGONLY').disabled).to.equal(false);
    expect(steps(el)).to.not.include('GINA host');
  });

  it('drops a chosen service that a new mode forbids, and says so', async () => {
    const { el } = await openWizard('alpine-sales', 'T-10002');
    await toServices(el, 'inline');
    await click(el, '#service-SC-F-OUTBOUND');
    await back(el);
    await click(el, '#mode-parallel');
    expect(text($(el, '[part="announcement"]'))).to.equal('Not available in this mode, so no longer chosen: SC-F-OUTBOUND.');
    await next(el);
    expect(checkbox(el, 'SC-F-OUTBOUND').checked).to.equal(false);
    expect(note(el, 'SC-F-OUTBOUND')).to.contain('SC-F-OUTBOUND cannot be booked in this mode.');
    expect(note(el, 'SC-F-INBOUND')).to.contain('SC-F-INBOUND cannot be booked in this mode.');
    expect(checkbox(el, 'SC-MS365').checked && checkbox(el, 'SC-MS365').disabled).to.equal(true);
    expect(note(el, 'SC-MS365')).to.equal('Every domain in mode Parallel (Microsoft 365) has it.');
  });

  it('offers HIN to Swiss tenants only, and explains it to the others', async () => {
    const swiss = (await openWizard('alpine-sales', 'T-10002')).el;
    await toServices(swiss, 'inline');
    expect(checkbox(swiss, 'SC-HIN').disabled).to.equal(false);
    await click(swiss, '#service-SC-HIN');
    expect(['SC-SIGENC', 'SC-CERT', 'SC-F-OUTBOUND'].every((c) => checkbox(swiss, c).checked)).to.equal(true);
    expect(note(swiss, 'SC-SIGENC')).to.equal('Added: required by SC-HIN.');

    const german = (await openWizard('rhein-sales', 'T-10035')).el;
    await toServices(german, 'inline', uniqueDomain('hin', 'de'));
    expect(checkbox(german, 'SC-HIN').disabled).to.equal(true);
    expect(note(german, 'SC-HIN')).to.contain('SC-HIN is available only to tenants in Switzerland.');
    await expect(german).to.be.accessible();
  });

  it('asks for a GINA host with sign+encrypt: securemail.<domain> by default, the tenant’s hosts to share, or another valid name', async () => {
    const api = await apiAs('alpine-sales');
    const hosts = [...new Set((await api.domains('T-10001')).map((d) => d.ginaHost).filter((h): h is string => h !== null))];
    expect(hosts.length).to.be.greaterThan(0);
    const { el } = await openWizard('alpine-sales', 'T-10001');
    const name = await toServices(el, 'inline');
    await click(el, '#service-SC-SIGENC');
    await next(el);
    expect(heading(el)).to.equal('Step 4 of 5: GINA host');
    expect(currentStep(el)).to.equal('GINA host');
    const radios = $$<HTMLInputElement>(el, '[part="gina-hosts"] input[type="radio"]');
    expect(radios[0]!.checked).to.equal(true);
    expect(text(radios[0]!.nextElementSibling)).to.equal(`securemail.${name}`);
    expect(radios.slice(1, -1).map((r) => text(r.nextElementSibling))).to.deep.equal(hosts);
    await expect(el).to.be.accessible();

    await click(el, '#gina-custom');
    await fill(el, '#gina-custom-host', 'gina.seppmail.cloud');
    await next(el);
    expect(heading(el)).to.equal('Step 4 of 5: GINA host');
    expect(text($(el, '#gina-reasons'))).to.contain('Enter a host name with at least three labels');
    await focusOn(el, '#gina-custom-host');
    await expect(el).to.be.accessible();

    await click(el, '#gina-existing-0');
    await next(el);
    expect(heading(el)).to.equal('Step 5 of 5: Summary');
    const summary = Object.fromEntries($$(el, '[part="summary"] dt').map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect(summary['GINA host']).to.equal(hosts[0]);
    await back(el);
    expect($<HTMLInputElement>(el, '#gina-existing-0').checked).to.equal(true);
  });

  it('orders from the summary with prices for Sales, fires domain-added, closes and gives the focus back', async () => {
    const { el, trigger } = await openWizard('alpine-sales', 'T-10002');
    const name = await toServices(el, 'inline');
    await click(el, '#service-SC-SIGENC');
    await next(el);
    await next(el);
    expect(heading(el)).to.equal('Step 5 of 5: Summary');
    const summary = Object.fromEntries($$(el, '[part="summary"] dt').map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect(summary['Domain name']).to.equal(name);
    expect(summary.Mode).to.equal('Inline');
    expect(summary['Microsoft 365 tenant ID']).to.equal('none');
    expect(summary['GINA host']).to.equal(`securemail.${name}`);
    expect($$(el, '[part="summary"] li .code').map(text)).to.deep.equal(['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT']);

    expect(text($(el, '#price-heading'))).to.equal('Price preview: estimates per user and month');
    const prices = $$(el, '[part="price-table"] tbody tr').map((row) => [...row.children].map(text));
    const catalog = await (await apiAs('alpine-sales')).catalog();
    const chf = (code: string) =>
      new Intl.NumberFormat('en-CH', { style: 'currency', currency: 'CHF' }).format(catalog.services.find((s) => s.code === code)!.prices!.CHF! / 100).replace(/\s/g, ' ');
    expect(prices.map(([label, price]) => [label!.split(' ').at(-1), price])).to.deep.equal(
      ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'].map((code) => [code, chf(code)]),
    );
    expect(text($(el, '[part="price-table"] thead'))).to.contain('Per user and month (CHF)');
    expect(text($(el, '[part="price-note"]'))).to.contain('billed per user');
    await expect(el).to.be.accessible();

    const added = oneEvent(el, 'domain-added');
    const closed = oneEvent(el, 'add-domain-wizard-close');
    await click(el, '[part="submit-button"]');
    const { detail } = (await added) as DomainAddedEvent;
    expect(detail.tenantId).to.equal('T-10002');
    expect(detail.domain.name).to.equal(name);
    expect(detail.domain.ginaHost).to.equal(`securemail.${name}`);
    expect(detail.domain.services.map((s) => [s.code, s.status])).to.deep.equal(
      ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'].map((c) => [c, 'ordered']),
    );
    expect((await closed).detail).to.deep.equal({ completed: true });
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
    expect(deepActiveElement()).to.equal(trigger);

    // Opening again starts afresh.
    trigger.click();
    await until(() => $$(el, '#name').length > 0, 'the first step');
    expect($<HTMLInputElement>(el, '#name').value).to.equal('');
  });

  it('brings a refused order back to the name step with the server’s reason', async () => {
    const taken = (await (await apiAs('rhein-sales')).domains('T-10041'))[0]!.name;
    const { el } = await openWizard('alpine-sales', 'T-10002');
    await toServices(el, 'inline', taken);
    await next(el);
    await click(el, '[part="submit-button"]');
    await until(() => heading(el) === 'Step 1 of 4: Domain name', 'the name step');
    expect(currentStep(el)).to.equal('Domain name');
    expect($(el, '#name').getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#name-reasons'))).to.equal('This domain is already managed on seppmail.cloud.');
    await focusOn(el, '#name');
    await expect(el).to.be.accessible();
    await next(el);
    expect(heading(el), 'Next stays while the name is taken').to.equal('Step 1 of 4: Domain name');
    await fill(el, '#name', uniqueDomain('free'));
    expect($$(el, '#name-reasons')).to.have.length(0);
    await next(el);
    expect(heading(el)).to.equal('Step 2 of 4: Mode');
  });

  it('shows, where a refusal lands, the reasons that other steps concern too', async () => {
    const { el } = await openWizard('alpine-sales', 'T-10002');
    // Past the browser's guards, as an outdated page might send it: the server's rules refuse it.
    el.data = { name: 'gmail.com', mode: 'inline', ms365TenantId: '', chosen: ['SC-SIGENC'], gina: { kind: 'custom', host: 'gina.seppmail.cloud' } };
    el.step = 'summary';
    await el.updateComplete;
    await click(el, '[part="submit-button"]');
    await until(() => heading(el) === 'Step 1 of 5: Domain name', 'the name step');
    expect(text($(el, '#name-reasons'))).to.contain('freemail provider');
    expect(text($(el, '[part="notice"]'))).to.contain('The order was refused. Also to correct:');
    expect($$(el, '[part="elsewhere"] li').map(text)).to.deep.equal([
      'GINA host: Enter a host name with at least three labels, such as securemail.example.ch: letters, digits and hyphens, each label in one script; not the domain itself, no wildcard, no IP address, not under seppmail.cloud, onmicrosoft.com or a reserved name such as .test or example.com.',
    ]);
    await focusOn(el, '#name');
    await expect(el).to.be.accessible();
  });

  it('works by keyboard alone, and Escape cancels with the focus back on the trigger', async () => {
    const { el, trigger } = await openWizard('alpine-sales', 'T-10002');
    await focusOn(el, '#name');
    const name = uniqueDomain('keys');
    await sendKeys({ type: name });
    await sendKeys({ press: 'Enter' });
    await until(() => heading(el) === 'Step 2 of 4: Mode', 'the mode step');
    await focusOn(el, '#step-heading');
    await sendKeys({ press: 'Tab' });
    await focusOn(el, '#mode-inline');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => $<HTMLInputElement>(el, '#mode-inline-inbound-only').checked, 'inbound only chosen');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => $<HTMLInputElement>(el, '#mode-parallel').checked, 'parallel chosen');
    await sendKeys({ press: 'Enter' });
    await until(() => heading(el) === 'Step 3 of 4: Services', 'the services step');
    await sendKeys({ press: 'Tab' });
    await focusOn(el, '#service-SC-SIGONLY');
    await sendKeys({ press: 'Space' });
    await until(() => checkbox(el, 'SC-CERT').checked, 'SC-CERT added');
    expect(el.data.chosen).to.deep.equal(['SC-SIGONLY']);
    await sendKeys({ press: 'Enter' });
    await until(() => heading(el) === 'Step 4 of 4: Summary', 'the summary');
    expect(el.data).to.deep.include({ name, mode: 'parallel' });

    const closed = oneEvent(el, 'add-domain-wizard-close');
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail).to.deep.equal({ completed: false });
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
    expect(el.open).to.equal(false);
    expect(deepActiveElement()).to.equal(trigger);
  });

  it('tells a caller who may not order that adding domains is not theirs', async () => {
    for (const user of ['alpine-support', 'alpine-tech', 'tenant-admin'] as const) {
      const { el } = await openWizard(user, user === 'tenant-admin' ? 'T-10001' : 'T-10002');
      expect(text($(el, '[part="notice"]'))).to.equal('Your role does not allow adding domains.');
      expect($$(el, '[part="next-button"], [part="steps"], #name')).to.have.length(0);
      expect(text($(el, '[part="cancel-button"]'))).to.equal('Close');
      await expect(el).to.be.accessible();
    }
  });
});

describe('the price preview', () => {
  const catalog = [{ code: 'SC-SERVICE' as const, name: 'x', billedUsers: 'y', prices: { CHF: 150, EUR: 140 } }];
  const me = (roles: Me['roles'], level: Me['level'] = 'partner'): Me => ({ sub: 'u', name: 'U', level, org: 'P-1001', orgName: 'Alpine', roles });

  it('is there for Sales and ALL, in the tenant’s currency', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    render(renderPricePreview(['SC-SERVICE'], catalog, 'EUR', me(['Sales'])), host);
    expect(text(host.querySelector('tbody td'))).to.equal('€1.40');
    expect(text(host.querySelector('thead'))).to.contain('(EUR)');
    render(renderPricePreview(['SC-SERVICE'], catalog, 'CHF', me(['ALL'])), host);
    expect(text(host.querySelector('tbody td'))).to.equal('CHF 1.50');
    await expect(host).to.be.accessible();
  });

  it('is absent from the markup for everyone else, even when the catalogue has prices', async () => {
    for (const who of [me(['Support']), me(['Tech', 'Audit']), me(['ALL'], 'tenant')]) {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      render(renderPricePreview(['SC-SERVICE'], catalog, 'CHF', who), host);
      expect(host.querySelector('[part="price-preview"]'), who.roles.join()).to.equal(null);
      expect(host.textContent).not.to.match(/CHF|price/i);
    }
  });
});
