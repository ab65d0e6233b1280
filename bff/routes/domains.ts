import { Hono } from 'hono';
import { z } from 'zod';
import { SERVICE_CODES } from '../../domain/catalog.js';
import { todayIn } from '../../domain/dates.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { addServices, cancelService } from '../domains/ordering.js';
import { etagFor, expectedVersion } from '../http/etag.js';
import { actorOf, mutation } from '../http/mutation.js';
import { calendarDate, INT4_MAX, validate, wholeNumberParam } from '../http/validate.js';
import { getDeploymentSettings, putDeploymentSettings } from '../lifecycle/deployment-settings.js';
import { checkDnsRecords, provisionChecked } from '../lifecycle/provisioning.js';
import { allowOnDomain } from '../policy.js';

export const AddServicesBody = z
  .object({
    services: z.array(z.enum(SERVICE_CODES)).min(1, 'name at least one service').max(SERVICE_CODES.length),
    ginaHost: z.string().trim().min(1).max(253).nullable().optional(),
  })
  .strict();

export const CancelServiceBody = z
  .object({
    endBilling: calendarDate().optional(),
  })
  .strict();

export const DeploymentSettingsBody = z.object({ ginaHost: z.string().trim().min(1, 'is required').max(253) }).strict();

/** Service numbers are int4 (booked_services.number): a larger one names no service there ever was. */
const NumberParam = z.object({
  domainId: z.string(),
  number: wholeNumberParam(z.number('is a service number').int('is a service number').positive('is a service number').max(INT4_MAX, 'is a service number')),
});

export function domainRoutes({ db, clock, dns }: AppDeps) {
  return new Hono<AppEnv>()
    .post('/:domainId/services', allowOnDomain(db, 'services.add'), validate('json', AddServicesBody), async (c) => mutation(db, c, async (trx) => {
      const domain = await addServices(trx, actorOf(c), c.req.param('domainId'), c.req.valid('json'));
      return c.json(domain, 201);
    }))

    .get('/:domainId/deployment-settings', allowOnDomain(db, 'deployment.settings'), async (c) => {
      const { settings, version } = await getDeploymentSettings(db, c.req.param('domainId'));
      c.header('ETag', etagFor(version));
      return c.json(settings);
    })

    .put('/:domainId/deployment-settings', allowOnDomain(db, 'deployment.settings'), validate('json', DeploymentSettingsBody), async (c) => mutation(db, c, async (trx) => {
      const version = expectedVersion(c);
      const { settings, version: next } = await putDeploymentSettings(trx, actorOf(c), c.req.param('domainId'), version, c.req.valid('json'));
      c.header('ETag', etagFor(next));
      return c.json(settings);
    }))

    .get('/:domainId/dns-records', allowOnDomain(db, 'services.view'), async (c) => {
      const { records } = await checkDnsRecords(db, dns, c.req.param('domainId'));
      c.header('Cache-Control', 'no-store');
      return c.json(records);
    })

    .post('/:domainId/dns-check', allowOnDomain(db, 'deployment.settings'), async (c) => {
      // The lookups first, outside any transaction; then what they allow, as a mutation.
      const checked = await checkDnsRecords(db, dns, c.req.param('domainId'));
      return mutation(db, c, async (trx) => c.json(await provisionChecked(trx, actorOf(c), checked, todayIn(clock.now()))));
    })

    .post('/:domainId/services/:number/cancel', allowOnDomain(db, 'service.cancel'), validate('param', NumberParam), validate('json', CancelServiceBody), async (c) => mutation(db, c, async (trx) => {
      const { domainId, number } = c.req.valid('param');
      const cancelled = await cancelService(trx, actorOf(c), domainId, number, todayIn(clock.now()), c.req.valid('json').endBilling);
      return c.json({ cancelled });
    }));
}
