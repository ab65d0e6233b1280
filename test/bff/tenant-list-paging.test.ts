/**
 * The tenant list's keyset paging (docs/architecture.md#the-tenant-list-at-scale): cursors walk
 * every key and order like offsets do, survive inserts between pages, refuse what is not theirs,
 * and the total turns into a marked estimate above the threshold.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantPage } from '../../domain/api.js';
import type { Principal } from '../../domain/roles.js';
import { listTenants } from '../../bff/repositories/tenant.repository.js';
import { encodeCursor, searchFingerprint } from '../../bff/repositories/tenant-cursor.js';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function page(user: string, query: string): Promise<TenantPage> {
  const response = await ctx.as(user, 'GET', `/api/tenants?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

async function offsetWalk(user: string, base: string): Promise<string[]> {
  return (await page(user, `${base}&limit=100`)).items.map((t) => t.id);
}

/** Forward by `next` to the end, then back by `prev` to the start: the IDs of both walks. */
async function cursorWalks(user: string, base: string, limit: number) {
  const forward: string[] = [];
  const pages: TenantPage[] = [];
  let current = await page(user, `${base}&limit=${limit}`);
  expect(current.prev).toBeNull();
  for (;;) {
    pages.push(current);
    forward.push(...current.items.map((t) => t.id));
    if (!current.next) break;
    current = await page(user, `${base}&limit=${limit}&cursor=${current.next}`);
    expect(current.offset).toBeNull();
  }
  const backward: string[] = [...current.items.map((t) => t.id)].reverse();
  while (current.prev) {
    current = await page(user, `${base}&limit=${limit}&cursor=${current.prev}`);
    backward.push(...[...current.items.map((t) => t.id)].reverse());
    expect(current.items).toHaveLength(limit);
  }
  return { forward, backward: backward.reverse(), pages };
}

async function problemOf(query: string, user = 'sepp-admin') {
  const response = await ctx.as(user, 'GET', `/api/tenants?${query}`);
  expect(response.status).toBe(400);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  return (await response.json()) as { errors: { path: string; code?: string }[] };
}

