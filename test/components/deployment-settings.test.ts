import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/deployment-settings/deployment-settings.js';
import type { DeploymentSettings } from '../../components/deployment-settings/deployment-settings.component.js';
import type { DeploymentSettingsSavedEvent, DialogCloseEvent } from '../../components/events.js';
import type { ManagedDomain } from '../../domain/api.js';
import { toAsciiHostName } from '../../domain/rules.js';
import { $, $$, apiAs, click, confirmAndWait, deepActiveElement, fill, focusOn, getTokenFor, openFromTrigger, text, uniqueDomain, until, type DemoUserId } from './helpers.js';

// An Alpine tenant without domains that no other component test uses: confirming is per tenant.
const TENANT = 'T-10018';

let domain: ManagedDomain;

async function openFor(user: DemoUserId, target: ManagedDomain = domain) {
  return openFromTrigger<DeploymentSettings>(
    html`<deployment-settings .getToken=${await getTokenFor(user)} domain-id=${target.id} domain-name=${target.name}></deployment-settings>`,
    '#gina-host',
  );
}

async function currentHost(): Promise<string | null> {
  return (await (await apiAs('alpine-tech')).deploymentSettings(domain.id)).data.ginaHost;
}

const field = (el: DeploymentSettings) => $<HTMLInputElement>(el, '#gina-host');

