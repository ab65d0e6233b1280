/** Create Offer: pricing, validation, discounts, authorization, idempotency, and the PDF read back. */
import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Offer } from '../../domain/api.js';
import { CATALOG, SERVICE_CODES, VAT_NOTES } from '../../domain/catalog.js';
import { OFFER_TEXTS } from '../../bff/services/offer-texts.js';
import { createAuthenticator } from '../../bff/auth/tokens.js';
import { createTestContext, TEST_SECRET, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// Seeded tenants (bff/seed/demo-data.ts): Alpine's in CH (CHF), Rhein's in DE (EUR).
const ALPINE = 'T-10002';
const ALPINE_NAME = 'Seeland Immobilien GmbH';
const RHEIN = 'T-10035';
const RHEIN_NAME = 'Lindenhof Notariat GmbH';
const LEMANIC = 'T-10055';

function post(user: string, tenantId: string, body: unknown, headers: Record<string, string> = {}) {
  return ctx.as(user, 'POST', `/api/tenants/${tenantId}/offers`, { body, headers });
}

/** A SEPPmail Sales user (the demo has none): a token signed like the demo's. */
async function asSeppmailSales(method: string, path: string, body?: unknown): Promise<Response> {
  const token = await createAuthenticator({ jwtSecret: TEST_SECRET }).sign!({ sub: 'sepp-sales', name: 'Sara Sales (SEPPmail)', level: 'seppmail', org: null, roles: ['Sales'] });
  return ctx.app.request(path, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function writes() {
  const count = async (table: 'offers' | 'audit_events') => Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { offers: await count('offers'), audits: await count('audit_events') };
}

async function refusal(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  return ((await response.json()).errors ?? []) as { code?: string; path: string; message: string }[];
}

async function pdfText(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  const parser = new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) });
  try {
    // Cells wrap, and Intl's (narrow) no-break spaces come back as such: compare with single plain spaces.
    return (await parser.getText()).text.replace(/[\s\u00a0\u202f]+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

const DISCOUNTED = {
  language: 'de',
  lines: [
    // 1200 × CHF 4.50 = 5400.00, less 15 % = 4590.00
    { domain: 'rabatt-beispiel.ch', services: ['SC-SIGENC'], estimatedUsers: 1200, discount: { percent: 15, reason: 'volume' } },
    // 7 × 1.50 = 10.50 less 12.5 % = 9.1875 → 9.19; 7 × 2.00 = 14.00 less 12.5 % = 12.25
    { domain: 'Zweite-Domain.CH', services: ['SC-F-INBOUND', 'SC-SERVICE'], estimatedUsers: 7, discount: { percent: 12.5, reason: 'test' } },
  ],
};

describe('POST /api/tenants/{id}/offers', () => {
  it('prices each service of each domain from the catalogue in CHF, stores the offer with one audit event, and orders nothing', async () => {
    const before = await writes();
    const services = await ctx.db.selectFrom('booked_services').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const response = await post('alpine-sales', ALPINE, {
      lines: [
        { domain: 'seeland-immobilien.ch', services: ['SC-SIGENC', 'SC-SERVICE'], estimatedUsers: 120 },
        { domain: 'neu-geplant.ch', services: ['SC-F-INBOUND'], estimatedUsers: 3 },
      ],
    });
    expect(response.status).toBe(201);
    const offer: Offer = await response.json();
    expect(response.headers.get('Location')).toBe(`/api/offers/${offer.id}.pdf`);
    expect(offer).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      number: expect.stringMatching(/^OF-2026-\d{6}$/),
      tenantId: ALPINE,
      language: 'en',
      currency: 'CHF',
      offerDate: '2026-11-24',
      validUntil: '2026-12-24',
      lines: [
        { domain: 'seeland-immobilien.ch', service: 'SC-SERVICE', name: 'seppmail.cloud service license', estimatedUsers: 120, unitPrice: '1.50', discountPercent: 0, discountReason: null, total: '180.00' },
        { domain: 'seeland-immobilien.ch', service: 'SC-SIGENC', name: 'seppmail.cloud sign+encrypt (includes GINA)', estimatedUsers: 120, unitPrice: '4.50', discountPercent: 0, discountReason: null, total: '540.00' },
        { domain: 'neu-geplant.ch', service: 'SC-F-INBOUND', name: 'seppmail.cloud filter inbound', estimatedUsers: 3, unitPrice: '2.00', discountPercent: 0, discountReason: null, total: '6.00' },
      ],
      total: '726.00',
      pdf: `/api/offers/${offer.id}.pdf`,
    });
    expect(await writes()).toEqual({ offers: before.offers + 1, audits: before.audits + 1 });
    const audit = await ctx.db.selectFrom('audit_events').selectAll().where('entity_id', '=', offer.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'offer.create', entity_type: 'offer', tenant_id: ALPINE, actor_sub: 'alpine-sales' });
    const after = await ctx.db.selectFrom('booked_services').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(services.n);
  });

  it('prices in EUR for a tenant in region de, valid for the days asked', async () => {
    const response = await post('rhein-sales', RHEIN, { validDays: 180, lines: [{ domain: 'lindenhof-notariat.de', services: ['SC-SERVICE', 'SC-F-INBOUND'], estimatedUsers: 1000 }] });
    expect(response.status).toBe(201);
    const offer: Offer = await response.json();
    expect(offer).toMatchObject({ currency: 'EUR', validUntil: '2027-05-23', total: '3250.00' });
    expect(offer.lines.map((l) => [l.service, l.unitPrice, l.total])).toEqual([
      ['SC-SERVICE', '1.40', '1400.00'],
      ['SC-F-INBOUND', '1.85', '1850.00'],
    ]);
  });

  it('takes discounts with two decimals from SEPPmail Sales and ALL, rounding each line half up', async () => {
    for (const send of [
      () => post('sepp-admin', ALPINE, DISCOUNTED),
      () => asSeppmailSales('POST', `/api/tenants/${ALPINE}/offers`, DISCOUNTED),
    ]) {
      const response = await send();
      expect(response.status).toBe(201);
      const offer: Offer = await response.json();
      expect(offer.lines.map((l) => [l.domain, l.service, l.discountPercent, l.discountReason, l.total])).toEqual([
        ['rabatt-beispiel.ch', 'SC-SIGENC', 15, 'volume', '4590.00'],
        ['zweite-domain.ch', 'SC-SERVICE', 12.5, 'test', '9.19'],
        ['zweite-domain.ch', 'SC-F-INBOUND', 12.5, 'test', '12.25'],
      ]);
      expect(offer.total).toBe('4611.44');
    }
  });

  it('refuses discounts from partners, even with ALL, naming the line; nothing is written', async () => {
    const before = await writes();
    for (const [user, tenant] of [['alpine-sales', ALPINE], ['lemanic-all', LEMANIC]] as const) {
      const errors = await refusal(await post(user, tenant, DISCOUNTED), 422);
      expect(errors.map((e) => [e.code, e.path])).toEqual([
        ['discount-not-allowed', 'lines.0.discount'],
        ['discount-not-allowed', 'lines.1.discount'],
      ]);
      expect(errors[0]!.message).toBe('Line 1 (rabatt-beispiel.ch): only SEPPmail staff with Sales or ALL set discounts; leave the discount out.');
    }
    expect(await writes()).toEqual(before);
  });

  it('refuses with every rule a line breaks, each naming its line', async () => {
    const before = await writes();
    const errors = await refusal(
      await post('rhein-sales', RHEIN, {
        lines: [
          { domain: 'gmail.com', services: ['SC-SERVICE'], estimatedUsers: 5 },
          { domain: 'no domain', services: ['SC-SERVICE'], estimatedUsers: 5 },
          { domain: 'contoso.onmicrosoft.com', services: ['SC-SERVICE'], estimatedUsers: 5 },
          { domain: 'bergblick-treuhand.ch', services: ['SC-SERVICE'], estimatedUsers: 5 },
          { domain: 'signing.de', services: ['SC-SIGONLY', 'SC-SIGENC', 'SC-CERT', 'SC-HIN'], estimatedUsers: 5, discount: { percent: 10, reason: 'test' } },
        ],
      }),
      422,
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['name-freemail', 'lines.0.domain'],
      ['name-invalid', 'lines.1.domain'],
      ['name-onmicrosoft', 'lines.2.domain'],
      ['domain-taken', 'lines.3.domain'],
      ['discount-not-allowed', 'lines.4.discount'],
      ['excludes', 'lines.4.services'],
      ['hin-needs-switzerland', 'lines.4.services'],
    ]);
    expect(errors[3]!.message).toBe('Line 4 (bergblick-treuhand.ch): bergblick-treuhand.ch is managed for another tenant.');
    expect(await writes()).toEqual(before);
  });

  it('refuses a malformed request with every reason (400); nothing is written', async () => {
    const before = await writes();
    const line = { domain: 'ok.ch', services: ['SC-SERVICE'], estimatedUsers: 1 };
    const cases: [unknown, [string, string][]][] = [
      [{}, [['lines', 'Invalid input: expected array, received undefined']]],
      [{ lines: [] }, [['lines', 'name at least one domain']]],
      [{ lines: Array.from({ length: 51 }, (_, i) => ({ ...line, domain: `d${i}.ch` })) }, [['lines', 'Too big: expected array to have <=50 items']]],
      [{ language: 'es', validDays: 0, lines: [line] }, [['language', 'Invalid option: expected one of "en"|"de"|"fr"|"it"'], ['validDays', 'Too small: expected number to be >=1']]],
      [{ validDays: 181, lines: [line] }, [['validDays', 'Too big: expected number to be <=180']]],
      [{ validDays: 1.5, lines: [line] }, [['validDays', 'is a whole number of days']]],
      [{ lines: [line], extra: 1 }, [['(body)', 'Unrecognized key: "extra"']]],
      [
        {
          lines: [
            { domain: '', services: [], estimatedUsers: 0 },
            { domain: 'x.ch', services: ['SC-NOPE'], estimatedUsers: 1_000_001 },
            { domain: 'y.ch', services: ['SC-SERVICE', 'SC-SERVICE'], estimatedUsers: 1.5, note: 'x' },
          ],
        },
        [
          ['lines.0.domain', 'is required'],
          ['lines.0.services', 'name at least one service'],
          ['lines.0.estimatedUsers', 'Too small: expected number to be >=1'],
          ['lines.1.services.0', 'Invalid option: expected one of "SC-SERVICE"|"SC-F-INBOUND"|"SC-F-OUTBOUND"|"SC-MS365"|"SC-SIGONLY"|"SC-SIGENC"|"SC-CERT"|"SC-HIN"'],
          ['lines.1.estimatedUsers', 'Too big: expected number to be <=1000000'],
          ['lines.2', 'Unrecognized key: "note"'],
          ['lines.2.services', 'names a service twice'],
          ['lines.2.estimatedUsers', 'is a whole number'],
        ],
      ],
      [{ lines: [{ ...line, services: ['SC-SERVICE', 'SC-SERVICE'] }] }, [['lines.0.services', 'names a service twice']]],
      [{ lines: [{ ...line, estimatedUsers: 1.5 }] }, [['lines.0.estimatedUsers', 'is a whole number']]],
      [{ lines: [line, { ...line, domain: 'OK.ch' }] }, [['lines.1.domain', 'appears in line 1 already']]],
      [
        { lines: [{ ...line, discount: { percent: 15.555, reason: '' } }, { ...line, domain: 'b.ch', discount: { percent: 100.5, reason: 'x', by: 'me' } }] },
        [
          ['lines.0.discount.percent', 'has at most two decimals'],
          ['lines.0.discount.reason', 'is required (for example nfr, test)'],
          ['lines.1.discount', 'Unrecognized key: "by"'],
          ['lines.1.discount.percent', 'is at most 100'],
        ],
      ],
    ];
    for (const [body, expected] of cases) {
      const errors = await refusal(await post('sepp-admin', ALPINE, body), 400);
      expect(errors.map((e) => [e.path, e.message]).sort(), JSON.stringify(body).slice(0, 120)).toEqual(expected.sort());
    }
    expect(await writes()).toEqual(before);
  });

  it('lets Sales and ALL at partner and SEPPmail level make offers; Support, Tech, Audit and tenant administrators get 403; other partners’ tenants 404', async () => {
    const body = { lines: [{ domain: 'who-may.ch', services: ['SC-SERVICE'], estimatedUsers: 10 }] };
    const statuses: Record<string, number> = {};
    for (const [user, tenant] of [
      ['alpine-sales', ALPINE],
      ['lemanic-all', LEMANIC],
      ['sepp-admin', RHEIN],
      ['alpine-support', ALPINE],
      ['alpine-tech', ALPINE],
      ['alpine-audit', ALPINE],
      ['sepp-support', ALPINE],
      ['tenant-admin', 'T-10001'],
      ['alpine-sales', RHEIN],
      ['rhein-sales', ALPINE],
      ['tenant-admin', ALPINE],
      ['alpine-support', RHEIN],
      ['alpine-sales', 'T-99999'],
    ] as const) {
      statuses[`${user} ${tenant}`] = (await post(user, tenant, body)).status;
    }
    expect(statuses).toEqual({
      [`alpine-sales ${ALPINE}`]: 201,
      [`lemanic-all ${LEMANIC}`]: 201,
      [`sepp-admin ${RHEIN}`]: 201,
      [`alpine-support ${ALPINE}`]: 403,
      [`alpine-tech ${ALPINE}`]: 403,
      [`alpine-audit ${ALPINE}`]: 403,
      [`sepp-support ${ALPINE}`]: 403,
      'tenant-admin T-10001': 403,
      [`alpine-sales ${RHEIN}`]: 404,
      [`rhein-sales ${ALPINE}`]: 404,
      [`tenant-admin ${ALPINE}`]: 404,
      // Scope before role: a foreign tenant is 404 for Support too.
      [`alpine-support ${RHEIN}`]: 404,
      'alpine-sales T-99999': 404,
    });
    expect((await post(null as never, ALPINE, body)).status).toBe(401);
    // Role before validation: a refused role never learns what was wrong with the body.
    expect((await post('alpine-support', ALPINE, {})).status).toBe(403);
  });

  it('answers a retry with the same Idempotency-Key with the same offer, and stores it once', async () => {
    const before = await writes();
    const body = { lines: [{ domain: 'retry.ch', services: ['SC-SERVICE'], estimatedUsers: 12 }] };
    const first = await post('alpine-sales', ALPINE, body, { 'Idempotency-Key': 'offer-retry-1' });
    const again = await post('alpine-sales', ALPINE, body, { 'Idempotency-Key': 'offer-retry-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(await again.json()).toEqual(await first.json());
    expect(await writes()).toEqual({ offers: before.offers + 1, audits: before.audits + 1 });
    const other = await post('alpine-sales', ALPINE, { ...body, validDays: 10 }, { 'Idempotency-Key': 'offer-retry-1' });
    expect(other.status).toBe(422);
  });
});

describe('GET /api/offers/{id}.pdf', () => {
  let alpineOffer: Offer;
  beforeAll(async () => {
    alpineOffer = await (await post('alpine-sales', ALPINE, { lines: [{ domain: 'seeland-immobilien.ch', services: ['SC-SERVICE', 'SC-SIGENC'], estimatedUsers: 120 }] })).json();
  });

  it('is a PDF with the tenant, each line’s service and the monthly total, in English', async () => {
    const response = await ctx.as('alpine-sales', 'GET', alpineOffer.pdf);
    expect(response.headers.get('Content-Type')).toBe('application/pdf');
    expect(alpineOffer.number).toMatch(/^OF-2026-\d{6}$/);
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="offer-${alpineOffer.number}.pdf"`);
    const text = await pdfText(response);
    expect(text.startsWith('seppmail.cloud')).toBe(true);
    for (const expected of [
      'Your seppmail.cloud partner: Alpine IT AG',
      'Offer',
      `Customer ${ALPINE_NAME}`,
      `Customer ID ${ALPINE}`,
      `Offer number ${alpineOffer.number}`,
      'Offer date 24 November 2026',
      'Valid until 24 December 2026',
      'Prepared by Lea Brunner (Alpine IT, Sales)',
      'seppmail.cloud service license',
      'SC-SERVICE',
      'seppmail.cloud sign+encrypt (includes GINA)',
      'SC-SIGENC',
      'CHF 1.50',
      'CHF 4.50',
      'CHF 180.00',
      'CHF 540.00',
      // 120 × 1.50 + 120 × 4.50
      'Total per month CHF 720.00 Prices exclude Swiss VAT (8.1 %).',
      `Offer ${alpineOffer.number} Page 1 of 1`,
      'This offer orders nothing.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('is written in German for a German offer, with the discount and its reason, amounts and dates formatted for de-CH', async () => {
    const offer: Offer = await (await post('sepp-admin', ALPINE, DISCOUNTED)).json();
    const text = await pdfText(await ctx.as('sepp-admin', 'GET', offer.pdf));
    for (const expected of [
      'Ihr seppmail.cloud-Partner: Alpine IT AG',
      'Offerte',
      `Kunde ${ALPINE_NAME}`,
      `Kundennummer ${ALPINE}`,
      'Offertdatum 24. November 2026',
      'Gültig bis 24. Dezember 2026',
      'Preis pro Benutzer und Monat',
      'Rabatt',
      '1’200'.replace('’', "'"),
      '15 % (volume)',
      '12.5 % (test)',
      "CHF 4'590.00",
      'CHF 9.19',
      'CHF 12.25',
      "Total pro Monat CHF 4'611.44",
      'Mit dieser Offerte wird nichts bestellt.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Total per month');
  });

  it('is written in French and Italian too, in euros for a tenant in Germany', async () => {
    const body = { lines: [{ domain: 'lindenhof-notariat.de', services: ['SC-SERVICE', 'SC-F-INBOUND'], estimatedUsers: 1000 }] };
    const fr: Offer = await (await post('rhein-sales', RHEIN, { ...body, language: 'fr' })).json();
    const frText = await pdfText(await ctx.as('rhein-sales', 'GET', fr.pdf));
    for (const expected of ['Offre', `Client ${RHEIN_NAME}`, 'Valable jusqu’au 24 décembre 2026', '1 400.00 €', 'Total par mois 3 250.00 €', 'Cette offre ne commande rien.']) {
      expect(frText).toContain(expected);
    }
    const it_: Offer = await (await post('rhein-sales', RHEIN, { ...body, language: 'it' })).json();
    const itText = await pdfText(await ctx.as('rhein-sales', 'GET', it_.pdf));
    for (const expected of ['Offerta', 'Valida fino al 24 dicembre 2026', 'Totale al mese € 3250.00', 'Questa offerta non ordina nulla.']) {
      expect(itText).toContain(expected);
    }
  });

  it('runs on to further pages with the table header repeated and page numbers', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => ({ domain: `domain-${i}.ch`, services: ['SC-SERVICE', 'SC-F-INBOUND'], estimatedUsers: 10 + i }));
    const offer: Offer = await (await post('alpine-sales', ALPINE, { lines })).json();
    expect(offer.lines).toHaveLength(100);
    const text = await pdfText(await ctx.as('alpine-sales', 'GET', offer.pdf));
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(2);
    expect(text.match(/Price per user and month/g)).toHaveLength(pages);
    expect(text).toContain('domain-49.ch');
    // Σ (10 + i) × (1.50 + 2.00) for i < 50 = 1725 × 3.50
    expect(text).toContain("Total per month CHF 6'037.50");
  });

  it('gives the same bytes every time', async () => {
    const a = new Uint8Array(await (await ctx.as('alpine-sales', 'GET', alpineOffer.pdf)).arrayBuffer());
    const b = new Uint8Array(await (await ctx.as('sepp-admin', 'GET', alpineOffer.pdf)).arrayBuffer());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('is 404 outside the caller’s scope, then 403 without the right to see prices', async () => {
    const statuses = async (path: string, users: string[]) =>
      Object.fromEntries(await Promise.all(users.map(async (u) => [u, (await ctx.as(u, 'GET', path)).status] as const)));
    expect(await statuses(alpineOffer.pdf, ['alpine-sales', 'sepp-admin', 'rhein-sales', 'lemanic-all', 'alpine-support', 'sepp-support', 'alpine-tech'])).toEqual({
      'alpine-sales': 200,
      'sepp-admin': 200,
      'rhein-sales': 404,
      'lemanic-all': 404,
      'alpine-support': 403,
      'sepp-support': 403,
      'alpine-tech': 403,
    });
    // The tenant's own administrator sees the tenant but never its prices.
    const own: Offer = await (await post('alpine-sales', 'T-10001', { lines: [{ domain: 'own.ch', services: ['SC-SERVICE'], estimatedUsers: 1 }] })).json();
    expect(await statuses(own.pdf, ['tenant-admin'])).toEqual({ 'tenant-admin': 403 });
    expect(await statuses(alpineOffer.pdf, ['tenant-admin'])).toEqual({ 'tenant-admin': 404 });
    expect(await statuses('/api/offers/00000000-0000-4000-a000-000000000000.pdf', ['sepp-admin'])).toEqual({ 'sepp-admin': 404 });
    expect(await statuses('/api/offers/not-a-uuid.pdf', ['sepp-admin'])).toEqual({ 'sepp-admin': 404 });
    expect(await statuses(`/api/offers/${alpineOffer.id}`, ['sepp-admin'])).toEqual({ 'sepp-admin': 404 });
  });
});

/** The elements' translation of each service (xliff/<lang>.xlf, ids `service.<code>`). */
function xliffServiceNames(lang: string): Record<string, string> {
  const xlf = readFileSync(new URL(`../../xliff/${lang}.xlf`, import.meta.url), 'utf8');
  const names: Record<string, string> = {};
  for (const m of xlf.matchAll(/<trans-unit id="service\.([^"]+)">\s*<source>[^<]*<\/source>\s*<target>([^<]*)<\/target>/g)) names[m[1]!] = m[2]!;
  return names;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the offer PDF in the offer’s language throughout', () => {
  // Every service of the catalogue, in two lines (sign-only and sign+encrypt exclude each other).
  const EVERY_SERVICE = {
    lines: [
      { domain: 'alle-dienste.ch', services: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT', 'SC-HIN'], estimatedUsers: 10 },
      { domain: 'nur-signatur.ch', services: ['SC-SERVICE', 'SC-MS365', 'SC-SIGONLY', 'SC-CERT'], estimatedUsers: 5 },
    ],
  };

  it('names the services as the elements do: the PDF’s names are the xliff targets, English the catalogue’s', () => {
    expect(OFFER_TEXTS.en.serviceNames).toEqual(Object.fromEntries(CATALOG.map((s) => [s.code, s.name])));
    for (const lang of ['de', 'fr', 'it'] as const) {
      const xliff = xliffServiceNames(lang);
      expect(Object.keys(xliff).sort()).toEqual([...SERVICE_CODES].sort());
      expect(OFFER_TEXTS[lang].serviceNames).toEqual(xliff);
    }
  });

  for (const lang of ['de', 'fr', 'it'] as const) {
    it(`is in ${lang} with translated service names and no English label or service name`, async () => {
      const response = await post('alpine-sales', ALPINE, { ...EVERY_SERVICE, language: lang });
      expect(response.status).toBe(201);
      const offer: Offer = await response.json();
      const text = await pdfText(await ctx.as('alpine-sales', 'GET', offer.pdf));
      const t = OFFER_TEXTS[lang];
      // A name that wraps at its hyphen (Service-Lizenz) comes back as `Service- Lizenz`.
      const joined = text.replace(/(\p{L})- (\p{L})/gu, '$1-$2');
      for (const code of SERVICE_CODES) expect(joined).toContain(`${t.serviceNames[code]} ${code}`);
      for (const expected of [`${t.offerNumber} ${offer.number}`, VAT_NOTES.CHF[lang], t.usersNote, t.ordersNothing, t.page(1, 1)]) expect(text).toContain(expected);
      const en = OFFER_TEXTS.en;
      const english = [
        ...Object.entries(en).filter(([key, value]) => typeof value === 'string' && key !== 'locale' && value !== (t as unknown as Record<string, unknown>)[key]).map(([, v]) => v as string),
        en.issuedBy('Alpine IT AG'),
        en.page(1, 1),
        ...Object.values(en.serviceNames),
        VAT_NOTES.CHF.en,
        VAT_NOTES.EUR.en,
      ];
      expect(english.length).toBeGreaterThan(25);
      // The translated names may hold an English word (Service-Lizenz): the labels are looked for beside them.
      const rest = Object.values(t.serviceNames).reduce((left, name) => left.split(name).join(' '), joined);
      for (const label of english) expect(rest).not.toMatch(new RegExp(`(^|[^\\p{L}])${escapeRegExp(label)}($|[^\\p{L}])`, 'u'));
    });
  }

  it('prints the VAT sentence of the offer’s currency under the total, in the offer’s language', async () => {
    const chf = (language: string) => post('alpine-sales', ALPINE, { language, lines: [{ domain: 'mwst.ch', services: ['SC-SERVICE'], estimatedUsers: 2 }] });
    const eur = (language: string) => post('rhein-sales', RHEIN, { language, lines: [{ domain: 'mwst.de', services: ['SC-SERVICE'], estimatedUsers: 2 }] });
    const cases = [
      [chf, 'en', 'CHF'],
      [chf, 'de', 'CHF'],
      [chf, 'fr', 'CHF'],
      [chf, 'it', 'CHF'],
      [eur, 'en', 'EUR'],
      [eur, 'de', 'EUR'],
      [eur, 'fr', 'EUR'],
      [eur, 'it', 'EUR'],
    ] as const;
    for (const [make, lang, currency] of cases) {
      const offer: Offer = await (await make(lang)).json();
      expect(offer.currency).toBe(currency);
      const text = await pdfText(await ctx.as('sepp-admin', 'GET', offer.pdf));
      // Right under the total: its label, the amount (with the currency before or after), then the sentence.
      expect(text).toMatch(new RegExp(`${escapeRegExp(OFFER_TEXTS[lang].total)} (\\S+ )?\\S*\\d[\\d.']*( \\S+)? ${escapeRegExp(VAT_NOTES[currency][lang])}`));
      const other = currency === 'CHF' ? 'EUR' : 'CHF';
      expect(text).not.toContain(VAT_NOTES[other][lang]);
    }
    expect(VAT_NOTES.CHF.en).toBe('Prices exclude Swiss VAT (8.1 %).');
    expect(VAT_NOTES.EUR.en).toBe('Prices exclude VAT; VAT is charged at the rate that applies to the customer.');
  });
});
