import { z } from 'zod';
import { SERVICE_CODES } from '../../domain/catalog.js';
import { todayIn } from '../../domain/dates.js';
import type { AppDeps } from '../app-env.js';
import { addServices, cancelService } from '../services/ordering.js';
import { etagFor, expectedVersion } from '../http/etag.js';
import { actorOf, mutation } from '../http/mutation.js';
import { calendarDate, INT4_MAX, wholeNumberParam } from '../http/validate.js';
import { json, ok, openApiRoutes, operation, problemResponses } from '../openapi/operation.js';
import * as S from '../openapi/schemas.js';
import { getDeploymentSettings, putDeploymentSettings } from '../services/deployment-settings.js';
import { checkDnsRecords, provisionChecked } from '../services/provisioning.js';
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

const DomainIdParam = z.object({ domainId: z.string().describe('the domain ID, e.g. D-20001') });

/** Service numbers are int4 (booked_services.number): a larger one names no service there ever was. */
const NumberParam = DomainIdParam.extend({
  number: wholeNumberParam(z.number('is a service number').int('is a service number').positive('is a service number').max(INT4_MAX, 'is a service number')),
});

const TAG = 'Domains';
const WRITE_HEADERS = ['RateLimit', 'RateLimit-Policy'] as const;
const POST_HEADERS = [...WRITE_HEADERS, 'Idempotent-Replayed'] as const;

export function domainRoutes({ db, clock, dns }: AppDeps) {
  const addServicesRoute = operation({
    method: 'post', path: '/{domainId}/services', operationId: 'addServices', tag: TAG, action: 'services.add', guard: allowOnDomain(db, 'services.add'), idempotencyKey: true,
    summary: 'Book more services on a domain',
    notes: 'Numbers continue and are never reused.',
    request: { params: DomainIdParam, body: { required: true, content: json(AddServicesBody) } },
    responses: { 201: ok('The domain with its services', json(S.ManagedDomain), POST_HEADERS), ...problemResponses([400, 401, 403, 404, 409, 413, 422, 429, 503]) },
  });
  const getSettings = operation({
    method: 'get', path: '/{domainId}/deployment-settings', operationId: 'getDeploymentSettings', tag: TAG, action: 'deployment.settings', guard: allowOnDomain(db, 'deployment.settings'),
    summary: "A domain's deployment settings (its GINA host), with ETag",
    request: { params: DomainIdParam },
    responses: { 200: ok('The settings', json(S.DeploymentSettings), ['ETag']), ...problemResponses([401, 403, 404, 422, 429, 503]) },
  });
  const putSettings = operation({
    method: 'put', path: '/{domainId}/deployment-settings', operationId: 'putDeploymentSettings', tag: TAG, action: 'deployment.settings', guard: allowOnDomain(db, 'deployment.settings'), ifMatch: true,
    summary: 'Change the GINA host',
    notes: "Only while the domain's SC-SIGENC is `confirmed` or `provisioning` (else 422); 409 for another tenant's host.",
    request: { params: DomainIdParam, body: { required: true, content: json(DeploymentSettingsBody) } },
    responses: { 200: ok('The changed settings', json(S.DeploymentSettings), ['ETag', ...WRITE_HEADERS]), ...problemResponses([400, 401, 403, 404, 409, 412, 413, 422, 428, 429, 503]) },
  });
  const dnsRecords = operation({
    method: 'get', path: '/{domainId}/dns-records', operationId: 'listDnsRecords', tag: TAG, action: 'services.view', guard: allowOnDomain(db, 'services.view'),
    summary: 'The DNS records the domain needs, looked up now',
    request: { params: DomainIdParam },
    responses: { 200: ok('The records', json(z.array(S.DnsRecord))), ...problemResponses([401, 403, 404, 429, 503]) },
  });
  const dnsCheck = operation({
    method: 'post', path: '/{domainId}/dns-check', operationId: 'checkDns', tag: TAG, action: 'deployment.settings', guard: allowOnDomain(db, 'deployment.settings'), idempotencyKey: true,
    summary: "Check the domain's records now; provision when all are published",
    notes: 'When all records are published, `provisioning` services become `provisioned` with Start Billing today.',
    request: { params: DomainIdParam },
    responses: { 200: ok('The records and what was provisioned', json(S.DnsCheck), POST_HEADERS), ...problemResponses([401, 403, 404, 429, 503]) },
  });
  const cancel = operation({
    method: 'post', path: '/{domainId}/services/{number}/cancel', operationId: 'cancelService', tag: TAG, action: 'service.cancel', guard: allowOnDomain(db, 'service.cancel'), idempotencyKey: true,
    summary: 'Cancel a service and every active service that needs it',
    notes: "`endBilling` defaults to the last day of this month, earliest tomorrow (Zurich's calendar); every active service that needs the cancelled one ends with it.",
    request: { params: NumberParam, body: { required: true, content: json(CancelServiceBody) } },
    responses: { 200: ok('The cancelled services', json(S.Cancelled), POST_HEADERS), ...problemResponses([400, 401, 403, 404, 413, 422, 429, 503]) },
  });

  return openApiRoutes()
    .openapi(addServicesRoute, async (c) => mutation(db, c, async (trx) => {
      const domain = await addServices(trx, actorOf(c), c.req.param('domainId'), c.req.valid('json'));
      return c.json(domain, 201);
    }))

    .openapi(getSettings, async (c) => {
      const { settings, version } = await getDeploymentSettings(db, c.req.param('domainId'));
      c.header('ETag', etagFor(version));
      return c.json(settings, 200);
    })

    .openapi(putSettings, async (c) => mutation(db, c, async (trx) => {
      const version = expectedVersion(c);
      const { settings, version: next } = await putDeploymentSettings(trx, actorOf(c), c.req.param('domainId'), version, c.req.valid('json'));
      c.header('ETag', etagFor(next));
      return c.json(settings, 200);
    }))

    .openapi(dnsRecords, async (c) => {
      const { records } = await checkDnsRecords(db, dns, c.req.param('domainId'));
      c.header('Cache-Control', 'no-store');
      return c.json(records, 200);
    })

    .openapi(dnsCheck, async (c) => {
      // The lookups first, outside any transaction; then what they allow, as a mutation.
      const checked = await checkDnsRecords(db, dns, c.req.param('domainId'));
      return mutation(db, c, async (trx) => c.json(await provisionChecked(trx, actorOf(c), checked, todayIn(clock.now())), 200));
    })

    .openapi(cancel, async (c) => mutation(db, c, async (trx) => {
      const { domainId, number } = c.req.valid('param');
      const cancelled = await cancelService(trx, actorOf(c), domainId, number, todayIn(clock.now()), c.req.valid('json').endBilling);
      return c.json({ cancelled }, 200);
    }));
}
