/**
 * The prefix of the names under which our tags are registered when a page has an element of the
 * tag already (`sepp-dns-guide`): components/internal/define.ts registers them, the bundle's
 * loader (autoloader.ts) finds them. A module of its own, importing nothing, so that the bundle's
 * entry stays free of Lit.
 */
export const FALLBACK_PREFIX = 'sepp';
