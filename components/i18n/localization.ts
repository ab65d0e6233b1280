import { LOCALE_STATUS_EVENT, type LocaleModule, type LocaleStatusEventDetail, type MsgFn } from '@lit/localize';
// @lit/localize has no `exports` map, so its message lookup may be imported by path: it is the
// same function its own runtime uses, applied to our templates instead of the page's.
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import type { ReactiveControllerHost, ReactiveElement } from 'lit';
import { allLocales, sourceLocale, targetLocales } from './locale-codes.js';

export { allLocales, sourceLocale, targetLocales };
export type LocaleCode = (typeof allLocales)[number];

/*
 * Our own localization, beside the page's @lit/localize rather than inside it.
 *
 * @lit/localize keeps its runtime in module variables and lets `configureLocalization` run once
 * per copy of the module (a second call throws "can only be configured once"). When a portal
 * bundles the same copy as we do and configures it for its own messages, either it or we would
 * throw, and the one who came second would get the other's translations. So we never configure
 * it: `msg` below looks our messages up in our own templates (with @lit/localize's lookup, so the
 * extracted XLIFF and the generated locale modules stay as they are; lit-localize's extractor
 * recognises `msg` by its type, `MsgFn`), and our elements re-render on our own window event.
 * The host's @lit/localize is free to be configured before or after us, and when it switches
 * its locale (its `lit-localize-status` "ready" event on window, whichever copy dispatched it)
 * ours follows.
 */

const loaders: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  it: () => import('./locales/it.js'),
};

/**
 * Fired on window when our elements' language or formats changed; `detail` is the locale, its
 * language the messages' and its region the formats' (`de-CH`). Every copy of the package on a
 * page listens to it, so that a second copy (two bundles) follows the first's language.
 */
export const SERVICES_LOCALE_EVENT = 'seppmail-services-locale';

/**
 * Where a region is not given, formats are Switzerland's: SEPPmail is Swiss, prices are in CHF
 * first, and the offer PDFs use the same (`de-CH`: `CHF 1'234.50`, `25.11.2026`).
 */
export const DEFAULT_REGION = 'CH';

let activeLocale: LocaleCode = sourceLocale;
let templates: LocaleModule['templates'] | undefined;
let region = DEFAULT_REGION;
/** Set once anything chose a locale; from then on the page's `<html lang>` is not consulted. */
let chosen = false;
/** Counts setLocale calls: only the last one's messages apply when loads overlap. */
let requestId = 0;
let followingHost = false;
/** The last setLocale's work: an earlier call that a later one overtook resolves with it. */
let latest: Promise<void> = Promise.resolve();

/**
 * Our elements' `msg`: @lit/localize's `msg` signature, our templates. Import it from here, not
 * from '@lit/localize' (whose `msg` is the page's, the host's if it configured one).
 */
export const msg: MsgFn = ((template: Parameters<MsgFn>[0], options?: Parameters<MsgFn>[1]) =>
  runtimeMsg(templates, template, options)) as MsgFn;

/** Re-renders the host whenever our locale changes (our `@localized()` and its controller). */
export function updateWhenLocaleChanges(host: ReactiveControllerHost): void {
  const update = () => host.requestUpdate();
  host.addController({
    hostConnected: () => window.addEventListener(SERVICES_LOCALE_EVENT, update),
    hostDisconnected: () => window.removeEventListener(SERVICES_LOCALE_EVENT, update),
  });
}

/** Class decorator: the element re-renders when our locale changes (as @lit/localize's `@localized()`). */
export const localized =
  () =>
  <C extends typeof ReactiveElement>(clazz: C): C => {
    clazz.addInitializer(updateWhenLocaleChanges);
    return clazz;
  };

/**
 * The messages' language and the formats' locale for a BCP 47 tag: `fr` → `fr` and `fr-CH`,
 * `de-DE` → `de` and `de-DE`, `en-GB` → `en` and `en-GB`; a language without translations
 * (`es-ES`) → `en` and `en-ES`.
 */
export function resolveLocale(tag: string): { locale: LocaleCode; formatLocale: string } {
  const { locale, region: tagRegion } = parseTag(tag);
  return { locale, formatLocale: `${locale}-${tagRegion ?? DEFAULT_REGION}` };
}

