import { Hono } from 'hono';
import { z } from 'zod';
import { SERVICE_CODES } from '../../domain/catalog.js';
import { todayIn } from '../../domain/dates.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { actorOf, mutation } from '../http/mutation.js';
import { calendarMonth, validate } from '../http/validate.js';
import { allow, allowOnTenantQuery } from '../policy.js';
import { importUserCounts, toCsv, usageStatement } from '../usage/usage.js';

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

export function usageRoutes({ db, clock }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allowOnTenantQuery(db, 'prices.view'), validate('query', UsageQuery), async (c) => {
      const principal = c.get('principal');
      const { tenant } = c.req.valid('query');
      const month = c.req.valid('query').month ?? todayIn(clock.now()).slice(0, 7);
      const statement = await usageStatement(db, principal, month, tenant);
      if (/\btext\/csv\b/.test(c.req.header('Accept') ?? '')) {
        c.header('Content-Disposition', `attachment; filename="usage-${month}${tenant ? `-${tenant}` : ''}.csv"`);
        return c.body(toCsv(statement.lines), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
      }
      return c.json(statement);
    })

    .put('/users', allow('usage.import'), validate('json', UserCountsBody), async (c) => mutation(db, c, async (trx) => {
      const { month, counts } = c.req.valid('json');
      return c.json(await importUserCounts(trx, actorOf(c), month, counts));
    }));
}
