/**
 * The API's edge (bff/app.ts, first under `/api`): characters that no valid request has are
 * refused before anything reads them. A path or query string whose decoded text has a control
 * character (`\p{Cc}`: C0 with NUL, DEL and C1), or a percent-encoding that is not UTF-8, is 400
 * problem+json with a reason per parameter (`(path)` for a path segment, the parameter's name for
 * a query value, `(query)` for a parameter's name).
 *
 * No ID, number, month or search text of the API has a control character. PostgreSQL refuses
 * NUL in text and jsonb (once a 500), and the others would reach logs, CSV exports and PDFs
 * unseen; a lone surrogate cannot even be percent-encoded, as it is not UTF-8.
 *
 * The order of refusals is scope (404), then role (403), then the request (400), so that a
 * foreign tenant looks exactly like a missing one. This check runs before all three, even
 * before authentication, but it discloses nothing: it depends on the request's text alone, and a
 * value with a control character can never name anything nor be valid for anyone. For a path ID
 * 404 would be as true; 400 is chosen because it says what is wrong, and the value never reaches
 * the database.
 */
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { describeCharacters, findUnsafeCharacters } from '../../domain/text.js';
import type { AppEnv } from '../app-env.js';
import { type FieldError, problems } from './problem.js';

/** Enough reasons to fix a request; a query of thousands of bad parameters gets no longer answer. */
const MAX_REASONS = 20;

/** Null when the text has no control character (domain/text.ts's `control` kind); else the reason, naming the first three. */
export function controlCharacterReason(text: string): string | null {
  const found = findUnsafeCharacters(text).filter((f) => f.kind === 'control');
  return found.length === 0 ? null : `must not contain control characters (${describeCharacters(found)})`;
}

/** The text with its control characters written as `\u0000`, safe to show in a reason or a log. */
export function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function decoded(raw: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replaceAll('+', ' ') : raw);
  } catch {
    return undefined;
  }
}

/** Every reason to refuse the URL's path and query (empty for a URL that may be valid). */
export function urlErrors(url: string): FieldError[] {
  const { pathname, search } = new URL(url);
  const errors: FieldError[] = [];

  const segments = pathname.split('/');
  segments.forEach((raw, i) => {
    if (i === 0 || errors.length >= MAX_REASONS) return;
    const after = segments.slice(0, i).join('/').slice(0, 100);
    const text = decoded(raw, false);
    const reason = text === undefined ? 'has a percent-encoding that is not UTF-8' : controlCharacterReason(text);
    if (reason) errors.push({ path: '(path)', message: `the segment after ${after}/ ${reason}` });
  });

  for (const part of search.slice(1).split('&')) {
    if (part === '' || errors.length >= MAX_REASONS) continue;
    const equals = part.indexOf('=');
    const [rawName, rawValue] = equals < 0 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)];
    const name = decoded(rawName, true);
    if (name === undefined || controlCharacterReason(name)) {
      errors.push({ path: '(query)', message: `a parameter's name ${name === undefined ? 'has a percent-encoding that is not UTF-8' : controlCharacterReason(name)}` });
      continue;
    }
    const value = decoded(rawValue, true);
    const reason = value === undefined ? 'has a percent-encoding that is not UTF-8' : controlCharacterReason(value);
    if (reason) errors.push({ path: name.slice(0, 100), message: reason });
  }
  return errors;
}

/**
 * Printable ASCII without `%`: such a URL has no control character and no percent-encoding to
 * break, so the full check (~17 µs: a URL parsed, every segment and parameter decoded and
 * scanned) is skipped for it: the ordinary request (issue 10, a lean request path).
 */
const PLAIN_URL = /^[\x21-\x24\x26-\x7e]*$/;

/** 400 for a path or query with control characters or broken percent-encoding; see above. */
export function edge(): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (PLAIN_URL.test(c.req.url)) return next();
    const errors = urlErrors(c.req.url);
    if (errors.length > 0) throw problems.badRequest(errors, 'The path or query has characters that no valid request has; see errors for every reason.');
    await next();
  });
}
