/**
 * Exact money: amounts are integers of minor units (Rappen, cents) as `bigint`, never binary
 * floats. CHF and EUR both have two decimals, so one minor unit is 0.01 everywhere here.
 *
 * A discount is a percentage with at most two decimals, held as basis points (15.5 % = 1550).
 * A line's total is `quantity × unitMinor × (10000 − basisPoints) / 10000`, computed in
 * integers and rounded half up to a whole minor unit once per line (amounts are never
 * negative, so half up is half away from zero). A sum adds line totals that are already
 * rounded, so a statement's total equals the sum of the totals it shows.
 */

/** An amount in minor units. */
export type Minor = bigint;

const BASIS_POINTS = 10_000n;

/**
 * `15`, `15.5`, `"15.55"` → 1500, 1550, 1555. Throws a RangeError outside 0–100 or with more
 * than two decimals (read from the number's shortest decimal form, so 15.55 is exact).
 */
export function basisPoints(percent: number | string): number {
  const text = typeof percent === 'number' ? String(percent) : percent.trim();
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`a discount is a percentage with at most two decimals, not ${text}`);
  const points = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (points > 10_000) throw new RangeError(`a discount is at most 100 %, not ${text}`);
  return points;
}

function nonNegativeInteger(value: number | bigint, what: string): bigint {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer, not ${value}`);
  const big = BigInt(value);
  if (big < 0n) throw new RangeError(`${what} must not be negative, not ${value}`);
  return big;
}

/**
 * `quantity × unitMinor`, less `discountPercent` (0–100, at most two decimals), rounded half
 * up to a minor unit: 120 × 450 less 15 % = 45900.
 */
export function lineTotal(quantity: number | bigint, unitMinor: number | bigint, discountPercent: number | string = 0): Minor {
  const gross = nonNegativeInteger(quantity, 'quantity') * nonNegativeInteger(unitMinor, 'unit price');
  const kept = BASIS_POINTS - BigInt(basisPoints(discountPercent));
  return (gross * kept + BASIS_POINTS / 2n) / BASIS_POINTS;
}

export function sum(amounts: Iterable<Minor>): Minor {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

/** `12345` → `"123.45"`, `-5` → `"-0.05"`: the plain decimal that JSON and CSV carry. */
export function formatMinor(minor: Minor | number): string {
  const big = BigInt(minor);
  const digits = (big < 0n ? -big : big).toString().padStart(3, '0');
  return `${big < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** `"123.45"`, `"123.4"`, `"123"` → 12345n; the reverse of {@link formatMinor}. */
export function parseMinor(decimal: string): Minor {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!match) throw new RangeError(`not an amount with at most two decimals: ${decimal}`);
  const value = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -value : value;
}

/**
 * The amount in the locale's currency format, exactly (Intl formats the decimal string, never
 * a float): `formatMoney(123456n, 'CHF', 'de-CH')` → `CHF 1'234.56`.
 */
export function formatMoney(minor: Minor | number, currency: string, locale: string): string {
  // Intl.NumberFormat takes decimal strings exactly (ECMA-402 NumberFormat v3); the types lag.
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(formatMinor(minor) as unknown as number);
}
