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
  // One statement for the record and its notification (a data-modifying CTE runs whether or
  // not it is read): long work writes an event per step, and on PGlite each statement counts.
  // Live views hear of it once the transaction commits (see events/change-feed.ts).
  await sql`with recorded as (
      insert into audit_events (actor_sub, actor_name, actor_level, actor_org, action, entity_type, entity_id, tenant_id, before, after, request_id, client_request_id)
      values (${actor.principal.sub}, ${actor.principal.name}, ${actor.principal.level}, ${actor.principal.org ?? null}, ${event.action}, ${event.entityType},
              ${event.entityId}, ${event.tenantId}, ${event.before === null ? null : JSON.stringify(event.before)}::jsonb,
              ${event.after === null ? null : JSON.stringify(event.after)}::jsonb, ${actor.requestId ?? null}, ${actor.clientRequestId ?? null}))
    select pg_notify('sc_changes', json_build_object(
      'tenantId', ${event.tenantId}::text,
      'partnerId', (select partner_id from tenants where id = ${event.tenantId}::text),
      'action', ${event.action}::text, 'entityType', ${event.entityType}::text, 'entityId', ${event.entityId}::text)::text)`.execute(trx);
}
