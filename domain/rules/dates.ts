/** End-billing dates of a cancellation. */
import { addDays, lastOfMonth } from '../dates.js';
import type { Reason } from './reasons.js';

/** Default end of billing: the last day of this month, but never earlier than tomorrow. */
export function defaultEndBilling(today: string): string {
  const tomorrow = addDays(today, 1);
  const endOfMonth = lastOfMonth(today);
  return endOfMonth < tomorrow ? tomorrow : endOfMonth;
}

export function earliestEndBilling(today: string): string {
  return addDays(today, 1);
}

export function checkEndBilling(date: string, today: string): Reason[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    return [{ code: 'end-billing-invalid', path: 'endBilling', message: 'The end-billing date must be a date (YYYY-MM-DD).' }];
  }
  const earliest = earliestEndBilling(today);
  return date < earliest ? [{ code: 'end-billing-too-early', path: 'endBilling', message: `The end-billing date must be ${earliest} or later.` }] : [];
}
