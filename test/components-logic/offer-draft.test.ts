import { describe, expect, it } from 'vitest';
import type { CatalogService, ManagedDomain } from '../../domain/api.js';
import {
  discountProblems,
  initialLines,
  lineAmounts,
  lineTotalOf,
  newLine,
  offerBody,
  offerTotal,
  percentOf,
  usersOf,
  validDaysValid,
} from '../../components/offer-dialog/offer-draft.js';

const catalog: CatalogService[] = [
  { code: 'SC-SERVICE', name: 'Service', billedUsers: '', prices: { CHF: 100, EUR: 90 } },
  { code: 'SC-F-INBOUND', name: 'Inbound', billedUsers: '', prices: { CHF: 250 } },
  { code: 'SC-SIGENC', name: 'Sign+encrypt', billedUsers: '' },
];

const line = (users: string, discountPercent = '', discountReason = '') => ({
  ...newLine('example.ch', ['SC-SERVICE', 'SC-F-INBOUND', 'SC-SIGENC'], false),
  users,
  discountPercent,
  discountReason,
});

describe('offer draft: what was typed', () => {
  it('takes users as a whole number from 1 to 1,000,000', () => {
    expect(usersOf({ users: ' 42 ' })).toBe(42);
    expect(usersOf({ users: '1000000' })).toBe(1_000_000);
    for (const bad of ['', '0', '1000001', '1.5', '-3', '1e3', 'ten']) expect(usersOf({ users: bad }), bad).toBeUndefined();
  });

  it('takes a discount with comma or point and at most two decimals, up to 100', () => {
    expect(percentOf({ discountPercent: '' })).toBeUndefined();
    expect(percentOf({ discountPercent: '12,5' })).toBe(12.5);
    expect(percentOf({ discountPercent: ' 100 ' })).toBe(100);
    for (const bad of ['12.345', '100.01', '-1', 'x']) expect(percentOf({ discountPercent: bad }), bad).toBeUndefined();
  });

  it('asks for a valid percentage and a reason once the discount is touched', () => {
    expect(discountProblems({ discountPercent: '', discountReason: '' })).toEqual({ percentInvalid: false, reasonMissing: false });
    expect(discountProblems({ discountPercent: '10', discountReason: ' ' })).toEqual({ percentInvalid: false, reasonMissing: true });
    expect(discountProblems({ discountPercent: '', discountReason: 'nfr' })).toEqual({ percentInvalid: true, reasonMissing: false });
    expect(discountProblems({ discountPercent: '10', discountReason: 'nfr' })).toEqual({ percentInvalid: false, reasonMissing: false });
  });

  it('takes 1 to 180 days of validity', () => {
    expect(['1', ' 30 ', '180'].map(validDaysValid)).toEqual([true, true, true]);
    expect(['', '0', '181', '7.5', 'x'].map(validDaysValid)).toEqual([false, false, false, false, false]);
  });
});

describe('offer draft: lines and arithmetic', () => {
  it('starts with the managed domains that have active services, in catalogue order', () => {
    const service = (code: ManagedDomain['services'][number]['code'], status: ManagedDomain['services'][number]['status']) =>
      ({ number: 1, code, name: code, status, startBilling: null, endBilling: null, discount: null });
    const domain = (name: string, services: ManagedDomain['services']): ManagedDomain =>
      ({ id: name, name, mode: 'inline', status: null, ms365TenantId: null, ginaHost: null, services });
    const lines = initialLines([
      domain('a.ch', [service('SC-F-INBOUND', 'provisioned'), service('SC-SERVICE', 'ordered'), service('SC-SIGENC', 'cancelled')]),
      domain('gone.ch', [service('SC-SERVICE', 'deprovisioned')]),
    ]);
    expect(lines).toEqual([{ domain: 'a.ch', services: ['SC-SERVICE', 'SC-F-INBOUND'], users: '', planned: false, discountPercent: '', discountReason: '' }]);
  });

  it('prices each service from the catalogue in the currency, nothing without valid users', () => {
    expect(lineAmounts(line(''), catalog, 'CHF')).toEqual([
      { code: 'SC-SERVICE', unit: 100, total: 0n },
      { code: 'SC-F-INBOUND', unit: 250, total: 0n },
      { code: 'SC-SIGENC', unit: undefined, total: 0n },
    ]);
    expect(lineAmounts(line('10'), catalog, 'CHF').map((a) => a.total)).toEqual([1000n, 2500n, 0n]);
    expect(lineAmounts(line('10'), catalog, 'EUR').map((a) => a.unit)).toEqual([90, undefined, undefined]);
  });

  it('applies the discount per service, rounded half up, and sums lines and offer', () => {
    // 3 × 100 × 0.875 = 262.5 → 263; 3 × 250 × 0.875 = 656.25 → 656.
    expect(lineAmounts(line('3', '12,5', 'nfr'), catalog, 'CHF').map((a) => a.total)).toEqual([263n, 656n, 0n]);
    expect(lineTotalOf(line('3', '12,5', 'nfr'), catalog, 'CHF')).toBe(919n);
    expect(offerTotal([line('3', '12,5', 'nfr'), line('10')], catalog, 'CHF')).toBe(919n + 3500n);
    expect(offerTotal([], catalog, 'CHF')).toBe(0n);
    // A discount that is no percentage counts as none until it is corrected.
    expect(lineTotalOf(line('10', 'abc', 'nfr'), catalog, 'CHF')).toBe(3500n);
  });
});

describe('offer draft: the body sent', () => {
  it('sends valid values as numbers and the discount only where there is one', () => {
    expect(offerBody({ language: 'de', validDays: '30', lines: [line(' 7 ', '5', ' test '), { ...line('2'), planned: true }] })).toEqual({
      language: 'de',
      validDays: 30,
      lines: [
        { domain: 'example.ch', services: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-SIGENC'], estimatedUsers: 7, discount: { percent: 5, reason: 'test' } },
        { domain: 'example.ch', services: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-SIGENC'], estimatedUsers: 2 },
      ],
    });
  });

  it('leaves out a validity that is no whole number and passes invalid users on for the BFF to refuse', () => {
    const body = offerBody({ language: 'en', validDays: ' ', lines: [line('0')] });
    expect(body).not.toHaveProperty('validDays');
    expect(body.lines[0]!.estimatedUsers).toBe(0);
    expect(offerBody({ language: 'en', validDays: '7.5', lines: [] })).toEqual({ language: 'en', lines: [] });
    expect(offerBody({ language: 'en', validDays: '400', lines: [] }).validDays).toBe(400);
  });
});
