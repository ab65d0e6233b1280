import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnsafeCharacters, isSafeText, type UnsafeKind, unsafeTextReason } from '../../domain/text.js';

/** The unsafe code points written out a second time, independently of the module's pattern. */
function unsafeKind(codePoint: number): UnsafeKind | null {
  if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) return 'control';
  if ([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].includes(codePoint)) return 'bidi';
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'lone-surrogate';
  if (codePoint === 0xfeff) return 'byte-order-mark';
  if ((codePoint >= 0xfdd0 && codePoint <= 0xfdef) || codePoint % 0x10000 >= 0xfffe) return 'noncharacter';
  return null;
}

describe('unsafe characters in display texts', () => {
  it.each([
    'Alpine IT AG',
    'Müller & Söhne GmbH',
    'Société Générale (Suisse) SA',
    '+41 44 123 45 67',
    'PO-2026/17 «Q4»',
    'nfr – partner’s own use',
    'שלום עולם',
    'مرحبا',
    '日本語のテキスト',
    '👩‍💻 Team', // a zero width joiner inside an emoji sequence is fine
    'a\u00a0b', // no-break space
    '',
  ])('accepts %j', (text) => {
    expect(findUnsafeCharacters(text)).toEqual([]);
    expect(isSafeText(text)).toBe(true);
    expect(unsafeTextReason(text)).toBeNull();
  });

  it.each<[string, string, UnsafeKind, number, number]>([
    ['a NUL', 'Alpine\u0000AG', 'control', 6, 0x0000],
    ['a bell', 'Alp\u0007ine', 'control', 3, 0x0007],
    ['a tab', 'Alpine\tAG', 'control', 6, 0x0009],
    ['a line feed', 'Alpine\nAG', 'control', 6, 0x000a],
    ['a carriage return', 'Alpine\rAG', 'control', 6, 0x000d],
    ['an escape', '\u001b[31mred', 'control', 0, 0x001b],
    ['DEL', 'x\u007f', 'control', 1, 0x007f],
    ['a C1 control', 'x\u0085y', 'control', 1, 0x0085],
    ['the Arabic letter mark', 'x\u061cy', 'bidi', 1, 0x061c],
    ['a left-to-right mark', 'x\u200ey', 'bidi', 1, 0x200e],
    ['a right-to-left mark', 'x\u200fy', 'bidi', 1, 0x200f],
    ['an embedding', 'x\u202ay', 'bidi', 1, 0x202a],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'bidi', 7, 0x202e],
    ['a pop', 'x\u202cy', 'bidi', 1, 0x202c],
    ['an isolate', 'x\u2066y', 'bidi', 1, 0x2066],
    ['a pop of an isolate', 'x\u2069y', 'bidi', 1, 0x2069],
    ['a lone high surrogate', 'x\ud83dy', 'lone-surrogate', 1, 0xd83d],
    ['a lone low surrogate', 'x\ude00', 'lone-surrogate', 1, 0xde00],
    ['a byte order mark', '\ufeffAlpine', 'byte-order-mark', 0, 0xfeff],
    ['U+FFFE', 'x\ufffe', 'noncharacter', 1, 0xfffe],
    ['U+FFFF', 'x\uffff', 'noncharacter', 1, 0xffff],
    ['U+FDD0', 'x\ufdd0', 'noncharacter', 1, 0xfdd0],
    ['U+1FFFE', 'x\u{1fffe}', 'noncharacter', 1, 0x1fffe],
  ])('refuses %s', (_, text, kind, index, codePoint) => {
    expect(findUnsafeCharacters(text)).toEqual([{ index, codePoint, kind }]);
    expect(isSafeText(text)).toBe(false);
    expect(unsafeTextReason(text)).toMatch(new RegExp(`U\\+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at ${index}`));
  });

  it('names every kind, and at most three characters of each', () => {
    expect(unsafeTextReason('a\u0001b\u202Ec\u0002\u0003\u0004\u0005')).toBe(
      'The text must not contain control characters (U+0001 at 1, U+0002 at 5, U+0003 at 6, 2 more) or bidirectional formatting characters (U+202E at 3).',
    );
    expect(unsafeTextReason('\u0000\u200e\ufeff')).toBe(
      'The text must not contain control characters (U+0000 at 0), bidirectional formatting characters (U+200E at 1) or byte order marks (U+FEFF at 2).',
    );
  });

  it('the bidi characters are exactly Unicode’s Bidi_Control', () => {
    const bidiControl = /^\p{Bidi_Control}$/u;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const isBidi = findUnsafeCharacters(String.fromCodePoint(cp)).some((f) => f.kind === 'bidi');
      if (isBidi !== bidiControl.test(String.fromCodePoint(cp))) expect.fail(`U+${cp.toString(16)}`);
    }
  });

  it('finds exactly the unsafe code points of any text (property)', () => {
    const interesting = fc.constantFrom(0x00, 0x09, 0x0a, 0x1f, 0x20, 0x7e, 0x7f, 0x85, 0x9f, 0xa0, 0x61c, 0x200d, 0x200e, 0x202e, 0x2066, 0x2069, 0x206a, 0xd800, 0xdfff, 0xfdd0, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x1fffe, 0x1f600, 0x10ffff);
    const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x10ffff }), interesting), { maxLength: 20 });
    fc.assert(
      fc.property(units, (codePoints) => {
        // Surrogate code points stand alone; a high one directly before a low one would pair.
        const text = codePoints.map((cp) => (cp >= 0xd800 && cp <= 0xdbff ? `${String.fromCharCode(cp)}x` : String.fromCodePoint(cp))).join('');
        const expected: { index: number; codePoint: number; kind: UnsafeKind }[] = [];
        for (let index = 0; index < text.length; ) {
          const codePoint = text.codePointAt(index)!;
          const kind = unsafeKind(codePoint);
          if (kind) expected.push({ index, codePoint, kind });
          index += codePoint > 0xffff ? 2 : 1;
        }
        expect(findUnsafeCharacters(text)).toEqual(expected);
        expect(isSafeText(text)).toBe(expected.length === 0);
        expect(unsafeTextReason(text) === null).toBe(expected.length === 0);
      }),
      { numRuns: 2000 },
    );
  });
});
