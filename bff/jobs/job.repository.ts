/** Reading a job for `GET /api/jobs/{id}`: the `jobs` table is bff/jobs/'s, so its query lives here. */
import type { Kysely } from 'kysely';
import type { Principal } from '../../domain/roles.js';
import type { Database } from '../db/schema.js';
import { tenantInScope } from '../policy.js';

/** A job within the principal's scope: a tenant's job within scope, the platform's own jobs to SEPPmail staff only. */
export function findJobInScope(db: Kysely<Database>, principal: Principal, jobId: string) {
  return db
    .selectFrom('jobs as j')
    .leftJoin('tenants as t', 't.id', 'j.tenant_id')
    .select(['j.id', 'j.kind', 'j.tenant_id', 'j.status', 'j.progress', 'j.result', 'j.attempts', 'j.created_at', 'j.updated_at'])
    .where('j.id', '=', jobId)
    // The platform's own jobs are SEPPmail staff's to see.
    .$if(principal.level !== 'seppmail', (qb) => qb.where('j.tenant_id', 'is not', null).where(tenantInScope(principal)))
    .executeTakeFirst();
}
