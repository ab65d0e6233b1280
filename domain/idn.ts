/**
 * Internationalised domain names, the parts the rules need that browsers and Node do not give
 * alike: a label's Unicode form back from punycode, and the scripts of its letters. Pure, no
 * `node:` imports: the elements run it in browsers too.
 */

export { decodePunycode, displayName, displayNameWithAscii, labelToUnicode } from './punycode.js';

/**
 * IDNA2008 (RFC 5892) allows letters, combining marks, decimal digits and the hyphen in a
 * label, nothing else (no symbols, emoji, punctuation or spaces). This is that rule by general
 * category: a little stricter than RFC 5892's contextual rules (no middle dot, no joiners).
 */
export function hasOnlyLabelCharacters(label: string): boolean {
  return /^[\p{L}\p{M}\p{Nd}-]*$/u.test(label);
}

/** The characters of a label that IDNA2008 does not allow (see `hasOnlyLabelCharacters`). */
export function disallowedLabelCharacters(label: string): string[] {
  return [...new Set([...label].filter((c) => !/^[\p{L}\p{M}\p{Nd}-]$/u.test(c)))];
}

/**
 * The scripts IDNs use: UTS #31's "Recommended Scripts" (Table 4, the scripts in common
 * modern use). A letter of none of them counts as a script of its own, `Other`.
 */
export const IDN_SCRIPTS = [
  'Arabic', 'Armenian', 'Bengali', 'Bopomofo', 'Cyrillic', 'Devanagari', 'Ethiopic', 'Georgian', 'Greek', 'Gujarati',
  'Gurmukhi', 'Han', 'Hangul', 'Hebrew', 'Hiragana', 'Kannada', 'Katakana', 'Khmer', 'Lao', 'Latin', 'Malayalam',
  'Myanmar', 'Oriya', 'Sinhala', 'Tamil', 'Telugu', 'Thaana', 'Thai', 'Tibetan',
] as const;
export type IdnScript = (typeof IDN_SCRIPTS)[number] | 'Other';

const SCRIPT_PATTERNS = IDN_SCRIPTS.map((script) => [script, new RegExp(`^\\p{Script_Extensions=${script}}$`, 'u')] as const);
/** Characters of every script (Common: digits, hyphen; Inherited: most combining marks). */
const COMMON_OR_INHERITED = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;

/** The scripts of one character by its Script_Extensions; empty for Common and Inherited. */
function scriptsOf(char: string): IdnScript[] {
  const scripts: IdnScript[] = SCRIPT_PATTERNS.filter(([, pattern]) => pattern.test(char)).map(([script]) => script);
  if (scripts.length > 0 || COMMON_OR_INHERITED.test(char)) return scripts;
  return ['Other'];
}

/** UTS #39's augmented script sets: Han also writes Japanese, Korean and Chinese with Bopomofo. */
const AUGMENTED: Partial<Record<IdnScript, readonly string[]>> = {
  Han: ['Han', 'Japanese', 'Korean', 'Han with Bopomofo'],
  Hiragana: ['Hiragana', 'Japanese'],
  Katakana: ['Katakana', 'Japanese'],
  Hangul: ['Hangul', 'Korean'],
  Bopomofo: ['Bopomofo', 'Han with Bopomofo'],
};

/** The mixtures UTS #39's "highly restrictive" level allows besides a single script. */
const ALLOWED_MIXTURES: readonly (readonly IdnScript[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

/** The scripts of a label's characters (Common and Inherited left out), in `IDN_SCRIPTS` order. */
export function labelScripts(label: string): IdnScript[] {
  const found = new Set([...label].flatMap(scriptsOf));
  return [...IDN_SCRIPTS, 'Other' as const].filter((s) => found.has(s));
}

/**
 * Whether a label (in Unicode) mixes scripts beyond UTS #39's "highly restrictive" level: its
 * characters (Common and Inherited left out) must share one script, by their augmented
 * Script_Extensions, or all be covered by Latin + Han + Hiragana + Katakana (Japanese),
 * Latin + Han + Bopomofo (Chinese) or Latin + Han + Hangul (Korean). `аpple` with a Cyrillic
 * `а` mixes; `bücher`, `例え`, `sonyストア` do not.
 */
export function mixesScripts(label: string): boolean {
  const sets = [...label].map(scriptsOf).filter((s) => s.length > 0);
  if (sets.length === 0) return false;
  const augmented = sets.map((scripts) => new Set(scripts.flatMap((s) => (s === 'Other' ? [] : (AUGMENTED[s] ?? [s])))));
  // Two letters of scripts outside the list may still differ; `Other` never resolves with another.
  const others = sets.filter((s) => s.includes('Other')).length;
  if (others === 0) {
    const [first, ...rest] = augmented;
    if ([...first!].some((s) => rest.every((set) => set.has(s)))) return false;
  } else if (others === sets.length) {
    return false;
  }
  return !ALLOWED_MIXTURES.some((mixture) => sets.every((scripts) => scripts.some((s) => mixture.includes(s))));
}

/**
 * Whether a label (in Unicode) has no letter or digit of any script: made only of symbols,
 * emoji, punctuation, marks or hyphens (`😀`, `★`, `—`). Such a label names nothing a person can read
 * or tell apart, so the name rules refuse it (`name-symbol-only`).
 */
export function isSymbolOnlyLabel(label: string): boolean {
  return label !== '' && !/[\p{L}\p{Nd}]/u.test(label);
}
