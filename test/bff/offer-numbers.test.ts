/**
 * Human offer numbers: `OF-<year>-<000123>`, a sequence per Europe/Zurich year of creation,
 * unique and without gaps under concurrency (PGlite by default, PostgreSQL with
 * TEST_DATABASE_URL), and the migration that numbered the offers made before it.
 */
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Offer } from '../../domain/api.js';
import { migrateToLatest } from '../../bff/db/migrate.js';
import { migrations } from '../../bff/db/migrations/index.js';
import { formatOfferNumber, nextOfferNumber } from '../../bff/repositories/offer.repository.js';
import { createTestContext, TEST_NOW, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const ALPINE = 'T-10002';
const body = (domain: string) => ({ lines: [{ domain, services: ['SC-SERVICE'], estimatedUsers: 3 }] });

async function create(user = 'alpine-sales', tenant = ALPINE, domain = 'nummern.ch'): Promise<Offer> {
  const response = await ctx.as(user, 'POST', `/api/tenants/${tenant}/offers`, { body: body(domain) });
  expect(response.status).toBe(201);
  return response.json();
}

const sequenceOf = (number: string) => Number(number.slice('OF-2026-'.length));

describe('offer numbers', () => {
  it('formats the year and six digits at least', () => {
    expect(formatOfferNumber(2026, 123)).toBe('OF-2026-000123');
    expect(formatOfferNumber(2027, 1)).toBe('OF-2027-000001');
    expect(formatOfferNumber(2026, 1_234_567)).toBe('OF-2026-1234567');
  });

  it('numbers offers one after the other from OF-<year>-000001, shows the number in the API and the PDF’s file name', async () => {
    const first = await create();
    const second = await create('sepp-admin');
    const third = await create('rhein-sales', 'T-10035', 'nummern.de');
    expect([first.number, second.number, third.number]).toEqual(['OF-2026-000001', 'OF-2026-000002', 'OF-2026-000003']);
    const pdf = await ctx.as('alpine-sales', 'GET', first.pdf);
    expect(pdf.headers.get('Content-Disposition')).toBe('attachment; filename="offer-OF-2026-000001.pdf"');
    const audit = await ctx.db.selectFrom('audit_events').select('after').where('entity_id', '=', first.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('OF-2026-000001');
  });

  it('starts again at 000001 in each Europe/Zurich calendar year', async () => {
    try {
      ctx.clock.set(new Date('2026-12-31T22:59:59Z')); // 23:59:59 in Zurich: still 2026
      const late = await create();
      ctx.clock.set(new Date('2026-12-31T23:00:00Z')); // midnight in Zurich: 2027
      const newYear = await create();
      const next = await create();
      expect(sequenceOf(late.number)).toBeGreaterThan(3);
      expect(late.number.startsWith('OF-2026-')).toBe(true);
      expect([newYear.number, next.number]).toEqual(['OF-2027-000001', 'OF-2027-000002']);
      expect(newYear.offerDate).toBe('2027-01-01');
    } finally {
      ctx.clock.set(TEST_NOW);
    }
  });

  it('leaves no gap when the transaction that took a number rolls back, and an offer refused by the rules takes none', async () => {
    const before = await create();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await nextOfferNumber(trx, 2026);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const refused = await ctx.as('alpine-sales', 'POST', `/api/tenants/${ALPINE}/offers`, { body: { lines: [{ domain: 'x.ch', services: ['SC-SERVICE'], estimatedUsers: 1, discount: { percent: 10, reason: 'partners may not' } }] } });
    expect(refused.status).toBe(422);
    const after = await create();
    expect(sequenceOf(after.number)).toBe(sequenceOf(before.number) + 1);
  });

  it('gives 20 concurrent offers 20 distinct numbers that follow on without a gap', async () => {
    const { last } = await ctx.db.selectFrom('offer_number_counters').select('last').where('year', '=', 2026).executeTakeFirstOrThrow();
    const offers = await Promise.all(Array.from({ length: 20 }, (_, i) => create(i % 2 ? 'alpine-sales' : 'sepp-admin', ALPINE, `parallel-${i}.ch`)));
    const numbers = offers.map((o) => sequenceOf(o.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => last + 1 + i));
    const stored = await ctx.db.selectFrom('offers').select('number').execute();
    expect(new Set(stored.map((r) => r.number)).size).toBe(stored.length);
    const counter = await ctx.db.selectFrom('offer_number_counters').select('last').where('year', '=', 2026).executeTakeFirstOrThrow();
    expect(counter.last).toBe(last + 20);
  });

  it('refuses a duplicate number in the database', async () => {
    const offer = await create();
    await expect(sql`update offers set number = ${offer.number} where id <> ${offer.id} and id in (select id from offers where id <> ${offer.id} limit 1)`.execute(ctx.db)).rejects.toThrow(/unique|duplicate/i);
  });
});

describe('the migration that adds offer numbers', () => {
  it('numbers existing offers per Europe/Zurich year in creation order, and the counters go on from there', async () => {
    const db = ctx.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error, results } = await migrator.migrateDown();
    expect(error).toBeUndefined();
    expect(results?.[0]).toMatchObject({ migrationName: '2026-12-05T00-00-00-offer-numbers', status: 'Success' });
    await sql`delete from offers`.execute(db);
    // Inserted out of order; two share a time (then the id decides), one is 2026 in UTC but 2027 in Zurich.
    const made = [
      ['00000000-0000-4000-8000-000000000005', '2027-02-01T08:00:00Z'],
      ['00000000-0000-4000-8000-000000000001', '2025-06-01T08:00:00Z'],
      ['00000000-0000-4000-8000-000000000004', '2026-12-31T23:30:00Z'],
      ['00000000-0000-4000-8000-000000000003', '2026-03-01T08:00:00Z'],
      ['00000000-0000-4000-8000-000000000002', '2026-03-01T08:00:00Z'],
      ['00000000-0000-4000-8000-000000000000', '2025-01-01T08:00:00Z'],
    ] as const;
    for (const [id, at] of made) {
      await sql`insert into offers (id, tenant_id, created_by, language, currency, valid_until, lines, total_minor, created_at)
                values (${id}, ${ALPINE}, 'alpine-sales', 'en', 'CHF', '2027-12-31', '[]'::jsonb, 0, ${at}::timestamptz)`.execute(db);
    }
    await migrateToLatest(db);
    const rows = await db.selectFrom('offers').select(['id', 'number']).orderBy('id').execute();
    expect(rows.map((r) => r.number)).toEqual(['OF-2025-000001', 'OF-2025-000002', 'OF-2026-000001', 'OF-2026-000002', 'OF-2027-000001', 'OF-2027-000002']);
    const counters = await db.selectFrom('offer_number_counters').selectAll().orderBy('year').execute();
    expect(counters).toEqual([{ year: 2025, last: 2 }, { year: 2026, last: 2 }, { year: 2027, last: 2 }]);
    const column = await sql<{ is_nullable: string }>`select is_nullable from information_schema.columns where table_name = 'offers' and column_name = 'number'`.execute(db);
    expect(column.rows[0]?.is_nullable).toBe('NO');
    expect((await create()).number).toBe('OF-2026-000003');
  });
});
