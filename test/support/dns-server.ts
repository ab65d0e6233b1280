import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as dnsPacket from 'dns-packet';

export type ZoneRecordType = 'MX' | 'TXT' | 'CNAME';

export interface TestDnsServer {
  port: number;
  /** `127.0.0.1:<port>`, as `DNS_SERVERS` takes it. */
  address: string;
  /**
   * Replaces the records of one name and type. MX values are exchanges (preference 10, or
   * `"<preference> <exchange>"`); TXT values are strings, split into 255-byte chunks as DNS must.
   */
  set(name: string, type: ZoneRecordType, values: readonly string[]): void;
  /** Removes a name's records of one type, or all of them. */
  remove(name: string, type?: ZoneRecordType): void;
  clear(): void;
  close(): Promise<void>;
}

const key = (name: string) => name.toLowerCase().replace(/\.$/, '');

/**
 * An authoritative DNS server for tests on 127.0.0.1 (UDP, a free port) that answers MX, TXT
 * and CNAME questions from a zone the test changes as it goes: NXDOMAIN for a name it has no
 * record of, an empty answer (NODATA) for a name that has records of other types only.
 */
export async function startDnsServer(): Promise<TestDnsServer> {
  const zone = new Map<string, Map<ZoneRecordType, string[]>>();
  const socket = createSocket('udp4');

  socket.on('message', (message, remote) => {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // Not DNS: a real server drops it too.
    }
    const question = query.questions?.[0];
    const records = question ? zone.get(key(question.name)) : undefined;
    const answers = question && records ? answersFor(question, records) : [];
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id,
      // The low four bits are the RCODE: 3 is NXDOMAIN.
      flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | (question && !records ? 3 : 0),
      questions: query.questions,
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const { port } = socket.address() as AddressInfo;

  return {
    port,
    address: `127.0.0.1:${port}`,
    set(name, type, values) {
      const records = zone.get(key(name)) ?? new Map<ZoneRecordType, string[]>();
      records.set(type, [...values]);
      zone.set(key(name), records);
    },
    remove(name, type) {
      const records = zone.get(key(name));
      if (type) records?.delete(type);
      if (!type || records?.size === 0) zone.delete(key(name));
    },
    clear() {
      zone.clear();
    },
    close() {
      return new Promise((resolve) => socket.close(() => resolve()));
    },
  };
}

function answersFor(question: dnsPacket.Question, records: Map<ZoneRecordType, string[]>): dnsPacket.Answer[] {
  const base = { name: question.name, ttl: 60, class: 'IN' as const };
  switch (question.type) {
    case 'MX':
      return (records.get('MX') ?? []).map((value) => {
        const [preference, exchange] = value.includes(' ') ? value.split(/\s+/) : ['10', value];
        return { ...base, type: 'MX', data: { preference: Number(preference), exchange: exchange! } };
      });
    case 'TXT':
      return (records.get('TXT') ?? []).map((value) => ({ ...base, type: 'TXT', data: chunks(value) }));
    case 'CNAME':
      return (records.get('CNAME') ?? []).map((value) => ({ ...base, type: 'CNAME', data: value }));
    default:
      return [];
  }
}

/** A TXT record's character-strings hold 255 bytes each. */
function chunks(value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8');
  const result: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += 255) result.push(bytes.subarray(offset, offset + 255));
  return result.length > 0 ? result : [Buffer.alloc(0)];
}
