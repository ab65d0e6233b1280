import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { type DnsRecord, normalizeDnsName } from '../../domain/dns-records.js';

export interface DnsCheckerOptions {
  /** `host:port` addresses (see `parseDnsServers`); the system's resolvers when absent. */
  servers?: readonly string[];
  /** How long one `check` may take at most, all its lookups together (default 5 s). */
  timeoutMs?: number;
  /** Told about lookups that failed for another reason than a missing record. */
  logger?: Pick<Logger, 'warn'>;
}

export type CheckedDnsRecord = DnsRecord & { present: boolean };

export interface DnsChecker {
  check(records: readonly DnsRecord[]): Promise<CheckedDnsRecord[]>;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const TRIES = 2;

/** The resolver's answers for a name that has no such record, as opposed to a failed lookup. */
const ABSENT_CODES = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Looks the records up and says which are published. A record is present when
 * - MX: one of the name's MX exchanges is the value;
 * - CNAME: the name's CNAME target is the value;
 * - TXT: one of the name's TXT strings (its chunks joined) is the value exactly, surrounding
 *   blanks aside. (decision) Exact for the SwissSign record too: its value is ours, so a
 *   string that merely starts with `swisssign-check` is someone else's validation.
 * Host names compare without case and trailing dot. A missing name or record, a timeout or a
 * server that refuses all mean "not present": `check` never throws for what DNS answers.
 */
export function createDnsChecker(options: DnsCheckerOptions = {}): DnsChecker {
  const { servers, timeoutMs = DEFAULT_TIMEOUT_MS, logger } = options;
  if (servers) {
    if (servers.length === 0) throw new Error('DNS checker: an empty list of DNS servers; leave it unset for the system resolvers');
    // Fails fast on a server list that Node does not take, rather than on the first check.
    new Resolver().setServers(servers);
  }
  if (!(timeoutMs > 0)) throw new Error(`DNS checker: timeoutMs must be positive, not ${timeoutMs}`);

  return {
    async check(records) {
      // c-ares waits one timeout on the first try and twice that on the second: three in all.
      const resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeoutMs / (2 ** TRIES - 1))), tries: TRIES });
      if (servers) resolver.setServers(servers);
      // Whatever the resolver's own timing does, the whole check ends on time.
      const deadline = setTimeout(() => resolver.cancel(), timeoutMs);
      const lookups = new Map<string, Promise<string[]>>();
      const lookup = (record: DnsRecord) => {
        const key = `${record.type} ${normalizeDnsName(record.name)}`;
        let answers = lookups.get(key);
        if (!answers) {
          answers = resolve(resolver, record).catch((error: NodeJS.ErrnoException) => {
            if (!ABSENT_CODES.has(error.code ?? '')) {
              logger?.warn({ err: error, type: record.type, name: record.name }, 'DNS lookup failed; the record counts as not present');
            }
            return [];
          });
          lookups.set(key, answers);
        }
        return answers;
      };
      try {
        return await Promise.all(
          records.map(async (record) => ({ ...record, present: (await lookup(record)).includes(comparable(record.type, record.value)) })),
        );
      } finally {
        clearTimeout(deadline);
      }
    },
  };
}

/** The name's answers of the record's type, each as `comparable` makes the expected value. */
async function resolve(resolver: Resolver, record: DnsRecord): Promise<string[]> {
  const name = normalizeDnsName(record.name);
  switch (record.type) {
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx) => comparable('MX', mx.exchange));
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => comparable('TXT', chunks.join('')));
    case 'CNAME':
      return (await resolver.resolveCname(name)).map((target) => comparable('CNAME', target));
  }
}

function comparable(type: DnsRecord['type'], value: string): string {
  return type === 'TXT' ? value.trim() : normalizeDnsName(value);
}

/**
 * `DNS_SERVERS` as Node's resolvers take it: comma-separated IPv4 addresses, IPv6 addresses in
 * brackets (bare ones are accepted too), each with an optional `:port`. Undefined when unset or
 * blank (the system's resolvers); throws on an entry that is not an IP address, since Node
 * cannot use a host name as a DNS server.
 */
export function parseDnsServers(env: string | undefined): string[] | undefined {
  const entries = (env ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.length === 0 ? undefined : entries.map(parseDnsServer);
}

function parseDnsServer(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(entry);
  const [host, port] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : isIP(entry) === 6
      ? [entry, undefined]
      : (entry.split(/:(?=[^:]*$)/) as [string, string?]);
  const family = isIP(host);
  if (family === 0 || (bracketed && family !== 6)) {
    throw new Error(`DNS_SERVERS: "${entry}" is not an IP address (host:port, [IPv6]:port or a bare address)`);
  }
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw new Error(`DNS_SERVERS: "${entry}" has an invalid port`);
  }
  const address = family === 6 ? `[${host}]` : host;
  return port === undefined ? address : `${address}:${port}`;
}
