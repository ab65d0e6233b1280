import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODES, type Mode, SERVICE_CODES, type ServiceCode } from '../../domain/catalog.js';
import {
  cancellationCascade,
  checkDomainName,
  checkEndBilling,
  checkGinaHost,
  checkMs365TenantId,
  checkServices,
  defaultEndBilling,
  defaultGinaHost,
  PLATFORM_DOMAINS,
  type Reason,
  SPECIAL_USE_DOMAINS,
  withRequirements,
} from '../../domain/rules.js';

/**
 * The dependency rules (docs/domain.md#dependency-rules) written out a second time, one predicate each, independently
 * of the module under test: the property tests hold the module to them.
 */
type RuleId = string;
function brokenRules(mode: Mode, services: readonly ServiceCode[], country: string, gina: boolean): Set<RuleId> {
  const has = (c: ServiceCode) => services.includes(c);
  const inline = mode !== 'parallel';
  const signing = has('SC-SIGONLY') || has('SC-SIGENC');
  const broken: [RuleId, boolean][] = [
    ['base', !has('SC-SERVICE')],
    ['inline-needs-inbound', inline && !has('SC-F-INBOUND')],
    ['parallel-needs-ms365', mode === 'parallel' && !has('SC-MS365')],
    ['parallel-no-inbound', mode === 'parallel' && has('SC-F-INBOUND')],
    ['parallel-no-outbound', mode === 'parallel' && has('SC-F-OUTBOUND')],
    ['inline-no-ms365', inline && has('SC-MS365')],
    ['inbound-only-no-outbound', mode === 'inline-inbound-only' && has('SC-F-OUTBOUND')],
    ['outbound-needs-inbound', has('SC-F-OUTBOUND') && !has('SC-F-INBOUND')],
    ['signing-exclusive', has('SC-SIGONLY') && has('SC-SIGENC')],
    ['sigonly-needs-cert', has('SC-SIGONLY') && !has('SC-CERT')],
    ['sigenc-needs-cert', has('SC-SIGENC') && !has('SC-CERT')],
    ['inline-sigonly-needs-outbound', inline && has('SC-SIGONLY') && !has('SC-F-OUTBOUND')],
    ['inline-sigenc-needs-outbound', inline && has('SC-SIGENC') && !has('SC-F-OUTBOUND')],
    ['cert-only-with-signing', has('SC-CERT') && !signing],
    ['hin-needs-sigenc', has('SC-HIN') && !has('SC-SIGENC')],
    ['hin-needs-switzerland', has('SC-HIN') && country !== 'CH'],
    ['sigenc-needs-gina', has('SC-SIGENC') && !gina],
  ];
  return new Set(broken.filter(([, isBroken]) => isBroken).map(([id]) => id));
}

/** The rules of the list above that a reason names. */
function rulesNamedBy(reason: Reason, mode: Mode): RuleId[] {
  const s = reason.service;
  const others = reason.others ?? [];
  switch (reason.code) {
    case 'mode-requires':
      return [s === 'SC-SERVICE' ? 'base' : s === 'SC-F-INBOUND' ? 'inline-needs-inbound' : 'parallel-needs-ms365'];
    case 'mode-forbids':
      return [
        s === 'SC-MS365' ? 'inline-no-ms365' : s === 'SC-F-INBOUND' ? 'parallel-no-inbound' : mode === 'parallel' ? 'parallel-no-outbound' : 'inbound-only-no-outbound',
      ];
    case 'requires':
      return others.map((o) =>
        s === 'SC-F-OUTBOUND' && o === 'SC-F-INBOUND'
          ? 'outbound-needs-inbound'
          : s === 'SC-HIN' && o === 'SC-SIGENC'
            ? 'hin-needs-sigenc'
            : o === 'SC-CERT'
              ? `${s === 'SC-SIGONLY' ? 'sigonly' : 'sigenc'}-needs-cert`
              : o === 'SC-F-OUTBOUND'
                ? `inline-${s === 'SC-SIGONLY' ? 'sigonly' : 'sigenc'}-needs-outbound`
                : `unknown ${s} requires ${o}`,
      );
    case 'requires-one-of':
      return ['cert-only-with-signing'];
    case 'excludes':
      return ['signing-exclusive'];
    case 'hin-needs-switzerland':
      return ['hin-needs-switzerland'];
    case 'gina-host-required':
      return ['sigenc-needs-gina'];
    default:
      return [`unexpected ${reason.code}`];
  }
}

