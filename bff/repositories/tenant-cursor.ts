/**
 * The tenant list's cursors (docs/architecture.md#the-tenant-list-at-scale): opaque to clients,
 * base64url of JSON holding the sort key, the order, a fingerprint of the search, the boundary
 * row's sort values and the direction, plus a check over all of it.
 *
 * The check is a digest, not a signature: it refuses a cursor that was cut, mistyped or edited
 * by hand with a stable 400 instead of a page that silently starts elsewhere. Forging one gains
 * nothing: a cursor only says where to start, and the scope is applied again on every request.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SortOrder, TenantSortKey, TenantSummary } from '../../domain/api.js';
import { TENANT_SORT_KEYS } from '../../domain/api.js';
import { findUnsafeCharacters } from '../../domain/text.js';
import { problems } from '../http/problem.js';

/** `after` the boundary row for the next page, `before` it for the previous one. */
export type CursorDirection = 'after' | 'before';

/** The boundary row's sort values: what the key orders by, the ID always last. */
export type BoundaryValues = [string, string] | [string] | [number, string];

export interface TenantCursor {
  sort: TenantSortKey;
  order: SortOrder;
  direction: CursorDirection;
  values: BoundaryValues;
}

const VERSION = 1;
/** Longer than any cursor we make (a 200-character name in UTF-8, base64url): refused unread. */
export const MAX_CURSOR_LENGTH = 2_000;

// No control characters: no name or ID holds one, and PostgreSQL refuses NUL in text (a cursor's
// digest is no secret, so a hand-made one must be checked like any input).
const text = z.string().max(400).refine((value) => !findUnsafeCharacters(value).some((found) => found.kind === 'control'));
const Payload = z
  .object({
    v: z.literal(VERSION),
    s: z.enum(TENANT_SORT_KEYS),
    o: z.enum(['asc', 'desc']),
    q: z.string().max(40),
    d: z.enum(['after', 'before']),
    k: z.union([z.tuple([text, text]), z.tuple([text]), z.tuple([z.number().int().min(0).max(2_147_483_647), text])]),
    c: z.string().max(40),
  })
  .strict();

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 16);
}

/** Which search a cursor belongs to, without carrying the search text around in URLs. */
export function searchFingerprint(term: string | undefined): string {
  return digest(`q:${term ?? ''}`);
}

/** The values a row is ordered by, as the cursor carries them. */
export function boundaryOf(sort: TenantSortKey, row: TenantSummary): BoundaryValues {
  switch (sort) {
    case 'name': return [row.name, row.id];
    case 'id': return [row.id];
    case 'managedDomains': return [row.managedDomains, row.id];
    case 'totalServices': return [row.totalServices, row.id];
  }
}

export function encodeCursor(cursor: TenantCursor, fingerprint: string): string {
  const body = { v: VERSION, s: cursor.sort, o: cursor.order, q: fingerprint, d: cursor.direction, k: cursor.values };
  const json = JSON.stringify(body);
  return Buffer.from(JSON.stringify({ ...body, c: digest(json) })).toString('base64url');
}

function invalid(message: string) {
  return problems.badRequest([{ path: 'cursor', code: 'cursor-invalid', message }]);
}

/**
 * The cursor, or a 400 (`cursor-invalid`) when it is not one of ours or was made for another
 * sort, order or search: its boundary would mean nothing in this list.
 */
export function decodeCursor(raw: string, expected: { sort: TenantSortKey; order: SortOrder; fingerprint: string }): TenantCursor {
  const malformed = 'is not a cursor from this list; start again from the first page';
  if (raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid(malformed);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid(malformed);
  }
  const result = Payload.safeParse(parsed);
  if (!result.success) throw invalid(malformed);
  const { c, ...body } = result.data;
  if (digest(JSON.stringify(body)) !== c) throw invalid(malformed);
  if (!fitsKey(body.s, body.k)) throw invalid(malformed);
  if (body.s !== expected.sort || body.o !== expected.order || body.q !== expected.fingerprint) {
    throw invalid('was made for another sort, order or search; start again from the first page');
  }
  return { sort: body.s, order: body.o, direction: body.d, values: body.k as BoundaryValues };
}

/** Whether the values have the shape `boundaryOf` gives for the key. */
function fitsKey(sort: TenantSortKey, values: readonly (string | number)[]): boolean {
  if (sort === 'id') return values.length === 1;
  return values.length === 2 && typeof values[0] === (sort === 'name' ? 'string' : 'number');
}
