/**
 * The app factory: request ids, structured logs, problem+json for every error, the API under
 * `/api`, and (when given) the demo page's files at `/`. Server and tests build it alike.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { sql } from 'kysely';
import type { AppDeps, AppEnv } from './app-env.js';
import { authenticate } from './auth/middleware.js';
import type { Authenticator } from './auth/tokens.js';
import { idempotency } from './http/idempotency.js';
import { openApiDocument } from './openapi/document.js';
import { docsPage } from './openapi/docs-page.js';
import { ProblemError, problemResponse, problems } from './http/problem.js';
import { demoRoutes } from './routes/demo.js';
import { domainRoutes } from './routes/domains.js';
import { jobRoutes } from './routes/jobs.js';
import { offerRoutes, tenantOfferRoutes } from './routes/offers.js';
import { auditRoutes } from './routes/audit.js';
import { usageRoutes } from './routes/usage.js';
import { eventRoutes } from './routes/events.js';
import { sessionRoutes } from './routes/session.js';
import { tenantRoutes } from './routes/tenants.js';

export interface AppOptions extends AppDeps {
  authenticator: Authenticator;
  demo: boolean;
  /** A folder with the built demo page, served at `/`. */
  demoAssets?: string;
}

export function createApp(options: AppOptions) {
  const { db, logger, authenticator } = options;
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    const log = logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), user: c.get('principal')?.sub },
      'request',
    );
  });

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals, such as a body that is not JSON.
      return problemResponse(c, new ProblemError(error.status as 400, 'http', error.message || 'Bad request', error.message));
    }
    (c.get('log') ?? logger).error({ err: error }, 'unhandled error');
    return problemResponse(c, new ProblemError(500, 'internal', 'Internal error', 'Something failed on our side. Try again; if it persists, quote the request id to SEPPmail support.'));
  });
  app.notFound((c) => problemResponse(c, problems.notFound(`${c.req.method} ${c.req.path}`)));

  const api = new Hono<AppEnv>();
  api.get('/health', async (c) => {
    try {
      await sql`select 1`.execute(db);
      return c.json({ status: 'ok', db: 'ok' });
    } catch {
      return c.json({ status: 'degraded', db: 'unreachable' }, 503);
    }
  });
  // Nothing the API takes is large; refuse big bodies before reading them.
  api.use(bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new ProblemError(413, 'too-large', 'Request too large', 'The request body is larger than 64 KiB.'); } }));
  if (options.demo) api.route('/demo', demoRoutes(options, authenticator));
  const document = openApiDocument();
  api.get('/openapi.json', (c) => c.json(document));
  api.get('/docs', (c) => c.html(docsPage(document)));
  api.use('*', authenticate(authenticator), idempotency(db));
  api.route('/', sessionRoutes(options));
  api.route('/tenants', tenantRoutes(options));
  api.route('/tenants', tenantOfferRoutes(options));
  api.route('/offers', offerRoutes(options));
  api.route('/domains', domainRoutes(options));
  api.route('/jobs', jobRoutes(options));
  api.route('/audit', auditRoutes(options));
  api.route('/usage', usageRoutes(options));
  api.route('/events', eventRoutes(options));
  app.route('/api', api);

  if (options.demoAssets) {
    app.use('/*', serveStatic({ root: options.demoAssets }));
  }
  return app;
}

export type App = ReturnType<typeof createApp>;
