import type { Context } from 'hono';
import { problems } from './problem.js';

export function etagFor(version: number): string {
  return `"v${version}"`;
}

/** The version a PATCH or PUT expects: 428 without `If-Match`, 412 when it names no version. */
export function expectedVersion(c: Context): number {
  const header = c.req.header('If-Match');
  if (!header) throw problems.preconditionRequired();
  const match = /^(?:W\/)?"v(\d+)"$/.exec(header.trim());
  if (!match) throw problems.preconditionFailed();
  return Number(match[1]);
}
