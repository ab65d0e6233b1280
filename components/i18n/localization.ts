import { configureLocalization, type LocaleModule } from '@lit/localize';
import { sourceLocale, targetLocales } from './locale-codes.js';

export { sourceLocale, targetLocales };
export type LocaleCode = typeof sourceLocale | (typeof targetLocales)[number];

const loaders: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  de: () => import('./locales/de.js'),
};

let runtime: ReturnType<typeof configureLocalization> | undefined;

/**
 * Switches every element to `locale` (they re-render when it has loaded). Configures
 * @lit/localize on first use, which can be done once per page: a host with translations of
 * its own should use this function rather than configure @lit/localize again.
 */
export async function setLocale(locale: LocaleCode): Promise<void> {
  runtime ??= configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (code) => loaders[code as keyof typeof loaders](),
  });
  await runtime.setLocale(locale);
}

/** The locale in use, for `Intl` formatting. */
export function getLocale(): string {
  return runtime?.getLocale() ?? sourceLocale;
}
