/** The order's rules (domain/rules/ordering.ts), deployment settings' (deployment.ts) and the GINA host's owner (names.ts). */
import { describe, expect, it } from 'vitest';
import type { ServiceCode } from '../../domain/catalog.js';
import type { ServiceStatus } from '../../domain/lifecycle.js';
import {
  alreadyBooked,
  checkCancellation,
  checkDeploymentSettingsOffered,
  checkDomainOrder,
  checkGinaHostOwner,
  checkServiceAddition,
  type DomainForAddition,
  type DomainOrder,
  domainNotActive,
  domainTaken,
  ginaHostAlreadySet,
  ginaHostOnlyWithSigenc,
  inCatalogOrder,
} from '../../domain/rules.js';

const codes = (reasons: { code: string; path: string; service?: string }[]) => reasons.map((r) => [r.code, r.path, r.service ?? null]);
const SIGENC_INLINE: ServiceCode[] = ['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'];

describe('the small ordering rules', () => {
  it('inCatalogOrder: once each, in catalogue order', () => {
    expect(inCatalogOrder(['SC-HIN', 'SC-SERVICE', 'SC-HIN', 'SC-CERT'])).toEqual(['SC-SERVICE', 'SC-CERT', 'SC-HIN']);
  });

  it.each<[ServiceCode[], boolean]>([
    [['SC-SIGENC'], true],
    [['SC-SERVICE', 'SC-SIGENC', 'SC-CERT'], true],
    [['SC-SIGONLY', 'SC-CERT'], false],
    [[], false],
  ])('ginaHostOnlyWithSigenc(%j) allows: %s', (ordered, allowed) => {
    expect(ginaHostOnlyWithSigenc(ordered)).toEqual(allowed ? [] : [{ code: 'gina-host-invalid', path: 'ginaHost', message: 'A GINA host is set only with SC-SIGENC.' }]);
  });

  it('ginaHostAlreadySet', () => {
    expect(ginaHostAlreadySet('a.ch', false)).toEqual([]);
    expect(ginaHostAlreadySet('a.ch', true)).toEqual([
      { code: 'gina-host-invalid', path: 'ginaHost', message: 'a.ch has a GINA host already; change it in the deployment settings.' },
    ]);
  });

  it.each<[string, boolean, ServiceCode[], boolean]>([
    ['active', false, ['SC-SERVICE'], false],
    ['deprovisioned', true, ['SC-SERVICE'], true],
    ['no active service', false, [], true],
  ])('domainNotActive: %s', (_, deprovisioned, active, refused) => {
    expect(domainNotActive({ name: 'a.ch', deprovisioned, active }).map((r) => r.code)).toEqual(refused ? ['not-active'] : []);
  });

  it('alreadyBooked names each requested service that is active, in catalogue order', () => {
    expect(codes(alreadyBooked('a.ch', ['SC-SERVICE', 'SC-F-INBOUND', 'SC-CERT'], ['SC-HIN', 'SC-CERT', 'SC-F-INBOUND']))).toEqual([
      ['already-booked', 'services', 'SC-F-INBOUND'],
      ['already-booked', 'services', 'SC-CERT'],
    ]);
    expect(alreadyBooked('a.ch', ['SC-SERVICE'], ['SC-CERT'])).toEqual([]);
    expect(alreadyBooked('a.ch', ['SC-CERT'], ['SC-CERT'])[0]!.message).toBe('SC-CERT is already booked on a.ch.');
  });

  it('domainTaken', () => {
    expect(domainTaken('a.ch')).toEqual({ code: 'domain-taken', path: 'name', message: 'a.ch is already managed on seppmail.cloud.' });
  });

  it.each<[string | undefined, string, boolean]>([
    [undefined, 'T-1', false],
    ['T-1', 'T-1', false],
    ['T-2', 'T-1', true],
  ])('checkGinaHostOwner: owner %s, tenant %s, taken %s', (owner, tenant, taken) => {
    expect(checkGinaHostOwner('securemail.a.ch', owner, tenant)).toEqual(
      taken ? [{ code: 'gina-host-taken', path: 'ginaHost', message: 'The GINA host securemail.a.ch belongs to another tenant; choose another name.' }] : [],
    );
  });
});

