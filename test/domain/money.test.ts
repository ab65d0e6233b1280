import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basisPoints, formatMinor, formatMoney, lineTotal, parseMinor, sum } from '../../domain/money.js';

describe('formatMinor and parseMinor', () => {
  it.each([
    [12345n, '123.45'],
    [0n, '0.00'],
    [5n, '0.05'],
    [50n, '0.50'],
    [100n, '1.00'],
    [-5n, '-0.05'],
    [-12345n, '-123.45'],
    [9_007_199_254_740_993n, '90071992547409.93'],
  ])('%s ↔ %s', (minor, decimal) => {
    expect(formatMinor(minor)).toBe(decimal);
    expect(parseMinor(decimal)).toBe(minor);
  });

  it('takes numbers too, and shorter decimals', () => {
    expect(formatMinor(450)).toBe('4.50');
    expect(parseMinor('4.5')).toBe(450n);
    expect(parseMinor('4')).toBe(400n);
  });

  it.each(['', '1.234', '1,50', 'abc', '1e3', '.5'])('refuses %j', (text) => {
    expect(() => parseMinor(text)).toThrow(RangeError);
  });

  it('round-trips every amount', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (minor) => parseMinor(formatMinor(minor)) === minor));
  });
});

describe('basisPoints', () => {
  it.each([
    [0, 0],
    [15, 1500],
    [15.5, 1550],
    [15.55, 1555],
    [0.01, 1],
    [33.33, 3333],
    [100, 10_000],
    ['12.5', 1250],
    ['7', 700],
  ])('%j %% = %i bp', (percent, points) => {
    expect(basisPoints(percent)).toBe(points);
  });

  it.each([-1, 100.01, 101, 15.555, 0.001, Number.NaN, Number.POSITIVE_INFINITY, '1,5', '', '1e2'])('refuses %j', (percent) => {
    expect(() => basisPoints(percent)).toThrow(RangeError);
  });
});

describe('lineTotal', () => {
  it.each([
    // quantity, unit (minor), discount %, total (minor), why
    [120, 450, 15, 45_900n, '120 × 4.50 = 540.00, less 15 % = 459.00'],
    [120, 450, 0, 54_000n, 'no discount'],
    [120, 450, 100, 0n, 'nfr: everything off'],
    [1, 150, 50, 75n, 'half of 1.50'],
    [1, 1, 50, 1n, '0.005 rounds half up to 0.01'],
    [1, 3, 50, 2n, '0.015 rounds half up to 0.02'],
    [1, 1, 50.01, 0n, '0.004999 rounds down'],
    [3, 333, 33.33, 666n, '9.99 less 33.33 % = 6.660333 → 6.66'],
    [7, 185, 12.5, 1133n, '12.95 less 12.5 % = 11.33125 → 11.33'],
    [1_000_000, 450, 15.55, 380_025_000n, 'a million users'],
    [0, 450, 15, 0n, 'no users'],
  ])('%i × %i less %j %% = %s (%s)', (quantity, unit, percent, total) => {
    expect(lineTotal(quantity, unit, percent)).toBe(total);
  });

  it('defaults to no discount and takes bigint', () => {
    expect(lineTotal(120n, 450n)).toBe(54_000n);
  });

  it.each([
    [-1, 450],
    [1, -450],
    [1.5, 450],
    [1, 4.5],
  ])('refuses %j × %j', (quantity, unit) => {
    expect(() => lineTotal(quantity, unit)).toThrow(RangeError);
  });

  const percents = fc.integer({ min: 0, max: 10_000 }).map((bp) => (bp / 100).toFixed(2));
  const quantities = fc.integer({ min: 0, max: 1_000_000 });
  const units = fc.integer({ min: 0, max: 1_000_000 });

  it('never exceeds the undiscounted amount, 0 % is quantity × unit, 100 % is nothing', () => {
    fc.assert(
      fc.property(quantities, units, percents, (quantity, unit, percent) => {
        const gross = BigInt(quantity) * BigInt(unit);
        const total = lineTotal(quantity, unit, percent);
        return total >= 0n && total <= gross && lineTotal(quantity, unit, 0) === gross && lineTotal(quantity, unit, 100) === 0n;
      }),
    );
  });

  it('is within half a minor unit of the exact amount, and a larger discount never costs more', () => {
    fc.assert(
      fc.property(quantities, units, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (quantity, unit, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const exactTimes10000 = BigInt(quantity) * BigInt(unit) * BigInt(10_000 - low);
        const error = lineTotal(quantity, unit, low / 100) * 10_000n - exactTimes10000;
        return error > -5_000n && error <= 5_000n && lineTotal(quantity, unit, high / 100) <= lineTotal(quantity, unit, low / 100);
      }),
    );
  });
});

describe('sum', () => {
  it('adds exactly, also where floats would not', () => {
    expect(sum([])).toBe(0n);
    expect(sum([10n, 20n])).toBe(30n);
    expect(formatMinor(sum([10n, 20n]))).toBe('0.30'); // 0.1 + 0.2 !== 0.3 in floats
    expect(sum([9_007_199_254_740_991n, 2n])).toBe(9_007_199_254_740_993n);
  });
});

describe('formatMoney', () => {
  it.each([
    // As Node's ICU (CLDR) formats them: Swiss locales group with an apostrophe.
    [45_900n, 'CHF', 'de-CH', 'CHF 459.00'],
    [123_456n, 'CHF', 'de-CH', "CHF 1'234.56"],
    [123_456n, 'EUR', 'de-CH', "EUR 1'234.56"],
    [123_456n, 'CHF', 'en-CH', "CHF 1'234.56"],
    [123_456n, 'CHF', 'fr-CH', '1 234.56 CHF'],
    [123_456n, 'EUR', 'fr-CH', '1 234.56 €'],
    [123_456n, 'CHF', 'it-CH', 'CHF 1234.56'],
    [123_456n, 'EUR', 'de-DE', '1.234,56 €'],
    [9_007_199_254_740_993n, 'CHF', 'en-CH', "CHF 90'071'992'547'409.93"],
  ])('%s %s in %s', (minor, currency, locale, expected) => {
    // Intl separates with (narrow) no-break spaces; compare with plain ones.
    expect(formatMoney(minor, currency, locale).replace(/[\u00a0\u202f]/g, ' ')).toBe(expected);
  });
});
