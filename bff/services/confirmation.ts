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
import { type Actor, recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { listDomainsWithServices } from '../repositories/domain.repository.js';
import { enqueue, type JobContext, LostJobError } from '../jobs/worker.js';
import { inTransaction } from '../db/transaction.js';

export const CONFIRMATION = 'confirmation';

/** The job's payload: who asked for the confirmation, as stored (jobs queued earlier keep this shape). */
export interface ConfirmationPayload {
  requestedBy: Principal;
  requestId?: string;
  clientRequestId?: string;
}

function payloadOf(actor: Actor): ConfirmationPayload {
  return { requestedBy: actor.principal, requestId: actor.requestId, clientRequestId: actor.clientRequestId };
}

/** The actor of the confirmation's audit events: whoever asked for it, with their request's IDs. */
function actorOfPayload(payload: ConfirmationPayload): Actor {
  return { principal: payload.requestedBy, requestId: payload.requestId, clientRequestId: payload.clientRequestId };
}

export interface DomainCheckResult {
  domainId: string;
  name: string;
  /** False when the domain's own reasons or the tenant's (`tenantReasons`) block it. */
  passed: boolean;
  /** Services that moved to `confirmed`. */
  confirmed: number[];
  /** The domain's own reasons. */
  reasons: Reason[];
}

export interface ConfirmationProgress {
  checked: number;
  total: number;
  /** The results so far: a confirmation taken over after a crash resumes after them. */
  domains?: DomainCheckResult[];
}

/** Starts a confirmation, or joins the one that is queued or running for the tenant. */
export function requestConfirmation(db: Kysely<Database>, tenantId: string, actor: Actor, now: Date): Promise<{ jobId: string; joined: boolean }> {
  return enqueue(db, {
    kind: CONFIRMATION,
    tenantId,
    payload: payloadOf(actor),
    runAt: now,
    progress: { checked: 0, total: 0 } satisfies ConfirmationProgress,
  });
}

function forCheck(domain: ManagedDomain): DomainForCheck {
  return { ...domain, services: domain.services.filter((s) => isActive(s.status)).map((s) => s.code) };
}

/** Pauses between domains: `CONFIRMATION_STEP_MS` paces the check (0 unless set). */
export function confirmationHandler(options: { stepMs?: number } = {}) {
  return async ({ job, db, progress, recordProgress }: JobContext): Promise<{ domains: DomainCheckResult[]; tenantReasons: Reason[] }> => {
    const tenantId = job.tenant_id!;
    const payload = job.payload as ConfirmationPayload;
    const tenant = await db.selectFrom('tenants').select(['name', 'email', 'phone', 'country']).where('id', '=', tenantId).executeTakeFirstOrThrow();
    const results: DomainCheckResult[] = [...((job.progress as ConfirmationProgress | null)?.domains ?? [])];
    const done = new Set(results.map((r) => r.domainId));
    const domains = (await listDomainsWithServices(db, tenantId)).filter((d) => d.services.some((s) => isActive(s.status)));
    const toCheck = domains.filter((d) => !done.has(d.id) && d.services.some((s) => s.status === 'ordered'));
    const total = results.length + toCheck.length;
    const tenantReasons = checkTenantComplete(tenant);
    const all = domains.map(forCheck);
    await progress({ checked: results.length, total, domains: results } satisfies ConfirmationProgress);

    for (const domain of toCheck) {
      if (options.stepMs) await new Promise((r) => setTimeout(r, options.stepMs));
      // The tenant's own reasons are reported once, in `tenantReasons`; they block every domain.
      const reasons = checkDomainForConfirmation(forCheck(domain), all, tenant.country);
      if (reasons.length > 0 || tenantReasons.length > 0) {
        results.push({ domainId: domain.id, name: domain.name, passed: false, confirmed: [], reasons });
        if (!(await progress({ checked: results.length, total, domains: results } satisfies ConfirmationProgress))) throw new LostJobError(job.id);
        continue;
      }
      await inTransaction(db, async (trx) => {
        // Only what is still ordered now: a cancellation meanwhile is not undone.
        const rows = await trx
          .updateTable('booked_services')
          .set({ status: 'confirmed', status_changed_at: sql`now()` })
          .where('domain_id', '=', domain.id)
          .where('status', '=', 'ordered')
          .returning('number')
          .execute();
        const confirmed = rows.map((r) => r.number).sort((a, b) => a - b);
        if (confirmed.length > 0) {
          await recordAudit(trx, actorOfPayload(payload), {
            action: 'services.confirm',
            entityType: 'domain',
            entityId: domain.id,
            tenantId,
            before: { status: 'ordered', numbers: confirmed },
            after: { status: 'confirmed', numbers: confirmed, jobId: job.id },
          });
        }
        const next = [...results, { domainId: domain.id, name: domain.name, passed: true, confirmed, reasons: [] }];
        // The result is recorded with the change it reports: a process that dies after this
        // commit leaves a job that resumes after this domain, never one that forgets it.
        if (!(await recordProgress(trx, { checked: next.length, total, domains: next } satisfies ConfirmationProgress))) throw new LostJobError(job.id);
        results.splice(0, results.length, ...next);
      });
      // Renews the lease: a long check keeps its job.
      if (!(await progress({ checked: results.length, total, domains: results } satisfies ConfirmationProgress))) throw new LostJobError(job.id);
    }
    return { domains: results, tenantReasons };
  };
}
