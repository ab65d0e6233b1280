import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/booked-services/booked-services.js';
import type { BookedServices } from '../../components/booked-services/booked-services.component.js';
import type { ManagedDomain } from '../../domain/api.js';
import { gateHost } from '../../domain/dns-records.js';
import { $, $$, apiAs, confirmAndWait, deepActiveElement, getTokenFor, loaded, publishDns, shadow, text, uniqueDomain, until, type DemoUserId } from './helpers.js';

// Alpine tenants without domains that no other component test uses: confirming and deploying
// work on a whole tenant, so each suite has its own.
const CONFIRM_TENANT = 'T-10006';
const DEPLOY_TENANT = 'T-10012';
const SETTINGS_TENANT = 'T-10022';

const SIGENC_INLINE = ['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'] as const;

async function servicesAs(user: DemoUserId, tenantId: string, getToken?: () => Promise<string>): Promise<BookedServices> {
  const el = await fixture<BookedServices>(html`<booked-services .getToken=${getToken ?? (await getTokenFor(user))} .tenantId=${tenantId}></booked-services>`);
  await until(() => $$(el, '[part="domain"], [part="empty"], [part="error"]').length > 0, 'the services');
  // Absence of a button means something only once the caller's roles are known.
  await (el as unknown as { meTask: { taskComplete: Promise<unknown> } }).meTask.taskComplete;
  await el.updateComplete;
  return el;
}

function section(el: BookedServices, name: string): HTMLElement {
  const found = $$(el, '[part="domain"]').find((s) => text(s.querySelector('h3')) === name);
  if (!found) throw new Error(`no section for ${name}`);
  return found;
}

/** The statuses in a domain's table of services. */
function statuses(el: BookedServices, name: string): string[] {
  return [...section(el, name).querySelectorAll('tbody tr')].map((row) => text(row.children[2]));
}

/** A domain's DNS guide, once its records are loaded. */
async function guideOf(el: BookedServices, name: string): Promise<HTMLElement> {
  await until(() => section(el, name).querySelector('dns-guide')?.shadowRoot?.querySelector('tbody tr, [part="none"]'), `the DNS guide of ${name}`);
  return section(el, name).querySelector('dns-guide')!;
}

/** The guide's rows as [type, name, value, published, purpose]. */
function records(guide: HTMLElement): string[][] {
  return [...shadow(guide).querySelectorAll('tbody tr')].map((row) => [...row.children].map(text));
}

const announcement = (el: BookedServices) => text($(el, '[part="announcements"]'));

