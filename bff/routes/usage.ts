import { z } from 'zod';
import { SERVICE_CODES } from '../../domain/catalog.js';
import { todayIn } from '../../domain/dates.js';
import type { AppDeps } from '../app-env.js';
import { actorOf, mutation } from '../http/mutation.js';
import { calendarMonth } from '../http/validate.js';
import { json, ok, openApiRoutes, operation, problemResponses } from '../openapi/operation.js';
import * as S from '../openapi/schemas.js';
import { allow, allowOnTenantQuery } from '../policy.js';
import { importUserCounts, toCsv, usageStatement } from '../services/usage.js';

const Month = calendarMonth();

export const UsageQuery = z.object({ month: Month.optional(), tenant: z.string().min(1).max(64).optional() });

export const UserCountsBody = z
  .object({
    month: Month,
    counts: z
      .array(
        z
          .object({
            domain: z.string().min(1).max(300),
            service: z.enum(SERVICE_CODES),
            users: z.number().int('must be a whole number').min(0).max(10_000_000),
          })
          .strict(),
      )
      .max(100_000),
  })
  .strict();

const TAG = 'Usage';

export function usageRoutes({ db, clock }: AppDeps) {
  const statement = operation({
    method: 'get', path: '/', operationId: 'getUsageStatement', tag: TAG, action: 'prices.view', guard: allowOnTenantQuery(db, 'prices.view'),
    summary: 'The usage statement of a month (JSON, or CSV with Accept: text/csv)',
    request: { query: UsageQuery },
    responses: {
      200: ok('The statement', { ...json(S.UsageStatement), 'text/csv': { schema: z.string() } }),
      ...problemResponses([400, 401, 403, 404, 429, 503]),
    },
  });
  const importCounts = operation({
    method: 'put', path: '/users', operationId: 'importUserCounts', tag: TAG, action: 'usage.import', guard: allow('usage.import'),
    summary: "A month's counted users per domain and service",
    request: { body: { required: true, content: json(UserCountsBody) } },
    responses: { 200: ok('What was imported', json(S.UsageImported), ['RateLimit', 'RateLimit-Policy']), ...problemResponses([400, 401, 403, 413, 422, 429, 503]) },
  });

  return openApiRoutes()
    .openapi(statement, async (c) => {
      const principal = c.get('principal');
      const { tenant } = c.req.valid('query');
      const month = c.req.valid('query').month ?? todayIn(clock.now()).slice(0, 7);
      const statement = await usageStatement(db, principal, month, tenant);
      if (/\btext\/csv\b/.test(c.req.header('Accept') ?? '')) {
        c.header('Content-Disposition', `attachment; filename="usage-${month}${tenant ? `-${tenant}` : ''}.csv"`);
        return c.body(toCsv(statement.lines), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
      }
      return c.json(statement, 200);
    })

    .openapi(importCounts, async (c) => mutation(db, c, async (trx) => {
      const { month, counts } = c.req.valid('json');
      return c.json(await importUserCounts(trx, actorOf(c), month, counts), 200);
    }));
}
