import { configureLocalization, LOCALE_STATUS_EVENT, type LocaleModule, type LocaleStatusEventDetail } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './locale-codes.js';

export { allLocales, sourceLocale, targetLocales };
export type LocaleCode = (typeof allLocales)[number];

const loaders: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  it: () => import('./locales/it.js'),
};

/**
 * Where a region is not given, formats are Switzerland's: SEPPmail is Swiss, prices are in CHF
 * first, and the offer PDFs use the same (`de-CH`: `CHF 1'234.50`, `25.11.2026`).
 */
export const DEFAULT_REGION = 'CH';

let runtime: ReturnType<typeof configureLocalization> | undefined;
let region = DEFAULT_REGION;
/** Set once anything chose a locale; from then on the page's `<html lang>` is not consulted. */
let chosen = false;

/**
 * The messages' language and the formats' locale for a BCP 47 tag: `fr` → `fr` and `fr-CH`,
 * `de-DE` → `de` and `de-DE`, `en-GB` → `en` and `en-GB`; a language without translations
 * (`es-ES`) → `en` and `en-ES`.
 */
export function resolveLocale(tag: string): { locale: LocaleCode; formatLocale: string } {
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
  return { locale, formatLocale: `${locale}-${tagRegion ?? DEFAULT_REGION}` };
}

/**
 * Switches every element on the page to `tag` (`fr`, `it-CH`, `de-DE`, …): its language picks
 * the messages (`en`, `de`, `fr`, `it`; any other language gets English), its region the formats
 * of dates and amounts (Switzerland's when it has none). Elements re-render when the messages
 * have loaded. @lit/localize has one locale per page, so this is the one switch for all of them;
 * a host with translations of its own should use it rather than configure @lit/localize again.
 */
export async function setLocale(tag: LocaleCode | (string & {})): Promise<void> {
  // On a server (no window, or a DOM shim's without events) @lit/localize could not announce the
  // change: the elements render the source messages there and switch once the browser has them.
  if (typeof window === 'undefined' || typeof window.dispatchEvent !== 'function') return;
  chosen = true;
  const { locale, formatLocale } = resolveLocale(tag);
  runtime ??= configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (code) => loaders[code as keyof typeof loaders](),
  });
  const regionChanged = formatLocale !== `${locale}-${region}`;
  region = formatLocale.slice(locale.length + 1);
  if (runtime.getLocale() === locale && regionChanged) {
    // Same messages, other formats: @lit/localize would not re-render, so announce it as it does.
    window.dispatchEvent(
      new CustomEvent<LocaleStatusEventDetail>(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: locale } }),
    );
  }
  await runtime.setLocale(locale);
}

/** The language of the messages in use: `en`, `de`, `fr` or `it`. */
export function getLocale(): LocaleCode {
  return (runtime?.getLocale() ?? sourceLocale) as LocaleCode;
}

/** The locale that `Intl` formats dates, numbers and amounts in: `de-CH` unless the host gave a region. */
export function getFormatLocale(): string {
  return `${getLocale()}-${region}`;
}

/**
 * Called by every element when it connects: if nothing has chosen a locale yet (neither
 * `setLocale()` nor a provider's `locale`), the page's `<html lang>` does, once.
 */
export function adoptDocumentLocale(): void {
  // On a server there is no document, or a shim's without an element (@lit-labs/ssr).
  const root = typeof document === 'undefined' ? undefined : (document.documentElement as HTMLElement | undefined);
  if (chosen || !root) return;
  chosen = true;
  const lang = root.lang;
  if (lang && resolveLocale(lang).formatLocale !== `${sourceLocale}-${DEFAULT_REGION}`) void setLocale(lang);
}
