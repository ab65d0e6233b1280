// The locale comes from the host: its <html lang> when nothing else chose one (the first test,
// before anything in this page set a locale), the provider's `locale` attribute or setLocale()
// at run time, for all four languages, and a region in the tag for the formats.
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define.js';
import { getFormatLocale, getLocale, setLocale } from '../../components/i18n/localization.js';
import type { ServicesProvider } from '../../components/services-provider/services-provider.component.js';
import { addMonths, todayIn } from '../../domain/dates.js';
import { $, $$, getTokenFor, text, until } from './helpers.js';

const HEADINGS = {
  tenants: { en: 'Tenants', de: 'Mandanten', fr: 'Clients', it: 'Clienti' },
  services: { en: 'Booked services of', de: 'Gebuchte Dienste von', fr: 'Services réservés de', it: 'Servizi prenotati di' },
};
const lastMonth = addMonths(`${todayIn(new Date()).slice(0, 7)}-01`, -1).slice(0, 7);

describe('the locale from the host', () => {
  const lang = document.documentElement.lang;
  after(async () => {
    document.documentElement.lang = lang;
    await setLocale('en');
  });

  it('follows the page’s <html lang> when nothing else chose a locale', async () => {
    document.documentElement.lang = 'it-CH';
    const el = await fixture<HTMLElement>(html`<tenant-table .getToken=${await getTokenFor('alpine-sales')}></tenant-table>`);
    await until(() => text($(el, '[part="heading"]')) === 'Clienti', 'the Italian heading');
    expect(getLocale()).to.equal('it');
    expect(getFormatLocale()).to.equal('it-CH');
    await until(() => $$(el, 'tbody tr').length > 0, 'the tenants');
    expect(text($(el, '[part~="sort-button"]'))).to.contain('Nome');
  });

  it('switches every element under the provider through all four languages at run time, in place', async () => {
    const provider = await fixture<ServicesProvider>(html`<services-provider locale="de" .getToken=${await getTokenFor('alpine-sales')}>
      <tenant-table></tenant-table>
      <booked-services tenant-id="T-10002"></booked-services>
    </services-provider>`);
    const table = provider.querySelector('tenant-table')!;
    const services = provider.querySelector('booked-services')!;
    await until(() => $$(services, '[part="domain"]').length > 0 && $$(table, 'tbody tr').length > 0, 'both loaded');
    const firstRow = $(table, 'tbody tr');
    for (const locale of ['de', 'fr', 'it', 'en', 'de'] as const) {
      provider.locale = locale;
      await until(
        () => text($(table, '[part="heading"]')) === HEADINGS.tenants[locale] && text($(services, '[part="heading"]')).startsWith(HEADINGS.services[locale]),
        `both headings in ${locale} (they say “${text($(table, '[part="heading"]'))}” and “${text($(services, '[part="heading"]'))}”)`,
      );
      expect(getLocale()).to.equal(locale);
      expect($(table, 'tbody tr'), 'the same rows, re-rendered rather than reloaded').to.equal(firstRow);
    }
    // Once the host chose, the page's lang no longer decides for new elements.
    document.documentElement.lang = 'fr';
    const late = await fixture<HTMLElement>(html`<tenant-table .getToken=${await getTokenFor('alpine-sales')}></tenant-table>`);
    await until(() => text($(late, '[part="heading"]')) === 'Mandanten', 'German still');
  });

  it('takes the formats from a region in the tag: de-CH and de-DE', async () => {
    await setLocale('de-CH');
    const el = await fixture<HTMLElement>(html`<usage-statement .getToken=${await getTokenFor('sepp-admin')} month=${lastMonth}></usage-statement>`);
    await until(() => $$(el, '[part="total-amount"]').length > 0, 'the totals');
    const amount = () => text($(el, '[part="total-amount"]'));
    expect(amount()).to.match(/^(CHF|EUR) \d{1,3}(['’]\d{3})*\.\d{2}$/);
    await setLocale('de-DE');
    expect(getLocale()).to.equal('de');
    expect(getFormatLocale()).to.equal('de-DE');
    await until(() => /^\d{1,3}(\.\d{3})*,\d{2} (CHF|€)$/.test(amount()), `the German amount (it is ${amount()})`);
    await setLocale('fr');
    expect(getFormatLocale()).to.equal('fr-CH');
  });
});
