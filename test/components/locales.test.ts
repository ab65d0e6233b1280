// Every locale renders every element without a missing string.
//
// @lit/localize in runtime mode falls back to the English source, silently, for a message id
// that a locale module lacks. Two checks hear it:
//
// 1. Statically: each locale module (components/i18n/locales/*.ts) has exactly the ids of the
//    XLIFF files, and each XLIFF unit has a target. (test/domain/translations.test.ts checks the
//    XLIFF files and modules against lit-localize's own extraction of the source, so the three
//    agree with the code.)
// 2. Rendered: each element is rendered in each locale against the real BFF as sepp-admin (who
//    sees every action, price and discount), with its dialogs open and the wizard walked to its
//    summary, and every text node and every human-readable attribute (aria-label, title,
//    placeholder, …), through all nested shadow roots, is compared with the English sources of
//    the XLIFF file. A source whose translation differs becomes a pattern (its placeholders match
//    anything); a rendered string that the pattern matches whole, or that contains a static
//    run of three or more English words of it, is an English fallback, unless it is itself one
//    of the locale's own texts. Because a string that is English in English can only be
//    English in another locale by falling back, this needs no list of expected texts and finds
//    strings built in code (a msg() concatenated with data) as well as whole messages.
//    The English pass is the control: there the same patterns must recognise many strings of
//    each element, so a walk that rendered nothing, or a collector that missed the shadow
//    roots, fails rather than passing empty.
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../components/define.js';
import { getLocale, setLocale, type LocaleCode } from '../../components/i18n/localization.js';
import { templates as de } from '../../components/i18n/locales/de.js';
import { templates as fr } from '../../components/i18n/locales/fr.js';
import { templates as it_ } from '../../components/i18n/locales/it.js';
import type { ManagedDomain } from '../../domain/api.js';
import { addMonths, todayIn } from '../../domain/dates.js';
import { $, $$, apiAs, click, confirmAndWait, fill, getTokenFor, uniqueDomain, until } from './helpers.js';

const MODULES: Record<Exclude<LocaleCode, 'en'>, Record<string, unknown>> = { de, fr, it: it_ };
const LOCALES: readonly LocaleCode[] = ['en', 'de', 'fr', 'it'];
/** Attributes that people read (or hear). */
const READ_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label'];
// An Alpine tenant that no other component test uses: confirming and deploying are per tenant.
const TENANT = 'T-10030';
const USER = 'sepp-admin';
const lastMonth = addMonths(`${todayIn(new Date()).slice(0, 7)}-01`, -1).slice(0, 7);

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Unit {
  id: string;
  /** The English source, whole, placeholders matching anything. */
  source: RegExp;
  /** Runs of three or more English words between placeholders. */
  fragments: string[];
  sourceText: string;
  targetText: string;
  target: RegExp;
}

/** A <source> or <target> as its text runs, with `null` for each placeholder. */
function runs(el: Element | null): (string | null)[] {
  return [...(el?.childNodes ?? [])].map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent ?? '' : null));
}

function pattern(parts: (string | null)[]): RegExp {
  return new RegExp(`^${norm(parts.map((p) => (p === null ? '\u0000' : p)).join('')).split('\u0000').map((s) => escape(s)).join('[\\s\\S]+?')}$`);
}

const xliff = new Map<string, Promise<Unit[]>>();

/** The units of a locale's XLIFF file, as the test server serves it from the repository. */
function units(locale: Exclude<LocaleCode, 'en'>): Promise<Unit[]> {
  if (!xliff.has(locale)) {
    xliff.set(locale, (async () => {
      const response = await fetch(`/xliff/${locale}.xlf`);
      expect(response.ok, `xliff/${locale}.xlf`).to.equal(true);
      const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
      return [...doc.getElementsByTagName('trans-unit')].map((unit) => {
        const source = runs(unit.getElementsByTagName('source')[0]!);
        const target = runs(unit.getElementsByTagName('target')[0] ?? null);
        return {
          id: unit.getAttribute('id')!,
          source: pattern(source),
          fragments: source.filter((p): p is string => p !== null).map(norm).filter((p) => p.split(' ').length >= 3 && p.length >= 15),
          sourceText: norm(source.map((p) => p ?? '{}').join('')),
          targetText: norm(target.map((p) => p ?? '{}').join('')),
          target: pattern(target),
        };
      });
    })());
  }
  return xliff.get(locale)!;
}

