/** One field of an audited entity that differs between before and after, both as text. */
export interface FieldChange {
  /** The field's name as the BFF records it (`invoiceReference`); empty for a value that is no object. */
  field: string;
  /** Undefined where the field did not exist (before a creation, after a removal). */
  before?: string;
  after?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A recorded value as one line: text as it is, lists of plain values comma-separated, the rest as JSON. */
export function valueText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.map(valueText).join(', ');
  return JSON.stringify(value);
}

/**
 * The fields whose values differ between an audit event's `before` and `after`, in the
 * order they first appear; a creation (`before` null) lists every field of `after`, and the
 * reverse for a removal.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const old = before ?? undefined;
  const now = after ?? undefined;
  if ((old === undefined || isRecord(old)) && (now === undefined || isRecord(now))) {
    const keys = [...new Set([...Object.keys(old ?? {}), ...Object.keys(now ?? {})])];
    return keys
      .filter((key) => JSON.stringify(old?.[key]) !== JSON.stringify(now?.[key]))
      .map((field) => ({
        field,
        before: old && field in old ? valueText(old[field]) : undefined,
        after: now && field in now ? valueText(now[field]) : undefined,
      }));
  }
  if (JSON.stringify(old) === JSON.stringify(now)) return [];
  return [{ field: '', before: old === undefined ? undefined : valueText(old), after: now === undefined ? undefined : valueText(now) }];
}
