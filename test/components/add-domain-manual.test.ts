import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/add-domain-manual/add-domain-manual.js';
import type { AddDomainManual } from '../../components/add-domain-manual/add-domain-manual.component.js';
import type { DomainAddedEvent } from '../../components/events.js';
import { $, $$, apiAs, click, deepActiveElement, fill, focusOn, getTokenFor, openFromTrigger, text, uniqueDomain, until, type DemoUserId } from './helpers.js';

async function openManual(user: DemoUserId, tenantId = 'T-10002') {
  return openFromTrigger<AddDomainManual>(html`<add-domain-manual .getToken=${await getTokenFor(user)} tenant-id=${tenantId}></add-domain-manual>`, '#name');
}

describe('add-domain-manual', () => {
  it('asks for a name and a mode, and books SC-SERVICE alone', async () => {
    const { el, trigger } = await openManual('alpine-sales');
    expect(text($(el, '#title'))).to.equal('Add domain manually');
    expect(text($(el, '[part="intro"]'))).to.contain('books the base service SC-SERVICE alone');
    await focusOn(el, '#name');
    await expect(el).to.be.accessible();

    await click(el, '[part="submit-button"]');
    expect(text($(el, '#name-reasons'))).to.equal('Enter the domain name, such as example.ch.');
    expect(text($(el, '#mode-reasons'))).to.equal('Choose how mail reaches seppmail.cloud.');
    await focusOn(el, '#name');
    await expect(el).to.be.accessible();

    const stem = `zürich-${Date.now().toString(36)}`;
    await fill(el, '#name', `${stem}.ch`);
    const ascii = new URL(`http://${stem}.ch`).hostname;
    expect(text($(el, '[part="punycode"]'))).to.equal(`Managed as ${ascii}`);
    await click(el, '#mode-inline-inbound-only');
    expect($$(el, '#mode-reasons')).to.have.length(0);

    const added = oneEvent(el, 'domain-added');
    await click(el, '[part="submit-button"]');
    const { detail } = (await added) as DomainAddedEvent;
    expect(detail.tenantId).to.equal('T-10002');
    expect(detail.domain).to.deep.include({ name: ascii, mode: 'inline-inbound-only', ginaHost: null });
    expect(detail.domain.services.map((s) => [s.number, s.code, s.status])).to.deep.equal([[1, 'SC-SERVICE', 'ordered']]);
    await until(() => !el.open, 'closed');
    expect(deepActiveElement()).to.equal(trigger);
    const stored = (await (await apiAs('alpine-sales')).domains('T-10002')).find((d) => d.name === ascii);
    expect(stored?.services.map((s) => s.code)).to.deep.equal(['SC-SERVICE']);
  });

  it('shows the server’s refusal at the name: a domain managed on the platform already', async () => {
    const taken = (await (await apiAs('rhein-sales')).domains('T-10041'))[0]!.name;
    const { el } = await openManual('alpine-sales');
    await fill(el, '#name', taken.toUpperCase());
    await click(el, '#mode-inline');
    await click(el, '[part="submit-button"]');
    await until(() => $$(el, '#name-reasons').length > 0, 'the reason');
    expect(text($(el, '#name-reasons'))).to.equal('This domain is already managed on seppmail.cloud.');
    expect($(el, '#name').getAttribute('aria-invalid')).to.equal('true');
    await focusOn(el, '#name');
    expect(el.open).to.equal(true);
    await expect(el).to.be.accessible();
    await fill(el, '#name', uniqueDomain('other'));
    expect($$(el, '#name-reasons')).to.have.length(0);
  });

  it('closes on Escape without adding, focus back on the trigger', async () => {
    const { el, trigger } = await openManual('alpine-sales');
    await focusOn(el, '#name');
    await sendKeys({ type: uniqueDomain('escape') });
    const closed = oneEvent(el, 'add-domain-manual-close');
    await sendKeys({ press: 'Escape' });
    expect(((await closed) as CustomEvent).detail).to.deep.equal({ completed: false });
    expect(deepActiveElement()).to.equal(trigger);
  });

  it('adds by keyboard: type, Tab to the modes, arrows, Enter', async () => {
    const { el } = await openManual('alpine-sales');
    await focusOn(el, '#name');
    const name = uniqueDomain('keyboard');
    await sendKeys({ type: name });
    await sendKeys({ press: 'Tab' });
    await focusOn(el, '#mode-inline');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await until(() => $<HTMLInputElement>(el, '#mode-parallel').checked, 'parallel');
    const added = oneEvent(el, 'domain-added');
    await sendKeys({ press: 'Enter' });
    expect(((await added) as DomainAddedEvent).detail.domain).to.deep.include({ name, mode: 'parallel' });
  });

  it('tells callers who may not order that adding domains is not theirs', async () => {
    const { el } = await openManual('alpine-tech');
    expect(text($(el, '[part="notice"]'))).to.equal('Your role does not allow adding domains.');
    expect($$(el, '[part="submit-button"], #name')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
