/**
 * What a failed database call means for the caller. A lost connection or a server that is
 * restarting is not the request's fault and will pass: 503 with Retry-After, and the process
 * goes on (the pool opens new connections by itself). A value PostgreSQL refuses (a "data
 * exception") is the client's: 400, as a last line behind the zod schemas at the edge, logged
 * so that the edge gets the check it lacked.
 */
import { ProblemError } from './problem.js';

const CONNECTION_MESSAGES = [
  'Connection terminated',
  'connection error',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end',
  'driver has already been destroyed',
];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

function sqlState(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The database is out of reach or refused work for a while: the same request may succeed soon. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = sqlState(error);
  if (NETWORK_CODES.has(code)) return true;
  // 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now;
  // 53: insufficient resources (too many connections); 40001/40P01: a collision retried in vain.
  if (/^(08|53)/.test(code) || ['57P01', '57P02', '57P03', '40001', '40P01', '57014'].includes(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return CONNECTION_MESSAGES.some((m) => message.includes(m));
}

/** PostgreSQL refused a value the client sent (class 22, data exception). */
export function isRefusedValue(error: unknown): boolean {
  return sqlState(error).startsWith('22');
}

export function databaseProblem(error: unknown): ProblemError | undefined {
  if (isDatabaseUnavailable(error)) {
    return new ProblemError(503, 'unavailable', 'Temporarily unavailable', 'The database could not be reached or was busy, so the request may not have been saved. Try again in a moment (with the same Idempotency-Key, a change is made at most once).', undefined, {
      'Retry-After': '1',
    });
  }
  if (isRefusedValue(error)) {
    return new ProblemError(400, 'validation', 'Invalid request', 'A value in the request is out of range or not valid.', [
      { path: '(request)', message: 'contains a value out of range or not valid' },
    ]);
  }
  return undefined;
}
