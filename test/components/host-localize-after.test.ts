// A portal that configures @lit/localize itself AFTER our elements chose a locale (our setLocale
// first): its configureLocalization throws nothing, its switches make ours follow, and both
// setLocale functions keep working.
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define.js';
import { getLocale, setLocale } from '../../components/i18n/localization.js';
import { configureHostLocalization, hostGreeting } from '../support/host-localize.js';
import { $, $$, getTokenFor, text, until } from './helpers.js';

describe('a host that configures @lit/localize after our setLocale', () => {
  after(async () => {
    await setLocale('en');
  });

  it('configures without a throw; both switch languages', async () => {
    await setLocale('de');
    const table = await fixture<HTMLElement>(html`<tenant-table .getToken=${await getTokenFor('alpine-sales')}></tenant-table>`);
    await until(() => $$(table, 'tbody tr').length > 0, 'the tenants');
    expect(text($(table, '[part="heading"]'))).to.equal('Mandanten');

    let host: ReturnType<typeof configureHostLocalization> | undefined;
    expect(() => (host = configureHostLocalization())).not.to.throw();
    expect(hostGreeting()).to.equal('Welcome to the portal');

    await host!.setLocale('fr');
    expect(hostGreeting()).to.equal('Bienvenue dans le portail');
    await until(() => text($(table, '[part="heading"]')) === 'Clients', 'ours follow the host to French');
    expect(getLocale()).to.equal('fr');

    await setLocale('it');
    await until(() => text($(table, '[part="heading"]')) === 'Clienti', 'ours in Italian');
    expect(hostGreeting()).to.equal('Bienvenue dans le portail');

    await host!.setLocale('en');
    await until(() => text($(table, '[part="heading"]')) === 'Tenants', 'ours follow the host back to English');
    expect(hostGreeting()).to.equal('Welcome to the portal');
  });

  it('resolves an overtaken setLocale once the later one applied', async () => {
    const first = setLocale('fr');
    const second = setLocale('it');
    await first;
    expect(getLocale()).to.equal('it');
    await second;
    await setLocale('en');
    expect(getLocale()).to.equal('en');
  });
});
