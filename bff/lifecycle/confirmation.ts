/**
 * Confirm domains and services: the consistency check of every `ordered` service of a tenant,
 * as a background job with progress. Consistent domains move to `confirmed` (one transaction
 * each, with its audit event); the others stay `ordered` with every reason listed.
 */
import { type Kysely, sql } from 'kysely';
import type { ManagedDomain } from '../../domain/api.js';
import { isActive } from '../../domain/lifecycle.js';
import type { Principal } from '../../domain/roles.js';
import { checkDomainForConfirmation, checkTenantComplete, type DomainForCheck, type Reason } from '../../domain/rules.js';
import { recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { listDomainsWithServices } from '../domains/domain.repository.js';
import type { JobContext } from '../jobs/worker.js';

export const CONFIRMATION = 'confirmation';

export interface ConfirmationPayload {
  requestedBy: Principal;
  requestId?: string;
}

export interface DomainCheckResult {
  domainId: string;
  name: string;
  passed: boolean;
  /** Services that moved to `confirmed`. */
  confirmed: number[];
  reasons: Reason[];
}

export interface ConfirmationProgress {
  checked: number;
  total: number;
}

/** Starts a confirmation, or joins the one that is queued or running for the tenant. */
export async function requestConfirmation(db: Kysely<Database>, tenantId: string, payload: ConfirmationPayload, now: Date): Promise<{ jobId: string; joined: boolean }> {
  const { rows } = await sql<{ id: string }>`
    insert into jobs (kind, tenant_id, status, run_at, payload, progress)
    values (${CONFIRMATION}, ${tenantId}, 'queued', ${now}, ${JSON.stringify(payload)}, '{"checked": 0, "total": 0}')
    on conflict (kind, tenant_id) where status in ('queued', 'running') and tenant_id is not null do nothing
    returning id`.execute(db);
  if (rows[0]) return { jobId: rows[0].id, joined: false };
  const running = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', CONFIRMATION)
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  // Finished between the two statements: start a new one.
  return running ? { jobId: running.id, joined: true } : requestConfirmation(db, tenantId, payload, now);
}

function forCheck(domain: ManagedDomain): DomainForCheck {
  return { ...domain, services: domain.services.filter((s) => isActive(s.status)).map((s) => s.code) };
}

/** Pauses between domains: `CONFIRMATION_STEP_MS` paces the check (0 unless set). */
export function confirmationHandler(options: { stepMs?: number } = {}) {
  return async ({ job, db, progress }: JobContext): Promise<{ domains: DomainCheckResult[]; tenantReasons: Reason[] }> => {
    const tenantId = job.tenant_id!;
    const payload = job.payload as ConfirmationPayload;
    const tenant = await db.selectFrom('tenants').select(['name', 'email', 'phone', 'country']).where('id', '=', tenantId).executeTakeFirstOrThrow();
    const domains = (await listDomainsWithServices(db, tenantId)).filter((d) => d.services.some((s) => isActive(s.status)));
    const toCheck = domains.filter((d) => d.services.some((s) => s.status === 'ordered'));
    const tenantReasons = checkTenantComplete(tenant);
    const all = domains.map(forCheck);
    const results: DomainCheckResult[] = [];
    await progress({ checked: 0, total: toCheck.length } satisfies ConfirmationProgress);

    for (const domain of toCheck) {
      const reasons = [...tenantReasons, ...checkDomainForConfirmation(forCheck(domain), all, tenant.country)];
      let confirmed: number[] = [];
      if (reasons.length === 0) {
        confirmed = await db.transaction().execute(async (trx) => {
          // Only what is still ordered now: a cancellation meanwhile is not undone.
          const rows = await trx
            .updateTable('booked_services')
            .set({ status: 'confirmed', status_changed_at: sql`now()` })
            .where('domain_id', '=', domain.id)
            .where('status', '=', 'ordered')
            .returning('number')
            .execute();
          const numbers = rows.map((r) => r.number).sort((a, b) => a - b);
          if (numbers.length > 0) {
            await recordAudit(trx, { principal: payload.requestedBy, requestId: payload.requestId }, {
              action: 'services.confirm',
              entityType: 'domain',
              entityId: domain.id,
              tenantId,
              before: { status: 'ordered', numbers },
              after: { status: 'confirmed', numbers, jobId: job.id },
            });
          }
          return numbers;
        });
      }
      results.push({ domainId: domain.id, name: domain.name, passed: reasons.length === 0, confirmed, reasons });
      if (options.stepMs) await new Promise((r) => setTimeout(r, options.stepMs));
      await progress({ checked: results.length, total: toCheck.length } satisfies ConfirmationProgress);
    }
    return { domains: results, tenantReasons };
  };
}