function parseTag(tag: string): { locale: LocaleCode; region: string | undefined } {
  let language = '';
  let tagRegion: string | undefined;
  try {
    const parsed = new Intl.Locale(tag.trim().replace(/_/g, '-'));
    language = parsed.language;
    tagRegion = parsed.region;
  } catch {
    // not a tag: English, Swiss formats
  }
  const locale = (allLocales as readonly string[]).includes(language) ? (language as LocaleCode) : sourceLocale;
  return { locale, region: tagRegion };
}

/**
 * Switches every element of ours on the page to `tag` (`fr`, `it-CH`, `de-DE`, …): its language
 * picks the messages (`en`, `de`, `fr`, `it`; any other language gets English), its region the
 * formats of dates and amounts (Switzerland's when it has none). Elements re-render when the
 * messages have loaded. It leaves the page's @lit/localize alone: a host that configured its own
 * keeps it, and when that one switches, ours follows (see {@link followHostLocalize}).
 */
export function setLocale(tag: LocaleCode | (string & {})): Promise<void> {
  // On a server (no window, or a DOM shim's without events) nothing could announce the change:
  // the elements render the source messages there and switch once the browser has them.
  if (typeof window === 'undefined' || typeof window.dispatchEvent !== 'function') return Promise.resolve();
  chosen = true;
  followHostLocalize();
  const { locale, formatLocale } = resolveLocale(tag);
  const id = ++requestId;
  latest = (async () => {
    const loaded = locale === sourceLocale ? undefined : (await loaders[locale as keyof typeof loaders]()).templates;
    // A later call came while this one loaded: its locale applies, and this call resolves with it.
    if (id !== requestId) return latest;
    const newRegion = formatLocale.slice(locale.length + 1);
    if (locale === activeLocale && newRegion === region) return;
    activeLocale = locale;
    templates = loaded;
    region = newRegion;
    window.dispatchEvent(new CustomEvent<string>(SERVICES_LOCALE_EVENT, { detail: getFormatLocale() }));
  })();
  return latest;
}

/** The language of the messages in use: `en`, `de`, `fr` or `it`. */
export function getLocale(): LocaleCode {
  return activeLocale;
}

/** The locale that `Intl` formats dates, numbers and amounts in: `de-CH` unless the host gave a region. */
export function getFormatLocale(): string {
  return `${activeLocale}-${region}`;
}

/**
 * Makes our elements follow another copy of this package, and the page's @lit/localize: when any copy of it announces a locale as
 * ready (`lit-localize-status`, on window), we switch to it, keeping our region when its code has
 * none (a host's `de` after our `de-DE` keeps German formats). Installed on the first element or
 * `setLocale`, so merely importing a module adds no listener. A locale the host set before that
 * cannot be read back (@lit/localize gives `getLocale` only to whoever configured it): such a
 * host calls our `setLocale` too, or has `<html lang>` say it.
 */
function followHostLocalize(): void {
  // Called only where there is a window with events (setLocale, or an element in a document).
  if (followingHost) return;
  followingHost = true;
  // Another copy of this package switched: its elements and ours show one language. (Our own
  // announcement arrives here too, and equals what we have; so does the echo of another copy's.)
  window.addEventListener(SERVICES_LOCALE_EVENT, (event) => {
    const announced = (event as CustomEvent<unknown>).detail;
    if (typeof announced === 'string' && announced !== getFormatLocale()) void setLocale(announced);
  });
  window.addEventListener(LOCALE_STATUS_EVENT, (event) => {
    const detail = (event as CustomEvent<LocaleStatusEventDetail>).detail;
    if (detail?.status !== 'ready') return;
    const parsed = parseTag(detail.readyLocale);
    void setLocale(`${parsed.locale}-${parsed.region ?? region}`);
  });
}

/**
 * Called by every element when it connects: if nothing has chosen a locale yet (neither
 * `setLocale()` nor a provider's `locale`), the page's `<html lang>` does, once.
 */
export function adoptDocumentLocale(): void {
  // On a server there is no document, or a shim's without an element (@lit-labs/ssr).
  const root = typeof document === 'undefined' ? undefined : (document.documentElement as HTMLElement | undefined);
  if (!root) return;
  followHostLocalize();
  if (chosen) return;
  chosen = true;
  const lang = root.lang;
  if (lang && resolveLocale(lang).formatLocale !== `${sourceLocale}-${DEFAULT_REGION}`) void setLocale(lang);
}
