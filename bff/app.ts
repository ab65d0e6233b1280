/**
 * The app factory: request ids, structured logs, problem+json for every error, the API under
 * `/api`, and (when given) the demo page's files at `/`. Server and tests build it alike.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from './app-env.js';
import { authenticate } from './auth/middleware.js';
import type { Authenticator } from './auth/tokens.js';
import { apiBodyLimit } from './http/body-limit.js';
import { databaseProblem } from './http/database-errors.js';
import { edge } from './http/edge.js';
import { FAVICON_PATHS, faviconResponse } from './http/favicon.js';
import { requestIds } from './http/request-id.js';
import { documentOperations, type OpenApiDocument, openApiDocument } from './openapi/document.js';
import { openApiRoutes, registerComponents } from './openapi/operation.js';
import { DOCS_CSS, docsPage } from './openapi/docs-page.js';
import { type HardeningOptions, httpHardening } from './http/hardening.js';
import { limitAuthFailures, limitWrites } from './http/rate-limit.js';
import { ProblemError, problemResponse, problems } from './http/problem.js';
import { demoRoutes } from './routes/demo.js';
import { domainRoutes } from './routes/domains.js';
import { jobRoutes } from './routes/jobs.js';
import { offerRoutes, tenantOfferRoutes } from './routes/offers.js';
import { auditRoutes } from './routes/audit.js';
import { usageRoutes } from './routes/usage.js';
import { eventRoutes } from './routes/events.js';
import { type HealthState, healthRoutes } from './routes/health.js';
import { sessionRoutes } from './routes/session.js';
import { tenantRoutes } from './routes/tenants.js';

export interface AppOptions extends AppDeps, HardeningOptions {
  authenticator: Authenticator;
  demo: boolean;
  /** A folder with the built demo page, served at `/`. */
  demoAssets?: string;
  /** A folder with the element catalog (`npm run docs`), served at `/docs/`. */
  docsAssets?: string;
  /** The process's own state for `/api/health` (server.ts); tests may leave it out. */
  health?: HealthState;
}

export function createApp(options: AppOptions) {
  const { db, logger, authenticator } = options;
  const app = openApiRoutes();
  registerComponents(app);

  app.use(requestIds());
  app.use(async (c, next) => {
    const started = performance.now();
    const clientRequestId = c.get('clientRequestId');
    const log = logger.child({ requestId: c.get('requestId'), ...(clientRequestId ? { clientRequestId } : {}) });
    c.set('log', log);
    await next();
    log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), user: c.get('principal')?.sub },
      'request',
    );
  });

  app.use(...httpHardening(options));

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals, such as a body that is not JSON.
      return problemResponse(c, new ProblemError(error.status as 400, 'http', error.message || 'Bad request', error.message));
    }
    const database = databaseProblem(error);
    if (database) {
      (c.get('log') ?? logger).warn({ err: error, status: database.status }, 'database refused the request');
      return problemResponse(c, database);
    }
    (c.get('log') ?? logger).error({ err: error }, 'unhandled error');
    return problemResponse(c, new ProblemError(500, 'internal', 'Internal error', 'Something failed on our side. Try again; if it persists, quote the request id to SEPPmail support.'));
  });
  app.notFound((c) => problemResponse(c, problems.notFound(`${c.req.method} ${c.req.path}`)));

  const api = openApiRoutes();
  // First: a path or query with control characters is 400 before anything reads it (http/edge.ts).
  api.use(edge());
  api.route('/health', healthRoutes(db, options.health ?? { listening: () => true, draining: () => false }));
  // Nothing the API takes is large; refuse big bodies before reading them (http/body-limit.ts).
  api.use(apiBodyLimit());
  if (options.demo) api.route('/demo', demoRoutes(options, authenticator));
  // Made from the app's registry on first use, once every route is mounted.
  let document: OpenApiDocument | undefined;
  const theDocument = () => (document ??= openApiDocument(app));
  api.openapi(documentOperations.json, (c) => c.json(theDocument() as unknown as Record<string, unknown>, 200));
  api.openapi(documentOperations.page, (c) => c.html(docsPage(theDocument() as never)));
  api.openapi(documentOperations.css, (c) => c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  api.use('*', limitAuthFailures(db, options.rateLimits, authenticate(authenticator)), limitWrites(db, options.rateLimits?.writesPerMinute));
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
  // Every page links /favicon.svg; /favicon.ico answers those that ask without a link: no page load gets a 404.
  for (const path of FAVICON_PATHS) app.get(path, faviconResponse);

  if (options.docsAssets) {
    // The element catalog: a static page with its script and styles in files (the page CSP
    // allows nothing inline), revalidated on every visit as it changes with each build.
    app.get('/docs', (c) => c.redirect('/docs/', 301));
    app.use(
      '/docs/*',
      compress(),
      async (c, next) => {
        await next();
        if (c.res.status === 200) c.res.headers.set('Cache-Control', 'no-cache');
      },
      serveStatic({ root: options.docsAssets, rewriteRequestPath: (path) => path.replace(/^\/docs/, '') }),
    );
  }
  if (options.demoAssets) {
    // The demo's files: compressed (its script is ~185 kB, ~52 kB gzipped); the build's hashed
    // assets never change under their name, so browsers keep them; the page itself is revalidated.
    app.use(
      '/*',
      compress(),
      async (c, next) => {
        await next();
        if (c.res.status !== 200) return;
        c.res.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
      serveStatic({ root: options.demoAssets }),
    );
  }
  return app;
}

export type App = ReturnType<typeof createApp>;
