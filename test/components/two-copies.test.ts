// Two copies of the package on one page (a portal's bundle and ours, say): each has its own
// localization module, and our elements show one language whichever copy switches. The second
// copy is the same module under another URL, which the browser loads and runs a second time.
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define.js';
import { getFormatLocale, getLocale, setLocale } from '../../components/i18n/localization.js';
import { $, $$, getTokenFor, text, until } from './helpers.js';

type Localization = typeof import('../../components/i18n/localization.js');

describe('two copies of the package on one page', () => {
  after(async () => {
    await setLocale('en');
  });

  it('follow each other: the other copy’s setLocale switches our elements, and back', async () => {
    // A string specifier with a query: a module of its own, as a second bundle's copy would be.
    const specifier = new URL('../../components/i18n/localization.ts?second-copy', import.meta.url).href;
    const other = (await import(/* @vite-ignore */ specifier)) as Localization;
    expect(other.setLocale).not.to.equal(setLocale);

    const table = await fixture<HTMLElement>(html`<tenant-table .getToken=${await getTokenFor('alpine-sales')}></tenant-table>`);
    await until(() => $$(table, 'tbody tr').length > 0, 'the tenants');
    expect(text($(table, '[part="heading"]'))).to.equal('Tenants');

    await other.setLocale('de-DE');
    await until(() => text($(table, '[part="heading"]')) === 'Mandanten', 'our elements follow the other copy to German');
    expect(getFormatLocale()).to.equal('de-DE');

    await setLocale('fr');
    await until(() => other.getLocale() === 'fr', 'the other copy follows ours to French');
    expect(other.getFormatLocale()).to.equal('fr-CH');
    expect(getLocale()).to.equal('fr');
    expect(text($(table, '[part="heading"]'))).to.equal('Clients');
  });
});
