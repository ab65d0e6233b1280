/**
 * The OpenAPI 3.1 document, generated from the routes themselves: each route module declares
 * its operations with `operation()` (bff/openapi/operation.ts, @hono/zod-openapi's
 * `createRoute`) and registers them with `app.openapi(route, handler)`; mounting a router copies
 * its operations into the app's registry. test/bff/openapi.test.ts checks that every route of
 * the app is in the document, and lints it.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../app-env.js';
import { ok, operation } from './operation.js';

export const INFO = {
  title: 'seppmail.cloud services BFF',
  version: '0.1.0',
  description: 'The backend-for-frontend of the seppmail.cloud Services components. Errors are RFC 9457 problem details.',
};

const TAGS = [
  { name: 'Health', description: "The process's readiness and liveness" },
  { name: 'Session', description: 'The caller, the catalogue and the partners' },
  { name: 'Tenants', description: 'Tenants, their domains, confirmations and deployments' },
  { name: 'Domains', description: "A domain's services, deployment settings and DNS" },
  { name: 'Offers', description: 'Offers and their PDFs' },
  { name: 'Jobs', description: 'Background jobs' },
  { name: 'Usage', description: 'Usage statements and counted users' },
  { name: 'Audit', description: 'Who changed what and when' },
  { name: 'Events', description: 'Live changes' },
  { name: 'Demo', description: 'Demo mode only' },
  { name: 'Documentation', description: 'This document' },
];

/** The document's own operations (served by app.ts). */
export const documentOperations = {
  json: operation({
    method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', tag: 'Documentation', public: true, summary: 'This document',
    responses: { 200: ok('The OpenAPI 3.1 document', { 'application/json': { schema: z.record(z.string(), z.unknown()) } }) },
  }),
  page: operation({
    method: 'get', path: '/docs', operationId: 'getDocsPage', tag: 'Documentation', public: true, summary: 'This document as a readable page',
    responses: { 200: ok('An HTML page (no scripts, no inline styles)', { 'text/html': { schema: z.string() } }) },
  }),
  css: operation({
    method: 'get', path: '/docs.css', operationId: 'getDocsStylesheet', tag: 'Documentation', public: true,
    summary: "The readable page's stylesheet (no inline style: the page's CSP allows none)",
    responses: { 200: ok('The stylesheet', { 'text/css': { schema: z.string() } }) },
  }),
};

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/** The document of every operation registered on `app` (call it once all routes are mounted). */
export function openApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: INFO,
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: TAGS,
  });
  // Every operation lists its parameters, if only none (the docs page and tests read them).
  for (const methods of Object.values(document.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = methods[method];
      if (op) op.parameters ??= [];
    }
  }
  return document;
}