describe('GET /api/tenants: cursor paging', () => {
  const keys = ['name', 'id', 'managedDomains', 'totalServices'] as const;

  it.each(keys.flatMap((key) => (['asc', 'desc'] as const).map((order) => [key, order] as const)))(
    'walks %s %s forward and back, every tenant once, in the offsets’ order',
    async (key, order) => {
      const base = `sort=${key}&order=${order}`;
      const expected = await offsetWalk('sepp-admin', base);
      expect(expected).toHaveLength(66);
      const { forward, backward, pages } = await cursorWalks('sepp-admin', base, 7);
      expect(forward).toEqual(expected);
      expect(backward).toEqual(expected);
      expect(pages).toHaveLength(10);
      expect(pages.at(-1)!.next).toBeNull();
      expect(pages.every((p) => p.total === 66 && !p.totalIsEstimate)).toBe(true);
    },
  );

  it('walks a partner’s scope and a search the same way', async () => {
    for (const [user, base] of [['alpine-sales', 'sort=name&order=asc'], ['sepp-admin', 'q=ag&sort=totalServices&order=desc']] as const) {
      const expected = await offsetWalk(user, base);
      expect(expected.length).toBeGreaterThan(5);
      const { forward, backward } = await cursorWalks(user, base, 4);
      expect(forward).toEqual(expected);
      expect(backward).toEqual(expected);
    }
  });

  it('neither repeats nor skips a tenant when tenants are added between pages', async () => {
    const base = 'sort=name&order=asc&limit=10';
    const before = await offsetWalk('sepp-admin', 'sort=name&order=asc');
    const first = await page('sepp-admin', base);
    // One sorts before the page's boundary (the walk has passed it), one after (it must come).
    const boundary = first.items.at(-1)!.name;
    await sql`insert into tenants (id, partner_id, name, email, phone, country, region)
      values ('T-90001', 'P-1001', ${'0 ' + boundary}, 'a@example.ch', '+41 44 000 00 00', 'CH', 'ch'),
             ('T-90002', 'P-1001', 'zzz Nachzügler AG', 'b@example.ch', '+41 44 000 00 00', 'CH', 'ch')`.execute(ctx.db);
    try {
      const seen = first.items.map((t) => t.id);
      let current = first;
      while (current.next) {
        current = await page('sepp-admin', `${base}&cursor=${current.next}`);
        seen.push(...current.items.map((t) => t.id));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => !id.startsWith('T-9000'))).toEqual(before);
      expect(seen).toContain('T-90002');
      expect(seen).not.toContain('T-90001');
    } finally {
      await sql`delete from tenants where id in ('T-90001', 'T-90002')`.execute(ctx.db);
    }
  });

  it('answers the first page, whole, when fewer than a page lie before the boundary', async () => {
    const second = await page('sepp-admin', `sort=id&order=asc&limit=10&cursor=${(await page('sepp-admin', 'sort=id&order=asc&limit=10')).next}`);
    const third = await page('sepp-admin', `sort=id&order=asc&limit=10&cursor=${second.next}`);
    // The previous page asked for with a larger limit: fewer than 25 tenants precede the third page.
    const back = await page('sepp-admin', `sort=id&order=asc&limit=25&cursor=${third.prev}`);
    expect(back.prev).toBeNull();
    expect(back.items.map((t) => t.id)).toEqual((await offsetWalk('sepp-admin', 'sort=id&order=asc')).slice(0, 25));
  });

  it('gives offset pages cursors too, so old and new clients can meet', async () => {
    const byOffset = await page('alpine-sales', 'sort=id&order=asc&limit=10&offset=10');
    expect(byOffset.offset).toBe(10);
    const next = await page('alpine-sales', `sort=id&order=asc&limit=10&cursor=${byOffset.next}`);
    expect(next.items).toEqual((await page('alpine-sales', 'sort=id&order=asc&limit=10&offset=20')).items);
    const prev = await page('alpine-sales', `sort=id&order=asc&limit=10&cursor=${byOffset.prev}`);
    expect(prev.items).toEqual((await page('alpine-sales', 'sort=id&order=asc&limit=10')).items);
  });
});

describe('GET /api/tenants: cursors that are not this list’s', () => {
  it('refuses malformed, altered and foreign cursors with cursor-invalid', async () => {
    const { next } = await page('sepp-admin', 'sort=name&order=asc&limit=5');
    const decoded = JSON.parse(Buffer.from(next!, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...decoded, k: ['A', 'T-10001'] })).toString('base64url');
    const wrongShape = Buffer.from(JSON.stringify({ ...decoded, s: 'managedDomains' })).toString('base64url');
    // Well formed, with a correct digest (anyone can compute it), but a value no name can hold.
    const withNul = encodeCursor({ sort: 'name', order: 'asc', direction: 'after', values: ['A\u0000', 'T-10001'] }, searchFingerprint(undefined));
    // Refused at the edge before a cursor is read: a control character, a length no cursor has.
    for (const query of ['cursor=%25%00', `cursor=${'A'.repeat(3000)}`]) await problemOf(query);
    const cases = [
      'cursor=abc',
      'cursor=a.b',
      `cursor=${Buffer.from('{"v":1').toString('base64url')}`,
      `cursor=${Buffer.from('[1,2,3]').toString('base64url')}`,
      `cursor=${altered}`,
      `cursor=${wrongShape}&sort=managedDomains`,
      `cursor=${next}&sort=id`,
      `cursor=${next}&order=desc`,
      `cursor=${next}&q=alp`,
      `cursor=${next}&offset=0`,
      `cursor=${withNul}`,
    ];
    for (const query of cases) {
      const { errors } = await problemOf(query);
      expect(errors.map((e) => e.code), query).toContain('cursor-invalid');
    }
  });

  it('applies the caller’s scope to any cursor, whoever made it', async () => {
    const staff = await page('sepp-admin', 'sort=id&order=asc&limit=5');
    const partnerPage = await page('alpine-sales', `sort=id&order=asc&limit=50&cursor=${staff.next}`);
    const mine = new Set((await offsetWalk('alpine-sales', 'sort=id&order=asc')));
    expect(partnerPage.items.every((t) => mine.has(t.id))).toBe(true);
  });
});

