import { domainToUnicode } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePunycode, disallowedLabelCharacters, displayName, displayNameWithAscii, isSymbolOnlyLabel, labelScripts, labelToUnicode, mixesScripts } from '../../domain/idn.js';
import { toAsciiHostName } from '../../domain/rules.js';

describe('decodePunycode', () => {
  it.each([
    // RFC 3492, 7.1 (B), (A), (L) and (S)
    ['ihqwcrb4cv8a8dqg056pqjye', '他们为什么不说中文'],
    ['egbpdaj6bu4bxfgehfvwxn', 'ليهمابتكلموشعربي؟'],
    ['3B-ww4c5e180e575a65lsy2b', '3年B組金八先生'],
    ['-> $1.00 <--', '-> $1.00 <-'],
    ['bcher-kva', 'bücher'],
    ['80adxhks', 'москва'],
    ['mller-bau-q9a', 'müller-bau'],
  ])('%s is %s', (punycode, unicode) => {
    expect(decodePunycode(punycode)).toBe(unicode);
  });

  it.each(['zz', 'ab+', 'bcher-kv', `${'9'.repeat(20)}`])('refuses %j', (punycode) => {
    expect(decodePunycode(punycode)).toBeNull();
  });

  it('undoes what the URL parser encodes, as node:url decodes it (property)', () => {
    const letters = fc.string({ unit: fc.constantFrom(...'aäbcçdeéèfghijklmnñoöpqrsßtuüvwxyzαβγδабвгдежзあいうアイウ日本語한국어ไทยעבר0123456789-'), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(letters, (label) => {
        const ascii = toAsciiHostName(`${label}.ch`);
        fc.pre(ascii !== null);
        const first = ascii!.split('.')[0]!;
        expect(labelToUnicode(first)).toBe(first.startsWith('xn--') ? domainToUnicode(`${first}.ch`).slice(0, -3) : first);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('labelToUnicode', () => {
  it('decodes xn-- labels, keeps others, and refuses forgeries', () => {
    expect(labelToUnicode('xn--bcher-kva')).toBe('bücher');
    expect(labelToUnicode('example')).toBe('example');
    expect(labelToUnicode('xn--ab-')).toBeNull(); // decodes to ASCII alone
    expect(labelToUnicode('xn--zz')).toBeNull();
    expect(labelToUnicode('xn--')).toBeNull();
  });
});

describe('label characters', () => {
  it('allows letters, marks, decimal digits and hyphens only', () => {
    expect(disallowedLabelCharacters('bücher-2026')).toEqual([]);
    expect(disallowedLabelCharacters('x\u0301')).toEqual([]);
    expect(disallowedLabelCharacters('٣٤')).toEqual([]);
    expect(disallowedLabelCharacters('i❤ny😀😀')).toEqual(['❤', '😀']);
    expect(disallowedLabelCharacters('a‐b·c')).toEqual(['‐', '·']);
  });
});

describe('scripts', () => {
  it.each<[string, string[], boolean]>([
    ['apple', ['Latin'], false],
    ['bücher', ['Latin'], false],
    ['müller-bau2', ['Latin'], false],
    ['москва', ['Cyrillic'], false],
    ['παράδειγμα', ['Greek'], false],
    ['例え', ['Han', 'Hiragana'], false],
    ['日本語', ['Han'], false],
    ['コーヒー', ['Hiragana', 'Katakana'], false], // ー is Hiragana and Katakana
    ['sonyストア', ['Katakana', 'Latin'], false],
    ['東京tokyoとうきょう', ['Han', 'Hiragana', 'Latin'], false],
    ['samsung삼성', ['Hangul', 'Latin'], false],
    ['三星삼성', ['Han', 'Hangul'], false],
    ['注音ㄅㄆ', ['Bopomofo', 'Han'], false],
    ['ᚠᚢᚦ', ['Other'], false],
    ['2026', [], false],
    ['аpple', ['Cyrillic', 'Latin'], true],
    ['pαypal', ['Greek', 'Latin'], true],
    ['москваmoscow', ['Cyrillic', 'Latin'], true],
    ['あ삼', ['Hangul', 'Hiragana'], true],
    ['ㄅア', ['Bopomofo', 'Katakana'], true],
    ['日本ру', ['Cyrillic', 'Han'], true],
    ['aᚠ', ['Latin', 'Other'], true],
    ['שלוםabc', ['Hebrew', 'Latin'], true],
  ])('%s: %j, mixes: %s', (label, scripts, mixes) => {
    expect(labelScripts(label)).toEqual(scripts);
    expect(mixesScripts(label)).toBe(mixes);
  });
});

describe('displayName', () => {
  it.each([
    ['xn--bcher-walk-9db.ch', 'bücher-walk.ch'],
    ['securemail.xn--bcher-walk-9db.ch', 'securemail.bücher-walk.ch'],
    ['xn--80adxhks.xn--p1ai', 'москва.рф'],
    ['example.ch', 'example.ch'],
    ['bücher-walk.ch', 'bücher-walk.ch'], // already Unicode
    ['xn--zz.ch', 'xn--zz.ch'], // not punycode: as it is
    ['xn--ab-.ch', 'xn--ab-.ch'], // decodes to ASCII alone, which IDNA never encodes: as it is
    ['', ''],
  ])('%s reads %s', (input, expected) => {
    expect(displayName(input)).toBe(expected);
  });

  it('is the Unicode form node:url gives for every name the URL parser encodes (property)', () => {
    const letters = fc.string({ unit: fc.constantFrom(...'abcäöüéßαβγабвあア日한ไ0123-'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(letters, letters, (a, b) => {
        const ascii = toAsciiHostName(`${a}.${b}.ch`);
        fc.pre(ascii !== null);
        expect(displayName(ascii!)).toBe(domainToUnicode(ascii!));
        expect(displayName(displayName(ascii!))).toBe(displayName(ascii!));
      }),
    );
  });

  it('shows the punycode beside the Unicode form only where they differ', () => {
    expect(displayNameWithAscii('xn--bcher-walk-9db.ch')).toBe('bücher-walk.ch (xn--bcher-walk-9db.ch)');
    expect(displayNameWithAscii('example.ch')).toBe('example.ch');
  });
});

describe('isSymbolOnlyLabel', () => {
  it.each(['😀', '★', '—', '😀😀', '❤️', '-'])('%s has no letter or digit', (label) => {
    expect(isSymbolOnlyLabel(label)).toBe(true);
  });
  it.each(['bücher', 'i❤zurich', '1', '٣', '日本', '😀1', ''])('%s is not symbols alone', (label) => {
    expect(isSymbolOnlyLabel(label)).toBe(false);
  });
});
