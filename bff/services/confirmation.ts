/**
 * Confirm domains and services: the consistency check of every `ordered` service of a tenant,
 * as a background job with progress. Consistent domains move to `confirmed` (one transaction
 * each, with its audit event); the others stay `ordered` with every reason listed.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ManagedDomain } from '../../domain/api.js';
import { isActive } from '../../domain/lifecycle.js';
import type { Principal } from '../../domain/roles.js';
import { checkDomainForConfirmation, checkTenantComplete, type DomainForCheck, type Reason } from '../../domain/rules.js';
import { type Actor, recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { listDomainsWithServices } from '../repositories/domain.repository.js';
import { enqueue, type JobContext, LostJobError } from '../jobs/worker.js';
import { refreshStatistics, BULK_CHANGE_ROWS } from '../db/statistics.js';
import { inTransaction, yieldToEventLoop } from '../db/transaction.js';

export const CONFIRMATION = 'confirmation';

/** How often a running confirmation renews its job's lease, at most (leases last seconds). */
const RENEW_EVERY_MS = 250;

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

/**
 * The job's progress: counts only. Each domain's result is stored once, beside the job
 * (`recordResult`), and the final result is assembled from them.
 */
export interface ConfirmationProgress {
  checked: number;
  total: number;
}

/** Progress as jobs queued before the results were stored apart kept it: every result so far. */
interface LegacyProgress {
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

/**
 * The domains that the Microsoft 365 rule compares a domain with: those sharing its Microsoft
 * 365 tenant ID. The rule looks for one such sibling; grouping once keeps the check of each
 * domain flat instead of a pass over all of the tenant's domains per domain.
 */
function ms365Siblings(domains: readonly DomainForCheck[]): (domain: DomainForCheck) => readonly DomainForCheck[] {
  const groups = new Map<string, DomainForCheck[]>();
  for (const d of domains) {
    const key = d.ms365TenantId?.toLowerCase();
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  return (domain) => groups.get(domain.ms365TenantId?.toLowerCase() ?? '') ?? [];
}

/** Moves the domain's still `ordered` services to `confirmed`, with the audit event; answers their numbers. */
async function confirmDomain(trx: Transaction<Database>, payload: ConfirmationPayload, jobId: string, tenantId: string, domainId: string): Promise<number[]> {
  // Only what is still ordered now: a cancellation meanwhile is not undone.
  const rows = await trx
    .updateTable('booked_services')
    .set({ status: 'confirmed', status_changed_at: sql`now()` })
    .where('domain_id', '=', domainId)
    .where('status', '=', 'ordered')
    .returning('number')
    .execute();
  const confirmed = rows.map((r) => r.number).sort((a, b) => a - b);
  if (confirmed.length > 0) {
    await recordAudit(trx, actorOfPayload(payload), {
      action: 'services.confirm',
      entityType: 'domain',
      entityId: domainId,
      tenantId,
      before: { status: 'ordered', numbers: confirmed },
      after: { status: 'confirmed', numbers: confirmed, jobId },
    });
  }
  return confirmed;
}

/**
 * Checks and confirms domain by domain, each in a short transaction of its own that also
 * records the domain's result, yielding to the event loop between domains so that requests
 * never wait behind the whole job (docs/architecture.md#background-jobs). The per-domain work
 * is flat: the tenant's domains are loaded once, and each step touches its own domain only.
 * `CONFIRMATION_STEP_MS` paces the check between domains (0 unless set).
 */
export function confirmationHandler(options: { stepMs?: number } = {}) {
  return async ({ job, db, progress, recordResult, results }: JobContext): Promise<{ domains: DomainCheckResult[]; tenantReasons: Reason[] }> => {
    const tenantId = job.tenant_id!;
    const payload = job.payload as ConfirmationPayload;
    const tenant = await db.selectFrom('tenants').select(['name', 'email', 'phone', 'country']).where('id', '=', tenantId).executeTakeFirstOrThrow();
    // What an earlier attempt of this job recorded (a process died, its job was taken over):
    // its rows, and the results a job queued before job_results kept in its progress.
    const legacy = (job.progress as LegacyProgress | null)?.domains ?? [];
    const recorded = async () => [...legacy, ...(await results()).map((r) => r.value as DomainCheckResult)];
    const done = new Set((await recorded()).map((r) => r.domainId));
    const domains = (await listDomainsWithServices(db, tenantId)).filter((d) => d.services.some((s) => isActive(s.status)));
    const toCheck = domains.filter((d) => !done.has(d.id) && d.services.some((s) => s.status === 'ordered'));
    const total = done.size + toCheck.length;
    const tenantReasons = checkTenantComplete(tenant);
    const siblings = ms365Siblings(domains.map(forCheck));
    let checked = done.size;
    // A job queued before results were stored apart keeps its earlier results in its progress
    // until it finishes, so that a second take-over still skips them.
    const progressAt = (n: number): ConfirmationProgress & LegacyProgress => ({ checked: n, total, ...(legacy.length > 0 ? { domains: legacy } : {}) });
    if (!(await progress(progressAt(checked)))) throw new LostJobError(job.id);

    let changedRows = 0;
    let renewed = performance.now();
    for (const domain of toCheck) {
      if (options.stepMs) await new Promise((r) => setTimeout(r, options.stepMs));
      else await yieldToEventLoop();
      const forDomain = forCheck(domain);
      // The tenant's own reasons are reported once, in `tenantReasons`; they block every domain.
      const reasons = checkDomainForConfirmation(forDomain, siblings(forDomain), tenant.country);
      const passed = reasons.length === 0 && tenantReasons.length === 0;
      changedRows += await inTransaction(db, async (trx) => {
        const confirmed = passed ? await confirmDomain(trx, payload, job.id, tenantId, domain.id) : [];
        const result: DomainCheckResult = { domainId: domain.id, name: domain.name, passed, confirmed, reasons };
        // The result is recorded with the change it reports: a process that dies after this
        // commit leaves a job that resumes after this domain, never one that forgets it.
        if (!(await recordResult(trx, domain.id, result, progressAt(checked + 1)))) throw new LostJobError(job.id);
        return confirmed.length;
      });
      checked++;
      // Renews the lease (a long check keeps its job) and hears whether this process stops: a
      // few times a second is enough for either, and spares a statement per domain.
      if (performance.now() - renewed >= RENEW_EVERY_MS || checked === total) {
        if (!(await progress(progressAt(checked)))) throw new LostJobError(job.id);
        renewed = performance.now();
      }
    }
    if (changedRows >= BULK_CHANGE_ROWS) await refreshStatistics(db, { tables: ['booked_services', 'audit_events'] });
    return { domains: await recorded(), tenantReasons };
  };
}
