import { sql, type Transaction } from 'kysely';
import type { Principal } from '../domain/roles.js';
import type { Database } from './db/schema.js';

/** Who made a change: the caller, this request's ID and the ID its client sent, if any. */
export interface Actor {
  principal: Principal;
  requestId?: string;
  clientRequestId?: string;
}

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string;
  tenantId: string | null;
  before: unknown;
  after: unknown;
}

/** Written inside the mutation's own transaction: no change without its record, nor the reverse. */
export async function recordAudit(
  trx: Transaction<Database>,
  actor: Actor,
  event: AuditEvent,
): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      actor_sub: actor.principal.sub,
      actor_name: actor.principal.name,
      actor_level: actor.principal.level,
      actor_org: actor.principal.org ?? null,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      tenant_id: event.tenantId,
      before: event.before === null ? null : JSON.stringify(event.before),
      after: event.after === null ? null : JSON.stringify(event.after),
      request_id: actor.requestId ?? null,
      client_request_id: actor.clientRequestId ?? null,
    })
    .execute();
  // Live views hear of it once the transaction commits (see events/change-feed.ts).
  await sql`select pg_notify('sc_changes', json_build_object(
      'tenantId', ${event.tenantId}::text,
      'partnerId', (select partner_id from tenants where id = ${event.tenantId}::text),
      'action', ${event.action}::text, 'entityType', ${event.entityType}::text, 'entityId', ${event.entityId}::text)::text)`.execute(trx);
}
