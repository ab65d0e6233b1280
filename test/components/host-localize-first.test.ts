// A portal that configures @lit/localize itself BEFORE any element of ours chose a locale: the
// same copy of @lit/localize as ours (the test server resolves one module for both). Neither side
// throws, our elements speak our translations in the portal's locale and follow its switches,
// our setLocale still switches ours, and the portal's own messages stay the portal's.
import { expect, fixture, html } from '@open-wc/testing';
import { configureHostLocalization, hostGreeting } from '../support/host-localize.js';
import '../../components/define.js';
import { getFormatLocale, getLocale, setLocale } from '../../components/i18n/localization.js';
import { $, $$, getTokenFor, text, until } from './helpers.js';

const host = configureHostLocalization();

describe('a host that configured @lit/localize first', () => {
  after(async () => {
    await host.setLocale('en');
    await setLocale('en');
  });

  it('keeps both: our elements follow the host’s locale with our translations, and ours switch on our own', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <portal-greeting></portal-greeting>
      <tenant-table .getToken=${await getTokenFor('alpine-sales')}></tenant-table>
    </div>`);
    const table = page.querySelector('tenant-table')!;
    const greeting = () => text(page.querySelector('portal-greeting')!.shadowRoot!.querySelector('p'));
    await until(() => $$(table, 'tbody tr').length > 0, 'the tenants');
    expect(text($(table, '[part="heading"]'))).to.equal('Tenants');

    // The host switches its @lit/localize: ours follow, with our own German.
    await host.setLocale('de');
    await until(() => text($(table, '[part="heading"]')) === 'Mandanten', 'our heading in German after the host’s switch');
    expect(getLocale()).to.equal('de');
    expect(greeting()).to.equal('Willkommen im Portal');
    expect(hostGreeting()).to.equal('Willkommen im Portal');

    await host.setLocale('fr');
    await until(() => text($(table, '[part="heading"]')) === 'Clients', 'our heading in French');
    await until(() => greeting() === 'Bienvenue dans le portail', 'the host’s greeting in French');

    // Our setLocale switches ours, throws nothing, and leaves the host's messages as they are.
    await setLocale('it');
    await until(() => text($(table, '[part="heading"]')) === 'Clienti', 'our heading in Italian');
    expect(host.getLocale()).to.equal('fr');
    expect(greeting()).to.equal('Bienvenue dans le portail');

    // Back through the host, and through ours.
    await host.setLocale('de');
    await until(() => text($(table, '[part="heading"]')) === 'Mandanten', 'German again, from the host');
    await setLocale('en');
    await until(() => text($(table, '[part="heading"]')) === 'Tenants', 'English from ours');
    expect(greeting()).to.equal('Willkommen im Portal');
  });

  it('keeps our region when the host’s locale has none, and takes the host’s when it has one', async () => {
    await setLocale('de-DE');
    await host.setLocale('fr');
    await until(() => getLocale() === 'fr', 'French');
    expect(getFormatLocale()).to.equal('fr-DE');
  });
});