/** Every text node and read attribute under `root`, through shadow roots, whitespace collapsed. */
function renderedStrings(root: Node): string[] {
  const found: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const value = norm(node.textContent);
      if (value) found.push(value);
      return;
    }
    if (node instanceof Element) {
      if (node.localName === 'style' || node.localName === 'script') return;
      for (const name of READ_ATTRIBUTES) {
        const value = norm(node.getAttribute(name));
        if (value) found.push(value);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return found;
}

/** The English units a string is (or contains); the locale's own texts are never English. */
function englishIn(strings: readonly string[], catalogue: readonly Unit[], locale: LocaleCode): string[] {
  const translated = catalogue.filter((u) => locale === 'en' || u.sourceText !== u.targetText);
  const own = new Set(locale === 'en' ? [] : catalogue.filter((u) => !u.targetText.includes('{}')).map((u) => u.targetText));
  const ownText = locale === 'en' ? '' : catalogue.map((u) => u.targetText).join('\n');
  const hits = new Set<string>();
  for (const s of new Set(strings)) {
    if (own.has(s)) continue;
    for (const unit of translated) {
      if (unit.source.test(s)) {
        hits.add(`${unit.id}: “${s}”`);
        continue;
      }
      for (const fragment of unit.fragments) {
        if (s.includes(fragment) && !ownText.includes(fragment)) hits.add(`${unit.id}: “${s}” contains “${fragment}”`);
      }
    }
  }
  return [...hits];
}

/** The units whose locale text a string is: how much of the catalogue a render shows. */
function knownIn(strings: readonly string[], catalogue: readonly Unit[], locale: LocaleCode): Set<string> {
  const ids = new Set<string>();
  for (const s of new Set(strings)) for (const unit of catalogue) if ((locale === 'en' ? unit.source : unit.target).test(s)) ids.add(unit.id);
  return ids;
}

interface Scene {
  name: string;
  /** Renders the element, waits until it shows its content, and answers the strings of each view. */
  render(): Promise<string[]>;
}

let domain: ManagedDomain;

async function show(template: TemplateResult, ready: (el: HTMLElement) => unknown, what: string): Promise<HTMLElement> {
  const el = await fixture<HTMLElement>(template);
  await until(() => ready(el), `${what} in ${getLocale()}`, 8000);
  return el;
}

const scenes: Scene[] = [
  {
    name: 'tenant-table',
    async render() {
      const el = await show(html`<tenant-table skip-to="nowhere" .getToken=${await getTokenFor(USER)}></tenant-table>`, (e) => $$(e, 'tbody tr').length > 0 && $$(e, '[part="skip-link"]').length > 0, 'the tenants and the skip link');
      return renderedStrings(el);
    },
  },
  {
    name: 'tenant-editor',
    async render() {
      const el = await show(html`<tenant-editor .getToken=${await getTokenFor(USER)} tenant-id=${TENANT} open></tenant-editor>`, (e) => $$(e, '[part="field"]').length > 0, 'the form');
      return renderedStrings(el);
    },
  },
  {
    name: 'booked-services (with its dialogs closed and a DNS guide)',
    async render() {
      const el = await show(
        html`<booked-services .getToken=${await getTokenFor(USER)} tenant-id=${TENANT}></booked-services>`,
        (e) => $$(e, 'dns-guide').some((guide) => guide.shadowRoot?.querySelector('tbody tr')),
        'the domains and a DNS guide',
      );
      return renderedStrings(el);
    },
  },
  {
    name: 'add-domain-wizard (every step)',
    async render() {
      const el = await show(html`<add-domain-wizard .getToken=${await getTokenFor(USER)} tenant-id=${TENANT} open></add-domain-wizard>`, (e) => $$(e, '#name').length > 0, 'the first step');
      const wizard = el as HTMLElement & { updateComplete: Promise<unknown> };
      const seen = renderedStrings(el);
      await fill(wizard, '#name', uniqueDomain('locales'));
      await click(wizard, '[part="next-button"]');
      await until(() => $$(el, '#mode-inline').length > 0, 'the modes');
      await click(wizard, '#mode-inline');
      seen.push(...renderedStrings(el));
      await click(wizard, '[part="next-button"]');
      await until(() => $$(el, '#service-SC-SIGENC').length > 0, 'the services');
      await click(wizard, '#service-SC-SIGENC');
      seen.push(...renderedStrings(el));
      await click(wizard, '[part="next-button"]');
      await until(() => $$(el, '[part="submit-button"]').length > 0 || $$(el, '#gina-reasons, [part="gina-hosts"]').length > 0, 'the GINA host or the summary');
      seen.push(...renderedStrings(el));
      if ($$(el, '[part="submit-button"]').length === 0) {
        await click(wizard, '[part="next-button"]');
        await until(() => $$(el, '[part="submit-button"]').length > 0, 'the summary');
        seen.push(...renderedStrings(el));
      }
      expect($$(el, '[part="price-table"]').length, 'the price preview').to.equal(1);
      return seen;
    },
  },
  {
    name: 'add-domain-manual',
    async render() {
      const el = await show(html`<add-domain-manual .getToken=${await getTokenFor(USER)} tenant-id=${TENANT} open></add-domain-manual>`, (e) => $$(e, '#name').length > 0, 'the form');
      return renderedStrings(el);
    },
  },
  {
    name: 'add-services-dialog',
    async render() {
      const el = await show(html`<add-services-dialog .getToken=${await getTokenFor(USER)} .domain=${domain} country="CH" open></add-services-dialog>`,
        (e) => $$(e, '[part="services"]').length > 0, 'the services');
      return renderedStrings(el);
    },
  },
  {
    name: 'cancel-service-dialog (with its cascade)',
    async render() {
      const el = await show(html`<cancel-service-dialog .getToken=${await getTokenFor(USER)} .domain=${domain} open></cancel-service-dialog>`, (e) => $$(e, '#service').length > 0, 'the form');
      const select = $<HTMLSelectElement>(el, '#service');
      select.value = String(domain.services.find((s) => s.code === 'SC-SERVICE')!.number);
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await until(() => $$(el, '[part="cascade-list"] li, [part="whole-domain"]').length > 0, 'the cascade');
      return renderedStrings(el);
    },
  },
  {
    name: 'deployment-settings',
    async render() {
      const el = await show(html`<deployment-settings .getToken=${await getTokenFor(USER)} domain-id=${domain.id} domain-name=${domain.name} open></deployment-settings>`,
        (e) => $$<HTMLInputElement>(e, '#gina-host').some((input) => input.value), 'the GINA host');
      return renderedStrings(el);
    },
  },
  {
    name: 'offer-dialog',
    async render() {
      const el = await show(html`<offer-dialog .getToken=${await getTokenFor(USER)} tenant-id=${TENANT} open></offer-dialog>`, (e) => $$(e, '[part~="line"]').length > 0, 'the lines');
      return renderedStrings(el);
    },
  },
  {
    name: 'usage-statement',
    async render() {
      const el = await show(html`<usage-statement .getToken=${await getTokenFor(USER)} month=${lastMonth}></usage-statement>`,
        (e) => $$(e, 'tbody tr').length > 0 && $$(e, '#tenant option').length > 1, 'the lines');
      return renderedStrings(el);
    },
  },
  {
    name: 'audit-log',
    async render() {
      const el = await show(html`<audit-log .getToken=${await getTokenFor(USER)}></audit-log>`, (e) => $$(e, '[part="entry"]').length > 0, 'the entries');
      return renderedStrings(el);
    },
  },
  {
    name: 'dns-guide',
    async render() {
      const el = await show(html`<dns-guide .getToken=${await getTokenFor(USER)} domain-id=${domain.id} domain-name=${domain.name}></dns-guide>`,
        (e) => $$(e, 'tbody tr').length > 0, 'the records');
      return renderedStrings(el);
    },
  },
];

describe('every locale, every element', () => {
  /** What the English pass recognised per element, to hold the other passes to. */
  const english = new Map<string, number>();

  before(async function () {
    this.timeout(60_000);
    // A sign+encrypt domain in provisioning: its DNS guide lists every kind of record, and its
    // deployment settings are open.
    const sales = await apiAs('alpine-sales');
    const name = uniqueDomain('locales');
    const added = await sales.addDomain(TENANT, { name, mode: 'inline', services: ['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'], ginaHost: `securemail.${name}` }, crypto.randomUUID());
    const job = await confirmAndWait(sales, TENANT);
    expect(job.status === 'succeeded' && job.result.domains.find((d) => d.domainId === added.id)?.passed, 'the domain confirmed').to.equal(true);
    await (await apiAs('alpine-tech')).deploy(TENANT, crypto.randomUUID());
    domain = (await sales.domains(TENANT)).find((d) => d.id === added.id)!;
    expect(domain.services.find((s) => s.code === 'SC-SIGENC')?.status).to.equal('provisioning');
  });

  after(() => setLocale('en'));

  for (const locale of ['de', 'fr', 'it'] as const) {
    it(`${locale}: the locale module has exactly the XLIFF file's ids, and every unit a target`, async () => {
      const catalogue = await units(locale);
      expect(Object.keys(MODULES[locale]).sort()).to.deep.equal(catalogue.map((u) => u.id).sort());
      expect(catalogue.filter((u) => !u.targetText).map((u) => u.id), 'units without a target').to.deep.equal([]);
    });
  }

  for (const locale of LOCALES) {
    describe(locale, () => {
      before(() => setLocale(locale));

      for (const scene of scenes) {
        it(`renders ${scene.name} without an English fallback`, async function () {
          this.timeout(20_000);
          expect(getLocale()).to.equal(locale);
          const catalogue = await units('fr'); // any file: the English sources are the same in each
          const strings = await scene.render();
          if (locale === 'en') {
            const recognised = knownIn(strings, catalogue, 'en').size;
            english.set(scene.name, recognised);
            expect(recognised, 'English strings the patterns recognise (the control)').to.be.at.least(3);
            expect(englishIn(strings, catalogue, 'en').length).to.be.at.least(recognised);
            return;
          }
          const own = await units(locale);
          expect(englishIn(strings, own, locale), `English left in the ${locale} render`).to.deep.equal([]);
          // The render really is in the locale: about as many of its texts as the English pass found.
          expect(knownIn(strings, own, locale).size, `${locale} texts recognised`).to.be.at.least(Math.ceil(english.get(scene.name)! * 0.75));
        });
      }
    });
  }
});

// A check of the check: a render with one message missing from the locale is caught.
describe('the English-fallback check', () => {
  after(() => setLocale('en'));

  it('finds an English string in a French render', async () => {
    await setLocale('fr');
    const catalogue = await units('fr');
    const host = await fixture<HTMLElement>(html`<div>
      <p aria-label="Refresh data">Données</p><p>Booked services of Alpine IT AG</p><p>Services réservés</p>
      <p>T-10001: The tenants could not be loaded.</p><p>Les clients n’ont pas pu être chargés.</p>
    </div>`);
    const found = englishIn(renderedStrings(host), catalogue, 'fr');
    expect(found).to.deep.equal([
      'common.refresh: “Refresh data”',
      'services.heading-tenant: “Booked services of Alpine IT AG”',
      'tenants.load-error: “T-10001: The tenants could not be loaded.” contains “The tenants could not be loaded.”',
    ]);
  });
});
