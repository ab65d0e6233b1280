/** RFC 9457 problem details: every error the BFF answers, in one shape. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { Problem } from '../../domain/api.js';

/** One reason of a refusal; rule refusals carry domain/rules.ts's `code` and services. */
export type FieldError = NonNullable<Problem['errors']>[number];

/** Thrown anywhere in a request; the app's error handler answers it as problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

const TYPE_BASE = 'https://docs.seppmail.cloud/problems/';

export const problems = {
  badRequest: (errors: FieldError[], detail = 'The request is not valid; see errors for every reason.') =>
    new ProblemError(400, 'validation', 'Invalid request', detail, errors),
  unauthorized: (detail: string) =>
    new ProblemError(401, 'unauthorized', 'Authentication required', detail, undefined, { 'WWW-Authenticate': 'Bearer' }),
  forbidden: (detail: string) => new ProblemError(403, 'forbidden', 'Not allowed', detail),
  notFound: (what = 'The resource') => new ProblemError(404, 'not-found', 'Not found', `${what} does not exist or is not yours to see.`),
  conflict: (detail: string, errors?: FieldError[]) => new ProblemError(409, 'conflict', 'Conflict', detail, errors),
  preconditionFailed: () =>
    new ProblemError(412, 'precondition-failed', 'Changed meanwhile', 'The resource changed since you loaded it. Load it again and repeat your change.'),
  unprocessable: (detail: string, errors: FieldError[]) => new ProblemError(422, 'rule-violation', 'Refused by a rule', detail, errors),
  preconditionRequired: () =>
    new ProblemError(428, 'precondition-required', 'If-Match required', 'Send If-Match with the ETag you loaded, so that no change made meanwhile is overwritten.'),
};

export function zodErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}

export function problemBody(problem: ProblemError, requestId?: string): Problem {
  return {
    type: TYPE_BASE + problem.slug,
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

export function problemResponse(c: Context, problem: ProblemError): Response {
  const requestId = c.get('requestId') as string | undefined;
  return new Response(JSON.stringify(problemBody(problem, requestId)), {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json', ...problem.headers, ...(requestId ? { 'X-Request-Id': requestId } : {}) },
  });
}
