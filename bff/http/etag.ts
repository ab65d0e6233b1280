import type { Context } from 'hono';
import { problems } from './problem.js';
import { INT4_MAX } from './validate.js';

export function etagFor(version: number): string {
  return `"v${version}"`;
}

/**
 * The version a PATCH or PUT expects: 428 without `If-Match`; `*` (any current version) is
 * null; anything but one of our strong tags is a 412, as weak tags never match If-Match.
 * Strong tags compare character by character, so only the form etagFor() writes can match:
 * `"v01"` is not `"v1"`. Versions are int4 columns, so a larger number (`"v99999999999"`) is a
 * tag that never matched any version: 412 here, not a value for the database to refuse.
 */
export function expectedVersion(c: Context): number | null {
  const header = c.req.header('If-Match')?.trim();
  if (!header) throw problems.preconditionRequired();
  if (header === '*') return null;
  const match = /^"v(0|[1-9]\d{0,9})"$/.exec(header);
  if (!match || Number(match[1]) > INT4_MAX) throw problems.preconditionFailed();
  return Number(match[1]);
}