describe('booked-services: confirm domains and services', () => {
  const consistent: ManagedDomain[] = [];
  const inconsistent: ManagedDomain[] = [];

  before(async () => {
    const api = await apiAs('alpine-sales');
    for (let i = 0; i < 3; i++) {
      consistent.push(await api.addDomain(CONFIRM_TENANT, { name: uniqueDomain('consistent'), mode: 'inline', services: ['SC-F-INBOUND'] }, crypto.randomUUID()));
    }
    // The manual add books SC-SERVICE alone: inline mode requires SC-F-INBOUND, so these stay ordered.
    for (let i = 0; i < 4; i++) {
      inconsistent.push(await api.addDomain(CONFIRM_TENANT, { name: uniqueDomain('inconsistent'), mode: 'inline' }, crypto.randomUUID()));
    }
  });

  it('offers Confirm to those who may order, Deploy to Tech only', async () => {
    const buttons = async (user: DemoUserId) => $$(await servicesAs(user, CONFIRM_TENANT), '[part="confirm-button"], [part="deploy-button"]').map(text);
    expect(await buttons('alpine-sales')).to.deep.equal(['Confirm domains and services']);
    expect(await buttons('alpine-tech')).to.deep.equal(['Deploy domains and services']);
    expect(await buttons('alpine-support')).to.deep.equal([]);
    expect(await buttons('alpine-audit')).to.deep.equal([]);
  });

  it('shows the progress with a labelled bar and a polite text, then each domain’s result, and refreshes', async () => {
    const el = await servicesAs('alpine-sales', CONFIRM_TENANT);
    const button = $<HTMLButtonElement>(el, '[part="confirm-button"]');
    button.focus();
    await sendKeys({ press: 'Enter' });

    const total = consistent.length + inconsistent.length;
    await until(() => $$(el, 'progress[max]').length > 0, 'the progress bar with its total');
    const bar = $<HTMLProgressElement>(el, '[part="progress"]');
    expect(bar.max).to.equal(total);
    expect(bar.labels[0] && text(bar.labels[0])).to.equal('Progress of the consistency check');
    const live = $(el, '[part="progress-text"]');
    expect(live.getAttribute('role')).to.equal('status');
    expect(text(live)).to.match(new RegExp(`^Checked [0-${total - 1}] of ${total} domains$`));
    expect(button.getAttribute('aria-disabled'), 'no second start while it runs').to.equal('true');
    expect(deepActiveElement(), 'the focus stays on the button').to.equal(button);
    await expect(el).to.be.accessible();

    await until(() => $$(el, '[part~="result"]').length === total, 'every domain’s result', 15_000);
    expect(text(live)).to.equal(`Checked ${total} of ${total} domains: 3 confirmed, 4 not confirmed.`);
    expect($$(el, '[part="progress"]'), 'no bar once done').to.have.length(0);
    expect($$(el, '[part="joined"]')).to.have.length(0);
    const results = Object.fromEntries($$(el, '[part~="result"]').map((li) => [text(li.querySelector('[part="result-domain"]')), li]));
    for (const domain of consistent) {
      const result = results[domain.name]!;
      expect(result.getAttribute('part')).to.equal('result result-passed');
      expect(text(result)).to.equal(`${domain.name} Confirmed Confirmed services: 1 – seppmail.cloud service license and 2 – seppmail.cloud filter inbound.`);
    }
    for (const domain of inconsistent) {
      const result = results[domain.name]!;
      expect(result.getAttribute('part')).to.equal('result result-failed');
      expect(text(result.querySelector('[part="verdict"]'))).to.equal('Not confirmed: stays Ordered');
      expect([...result.querySelectorAll('[part="reasons"] li')].map(text)).to.deep.equal(['This mode requires SC-F-INBOUND.']);
    }
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    await until(() => statuses(el, consistent[0]!.name).every((s) => s === 'Confirmed'), 'the services refreshed');
    expect(statuses(el, inconsistent[0]!.name)).to.deep.equal(['Ordered']);
    await expect(el).to.be.accessible();
  });

  it('says when the request joined a confirmation that was running already', async () => {
    const api = await apiAs('alpine-sales');
    const el = await servicesAs('alpine-sales', CONFIRM_TENANT);
    const { jobId } = await api.confirm(CONFIRM_TENANT, crypto.randomUUID());
    $<HTMLButtonElement>(el, '[part="confirm-button"]').click();
    await until(() => $$(el, '[part="joined"]').length > 0, 'the joined notice');
    expect(text($(el, '[part="joined"]'))).to.equal('A confirmation of this tenant was already running: your request joined it, and this shows its progress.');
    await until(() => $$(el, '[part~="result"]').length === inconsistent.length, 'the results of the joined job', 15_000);
    expect((await api.job(jobId)).status).to.equal('succeeded');
    expect(text($(el, '[part="progress-text"]'))).to.equal(`Checked 4 of 4 domains: 0 confirmed, 4 not confirmed.`);
  });

  it('stops asking for the progress when it leaves the page', async () => {
    const token = await getTokenFor('alpine-sales');
    let requests = 0;
    const el = await servicesAs('alpine-sales', CONFIRM_TENANT, async () => (requests++, token()));
    $<HTMLButtonElement>(el, '[part="confirm-button"]').click();
    await until(() => $$(el, '[part="progress"]').length > 0, 'the progress');
    el.remove();
    const after = requests;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(requests, 'no request after it left').to.equal(after);
    // Let the job finish, so that later tests start their own.
    await confirmAndWait(await apiAs('alpine-sales'), CONFIRM_TENANT);
  });
});

