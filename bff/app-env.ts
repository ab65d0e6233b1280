import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../domain/roles.js';
import type { Database } from './db/schema.js';
import type { DnsChecker } from './dns/dns-checker.js';
import type { ChangeFeed } from './events/change-feed.js';

/** Time as the BFF sees it; tests move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface AppDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Committed changes from every process, for live views. */
  changes: ChangeFeed;
  /** Looks up the DNS records that provisioning waits for. */
  dns: DnsChecker;
  /** Up to how many matches the tenant list counts its total exactly (default 1,000). */
  tenantListExactTotal?: number;
}

export interface AppEnv {
  Variables: {
    principal: Principal;
    /** This request's ID, made by the server (X-Request-Id, logs, the audit event). */
    requestId: string;
    /** The ID the client sent in X-Request-Id, if any: logged and kept beside ours, never trusted as ours. */
    clientRequestId: string | undefined;
    log: Logger;
  };
}
