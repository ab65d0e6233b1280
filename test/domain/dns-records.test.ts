import { describe, expect, it } from 'vitest';
import type { Mode, ServiceCode } from '../../domain/catalog.js';
import {
  type DnsRecord,
  gateHost,
  parallelHost,
  relayHost,
  requiredDnsRecords,
  swisssignToken,
} from '../../domain/dns-records.js';

const id = 'D-10042';
const token = swisssignToken({ id, name: 'example.ch' });
const mx: DnsRecord = { type: 'MX', name: 'example.ch', value: 'example-ch.gate.seppmail.cloud', purpose: 'inbound-mail' };
const swisssign: DnsRecord = { type: 'TXT', name: 'example.ch', value: `swisssign-check=${token}`, purpose: 'swisssign-validation' };
const gina: DnsRecord = {
  type: 'CNAME',
  name: 'securemail.example.ch',
  value: 'securemail-example-ch.gina.seppmail.cloud',
  purpose: 'gina-host',
};
const acme: DnsRecord = {
  type: 'CNAME',
  name: '_acme-challenge.securemail.example.ch',
  value: 'securemail-example-ch.acme.seppmail.cloud',
  purpose: 'gina-acme-challenge',
};

describe('requiredDnsRecords', () => {
  const cases: [string, Mode, ServiceCode[], string | null, DnsRecord[]][] = [
    ['inline, base and filter', 'inline', ['SC-SERVICE', 'SC-F-INBOUND'], null, [mx]],
    ['inline, manual add (base alone)', 'inline', ['SC-SERVICE'], null, [mx]],
    ['inbound only', 'inline-inbound-only', ['SC-SERVICE', 'SC-F-INBOUND'], null, [mx]],
    [
      'inline with sign-only',
      'inline',
      ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGONLY', 'SC-CERT'],
      null,
      [mx, swisssign],
    ],
    [
      'inline with sign+encrypt and HIN',
      'inline',
      ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT', 'SC-HIN'],
      'securemail.example.ch',
      [mx, gina, acme, swisssign],
    ],
    ['parallel, base and Microsoft 365', 'parallel', ['SC-SERVICE', 'SC-MS365'], null, []],
    ['parallel with sign-only', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-SIGONLY', 'SC-CERT'], null, [swisssign]],
    [
      'parallel with sign+encrypt',
      'parallel',
      ['SC-SERVICE', 'SC-MS365', 'SC-SIGENC', 'SC-CERT'],
      'securemail.example.ch',
      [gina, acme, swisssign],
    ],
    ['sign+encrypt without a GINA host yet', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-SIGENC', 'SC-CERT'], null, [swisssign]],
    ['no active services', 'inline', [], 'securemail.example.ch', []],
  ];

  it.each(cases)('%s', (_, mode, services, ginaHost, expected) => {
    expect(requiredDnsRecords({ id, name: 'example.ch', mode, ginaHost, services })).toEqual(expected);
  });

  it('orders by mode first, then by the catalogue, whatever order the services come in', () => {
    const services: ServiceCode[] = ['SC-CERT', 'SC-SIGENC', 'SC-F-OUTBOUND', 'SC-F-INBOUND', 'SC-SERVICE'];
    expect(requiredDnsRecords({ id, name: 'example.ch', mode: 'inline', ginaHost: 'securemail.example.ch', services })).toEqual([
      mx,
      gina,
      acme,
      swisssign,
    ]);
  });

  it('writes names in lower case without trailing dots', () => {
    const records = requiredDnsRecords({
      id,
      name: 'Example.CH.',
      mode: 'inline',
      ginaHost: 'SecureMail.Example.ch.',
      services: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'],
    });
    expect(records).toEqual([mx, gina, acme, swisssign]);
  });

  it('dashes every dot of a subdomain and keeps punycode', () => {
    const [record] = requiredDnsRecords({ id, name: 'mail.xn--zrich-kva.ch', mode: 'inline', ginaHost: null, services: ['SC-SERVICE'] });
    expect(record).toEqual({ type: 'MX', name: 'mail.xn--zrich-kva.ch', value: 'mail-xn--zrich-kva-ch.gate.seppmail.cloud', purpose: 'inbound-mail' });
  });
});

describe('host names', () => {
  it.each([
    ['example.ch', 'example-ch.gate.seppmail.cloud', 'example-ch.relay.seppmail.cloud', 'example-ch.mail.seppmail.cloud'],
    ['Contoso.COM.', 'contoso-com.gate.seppmail.cloud', 'contoso-com.relay.seppmail.cloud', 'contoso-com.mail.seppmail.cloud'],
    ['my-firm.co.uk', 'my-firm-co-uk.gate.seppmail.cloud', 'my-firm-co-uk.relay.seppmail.cloud', 'my-firm-co-uk.mail.seppmail.cloud'],
  ])('%s', (name, gate, relay, mail) => {
    expect([gateHost({ name }), relayHost({ name }), parallelHost({ name })]).toEqual([gate, relay, mail]);
  });
});

describe('swisssignToken', () => {
  it('is 16 hex digits, stable for a domain', () => {
    expect(token).toMatch(/^[0-9a-f]{16}$/);
    expect(swisssignToken({ id, name: 'EXAMPLE.ch.' })).toBe(token);
  });

  it('differs with the id and with the name', () => {
    const tokens = new Set([
      token,
      swisssignToken({ id: 'D-10043', name: 'example.ch' }),
      swisssignToken({ id, name: 'example.de' }),
      swisssignToken({ id: 'D-1004', name: '2example.ch' }),
    ]);
    expect(tokens.size).toBe(4);
  });

  it('is FNV-1a 64 of "<id>\\n<name>"', () => {
    // The reference below against FNV's published vector for "a", then the module against it.
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(swisssignToken({ id, name: 'example.ch' })).toBe(fnv1a64(`${id}\nexample.ch`));
  });
});

/** An independent FNV-1a 64 on strings of ASCII, for the vector test above. */
function fnv1a64(input: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of input) hash = BigInt.asUintN(64, (hash ^ BigInt(char.charCodeAt(0))) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}
