/**
 * Deployment settings of a domain: today its GINA host name. Offered only for a domain with
 * SC-SIGENC in status `confirmed` or `provisioning`; the name follows the GINA host rules
 * (shared within a tenant, unique across tenants). The rules are domain/rules/deployment.ts's
 * and domain/rules/names.ts's; this loads the domain under a lock, asks them, and writes.
 */
import { type Kysely, sql } from 'kysely';
import { checkDeploymentSettingsOffered, checkGinaHost, checkGinaHostOwner } from '../../domain/rules.js';
import { type Actor, recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { ProblemError, problems } from '../http/problem.js';
import { inTransaction } from '../db/transaction.js';

export interface DeploymentSettings {
  ginaHost: string | null;
}

async function domainWithSigenc(db: Kysely<Database>, domainId: string, lock: boolean) {
  let query = db
    .selectFrom('managed_domains as d')
    .leftJoin('gina_hosts as g', 'g.id', 'd.gina_host_id')
    .select(['d.id', 'd.name', 'd.tenant_id', 'd.version', 'd.gina_host_id', 'g.name as gina_host'])
    .select((eb) =>
      eb
        .selectFrom('booked_services as s')
        .select('s.status')
        .whereRef('s.domain_id', '=', 'd.id')
        .where('s.service_code', '=', 'SC-SIGENC')
        .where('s.status', 'in', ['ordered', 'confirmed', 'provisioning', 'provisioned'])
        .limit(1)
        .as('sigenc_status'),
    )
    .where('d.id', '=', domainId);
  if (lock) query = query.forUpdate('d');
  const domain = await query.executeTakeFirstOrThrow();
  const unavailable = checkDeploymentSettingsOffered(domain.name, domain.sigenc_status);
  if (unavailable.length > 0) {
    throw problems.unprocessable('Deployment settings are offered only for a domain with SC-SIGENC that is confirmed or provisioning.', unavailable);
  }
  return domain;
}

export async function getDeploymentSettings(db: Kysely<Database>, domainId: string): Promise<{ settings: DeploymentSettings; version: number }> {
  const domain = await domainWithSigenc(db, domainId, false);
  return { settings: { ginaHost: domain.gina_host }, version: domain.version };
}

export async function putDeploymentSettings(
  db: Kysely<Database>,
  actor: Actor,
  domainId: string,
  version: number | null,
  settings: { ginaHost: string },
): Promise<{ settings: DeploymentSettings; version: number }> {
  return inTransaction(db, async (trx) => {
    const domain = await domainWithSigenc(trx, domainId, true);
    if (version !== null && domain.version !== version) throw problems.preconditionFailed();
    const gina = checkGinaHost(settings.ginaHost, domain.name);
    if (gina.reasons.length > 0) throw problems.unprocessable('The GINA host name breaks the rules named in errors; nothing was changed.', gina.reasons);
    const name = gina.ascii!;
    const existing = await trx.selectFrom('gina_hosts').select(['id', 'tenant_id']).where(sql`lower(name)`, '=', name).executeTakeFirst();
    const taken = checkGinaHostOwner(name, existing?.tenant_id, domain.tenant_id);
    if (taken.length > 0) throw new ProblemError(409, 'conflict', 'Conflict', `The GINA host ${name} belongs to another tenant.`, taken);
    const hostId = existing?.id ?? (await trx.insertInto('gina_hosts').values({ tenant_id: domain.tenant_id, name }).returning('id').executeTakeFirstOrThrow()).id;
    const updated = await trx
      .updateTable('managed_domains')
      .set({ gina_host_id: hostId, version: sql`version + 1` })
      .where('id', '=', domainId)
      .returning('version')
      .executeTakeFirstOrThrow();
    // A host no domain uses any more is gone; its name is free for others.
    if (domain.gina_host_id !== null && domain.gina_host_id !== hostId) {
      await trx
        .deleteFrom('gina_hosts')
        .where('id', '=', domain.gina_host_id)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('managed_domains').select('id').where('gina_host_id', '=', domain.gina_host_id))))
        .execute();
    }
    await recordAudit(trx, actor, {
      action: 'deployment-settings.change',
      entityType: 'domain',
      entityId: domainId,
      tenantId: domain.tenant_id,
      before: { ginaHost: domain.gina_host },
      after: { ginaHost: name },
    });
    return { settings: { ginaHost: name }, version: updated.version };
  });
}