const arbitrarySet = fc.record({
  mode: fc.constantFrom(...MODES),
  services: fc.subarray([...SERVICE_CODES]),
  country: fc.constantFrom('CH', 'LI', 'DE', 'AT'),
  gina: fc.boolean(),
});

describe('checkServices: properties', () => {
  it('accepts a set exactly when it breaks no rule', () => {
    fc.assert(
      fc.property(arbitrarySet, ({ mode, services, country, gina }) => {
        const reasons = checkServices({ mode, services, country, hasGinaHost: gina });
        expect(reasons.length === 0).toBe(brokenRules(mode, services, country, gina).size === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('names only rules that are broken, and every broken rule', () => {
    fc.assert(
      fc.property(arbitrarySet, ({ mode, services, country, gina }) => {
        const broken = brokenRules(mode, services, country, gina);
        const named = checkServices({ mode, services, country, hasGinaHost: gina }).flatMap((r) => rulesNamedBy(r, mode));
        for (const rule of named) expect(broken, `named ${rule}`).toContain(rule);
        expect(new Set(named)).toEqual(broken);
      }),
      { numRuns: 2000 },
    );
  });

  it('adding what a selection requires leaves no missing requirement', () => {
    fc.assert(
      fc.property(arbitrarySet, ({ mode, services, country, gina }) => {
        const completed = withRequirements(services, mode);
        for (const code of services) expect(completed).toContain(code);
        const left = checkServices({ mode, services: completed, country, hasGinaHost: gina }).map((r) => r.code);
        expect(left).not.toContain('requires');
        expect(left).not.toContain('mode-requires');
      }),
      { numRuns: 1000 },
    );
  });

  it('a cancellation leaves a set with nothing missing, and cancels what it names', () => {
    const validSets = arbitrarySet
      .map(({ mode, services, country }) => ({ mode, country, services: withRequirements(services, mode) }))
      .filter(({ mode, services, country }) => checkServices({ mode, services, country, hasGinaHost: true }).length === 0);
    fc.assert(
      fc.property(validSets, fc.nat(), ({ mode, services, country }, pick) => {
        const code = services[pick % services.length]!;
        const cancelled = cancellationCascade(services, code, mode);
        expect(cancelled).toContain(code);
        const remaining = services.filter((s) => !cancelled.includes(s));
        if (remaining.length === 0) return;
        const reasons = checkServices({ mode, services: remaining, country, hasGinaHost: true });
        expect(reasons).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkServices: each rule', () => {
  const ok = (mode: Mode, services: ServiceCode[], country = 'CH', gina = true) => checkServices({ mode, services, country, hasGinaHost: gina });
  const codes = (reasons: Reason[]) => reasons.map((r) => `${r.code}:${r.service}${r.others ? `>${r.others.join('+')}` : ''}`);

  it.each<[string, Mode, ServiceCode[], string[]]>([
    ['inline sign+encrypt, complete', 'inline', ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT', 'SC-HIN'], []],
    ['parallel sign-only, complete', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-SIGONLY', 'SC-CERT'], []],
    ['inbound only, complete', 'inline-inbound-only', ['SC-SERVICE', 'SC-F-INBOUND'], []],
    ['no base service', 'inline', ['SC-F-INBOUND'], ['mode-requires:SC-SERVICE']],
    ['inline with outbound alone', 'inline', ['SC-SERVICE', 'SC-F-OUTBOUND'], ['mode-requires:SC-F-INBOUND', 'requires:SC-F-OUTBOUND>SC-F-INBOUND']],
    ['inline without inbound filter', 'inline', ['SC-SERVICE'], ['mode-requires:SC-F-INBOUND']],
    ['parallel without SC-MS365', 'parallel', ['SC-SERVICE'], ['mode-requires:SC-MS365']],
    ['parallel with filters', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-F-INBOUND', 'SC-F-OUTBOUND'], ['mode-forbids:SC-F-INBOUND', 'mode-forbids:SC-F-OUTBOUND']],
    ['SC-MS365 on an inline domain', 'inline', ['SC-SERVICE', 'SC-F-INBOUND', 'SC-MS365'], ['mode-forbids:SC-MS365']],
    ['outbound without inbound', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-F-OUTBOUND'], ['mode-forbids:SC-F-OUTBOUND', 'requires:SC-F-OUTBOUND>SC-F-INBOUND']],
    ['outbound on inbound only', 'inline-inbound-only', ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND'], ['mode-forbids:SC-F-OUTBOUND']],
    ['sign-only and sign+encrypt together', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-SIGONLY', 'SC-SIGENC', 'SC-CERT'], ['excludes:SC-SIGONLY>SC-SIGENC']],
    ['signing without certificate', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-SIGENC'], ['requires:SC-SIGENC>SC-CERT']],
    ['inline signing without outbound', 'inline', ['SC-SERVICE', 'SC-F-INBOUND', 'SC-SIGONLY', 'SC-CERT'], ['requires:SC-SIGONLY>SC-F-OUTBOUND']],
    ['certificate alone', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-CERT'], ['requires-one-of:SC-CERT>SC-SIGONLY+SC-SIGENC']],
    ['HIN without sign+encrypt', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-SIGONLY', 'SC-CERT', 'SC-HIN'], ['requires:SC-HIN>SC-SIGENC']],
  ])('%s', (_, mode, services, expected) => {
    expect(codes(ok(mode, services))).toEqual(expected);
  });

  it('refuses HIN outside Switzerland and sign+encrypt without a GINA host', () => {
    const services: ServiceCode[] = ['SC-SERVICE', 'SC-MS365', 'SC-SIGENC', 'SC-CERT', 'SC-HIN'];
    expect(codes(ok('parallel', services, 'DE', false))).toEqual(['gina-host-required:SC-SIGENC', 'hin-needs-switzerland:SC-HIN']);
    expect(ok('parallel', services, 'CH', true)).toEqual([]);
    expect(ok('parallel', services, 'CH', false)[0]!.path).toBe('ginaHost');
  });

  it('adds what a choice requires: sign+encrypt inline brings the certificate and both filters', () => {
    expect(withRequirements(['SC-SIGENC'], 'inline')).toEqual(['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT']);
    expect(withRequirements(['SC-HIN'], 'parallel')).toEqual(['SC-SERVICE', 'SC-MS365', 'SC-SIGENC', 'SC-CERT', 'SC-HIN']);
    expect(withRequirements([], 'inline-inbound-only')).toEqual(['SC-SERVICE', 'SC-F-INBOUND']);
  });
});

describe('cancellationCascade', () => {
  const full: ServiceCode[] = ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT', 'SC-HIN'];
  it.each<[ServiceCode, Mode, ServiceCode[], ServiceCode[]]>([
    ['SC-SERVICE', 'inline', full, full],
    ['SC-F-INBOUND', 'inline', full, full],
    ['SC-F-OUTBOUND', 'inline', full, ['SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT', 'SC-HIN']],
    ['SC-SIGENC', 'inline', full, ['SC-SIGENC', 'SC-CERT', 'SC-HIN']],
    ['SC-CERT', 'inline', full, ['SC-SIGENC', 'SC-CERT', 'SC-HIN']],
    ['SC-HIN', 'inline', full, ['SC-HIN']],
    ['SC-MS365', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-SIGONLY', 'SC-CERT'], ['SC-SERVICE', 'SC-MS365', 'SC-SIGONLY', 'SC-CERT']],
    ['SC-SIGONLY', 'parallel', ['SC-SERVICE', 'SC-MS365', 'SC-SIGONLY', 'SC-CERT'], ['SC-SIGONLY', 'SC-CERT']],
    ['SC-HIN', 'parallel', ['SC-SERVICE', 'SC-MS365'], []],
  ])('cancelling %s (%s)', (code, mode, active, expected) => {
    expect(cancellationCascade(active, code, mode)).toEqual(expected);
  });
});

describe('domain names', () => {
  it.each([
    ['Example.CH', 'example.ch'],
    ['  example.ch. ', 'example.ch'],
    ['müller-bau.ch', 'xn--mller-bau-q9a.ch'],
    ['bücher.example.de', 'xn--bcher-kva.example.de'],
    ['a-b.c-d.li', 'a-b.c-d.li'],
    ['xn--bcher-kva.ch', 'xn--bcher-kva.ch'],
    ['bücher.ch', 'xn--bcher-kva.ch'],
    ['москва.рф', 'xn--80adxhks.xn--p1ai'],
    ['例え.jp', 'xn--r8jz45g.jp'],
    ['日本語.jp', 'xn--wgv71a119e.jp'],
    ['sonyストア.jp', 'xn--sony-ok4c7e7d.jp'],
    ['samsung삼성.kr', 'xn--samsung-xn53ad4a.kr'],
    ['παράδειγμα.gr', 'xn--hxajbheg2az3al.gr'],
    ['ＥＸＡＭＰＬＥ.ch', 'example.ch'],
    ['example.ch', 'example.ch'],
    ['example.com.au', 'example.com.au'],
    ['seppmail.ch', 'seppmail.ch'],
    ['seppmail.cloud.example.ch', 'seppmail.cloud.example.ch'],
    ['localhost.ch', 'localhost.ch'],
    ['test.de', 'test.de'],
  ])('accepts %s as %s', (input, ascii) => {
    expect(checkDomainName(input)).toEqual({ ascii, reasons: [] });
  });

  it.each([
    ['', 'name-invalid'],
    ['localhost', 'name-invalid'],
    ['exa mple.ch', 'name-invalid'],
    ['user@example.ch', 'name-invalid'],
    ['example.ch/path', 'name-invalid'],
    ['-example.ch', 'name-invalid'],
    ['exa_mple.ch', 'name-invalid'],
    [`${'a'.repeat(64)}.ch`, 'name-invalid'],
    ['192.168.1.10', 'name-invalid'],
    ['gmail.com', 'name-freemail'],
    ['GMX.ch', 'name-freemail'],
    ['gmx.fr', 'name-freemail'],
    ['bluewin.ch', 'name-freemail'],
    ['mail.outlook.com', 'name-freemail'],
    ['contoso.onmicrosoft.com', 'name-onmicrosoft'],
    ['seppmail.cloud', 'name-platform'],
    ['tenant.seppmail.cloud', 'name-platform'],
    ['SEPPMAIL.CLOUD.', 'name-platform'],
    ['shop.test', 'name-special-use'],
    ['my.localhost', 'name-special-use'],
    ['nothing.invalid', 'name-special-use'],
    ['company.example', 'name-special-use'],
    ['example.com', 'name-special-use'],
    ['mail.example.net', 'name-special-use'],
    ['www.example.org', 'name-special-use'],
    ['printer.local', 'name-special-use'],
    ['duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion', 'name-special-use'],
    ['corp.internal', 'name-special-use'],
    ['router.home.arpa', 'name-special-use'],
    ['1.0.168.192.in-addr.arpa', 'name-special-use'],
    ['arpa.arpa', 'name-special-use'],
    ['name.alt', 'name-special-use'],
    ['аpple.ch', 'name-mixed-script'], // Cyrillic а
    ['xn--pple-43d.ch', 'name-mixed-script'], // the same in punycode
    ['pαypal.com', 'name-mixed-script'], // Greek α
    ['shop.gооgle.ch', 'name-mixed-script'], // Cyrillic о
    ['москваmoscow.ru', 'name-mixed-script'],
    ['あ삼.jp', 'name-mixed-script'], // Hiragana and Hangul
    ['😀.ch', 'name-symbol-only'],
    ['★.ch', 'name-symbol-only'],
    ['xn--e28h.ch', 'name-symbol-only'], // 😀 in punycode
    ['😀😀.bücher-walk.ch', 'name-symbol-only'],
    ['—.ch', 'name-symbol-only'], // U+2014 EM DASH
    ['i❤zurich.ch', 'name-invalid'],
    ['xn--ls8h.ch', 'name-symbol-only'], // 💩 in punycode
    ['a‐b.ch', 'name-invalid'], // U+2010 HYPHEN, not the hyphen-minus
    ['xn--ab-.ch', 'name-invalid'], // not what IDNA encodes
    ['xn--zz.ch', 'name-invalid'], // not punycode
  ])('refuses %j with %s', (input, code) => {
    const { reasons } = checkDomainName(input);
    expect(reasons.map((r) => r.code)).toContain(code);
    expect(reasons.every((r) => r.path === 'name' && r.message.length > 0)).toBe(true);
  });
});

describe('domain names: properties', () => {
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
  const latinLabel = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzäöüéèàç'), minLength: 2, maxLength: 12 });
  /** Cyrillic and Greek letters that look like Latin ones. */
  const lookalikes: Record<string, string> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ', j: 'ј', v: 'ν', k: 'κ' };

  it('refuses every name under a special-use name, as a domain and as a GINA host', () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom(...SPECIAL_USE_DOMAINS), (labels, special) => {
        const name = `${labels.join('.')}.${special.name}`;
        expect(checkDomainName(name).reasons.map((r) => r.code)).toContain('name-special-use');
        expect(checkGinaHost(`securemail.${name}`).reasons.map((r) => r.message).join(' ')).toContain('special-use');
      }),
    );
  });

  it('refuses every name under the platform’s names', () => {
    fc.assert(
      fc.property(fc.array(label, { maxLength: 3 }), fc.constantFrom(...PLATFORM_DOMAINS), (labels, platform) => {
        expect(checkDomainName([...labels, platform].join('.')).reasons.map((r) => r.code)).toContain('name-platform');
      }),
    );
  });

  it('accepts a Latin label, and refuses it once one letter is a Cyrillic or Greek lookalike', () => {
    fc.assert(
      fc.property(latinLabel, fc.nat(), (latin, pick) => {
        const name = `${latin}.ch`;
        const before = checkDomainName(name).reasons;
        fc.pre(before.every((r) => r.code !== 'name-freemail'));
        expect(before).toEqual([]);
        // Two letters at least (latinLabel), so one stays Latin.
        const positions = [...latin].flatMap((c, i) => (lookalikes[c] ? [i] : []));
        fc.pre(positions.length > 0);
        const at = positions[pick % positions.length]!;
        const spoofed = `${latin.slice(0, at)}${lookalikes[latin[at]!]}${latin.slice(at + 1)}.ch`;
        expect(checkDomainName(spoofed).reasons.map((r) => r.code)).toEqual(['name-mixed-script']);
        expect(checkGinaHost(`securemail.${spoofed}`).reasons.map((r) => r.code)).toEqual(['gina-host-invalid']);
      }),
      { numRuns: 500 },
    );
  });
});

describe('GINA host names', () => {
  it('defaults to securemail.<domain> and accepts it', () => {
    expect(defaultGinaHost('example.ch')).toBe('securemail.example.ch');
    expect(checkGinaHost('securemail.example.ch', 'example.ch')).toEqual({ ascii: 'securemail.example.ch', reasons: [] });
    expect(checkGinaHost('Secure.Müller.ch').ascii).toBe('secure.xn--mller-kva.ch');
  });

  it.each([
    ['example.ch', 'example.ch', /3 labels/],
    ['mail.example.ch', 'mail.example.ch', /domain itself/],
    ['*.example.ch', 'example.ch', /wildcard/],
    ['10.0.0.1', 'example.ch', /IP address/],
    ['gina.customer.seppmail.cloud', 'example.ch', /seppmail\.cloud/],
    ['gina.contoso.onmicrosoft.com', 'example.ch', /onmicrosoft\.com/],
    ['secure mail.example.ch', 'example.ch', /not a valid host name/],
    ['seppmail.cloud.seppmail.cloud', 'example.ch', /seppmail\.cloud/],
    ['securemail.shop.test', 'shop.test', /special-use/],
    ['gina.example.com', 'example.ch', /\.example\.com, a special-use name \(RFC 6761\)/],
    ['gina.corp.internal', 'example.ch', /special-use/],
    ['gina.router.home.arpa', 'example.ch', /special-use/],
    ['gina.name.alt', 'example.ch', /special-use/],
    ['gina.printer.local', 'example.ch', /special-use/],
    ['securemail.аpple.ch', 'example.ch', /mixes scripts/],
    ['securemail.xn--pple-43d.ch', 'example.ch', /mixes scripts/],
    ['i❤u.example.ch', 'example.ch', /only letters, digits and hyphens/],
  ])('refuses %s', (input, domain, message) => {
    const { reasons } = checkGinaHost(input, domain);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.map((r) => r.message).join(' ')).toMatch(message);
    expect(reasons.every((r) => r.code === 'gina-host-invalid' && r.path === 'ginaHost')).toBe(true);
  });

  it.each(['😀.example.ch', 'xn--e28h.example.ch', 'securemail.★.ch'])('refuses %s, a label of symbols alone, with name-symbol-only', (input) => {
    const { reasons } = checkGinaHost(input, 'example.ch');
    expect(reasons.map((r) => [r.code, r.path])).toEqual([['name-symbol-only', 'ginaHost']]);
    expect(reasons[0]!.message).toMatch(/GINA host name has labels made only of symbols/);
  });
});

describe('Microsoft 365 tenant IDs', () => {
  it('accepts a GUID or nothing, and refuses anything else', () => {
    expect(checkMs365TenantId('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toEqual([]);
    expect(checkMs365TenantId(undefined)).toEqual([]);
    expect(checkMs365TenantId('contoso')[0]!.code).toBe('ms365-tenant-id-invalid');
  });
});

describe('end-billing dates', () => {
  it('defaults to the last day of the month, never earlier than tomorrow', () => {
    expect(defaultEndBilling('2026-11-24')).toBe('2026-11-30');
    expect(defaultEndBilling('2026-11-30')).toBe('2026-12-01');
    expect(defaultEndBilling('2028-02-10')).toBe('2028-02-29');
    expect(defaultEndBilling('2026-12-31')).toBe('2027-01-01');
  });

  it('accepts tomorrow and later, refuses today, the past and impossible dates', () => {
    expect(checkEndBilling('2026-11-25', '2026-11-24')).toEqual([]);
    expect(checkEndBilling('2027-06-30', '2026-11-24')).toEqual([]);
    expect(checkEndBilling('2026-11-24', '2026-11-24')[0]!.code).toBe('end-billing-too-early');
    expect(checkEndBilling('2025-01-01', '2026-11-24')[0]!.code).toBe('end-billing-too-early');
    expect(checkEndBilling('2027-02-30', '2026-11-24')[0]!.code).toBe('end-billing-invalid');
    expect(checkEndBilling('30.11.2026', '2026-11-24')[0]!.code).toBe('end-billing-invalid');
  });
});
