import { z } from 'zod';
import type { AppDeps } from '../app-env.js';
import { problems } from '../http/problem.js';
import { findJobInScope } from '../jobs/job.repository.js';
import { json, ok, openApiRoutes, operation, problemResponses } from '../openapi/operation.js';
import * as S from '../openapi/schemas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A job's state: `{id, kind, status, progress, result}`; a tenant's job only within scope. */
export function jobRoutes({ db }: AppDeps) {
  const get = operation({
    method: 'get', path: '/{jobId}', operationId: 'getJob', tag: 'Jobs',
    summary: "A background job's status, progress and result",
    notes: "The platform's own jobs: SEPPmail staff only.",
    request: { params: z.object({ jobId: z.string().describe('the job ID (a UUID)') }) },
    responses: { 200: ok('The job', json(S.Job)), ...problemResponses([401, 404, 429, 503]) },
  });
  return openApiRoutes().openapi(get, async (c) => {
    const principal = c.get('principal');
    const jobId = c.req.param('jobId');
    if (!UUID.test(jobId)) throw problems.notFound('The job');
    const job = await findJobInScope(db, principal, jobId);
    if (!job) throw problems.notFound('The job');
    c.header('Cache-Control', 'no-store');
    return c.json({
      id: job.id,
      kind: job.kind,
      tenantId: job.tenant_id,
      status: job.status,
      progress: job.progress,
      result: job.result,
      attempts: job.attempts,
      createdAt: job.created_at,
      updatedAt: job.updated_at,
    }, 200);
  });
}
