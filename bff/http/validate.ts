import type { Context, MiddlewareHandler } from 'hono';
import { z, type ZodType } from 'zod';
import { controlCharacterReason, printable } from './edge.js';
import { type FieldError, problems, zodErrors } from './problem.js';

/** The largest value of PostgreSQL's `integer` (int4): a number stored in one is at most this. */
export const INT4_MAX = 2_147_483_647;

/** The media types Hono's validator reads as JSON: application/json and application/…+json. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** Enough reasons to fix a body; 30,000 bad strings in 64 KiB get no longer answer. */
const MAX_STRING_REASONS = 50;

/**
 * The checks of a JSON body before zod: declared as JSON (a validator would otherwise take `{}`
 * in its place), JSON indeed, no control character in any string or key (PostgreSQL refuses NUL
 * in text and jsonb, and the others would reach tables, PDFs, CSV exports and logs unseen; no
 * field is free text today, so tab and line breaks are refused too); a refusal lists zod's
 * reasons as well. Routes declared
 * with @hono/zod-openapi run it as route middleware, before the library's own body validator.
 * That validator first refuses a Content-Type it does not take as JSON with 415 (problem+json
 * through app.ts's error handler); with a body, this check has already answered 400, so only a
 * non-JSON Content-Type on an empty body reaches it.
 */
export function jsonPreflight(schema: ZodType): MiddlewareHandler {
  return async (c, next) => {
    const body = await jsonBody(c);
    const errors = body === undefined ? [] : controlCharacterErrors(body.value);
    if (errors.length > 0) {
      // Every reason at once: zod's too (the hook sees zod's output, not the body).
      const result = await schema.safeParseAsync(body!.value);
      throw refusal([...errors, ...(result.success ? [] : zodErrors(result.error as never))]);
    }
    await next();
  };
}

/** 400 with every reason, control characters (in keys that zod quotes, say) written out. */
export function refusal(errors: FieldError[]) {
  return problems.badRequest(errors.map(({ path, message, ...rest }) => ({ ...rest, path: printable(path), message: printable(message) })));
}

/** The parsed JSON body, or undefined without one; 400 for a body that is not declared as JSON or is not JSON. */
async function jsonBody(c: Context): Promise<{ value: unknown } | undefined> {
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim();
  const text = await c.req.text();
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    if (text.length > 0) throw problems.badRequest([{ path: 'Content-Type', message: 'must be application/json for a request with a body' }]);
    return undefined; // no body: zod sees {} (a body whose fields are all optional)
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    throw problems.badRequest([{ path: '(body)', message: text.trim() === '' ? 'is empty; send a JSON object' : 'is not valid JSON' }]);
  }
}

interface Visit {
  value: unknown;
  parent?: Visit;
  key?: string | number;
}

function pathOf(visit: Visit): string {
  const keys: (string | number)[] = [];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) keys.push(v.key);
  const path = keys.reverse().join('.') || '(body)';
  return path.length > 200 ? `…${path.slice(-200)}` : path;
}

/**
 * A reason for every string of a parsed JSON value (keys included) with a control character.
 * Iterative: 64 KiB of JSON nests 30,000 levels deep, past any call stack.
 */
export function controlCharacterErrors(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Visit[] = [{ value }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (typeof visit.key === 'string') {
      const reason = controlCharacterReason(visit.key);
      if (reason) errors.push({ path: pathOf(visit), message: `its name ${reason}` });
    }
    const current = visit.value;
    if (typeof current === 'string') {
      const reason = controlCharacterReason(current);
      if (reason) errors.push({ path: pathOf(visit), message: reason });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], parent: visit, key: i });
    } else if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (current as Record<string, unknown>)[keys[i]!], parent: visit, key: keys[i]! });
    }
    if (errors.length >= MAX_STRING_REASONS) {
      errors.push({ path: '(body)', message: 'has more strings with control characters' });
      break;
    }
  }
  return errors;
}

/**
 * A whole number in a path or query parameter, which is text: decimal digits without leading
 * zeros, as we write them. z.coerce.number() would also read `0x10` (16), `1e3`, ` 5`, `007`
 * and the empty text (0). The OpenAPI document shows the number's own schema (its bounds).
 */
export function wholeNumberParam<T extends ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === 'string' && /^(0|-?[1-9]\d{0,15})$/.test(value) ? Number(value) : value), schema);
}

/**
 * The years a month or date may have: 2000–2999. Every date the API takes is a billing month or
 * date of this service, which began in the 2020s, so a year outside is a typo (0026, 20261),
 * never an intent. Four digits keep ISO 8601's basic form (not its ±YYYYYY expanded years, which
 * JavaScript and PostgreSQL read differently), and the range lies well inside both: PostgreSQL
 * has no year 0 (`0000-01-01` is an error there, once a 500) and dates from 4713 BC, JavaScript
 * ±275,760 years. Business bounds (cancel from tomorrow on) stay in domain/rules.ts (422).
 */
const YEAR = '2\\d{3}';
const MONTH = '(0[1-9]|1[0-2])';

/** `YYYY-MM`, a month of the years above. */
export function calendarMonth(message = 'must be a month such as 2026-11') {
  return z.string().regex(new RegExp(`^${YEAR}-${MONTH}$`), message);
}

const DATE = new RegExp(`^${YEAR}-${MONTH}-(0[1-9]|[12]\\d|3[01])$`);

/** Whether a text of the form above names a day that exists (2026-02-30 does not). */
function dayExists(text: string): boolean {
  if (!DATE.test(text)) return true; // the pattern's reason alone
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** `YYYY-MM-DD`, a day that exists (no 2026-02-30) in the years above. */
export function calendarDate(message = 'must be a date such as 2026-11-30') {
  return z.string().regex(DATE, message).refine(dayExists, message);
}