describe('deployment-settings', () => {
  before(async () => {
    const api = await apiAs('alpine-sales');
    const name = uniqueDomain('settings');
    domain = await api.addDomain(TENANT, { name, mode: 'inline', services: ['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'], ginaHost: `securemail.${name}` }, crypto.randomUUID());
    const job = await confirmAndWait(api, TENANT);
    expect(job.status === 'succeeded' && job.result.domains.find((d) => d.domainId === domain.id)?.passed, 'the sign+encrypt domain confirmed').to.equal(true);
  });

  it('loads the GINA host, checks a name as it is typed and shows its punycode form', async () => {
    const { el } = await openFor('alpine-tech');
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(text(el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!))).to.equal(`Deployment settings of ${domain.name}`);
    expect(text(el.shadowRoot!.getElementById(dialog.getAttribute('aria-describedby')!))).to.contain('Recipients open encrypted mail on the GINA host');
    expect(field(el).value).to.equal(await currentHost());
    expect(text($(el, 'label[for="gina-host"]'))).to.equal('GINA host name');
    expect(text($(el, '[part="host-ok"]'))).to.equal('The name follows the rules; saving checks that no other tenant uses it.');
    await focusOn(el, '#gina-host');
    await expect(el).to.be.accessible();

    await fill(el, '#gina-host', 'securemail');
    expect(text($(el, '#gina-reasons'))).to.contain('Enter a host name with at least three labels');
    expect(field(el).getAttribute('aria-invalid'), 'marked only once saving was tried').to.equal('false');
    await fill(el, '#gina-host', domain.name);
    expect(text($(el, '#gina-reasons')), 'the domain itself').to.contain('not the domain itself');

    const idn = `webmail.bäckerei-${domain.name}`;
    await fill(el, '#gina-host', idn);
    expect(text($(el, '[part="punycode"]'))).to.equal(`Saved as ${toAsciiHostName(idn)}`);
    expect($$(el, '#gina-reasons')).to.have.length(0);
    expect(field(el).getAttribute('aria-describedby')).to.equal('host-check');
    expect($(el, '#host-check').getAttribute('aria-live')).to.equal('polite');

    await fill(el, '#gina-host', '');
    await click(el, '[part="submit-button"]');
    expect(text($(el, '#gina-reasons'))).to.equal('Enter the GINA host name, such as securemail.example.ch.');
    expect(field(el).getAttribute('aria-invalid')).to.equal('true');
    await focusOn(el, '#gina-host');
    await expect(el).to.be.accessible();
  });

  it('saves with the keyboard (Enter), fires deployment-settings-saved and gives the focus back', async () => {
    const { el, trigger } = await openFor('alpine-tech');
    await focusOn(el, '#gina-host');
    const wanted = `webmail.${domain.name}`;
    field(el).select();
    await sendKeys({ type: wanted });
    expect(field(el).value).to.equal(wanted);
    const saved = oneEvent(el, 'deployment-settings-saved') as Promise<DeploymentSettingsSavedEvent>;
    const closed = oneEvent(el, 'deployment-settings-close') as Promise<DialogCloseEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await saved).detail).to.deep.equal({ domainId: domain.id, ginaHost: wanted });
    expect((await closed).detail).to.deep.equal({ completed: true });
    await until(() => deepActiveElement() === trigger, 'the focus back on the trigger');
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
    expect(await currentHost()).to.equal(wanted);
  });

  it('Escape cancels without saving and gives the focus back', async () => {
    const before = await currentHost();
    const { el, trigger } = await openFor('alpine-tech');
    await focusOn(el, '#gina-host');
    await sendKeys({ type: 'x' });
    const closed = oneEvent(el, 'deployment-settings-close') as Promise<DialogCloseEvent>;
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail).to.deep.equal({ completed: false });
    await until(() => deepActiveElement() === trigger, 'the focus back on the trigger');
    expect(await currentHost()).to.equal(before);
  });

  it('says when someone changed the settings meanwhile (412), shows the current host and saves on the next try', async () => {
    const { el } = await openFor('alpine-sales');
    const api = await apiAs('alpine-tech');
    const meanwhile = `changed.${domain.name}`;
    const { etag } = await api.deploymentSettings(domain.id);
    await api.saveDeploymentSettings(domain.id, { ginaHost: meanwhile }, etag);

    const mine = `mine.${domain.name}`;
    await fill(el, '#gina-host', mine);
    await click(el, '[part="submit-button"]');
    await until(() => $$(el, '[part="notice"]').length > 0, 'the conflict notice');
    expect(text($(el, '[part="notice"]'))).to.equal('Someone changed these settings meanwhile. The field now shows the current GINA host: check it, make your change again and save.');
    await until(() => field(el).value === meanwhile, 'the current host in the field');
    await focusOn(el, '#gina-host');
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(true);
    await expect(el).to.be.accessible();

    await fill(el, '#gina-host', mine);
    const saved = oneEvent(el, 'deployment-settings-saved') as Promise<DeploymentSettingsSavedEvent>;
    await click(el, '[part="submit-button"]');
    expect((await saved).detail.ginaHost).to.equal(mine);
    expect(await currentHost()).to.equal(mine);
  });

  it('shows the BFF’s refusal at the field: another tenant’s GINA host (409)', async () => {
    const foreign = (await (await apiAs('alpine-sales')).domains('T-10001')).find((d) => d.ginaHost)!.ginaHost!;
    const { el } = await openFor('alpine-tech');
    await fill(el, '#gina-host', foreign);
    await click(el, '[part="submit-button"]');
    await until(() => $$(el, '#gina-reasons').length > 0, 'the refusal');
    expect(text($(el, '#gina-reasons'))).to.equal('Another tenant uses this GINA host; choose another host name.');
    expect(field(el).getAttribute('aria-invalid')).to.equal('true');
    await focusOn(el, '#gina-host');
    await expect(el).to.be.accessible();
    await fill(el, '#gina-host', `other.${domain.name}`);
    expect($$(el, '#gina-reasons'), 'the refusal goes with the change').to.have.length(0);
  });

  it('says why a domain without confirmed sign+encrypt has no deployment settings, and offers only Close', async () => {
    const api = await apiAs('alpine-sales');
    const ordered = await api.addDomain(TENANT, { name: uniqueDomain('no-settings'), mode: 'inline' }, crypto.randomUUID());
    const { el } = await openFor('alpine-tech', ordered);
    await until(() => $$(el, '[part="notice"]').length > 0, 'the reason');
    expect(text($(el, '[part="notice"]'))).to.equal('Deployment settings are available only while the domain’s SC-SIGENC is confirmed or provisioning.');
    expect($$(el, '#gina-host, [part="submit-button"]')).to.have.length(0);
    expect(text($(el, '[part="cancel-button"]'))).to.equal('Close');
    await expect(el).to.be.accessible();
  });

  it('tells a role without the right so, before anything else', async () => {
    const { el } = await openFor('alpine-support');
    expect(text($(el, '[part="notice"]'))).to.equal('Your role does not allow changing deployment settings.');
    expect($$(el, '#gina-host, [part="submit-button"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