describe('booked-services: deploy and the DNS guide', () => {
  let domain: ManagedDomain;

  before(async () => {
    const api = await apiAs('alpine-sales');
    domain = await api.addDomain(DEPLOY_TENANT, { name: uniqueDomain('deploy'), mode: 'inline', services: ['SC-F-INBOUND'] }, crypto.randomUUID());
    await confirmAndWait(api, DEPLOY_TENANT);
  });

  it('deploys for Tech, announces what it deployed, and then that nothing was left to deploy', async () => {
    const el = await servicesAs('alpine-tech', DEPLOY_TENANT);
    expect(statuses(el, domain.name)).to.deep.equal(['Confirmed', 'Confirmed']);
    expect($$(el, '[part="confirm-button"]')).to.have.length(0);
    expect($(el, '[part="announcements"]').getAttribute('role')).to.equal('status');
    $<HTMLButtonElement>(el, '[part="deploy-button"]').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => announcement(el) !== '', 'the announcement');
    expect(announcement(el)).to.equal(
      `Deployed: ${domain.name} (1 – seppmail.cloud service license and 2 – seppmail.cloud filter inbound). These services are Provisioning now, until their DNS records are published.`,
    );
    await until(() => statuses(el, domain.name).every((s) => s === 'Provisioning'), 'the services provisioning');
    expect(deepActiveElement()).to.equal($(el, '[part="deploy-button"]'));
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[part="deploy-button"]').click();
    await until(() => announcement(el).startsWith('Nothing'), 'the second announcement');
    expect(announcement(el)).to.equal('Nothing was deployed: no domain of this tenant has confirmed services. Confirm the ordered services first.');
  });

  it('shows the records a provisioning domain waits for, with Published in words, and checks DNS on request', async () => {
    const el = await servicesAs('alpine-tech', DEPLOY_TENANT);
    const guide = await guideOf(el, domain.name);
    expect(text(shadow(guide).querySelector('h4'))).to.equal(`DNS records to publish for ${domain.name}`);
    expect(text(shadow(guide).querySelector('[part="explanation"]'))).to.contain(`The services of ${domain.name} stay Provisioning until seppmail.cloud finds every record below`);
    expect([...shadow(guide).querySelectorAll('thead th')].map(text)).to.deep.equal(['Type', 'Name', 'Value', 'Published', 'Purpose']);
    expect(records(guide)).to.deep.equal([['MX', domain.name, gateHost(domain), 'No', 'Incoming mail through seppmail.cloud']]);
    expect(text(shadow(guide).querySelector('[part="summary"]'))).to.equal('1 of 1 records are not published yet.');
    await expect(el).to.be.accessible();

    const check = shadow(guide).querySelector<HTMLButtonElement>('[part="check-button"]')!;
    expect(text(check)).to.equal('Check DNS now');
    check.focus();
    await sendKeys({ press: 'Enter' });
    const result = shadow(guide).querySelector('[part="check-result"]')!;
    expect(result.getAttribute('role')).to.equal('status');
    await until(() => text(result) !== '', 'the check’s result');
    expect(text(result)).to.equal('Checked just now: 0 of 1 records are published.');
    expect(statuses(el, domain.name)).to.deep.equal(['Provisioning', 'Provisioning']);

    await publishDns(domain.name, 'MX', [gateHost(domain)]);
    check.click();
    await until(() => announcement(el) !== '', 'the announcement');
    expect(announcement(el)).to.equal(
      `Every DNS record of ${domain.name} is published: 1 – seppmail.cloud service license and 2 – seppmail.cloud filter inbound deployed, billing starts today.`,
    );
    await until(() => statuses(el, domain.name).every((s) => s === 'Deployed'), 'the services deployed');
    expect(section(el, domain.name).querySelector('dns-guide'), 'no guide once deployed').to.equal(null);
    await until(() => deepActiveElement() === section(el, domain.name).querySelector('h3'), 'the focus on the domain');
    await expect(el).to.be.accessible();
  });

  it('shows the guide without the check button to a role that may not check', async () => {
    const api = await apiAs('alpine-support');
    const provisioning = (await api.domains('T-10005')).find((d) => d.status === 'provisioning')!;
    const el = await servicesAs('alpine-support', 'T-10005');
    const guide = await guideOf(el, provisioning.name);
    await (guide as unknown as { meTask: { taskComplete: Promise<unknown> } }).meTask.taskComplete;
    expect(shadow(guide).querySelectorAll('[part="check-button"]')).to.have.length(0);
    expect(records(guide).map((row) => row[3])).to.satisfy((cells: string[]) => cells.every((c) => c === 'No'));
  });
});

