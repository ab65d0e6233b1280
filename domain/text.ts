/**
 * Characters that a display text must not contain: the texts people type and others read (a
 * tenant's name, phone and invoice reference, an offer's discount reasons), shown in tables,
 * dialogs, audit entries, PDFs and logs. Pure, for the BFF's zod schemas and the elements alike:
 *
 * ```ts
 * z.string().superRefine((text, ctx) => {
 *   const reason = unsafeTextReason(text);
 *   if (reason) ctx.addIssue({ code: 'custom', message: reason });
 * });
 * ```
 *
 * Refused, because they change what a reader sees without being seen themselves:
 * - control characters (`\p{Cc}`: C0, DEL and C1, tab and line breaks among them; every text
 *   here is one line);
 * - bidirectional formatting: the marks U+061C, U+200E, U+200F, the embeddings and overrides
 *   U+202A–U+202E and the isolates U+2066–U+2069 (Unicode's Bidi_Control), which can show a
 *   text in another order than it is stored ("Trojan Source", CVE-2021-42574);
 * - lone surrogates (not text at all: no encoder can write them as UTF-8);
 * - U+FEFF, the byte order mark (zero width no-break space);
 * - noncharacters: U+FFFE, U+FFFF and the other 64 that Unicode reserves for internal use.
 */

export type UnsafeKind = 'control' | 'bidi' | 'lone-surrogate' | 'byte-order-mark' | 'noncharacter';

export interface UnsafeCharacter {
  /** Where it is, in UTF-16 code units (JavaScript string indexes). */
  index: number;
  codePoint: number;
  kind: UnsafeKind;
}

const UNSAFE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\p{Cs}\uFEFF\p{Noncharacter_Code_Point}]/gu;

function kindOf(codePoint: number): UnsafeKind {
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'lone-surrogate';
  if (codePoint === 0xfeff) return 'byte-order-mark';
  if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) return 'control';
  if ((codePoint & 0xfffe) === 0xfffe || (codePoint >= 0xfdd0 && codePoint <= 0xfdef)) return 'noncharacter';
  return 'bidi';
}

/** Every unsafe character of a text, in order (empty when the text is safe). */
export function findUnsafeCharacters(text: string): UnsafeCharacter[] {
  return [...text.matchAll(UNSAFE)].map((match) => {
    const codePoint = match[0].codePointAt(0)!;
    return { index: match.index, codePoint, kind: kindOf(codePoint) };
  });
}

const ANY_UNSAFE = new RegExp(UNSAFE.source, 'u');

/** Whether a text has no unsafe character. */
export function isSafeText(text: string): boolean {
  return !ANY_UNSAFE.test(text);
}

const KIND_NAMES: Record<UnsafeKind, string> = {
  control: 'control characters',
  bidi: 'bidirectional formatting characters',
  'lone-surrogate': 'lone surrogates',
  'byte-order-mark': 'byte order marks',
  noncharacter: 'Unicode noncharacters',
};

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first three characters found, by code point and position, and how many more: "U+0007 at 4, 2 more". */
export function describeCharacters(found: readonly UnsafeCharacter[]): string {
  const shown = found.slice(0, 3).map((f) => `${hex(f.codePoint)} at ${f.index}`);
  if (found.length > 3) shown.push(`${found.length - 3} more`);
  return shown.join(', ');
}

/**
 * Null for a safe text; else why it is not, in English, naming each kind and its characters:
 * "The text must not contain control characters (U+0007 at 4) or bidirectional formatting
 * characters (U+202E at 9)." Positions count UTF-16 code units from 0.
 */
export function unsafeTextReason(text: string): string | null {
  const found = findUnsafeCharacters(text);
  if (found.length === 0) return null;
  const kinds = [...new Set(found.map((f) => f.kind))];
  const parts = kinds.map((kind) => {
    return `${KIND_NAMES[kind]} (${describeCharacters(found.filter((f) => f.kind === kind))})`;
  });
  const listed = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
  return `The text must not contain ${listed}.`;
}
