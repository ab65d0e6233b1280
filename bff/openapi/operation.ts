/**
 * How a route describes itself: `operation()` wraps @hono/zod-openapi's `createRoute` with what
 * every operation of this API shares — the guard as route middleware (it runs before the
 * validators, so the order stays scope 404 → role 403 → validation 400), the JSON body's
 * pre-checks (bff/http/validate.ts), "who may" derived from domain/roles.ts `PERMISSIONS`, the
 * problem responses, and the response headers. `openApiRoutes()` makes the sub-app whose
 * validation failures are our problem+json 400 with every reason.
 */
import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import { type Action, PERMISSIONS } from '../../domain/roles.js';
import type { AppEnv } from '../app-env.js';
import { jsonPreflight, refusal } from '../http/validate.js';
import { zodErrors } from '../http/problem.js';
import * as S from './schemas.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 428 | 429 | 503;

export const ERROR_MEANING: Record<ErrorStatus, string> = {
  400: 'The request is malformed or fails validation; `errors` lists every reason.',
  401: 'No valid bearer token.',
  403: "The caller's level or roles lack the right.",
  404: "Not there, or outside the caller's scope (never says which).",
  409: 'A conflict: the domain or GINA host is taken, or the same Idempotency-Key is still running.',
  412: 'If-Match names an outdated version.',
  413: 'The body is larger than 64 KiB.',
  422: 'A rule of the domain refuses; `errors` lists every reason with its `code`. Also: an Idempotency-Key reused for another request.',
  428: 'If-Match is required.',
  429: "Too many requests: the caller's writes or this address's failed authentications are over their budget (RATE_LIMIT_*); see Retry-After, RateLimit and RateLimit-Policy.",
  503: 'The database was out of reach or busy (or, for /api/health, the process drains): the request may not have been saved; retry after Retry-After (with the same Idempotency-Key, a change is made at most once).',
};

/** The response headers, as components/headers (registered in `registerComponents`). */
export const HEADERS = {
  'X-Request-Id': { description: "The server's own ID of this request, also in the logs and the audit log.", schema: { type: 'string' } },
  ETag: { description: 'The version of the resource; send it back in If-Match to change it.', schema: { type: 'string' } },
  Location: { description: 'Where the created resource (or the job, or the PDF) is.', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '`true` when this is the stored answer of an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'string' } },
  RateLimit: { description: 'The budget left: `"writes";r=<remaining>;t=<seconds until it is whole again>` (draft-ietf-httpapi-ratelimit-headers).', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'The budget: `"writes";q=<quota>;w=<window in seconds>`.', schema: { type: 'string' } },
} as const;
export type HeaderName = keyof typeof HEADERS;

const headerRefs = (names: readonly HeaderName[]) =>
  Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));

/** "Who may": from domain/roles.ts, so that the document never says other than the BFF enforces. */
export function whoMay(action: Action | undefined, publicOperation = false): string {
  if (publicOperation) return 'Anyone (no token).';
  if (!action) return 'Any authenticated caller, within scope.';
  const rule = PERMISSIONS[action];
  const levels = rule.levels.map((level) => `\`${level}\``).join(', ');
  const roles =
    rule.roles === 'any'
      ? 'any role'
      : rule.roles.length === 0
        ? 'role `ALL`'
        : `role ${[...rule.roles, 'ALL'].map((role) => `\`${role}\``).join(' or ')}`;
  return `Action \`${action}\`: ${roles} at level ${levels}, within scope.`;
}

/** One problem+json response per status. */
export function problemResponses<const T extends ErrorStatus>(statuses: readonly T[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_MEANING[status],
        headers: headerRefs(status === 429 ? ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy'] : status === 503 ? ['X-Request-Id', 'Retry-After'] : ['X-Request-Id']),
        content: { 'application/problem+json': { schema: S.Problem } },
      },
    ]),
  ) as unknown as { [K in T]: { description: string; content: { 'application/problem+json': { schema: typeof S.Problem } } } };
}

/** A success response with its content and headers (X-Request-Id always). */
export function ok<const C extends Record<string, { schema: ZodType | object }>>(description: string, content: C, headers: readonly HeaderName[] = []) {
  return { description, headers: headerRefs(['X-Request-Id', ...headers]), content };
}

/** JSON content of a zod schema. */
export const json = <T extends ZodType>(schema: T) => ({ 'application/json': { schema } });

const IF_MATCH = { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'the ETag you loaded, or *' } as const;
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 255 },
  description: 'a retry with the same key and body gets the first answer again',
} as const;

type OperationSpec = Omit<RouteConfig, 'description' | 'tags' | 'operationId' | 'middleware'> & {
  operationId: string;
  tag: string;
  /** The action that domain/roles.ts must allow; the guard enforces it, the document says it. */
  action?: Action;
  /** The guard (policy.ts) that checks scope and role before anything else. */
  guard?: MiddlewareHandler<AppEnv>;
  public?: boolean;
  /** More to say than the summary. */
  notes?: string;
  ifMatch?: boolean;
  idempotencyKey?: boolean;
};

/**
 * `createRoute` with this API's conventions. The returned route keeps its literal type, so
 * `app.openapi(route, handler)` types the handler's validated input and its answers.
 */
export function operation<const R extends OperationSpec>(spec: R) {
  const { action, guard, public: isPublic, notes, ifMatch, idempotencyKey, tag, ...route } = spec;
  const content = route.request?.body?.content?.['application/json'];
  const body = content && 'schema' in content ? content.schema : undefined;
  const middleware = [...(guard ? [guard] : []), ...(body && isZod(body) ? [jsonPreflight(body)] : [])];
  const headers = [...(ifMatch ? [IF_MATCH] : []), ...(idempotencyKey ? [IDEMPOTENCY_KEY] : [])];
  return createRoute({
    ...route,
    tags: [tag],
    description: [notes, `**Who may:** ${whoMay(action, isPublic)}`].filter(Boolean).join('\n\n'),
    ...(isPublic ? { security: [] } : {}),
    ...(headers.length ? { parameters: [...(route.parameters ?? []), ...headers] } : {}),
    // Any path or query may be refused at the edge (control characters, broken percent-encoding: http/edge.ts).
    responses: { ...problemResponses([400]), ...route.responses },
    middleware,
  } as Omit<R, 'action' | 'guard' | 'public' | 'notes' | 'ifMatch' | 'idempotencyKey' | 'tag'> & { middleware: MiddlewareHandler<AppEnv>[] });
}

function isZod(value: unknown): value is ZodType {
  return typeof (value as ZodType | undefined)?.safeParseAsync === 'function';
}

/** A router whose validation failures are problem+json 400 with every reason (bff/http/validate.ts). */
export function openApiRoutes() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw refusal(zodErrors(result.error as never));
    },
  });
}

/** The shared components: the response headers and the bearer scheme. */
export function registerComponents(app: OpenAPIHono<AppEnv>) {
  for (const [name, header] of Object.entries(HEADERS)) app.openAPIRegistry.registerComponent('headers', name, header as never);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
}