describe('checkDomainOrder', () => {
  const cases: [string, DomainOrder, string, (string | null)[][]][] = [
    ['a complete inline order', { name: 'neu.ch', mode: 'inline', services: SIGENC_INLINE, ginaHost: 'securemail.neu.ch' }, 'CH', []],
    ['the manual add needs no dependencies', { name: 'neu.ch', mode: 'parallel' }, 'CH', []],
    ['a GINA host without SC-SIGENC, manual', { name: 'neu.ch', mode: 'inline', ginaHost: 'securemail.neu.ch' }, 'CH', [['gina-host-invalid', 'ginaHost', null]]],
    [
      'a GINA host with signing only',
      { name: 'neu.ch', mode: 'inline', services: ['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGONLY', 'SC-CERT'], ginaHost: 'securemail.neu.ch' },
      'CH',
      [['gina-host-invalid', 'ginaHost', null]],
    ],
    ['SC-SIGENC without a GINA host', { name: 'neu.ch', mode: 'inline', services: SIGENC_INLINE }, 'CH', [['gina-host-required', 'ginaHost', 'SC-SIGENC']]],
    [
      'every reason at once, in order',
      { name: 'gmail.com', mode: 'parallel', ms365TenantId: 'nope', services: ['SC-HIN'], ginaHost: 'x' },
      'DE',
      [
        ['name-freemail', 'name', null],
        ['ms365-tenant-id-invalid', 'ms365TenantId', null],
        ['mode-requires', 'services', 'SC-MS365'],
        ['requires', 'services', 'SC-HIN'],
        ['hin-needs-switzerland', 'services', 'SC-HIN'],
        ['gina-host-invalid', 'ginaHost', null],
        ['gina-host-invalid', 'ginaHost', null],
      ],
    ],
  ];
  it.each(cases)('%s', (_, order, country, expected) => {
    expect(codes(checkDomainOrder(order, { country }).reasons)).toEqual(expected);
  });

  it('answers what to book: SC-SERVICE and the services in catalogue order, the names in punycode', () => {
    const checked = checkDomainOrder({ name: 'Bücher.CH', mode: 'inline', services: ['SC-CERT', 'SC-SIGENC', 'SC-F-OUTBOUND', 'SC-F-INBOUND'], ginaHost: 'Mail.Bücher.ch' }, { country: 'CH' });
    expect(checked).toMatchObject({ manual: false, services: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'], reasons: [] });
    expect(checked.name.ascii).toBe('xn--bcher-kva.ch');
    expect(checked.gina?.ascii).toBe('mail.xn--bcher-kva.ch');
    expect(checkDomainOrder({ name: 'a.ch', mode: 'inline' }, { country: 'CH' })).toMatchObject({ manual: true, services: ['SC-SERVICE'], gina: null });
  });
});

describe('checkServiceAddition', () => {
  const domain = (over: Partial<DomainForAddition> = {}): DomainForAddition => ({
    name: 'a.ch',
    mode: 'inline',
    country: 'CH',
    deprovisioned: false,
    hasGinaHost: false,
    active: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND'],
    ...over,
  });
  const cases: [string, DomainForAddition, { services: ServiceCode[]; ginaHost?: string }, (string | null)[][]][] = [
    ['sign+encrypt with its host', domain(), { services: ['SC-SIGENC', 'SC-CERT'], ginaHost: 'securemail.a.ch' }, []],
    ['sign+encrypt on a domain with a host', domain({ hasGinaHost: true }), { services: ['SC-SIGENC', 'SC-CERT'] }, []],
    [
      'a host again',
      domain({ hasGinaHost: true }),
      { services: ['SC-SIGENC', 'SC-CERT'], ginaHost: 'securemail.a.ch' },
      [['gina-host-invalid', 'ginaHost', null]],
    ],
    ['a host without SC-SIGENC', domain(), { services: ['SC-SIGONLY', 'SC-CERT'], ginaHost: 'securemail.a.ch' }, [['gina-host-invalid', 'ginaHost', null]]],
    [
      'a deprovisioned domain',
      domain({ deprovisioned: true }),
      { services: ['SC-F-INBOUND'] },
      [['not-active', 'services', null], ['already-booked', 'services', 'SC-F-INBOUND']],
    ],
    [
      'nothing active any more',
      domain({ active: [] }),
      { services: ['SC-F-INBOUND'] },
      [['not-active', 'services', null], ['mode-requires', 'services', 'SC-SERVICE']],
    ],
    ['HIN outside Switzerland, checked on the whole set', domain({ country: 'AT', hasGinaHost: true, active: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'] }), { services: ['SC-HIN'] }, [['hin-needs-switzerland', 'services', 'SC-HIN']]],
  ];
  it.each(cases)('%s', (_, d, order, expected) => {
    expect(codes(checkServiceAddition(d, order).reasons)).toEqual(expected);
  });

  it('answers the requested services and the set after, in catalogue order', () => {
    const checked = checkServiceAddition(domain(), { services: ['SC-CERT', 'SC-SIGONLY'] });
    expect(checked).toMatchObject({ requested: ['SC-SIGONLY', 'SC-CERT'], gina: null, reasons: [] });
    expect(checked.after).toEqual(['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGONLY', 'SC-CERT']);
  });
});

describe('checkCancellation', () => {
  const today = '2026-11-24';
  const cases: [ServiceStatus, string, string[]][] = [
    ['ordered', '2026-11-30', []],
    ['provisioned', '2026-11-25', []],
    ['provisioned', '2026-11-24', ['end-billing-too-early']],
    ['cancelled', '2026-11-30', ['not-active']],
    ['deprovisioned', '2026-02-30', ['end-billing-invalid', 'not-active']],
  ];
  it.each(cases)('%s, end billing %s', (status, endBilling, expected) => {
    expect(checkCancellation({ number: 3, code: 'SC-CERT', status }, endBilling, today).map((r) => r.code)).toEqual(expected);
  });

  it('names the service it refuses', () => {
    expect(checkCancellation({ number: 3, code: 'SC-CERT', status: 'cancelled' }, '2026-11-30', today)).toEqual([
      { code: 'not-active', path: 'number', service: 'SC-CERT', message: 'Service 3 (SC-CERT) is cancelled; only active services can be cancelled.' },
    ]);
  });
});

describe('checkDeploymentSettingsOffered', () => {
  it.each<[string | null, boolean]>([
    ['confirmed', true],
    ['provisioning', true],
    ['ordered', false],
    ['provisioned', false],
    [null, false],
  ])('SC-SIGENC %s: offered %s', (status, offered) => {
    expect(checkDeploymentSettingsOffered('a.ch', status).map((r) => r.code)).toEqual(offered ? [] : ['deployment-settings-unavailable']);
  });

  it('says why', () => {
    expect(checkDeploymentSettingsOffered('a.ch', 'ordered')[0]!.message).toBe(
      'SC-SIGENC on a.ch is ordered; deployment settings open once it is confirmed and close once it is provisioned.',
    );
    expect(checkDeploymentSettingsOffered('a.ch', null)[0]).toEqual({
      code: 'deployment-settings-unavailable',
      path: 'domain',
      service: 'SC-SIGENC',
      message: 'a.ch has no active SC-SIGENC.',
    });
  });
});