describe('booked-services: deployment settings', () => {
  let domain: ManagedDomain;

  before(async () => {
    const sales = await apiAs('alpine-sales');
    const name = uniqueDomain('gina');
    domain = await sales.addDomain(SETTINGS_TENANT, { name, mode: 'inline', services: [...SIGENC_INLINE], ginaHost: `securemail.${name}` }, crypto.randomUUID());
    await confirmAndWait(sales, SETTINGS_TENANT);
  });

  it('offers Deployment settings on a confirmed sign+encrypt domain to Tech and Sales, not Support', async () => {
    const has = async (user: DemoUserId) => section(await servicesAs(user, SETTINGS_TENANT), domain.name).querySelectorAll('[part="deployment-settings-button"]').length;
    expect(await has('alpine-tech')).to.equal(1);
    expect(await has('alpine-sales')).to.equal(1);
    expect(await has('alpine-support')).to.equal(0);
  });

  it('changes the GINA host of a provisioning domain in the dialog; the DNS guide follows it', async () => {
    await (await apiAs('alpine-tech')).deploy(SETTINGS_TENANT, crypto.randomUUID());
    const el = await servicesAs('alpine-tech', SETTINGS_TENANT);
    const guide = await guideOf(el, domain.name);
    expect(records(guide).map(([type, name]) => `${type} ${name}`)).to.deep.equal([
      `MX ${domain.name}`,
      `CNAME securemail.${domain.name}`,
      `CNAME _acme-challenge.securemail.${domain.name}`,
      `TXT ${domain.name}`,
    ]);
    expect(records(guide).map((row) => row[4])).to.deep.equal([
      'Incoming mail through seppmail.cloud',
      'GINA host (web mail for encrypted mail)',
      'TLS certificate of the GINA host',
      'Domain validation for the SwissSign certificate',
    ]);

    const button = section(el, domain.name).querySelector<HTMLButtonElement>('[part="deployment-settings-button"]')!;
    expect(button.getAttribute('aria-describedby')).to.equal(`domain-${domain.id}`);
    button.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await loaded<HTMLElement & { updateComplete: Promise<unknown> }>(el, 'deployment-settings');
    await until(() => shadow(dialog).querySelector<HTMLInputElement>('#gina-host')?.value === `securemail.${domain.name}`, 'the dialog with the GINA host');
    await until(() => deepActiveElement() === shadow(dialog).querySelector('#gina-host'), 'the focus in the field');
    await expect(el).to.be.accessible();

    shadow(dialog).querySelector<HTMLInputElement>('#gina-host')!.select();
    await sendKeys({ type: `webmail.${domain.name}` });
    await sendKeys({ press: 'Enter' });
    await until(() => announcement(el) !== '', 'the announcement');
    expect(announcement(el)).to.equal(`The GINA host of ${domain.name} is webmail.${domain.name} now.`);
    await until(() => deepActiveElement() === section(el, domain.name).querySelector('[part="deployment-settings-button"]'), 'the focus back on the button');
    await until(() => records(guide).some(([, name]) => name === `webmail.${domain.name}`), 'the guide with the new host');
    expect(records(guide).map(([type, name]) => `${type} ${name}`).slice(1, 3)).to.deep.equal([`CNAME webmail.${domain.name}`, `CNAME _acme-challenge.webmail.${domain.name}`]);
  });
});

