/**
 * What changed, for live views. Every mutation's audit event also NOTIFYs `sc_changes` in its
 * transaction (so only committed changes go out); every BFF process LISTENs and fans the
 * changes out to its own subscribers, which filter by the caller's scope.
 */
import type { Principal } from '../../domain/roles.js';
import type { DatabaseHandle } from '../db/connect.js';

export const CHANGES_CHANNEL = 'sc_changes';

export interface Change {
  tenantId: string | null;
  partnerId: string | null;
  action: string;
  entityType: string;
  entityId: string;
}

export interface ChangeFeed {
  subscribe(listener: (change: Change) => void): () => void;
  close(): Promise<void>;
}

export async function createChangeFeed(listen: DatabaseHandle['listen']): Promise<ChangeFeed> {
  const listeners = new Set<(change: Change) => void>();
  const unlisten = await listen(CHANGES_CHANNEL, (payload) => {
    let change: Change;
    try {
      change = JSON.parse(payload);
    } catch {
      return;
    }
    for (const listener of listeners) listener(change);
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: unlisten,
  };
}

/** Whether the caller may hear of this change: the same scope as everywhere else. */
export function changeInScope(principal: Principal, change: Change): boolean {
  switch (principal.level) {
    case 'seppmail':
      return true;
    case 'partner':
      return change.partnerId !== null && change.partnerId === principal.org;
    case 'tenant':
      return change.tenantId !== null && change.tenantId === principal.org;
  }
}
