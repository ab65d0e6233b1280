/**
 * Punycode, the part of `domain/idn.ts` the elements need to show names: a label's Unicode form
 * back from punycode, and a name as people read it. A module of its own, without the script
 * tables' regular expressions, so that an element that only shows names loads little
 * (`npm run size`, budget (a)). Pure, no `node:` imports. `domain/idn.ts` re-exports it.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const MAX_INT = 0x7fffffff;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26; // 0-9
  if (code >= 0x41 && code <= 0x5a) return code - 0x41; // A-Z
  if (code >= 0x61 && code <= 0x7a) return code - 0x61; // a-z
  return -1;
}

/**
 * RFC 3492's decoder: punycode (the part after `xn--`) to Unicode; null when it is not
 * punycode. Only the decoder: encoding is the URL parser's (`toAsciiHostName`).
 */
export function decodePunycode(input: string): string | null {
  const delimiter = input.lastIndexOf('-');
  const output: number[] = [];
  for (let p = 0; p < Math.max(delimiter, 0); p++) {
    const code = input.charCodeAt(p);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let pos = delimiter > 0 ? delimiter + 1 : 0; pos < input.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const digit = digitOf(input.charCodeAt(pos++));
      if (digit < 0) return null;
      i += digit * w;
      if (i > MAX_INT) return null;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (w > MAX_INT) return null;
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/**
 * A label of a host name in ASCII (as `toAsciiHostName` answers it) in its Unicode form:
 * `xn--` labels decoded, others as they are. Null for an `xn--` label that is not punycode or
 * that decodes to ASCII alone (IDNA never encodes such a label, so it is a forgery).
 */
export function labelToUnicode(label: string): string | null {
  if (!label.toLowerCase().startsWith('xn--')) return label;
  const decoded = decodePunycode(label.slice(4));
  return decoded === null || decoded === '' || /^[\x00-\x7f]*$/.test(decoded) ? null : decoded;
}

/**
 * A domain or host name as people read it: each `xn--` label that decodes validly
 * (`labelToUnicode`) in Unicode, every other label as it is. For what people read (headings,
 * notices, dialog texts); DNS records and exports keep the ASCII form, which is what is published.
 * `xn--bcher-walk-9db.ch` → `bücher-walk.ch`; `xn--zz.ch` (not punycode) stays as it is.
 */
export function displayName(asciiOrUnicode: string): string {
  return asciiOrUnicode
    .split('.')
    .map((label) => labelToUnicode(label) ?? label)
    .join('.');
}

/**
 * The Unicode form with the ASCII (punycode) form beside it where both matter (the DNS guide,
 * the deployment settings): `bücher-walk.ch (xn--bcher-walk-9db.ch)`; a name without IDN
 * labels once, as it is.
 */
export function displayNameWithAscii(ascii: string): string {
  const unicode = displayName(ascii);
  return unicode === ascii ? ascii : `${unicode} (${ascii})`;
}