describe('GET /api/tenants: the total above the threshold', () => {
  it('counts exactly up to the threshold and estimates above it, marked', async () => {
    const big: Principal = { sub: 'bench', name: 'Big', level: 'partner', org: 'P-BIG', roles: ['Sales'] };
    await sql`insert into partners (id, name, country) values ('P-BIG', 'Big Partner AG', 'CH')`.execute(ctx.db);
    await sql`insert into tenants (id, partner_id, name, email, phone, country, region)
      select 'T-' || (200000 + g), 'P-BIG', 'Gross Kunde ' || g, 'it@big.ch', '+41 44 000 00 00', 'CH', 'ch'
      from generate_series(1, 1200) g`.execute(ctx.db);
    await sql`analyze tenants`.execute(ctx.db);
    const query = { sort: 'name', order: 'asc', limit: 50 } as const;
    const estimated = await listTenants(ctx.db, big, query);
    expect(estimated.totalIsEstimate).toBe(true);
    expect(estimated.total).toBeGreaterThan(1000);
    expect(estimated.items).toHaveLength(50);
    const exact = await listTenants(ctx.db, big, query, { exactTotal: 5000 });
    expect(exact).toMatchObject({ total: 1200, totalIsEstimate: false });
    const searched = await listTenants(ctx.db, big, { ...query, q: 'kunde 11' });
    expect(searched).toMatchObject({ total: 111, totalIsEstimate: false });
    // Through the API, for staff who now see 1,266 tenants.
    expect(await page('sepp-admin', 'limit=5')).toMatchObject({ totalIsEstimate: true });
  });
});

describe('GET /api/tenants: a small partner beside a large one', () => {
  it('reads the next page from the partner’s own index, not the platform’s filtered', async () => {
    // A partner of 60 tenants that sort last by managed domains, beside 20,000 of another
    // partner's: a planner that walked the platform-wide index would read the other's first.
    await sql`insert into partners (id, name, country) values ('P-HUGE', 'Huge AG', 'CH'), ('P-TINY', 'Tiny AG', 'CH')`.execute(ctx.db);
    await sql`insert into tenants (id, partner_id, name, email, phone, country, region, managed_domains)
      select 'T-' || (300000 + g), case when g <= 60 then 'P-TINY' else 'P-HUGE' end, 'Kunde ' || g, 'it@x.ch', '+41 44 000 00 00', 'CH', 'ch',
             case when g <= 60 then 9 else g % 4 end
      from generate_series(1, 20060) g`.execute(ctx.db);
    await sql`analyze tenants`.execute(ctx.db);
    const tiny: Principal = { sub: 'tiny', name: 'Tiny', level: 'partner', org: 'P-TINY', roles: ['Sales'] };
    const query = { sort: 'managedDomains', order: 'asc', limit: 20 } as const;
    const first = await listTenants(ctx.db, tiny, query);
    // The page's own statement, compiled as the repository sends it.
    const statements: CompiledQuery[] = [];
    const recording = ctx.db.withPlugin({
      transformQuery(args) {
        if (args.node.kind === 'SelectQueryNode') statements.push(ctx.db.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const next = await listTenants(recording, tiny, { ...query, cursor: first.next! });
    expect(next.items.map((t) => t.id)).toEqual(Array.from({ length: 20 }, (_, i) => `T-${300021 + i}`));
    const page = statements.find((s) => /order by/i.test(s.sql))!;
    const { rows } = await ctx.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${page.sql}`, [...page.parameters]));
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/tenants_partner_managed_domains/);
    expect(plan).not.toMatch(/Filter: \(partner_id/);
  });
});

