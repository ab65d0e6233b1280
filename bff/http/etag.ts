import type { Context } from 'hono';
import { problems } from './problem.js';

export function etagFor(version: number): string {
  return `"v${version}"`;
}

/**
 * The version a PATCH or PUT expects: 428 without `If-Match`; `*` (any current version) is
 * null; anything but one of our strong tags is a 412, as weak tags never match If-Match.
 */
export function expectedVersion(c: Context): number | null {
  const header = c.req.header('If-Match')?.trim();
  if (!header) throw problems.preconditionRequired();
  if (header === '*') return null;
  const match = /^"v(\d+)"$/.exec(header);
  if (!match) throw problems.preconditionFailed();
  return Number(match[1]);
}
