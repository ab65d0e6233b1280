import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDnsChecker, type DnsChecker, parseDnsServers } from '../../bff/dns/dns-checker.js';
import { type DnsRecord, requiredDnsRecords } from '../../domain/dns-records.js';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.js';

const domain = {
  id: 'D-10042',
  name: 'example.ch',
  mode: 'inline' as const,
  ginaHost: 'securemail.example.ch',
  services: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'] as const,
};
const records = requiredDnsRecords({ ...domain, services: [...domain.services] });
const byPurpose = (purpose: DnsRecord['purpose']) => records.find((r) => r.purpose === purpose)!;
const presence = (checked: Array<DnsRecord & { present: boolean }>) => Object.fromEntries(checked.map((r) => [r.purpose, r.present]));

/** Publishes every record as required, exactly. */
function publishAll(server: TestDnsServer) {
  for (const r of records) server.set(r.name, r.type, [r.value]);
}

describe('DNS checker against a DNS server on 127.0.0.1', () => {
  let server: TestDnsServer;
  let checker: DnsChecker;

  beforeAll(async () => {
    server = await startDnsServer();
    checker = createDnsChecker({ servers: [server.address], timeoutMs: 2_000 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.clear());

  it('finds nothing in an empty zone, and takes NXDOMAIN and NODATA for answers, not failures', async () => {
    const warn = vi.fn();
    const quiet = createDnsChecker({ servers: [server.address], timeoutMs: 2_000, logger: { warn } });
    expect(await quiet.check(records)).toEqual(records.map((r) => ({ ...r, present: false })));
    server.set('example.ch', 'TXT', ['v=spf1 -all']); // example.ch exists now, without MX: NODATA
    expect(presence(await quiet.check(records))['inbound-mail']).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it('finds every record once published', async () => {
    publishAll(server);
    expect(presence(await checker.check(records))).toEqual({
      'inbound-mail': true,
      'gina-host': true,
      'gina-acme-challenge': true,
      'swisssign-validation': true,
    });
  });

  it('tells the published from the missing', async () => {
    server.set('example.ch', 'MX', [byPurpose('inbound-mail').value]);
    server.set('securemail.example.ch', 'CNAME', [byPurpose('gina-host').value]);
    expect(presence(await checker.check(records))).toEqual({
      'inbound-mail': true,
      'gina-host': true,
      'gina-acme-challenge': false,
      'swisssign-validation': false,
    });
  });

  it('ignores case and trailing dots in names and values', async () => {
    server.set('EXAMPLE.CH', 'MX', ['20 Example-CH.Gate.SEPPmail.cloud.']);
    server.set('SecureMail.Example.CH.', 'CNAME', ['SECUREMAIL-EXAMPLE-CH.GINA.SEPPMAIL.CLOUD.']);
    server.set('_ACME-challenge.securemail.example.ch', 'CNAME', [`${byPurpose('gina-acme-challenge').value}.`]);
    const upperCased = records.map((r) => (r.type === 'TXT' ? r : { ...r, name: `${r.name.toUpperCase()}.` }));
    expect(presence(await checker.check(upperCased))).toMatchObject({ 'inbound-mail': true, 'gina-host': true, 'gina-acme-challenge': true });
  });

  it('finds the MX among others, and not a record of another type', async () => {
    server.set('example.ch', 'MX', ['0 example-ch.mail.protection.outlook.com', `10 ${byPurpose('inbound-mail').value}`]);
    server.set('securemail.example.ch', 'TXT', [byPurpose('gina-host').value]);
    const checked = presence(await checker.check(records));
    expect(checked['inbound-mail']).toBe(true);
    expect(checked['gina-host']).toBe(false);
  });

  it('does not take a wrong MX or CNAME target', async () => {
    server.set('example.ch', 'MX', ['example-ch.mail.protection.outlook.com']);
    server.set('securemail.example.ch', 'CNAME', ['other-ch.gina.seppmail.cloud']);
    expect(presence(await checker.check(records))).toMatchObject({ 'inbound-mail': false, 'gina-host': false });
  });

  it('takes the SwissSign TXT exactly (blanks around it aside), among other TXT strings', async () => {
    const { value } = byPurpose('swisssign-validation');
    const txt = records.filter((r) => r.type === 'TXT');
    server.set('example.ch', 'TXT', ['v=spf1 include:spf.protection.outlook.com -all', value]);
    expect(await checker.check(txt)).toEqual([{ ...txt[0], present: true }]);

    server.set('example.ch', 'TXT', [`${value}${'x'.repeat(300)}`, 'swisssign-check=0000000000000000', value.toUpperCase()]);
    expect(await checker.check(txt)).toEqual([{ ...txt[0], present: false }]);

    server.set('example.ch', 'TXT', [` ${value} `]);
    expect(await checker.check(txt)).toEqual([{ ...txt[0], present: true }]);
  });

  it('joins the chunks of a long TXT string', async () => {
    const long = `verification=${'a'.repeat(400)}`;
    server.set('example.ch', 'TXT', [long]);
    const [checked] = await checker.check([{ type: 'TXT', name: 'example.ch', value: long, purpose: 'swisssign-validation' }]);
    expect(checked!.present).toBe(true);
  });

  it('sees a change in the zone on the next check (no cache)', async () => {
    const mx = [byPurpose('inbound-mail')];
    expect((await checker.check(mx))[0]!.present).toBe(false);
    server.set('example.ch', 'MX', [mx[0]!.value]);
    expect((await checker.check(mx))[0]!.present).toBe(true);
    server.remove('example.ch', 'MX');
    expect((await checker.check(mx))[0]!.present).toBe(false);
  });

  it('answers an empty list with an empty list', async () => {
    expect(await checker.check([])).toEqual([]);
  });
});

describe('DNS checker when the server does not answer', () => {
  let silent: Socket;
  let silentAddress: string;

  beforeAll(async () => {
    // A socket that takes every query and answers none: the resolver can only time out.
    silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    silentAddress = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => silent.close(() => resolve())));

  it('counts every record as not present, within the timeout, and says why', async () => {
    const warn = vi.fn();
    const checker = createDnsChecker({ servers: [silentAddress], timeoutMs: 600, logger: { warn } });
    const started = performance.now();
    const checked = await checker.check(records);
    const elapsed = performance.now() - started;
    expect(checked.every((r) => !r.present)).toBe(true);
    expect(elapsed).toBeLessThan(600 + 250);
    expect(warn).toHaveBeenCalled();
  });

  it('counts every record as not present when nothing listens on the port', async () => {
    const closed = await startDnsServer();
    const address = closed.address;
    await closed.close();
    const checker = createDnsChecker({ servers: [address], timeoutMs: 600 });
    const started = performance.now();
    const checked = await checker.check(records);
    expect(checked.every((r) => !r.present)).toBe(true);
    expect(performance.now() - started).toBeLessThan(600 + 250);
  });
});

describe('createDnsChecker', () => {
  it('refuses a server list that Node cannot use', () => {
    expect(() => createDnsChecker({ servers: ['dns.example.net'] })).toThrow();
    expect(() => createDnsChecker({ servers: [] })).toThrow(/empty/);
    expect(() => createDnsChecker({ timeoutMs: 0 })).toThrow(/timeoutMs/);
  });

  it('takes the system resolvers without servers', () => {
    expect(() => createDnsChecker()).not.toThrow();
  });
});

describe('parseDnsServers', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    [' , ', undefined],
    ['127.0.0.1:5353', ['127.0.0.1:5353']],
    ['9.9.9.9', ['9.9.9.9']],
    [' 1.1.1.1 , 8.8.8.8:53 ', ['1.1.1.1', '8.8.8.8:53']],
    ['[::1]:5353', ['[::1]:5353']],
    ['[2001:db8::53]', ['[2001:db8::53]']],
    ['2001:db8::53', ['[2001:db8::53]']],
    ['127.0.0.1:5353,[::1]:5353', ['127.0.0.1:5353', '[::1]:5353']],
  ])('%j → %j', (env, expected) => {
    expect(parseDnsServers(env)).toEqual(expected);
  });

  it.each(['dns.google', 'dns.google:53', '127.0.0.1:0', '127.0.0.1:65536', '127.0.0.1:dns', '[127.0.0.1]:53', '[::1', '1.2.3:53', '127.0.0.1:'])(
    'refuses %j',
    (env) => {
      expect(() => parseDnsServers(env)).toThrow(/DNS_SERVERS/);
    },
  );

  it('gives what the checker takes', async () => {
    const server = await startDnsServer();
    try {
      server.set('example.ch', 'MX', ['example-ch.gate.seppmail.cloud']);
      const checker = createDnsChecker({ servers: parseDnsServers(`${server.address}`), timeoutMs: 2_000 });
      expect((await checker.check([byPurpose('inbound-mail')]))[0]!.present).toBe(true);
    } finally {
      await server.close();
    }
  });
});