describe('booked-services: an internationalised domain name', () => {
  // Alpine's tenant without domains that no other component test uses.
  const IDN_TENANT = 'T-10024';
  let domain: ManagedDomain;
  let unicode: string;

  before(async () => {
    const sales = await apiAs('alpine-sales');
    unicode = uniqueDomain('bücher-walk');
    domain = await sales.addDomain(IDN_TENANT, { name: unicode, mode: 'inline', services: [...SIGENC_INLINE], ginaHost: `securemail.${unicode}` }, crypto.randomUUID());
    await confirmAndWait(sales, IDN_TENANT);
  });

  it('is stored in punycode and read in Unicode: heading, announcement, DNS guide (with the punycode beside), records in ASCII', async () => {
    expect(domain.name).to.match(/^xn--bcher-walk-/);
    const el = await servicesAs('alpine-tech', IDN_TENANT);
    expect($$(el, '[part="domain-name"]').map(text)).to.deep.equal([unicode]);
    // Outside the DNS guide nobody reads the punycode.
    expect(text(section(el, unicode))).not.to.contain('xn--');

    $<HTMLButtonElement>(el, '[part="deploy-button"]').click();
    await until(() => announcement(el) !== '', 'the announcement');
    expect(announcement(el)).to.match(new RegExp(`^Deployed: ${unicode.replace(/\./g, '\\.')} \\(1 – `));
    expect(announcement(el)).not.to.contain('xn--');

    const guide = await guideOf(el, unicode);
    expect(text(shadow(guide).querySelector('h4'))).to.equal(`DNS records to publish for ${unicode} (${domain.name})`);
    expect(text(shadow(guide).querySelector('[part="explanation"]'))).to.contain(`The services of ${unicode} (${domain.name}) stay Provisioning`);
    // What is published stays ASCII.
    expect(records(guide).map(([type, name]) => `${type} ${name}`)).to.deep.equal([
      `MX ${domain.name}`,
      `CNAME securemail.${domain.name}`,
      `CNAME _acme-challenge.securemail.${domain.name}`,
      `TXT ${domain.name}`,
    ]);
    expect(records(guide).flat().join(' ')).not.to.contain('bücher');
    await expect(el).to.be.accessible();
  });

  it('shows the GINA host in Unicode in the deployment settings, with the punycode it is saved as, and announces the change in Unicode', async () => {
    const el = await servicesAs('alpine-tech', IDN_TENANT);
    section(el, unicode).querySelector<HTMLButtonElement>('[part="deployment-settings-button"]')!.click();
    const dialog = await loaded<HTMLElement & { updateComplete: Promise<unknown> }>(el, 'deployment-settings');
    await until(() => shadow(dialog).querySelector<HTMLInputElement>('#gina-host')?.value === `securemail.${unicode}`, 'the GINA host in Unicode');
    await dialog.updateComplete;
    expect(text(shadow(dialog).querySelector('[part="title"]'))).to.equal(`Deployment settings of ${unicode} (${domain.name})`);
    expect(text(shadow(dialog).querySelector('[part="punycode"]'))).to.equal(`Saved as securemail.${domain.name}`);
    await expect(el).to.be.accessible();

    shadow(dialog).querySelector<HTMLInputElement>('#gina-host')!.select();
    await sendKeys({ type: `webmail.${unicode}` });
    await sendKeys({ press: 'Enter' });
    await until(() => announcement(el) !== '', 'the announcement');
    expect(announcement(el)).to.equal(`The GINA host of ${unicode} is webmail.${unicode} now.`);
    const guide = await guideOf(el, unicode);
    await until(() => records(guide).some(([, name]) => name === `webmail.${domain.name}`), 'the guide with the new host, in ASCII');
  });
});
