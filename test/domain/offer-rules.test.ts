/** The offer's rules (domain/rules/offers.ts) and the compatibility rules they share with checkServices. */
import { describe, expect, it } from 'vitest';
import type { ServiceCode } from '../../domain/catalog.js';
import type { Principal } from '../../domain/roles.js';
import { checkCompatibility, checkOffer, checkOfferLine, checkServices, type OfferFacts } from '../../domain/rules.js';

const partner: Pick<Principal, 'level' | 'roles'> = { level: 'partner', roles: ['ALL'] };
const staffSales: Pick<Principal, 'level' | 'roles'> = { level: 'seppmail', roles: ['Sales'] };
const facts = (over: Partial<OfferFacts> = {}): OfferFacts => ({ principal: partner, country: 'CH', takenByOthers: new Set(), ...over });

describe('checkCompatibility', () => {
  const cases: [string, ServiceCode[], string, [string, string | undefined][]][] = [
    ['nothing to say', ['SC-SERVICE', 'SC-F-INBOUND'], 'CH', []],
    ['an incomplete selection is fine', ['SC-SIGENC', 'SC-HIN'], 'CH', []],
    ['signing only and sign+encrypt, named once', ['SC-SIGENC', 'SC-SIGONLY'], 'CH', [['excludes', 'SC-SIGONLY']]],
    ['HIN outside Switzerland', ['SC-HIN'], 'DE', [['hin-needs-switzerland', 'SC-HIN']]],
    ['the country in lower case', ['SC-HIN'], 'ch', []],
    ['both, in catalogue order', ['SC-HIN', 'SC-SIGENC', 'SC-SIGONLY'], 'AT', [['excludes', 'SC-SIGONLY'], ['hin-needs-switzerland', 'SC-HIN']]],
  ];
  it.each(cases)('%s', (_, services, country, expected) => {
    expect(checkCompatibility(services, country).map((r) => [r.code, r.service])).toEqual(expected);
  });

  it('answers the very reasons checkServices gives for the same exclusion and country', () => {
    const services: ServiceCode[] = ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGONLY', 'SC-SIGENC', 'SC-CERT', 'SC-HIN'];
    const all = checkServices({ mode: 'inline', services, country: 'DE', hasGinaHost: true });
    const shared = all.filter((r) => r.code === 'excludes' || r.code === 'hin-needs-switzerland');
    expect(checkCompatibility(services, 'DE')).toEqual(shared);
  });
});

describe('checkOfferLine', () => {
  const line = (domain: string, services: ServiceCode[], discount = false) => ({
    domain,
    services,
    estimatedUsers: 5,
    ...(discount ? { discount: { percent: 10, reason: 'test' } } : {}),
  });
  const cases: [string, ReturnType<typeof line>, OfferFacts, [string, string][]][] = [
    ['a good line', line('Neu.CH', ['SC-SERVICE']), facts(), []],
    ['freemail', line('gmail.com', ['SC-SERVICE']), facts(), [['name-freemail', 'lines.2.domain']]],
    ['not a name', line('no domain', ['SC-SERVICE']), facts(), [['name-invalid', 'lines.2.domain']]],
    ['another tenant has it', line('Taken.ch', ['SC-SERVICE']), facts({ takenByOthers: new Set(['taken.ch']) }), [['domain-taken', 'lines.2.domain']]],
    ['a partner discounts', line('a.ch', ['SC-SERVICE'], true), facts(), [['discount-not-allowed', 'lines.2.discount']]],
    ['SEPPmail Sales discounts', line('a.ch', ['SC-SERVICE'], true), facts({ principal: staffSales }), []],
    ['a tenant administrator with ALL discounts', line('a.ch', ['SC-SERVICE'], true), facts({ principal: { level: 'tenant', roles: ['ALL'] } }), [['discount-not-allowed', 'lines.2.discount']]],
    [
      'everything at once, in order',
      line('signing.de', ['SC-SIGONLY', 'SC-SIGENC', 'SC-CERT', 'SC-HIN'], true),
      facts({ country: 'DE' }),
      [['discount-not-allowed', 'lines.2.discount'], ['excludes', 'lines.2.services'], ['hin-needs-switzerland', 'lines.2.services']],
    ],
  ];
  it.each(cases)('%s', (_, l, f, expected) => {
    expect(checkOfferLine(l, 2, f).reasons.map((r) => [r.code, r.path])).toEqual(expected);
  });

  it('names the line in every message and gives the name as stored', () => {
    const checked = checkOfferLine(line('Taken.CH', ['SC-SIGONLY', 'SC-SIGENC']), 0, facts({ takenByOthers: new Set(['taken.ch']) }));
    expect(checked.name).toBe('taken.ch');
    expect(checked.reasons.map((r) => r.message)).toEqual([
      'Line 1 (Taken.CH): taken.ch is managed for another tenant.',
      'Line 1 (Taken.CH): SC-SIGONLY and SC-SIGENC exclude each other on one domain.',
    ]);
    expect(checkOfferLine(line('no domain', ['SC-SERVICE']), 0, facts()).name).toBe('no domain');
  });
});

describe('checkOffer', () => {
  it('answers every line, in order, and every name', () => {
    const offer = {
      lines: [
        { domain: 'a.ch', services: ['SC-HIN'] as ServiceCode[], estimatedUsers: 1 },
        { domain: 'B.ch', services: ['SC-SERVICE'] as ServiceCode[], estimatedUsers: 1 },
        { domain: 'gmx.net', services: ['SC-SERVICE'] as ServiceCode[], estimatedUsers: 1 },
      ],
    };
    const { reasons, names } = checkOffer(offer, facts({ country: 'FR' }));
    expect(reasons.map((r) => [r.code, r.path])).toEqual([
      ['hin-needs-switzerland', 'lines.0.services'],
      ['name-freemail', 'lines.2.domain'],
    ]);
    expect(names).toEqual(['a.ch', 'b.ch', 'gmx.net']);
  });
});
