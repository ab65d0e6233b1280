/**
 * The DNS records a managed domain needs before its services can be provisioned, and the
 * seppmail.cloud host names derived from its name. Pure: the BFF checks the records against
 * real DNS, and the components show the same list as a guide of what to publish.
 *
 * Every value the partner must publish comes from `DNS_RECORD_TABLE` below; what the brief
 * leaves open (docs/domain.md#dns-records) is marked (decision) there and nowhere else.
 */
import { type Mode, SERVICE_CODES, type ServiceCode } from './catalog.js';

export type DnsRecordType = 'MX' | 'TXT' | 'CNAME';

export interface DnsRecord {
  type: DnsRecordType;
  /** The owner name: lower case, no trailing dot. */
  name: string;
  /** The MX exchange, the TXT string or the CNAME target (host names as `name`). */
  value: string;
  /** What the record is for, a stable key the components translate. */
  purpose: DnsPurpose;
}

export type DnsPurpose = 'inbound-mail' | 'swisssign-validation' | 'gina-host' | 'gina-acme-challenge';

export interface DnsDomain {
  id: string;
  name: string;
  mode: Mode;
  ginaHost: string | null;
  /** The domain's active services. */
  services: readonly ServiceCode[];
}

/** A name as the DNS compares it: lower case, without the root's trailing dot. */
export function normalizeDnsName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * SEPPmail's host label for a name: its dots turned into dashes (`example.ch` → `example-ch`).
 * A name longer than 63 characters gives a label DNS cannot carry; SEPPmail's scheme has
 * no answer for that, and neither do we.
 */
function dashed(name: string): string {
  return normalizeDnsName(name).replaceAll('.', '-');
}

const PLATFORM_ZONE = 'seppmail.cloud';

/** Inline mode: the host that receives the domain's mail (its MX points here). */
export function gateHost(domain: { name: string }): string {
  return `${dashed(domain.name)}.gate.${PLATFORM_ZONE}`;
}

/** Inline mode with outbound: the smarthost that sends the domain's mail to the Internet. */
export function relayHost(domain: { name: string }): string {
  return `${dashed(domain.name)}.relay.${PLATFORM_ZONE}`;
}

/** Parallel mode: the host Microsoft 365 loops mail through for signing and encryption. */
export function parallelHost(domain: { name: string }): string {
  return `${dashed(domain.name)}.mail.${PLATFORM_ZONE}`;
}

/**
 * The token of the SwissSign domain validation record: 64-bit FNV-1a over the domain's id and
 * name, 16 hex digits. Not a secret (anyone can read it in DNS) and not meant to be one: it
 * only has to be stable for a domain and differ between domains, including a name ordered
 * again under a new id. Hand-written because `crypto.subtle` is async and `node:crypto`
 * does not run in browsers.
 */
export function swisssignToken(domain: { id: string; name: string }): string {
  const bytes = new TextEncoder().encode(`${domain.id}\n${normalizeDnsName(domain.name)}`);
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

export const SWISSSIGN_PREFIX = 'swisssign-check';

interface RecordRule {
  type: DnsRecordType;
  purpose: DnsPurpose;
  /** The owner name, or null when the domain lacks what the record is built from. */
  name: (d: DnsDomain) => string | null;
  value: (d: DnsDomain) => string;
}

/**
 * Every record the platform asks partners to publish: by integration mode (whenever the
 * domain has an active service) and by active service.
 */
export const DNS_RECORD_TABLE: {
  readonly modes: Readonly<Record<Mode, readonly RecordRule[]>>;
  readonly services: Readonly<Partial<Record<ServiceCode, readonly RecordRule[]>>>;
} = {
  modes: {
    // docs/domain.md#dns-records: inline mail arrives through the gate host, so the MX points there. (decision)
    // one MX record at the domain itself, its preference is the partner's choice and not checked.
    inline: [{ type: 'MX', purpose: 'inbound-mail', name: (d) => d.name, value: gateHost }],
    'inline-inbound-only': [{ type: 'MX', purpose: 'inbound-mail', name: (d) => d.name, value: gateHost }],
    // (decision) parallel needs no record: the MX stays with Microsoft 365, and the loop through
    // the mail host is set up by connectors in Microsoft 365, not in the partner's DNS.
    parallel: [],
  },
  services: {
    // docs/domain.md#dns-records: a TXT record at the domain starting with `swisssign-check`. (decision) its
    // value is `swisssign-check=<swisssignToken>`, checked exactly.
    'SC-CERT': [
      {
        type: 'TXT',
        purpose: 'swisssign-validation',
        name: (d) => d.name,
        value: (d) => `${SWISSSIGN_PREFIX}=${swisssignToken(d)}`,
      },
    ],
    // docs/domain.md#dns-records: the GINA host's CNAME and its `_acme-challenge.` CNAME. (decision) they point to
    // `<gina-host-dashed>.gina.seppmail.cloud` and `<gina-host-dashed>.acme.seppmail.cloud`.
    // Without a GINA host there is nothing to ask for yet (the confirmation refuses such a domain).
    'SC-SIGENC': [
      {
        type: 'CNAME',
        purpose: 'gina-host',
        name: (d) => d.ginaHost,
        value: (d) => `${dashed(d.ginaHost ?? '')}.gina.${PLATFORM_ZONE}`,
      },
      {
        type: 'CNAME',
        purpose: 'gina-acme-challenge',
        name: (d) => (d.ginaHost ? `_acme-challenge.${d.ginaHost}` : null),
        value: (d) => `${dashed(d.ginaHost ?? '')}.acme.${PLATFORM_ZONE}`,
      },
    ],
    // (decision) SPF, DKIM and DMARC stay the partner's own business: recommended for relay
    // and signing, but nothing the platform waits for.
  },
};

/**
 * The records a domain needs for its active services, mode records first, then by service in
 * catalogue order. A domain without active services needs none.
 */
export function requiredDnsRecords(domain: DnsDomain): DnsRecord[] {
  if (domain.services.length === 0) return [];
  const d: DnsDomain = {
    ...domain,
    name: normalizeDnsName(domain.name),
    ginaHost: domain.ginaHost ? normalizeDnsName(domain.ginaHost) : null,
  };
  const rules = [
    ...DNS_RECORD_TABLE.modes[d.mode],
    ...SERVICE_CODES.filter((code) => d.services.includes(code)).flatMap((code) => DNS_RECORD_TABLE.services[code] ?? []),
  ];
  const records = new Map<string, DnsRecord>();
  for (const rule of rules) {
    const name = rule.name(d);
    if (name === null) continue;
    const record: DnsRecord = { type: rule.type, name, value: rule.value(d), purpose: rule.purpose };
    records.set(`${record.type} ${record.name} ${record.value}`, record);
  }
  return [...records.values()];
}
