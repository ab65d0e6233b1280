/**
 * The tenant list's keyset paging at two sizes (docs/architecture.md#the-tenant-list-at-scale):
 * for every sort key and order the first, the next and the previous page, and a search, at
 * BENCH_SMALL and BENCH_LARGE tenants of one partner, with the ratio large/small measured in the
 * same run. EXPLAIN=1 prints each query's EXPLAIN (ANALYZE, BUFFERS) at the large size; a
 * subquery embedded in raw SQL appears on its own too (the estimate's `select 1 from tenants…`,
 * which the list only plans, never runs: its seq scan there is not the list's cost).
 *
 *   npx tsx bench/tenant-list-keyset.ts            # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/tenant-list-keyset.ts
 */
import { CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import type { TenantSortKey } from '../domain/api.js';
import type { Principal } from '../domain/roles.js';
import { openDatabase } from '../bff/db/connect.js';
import { migrateToLatest } from '../bff/db/migrate.js';
import { listTenants, type TenantListQuery } from '../bff/repositories/tenant.repository.js';
import { openScratchDatabase } from '../test/support/scratch-database.js';

const SIZES = [Number(process.env.BENCH_SMALL ?? 1_000), Number(process.env.BENCH_LARGE ?? 100_000)];
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const LIMIT = 50;
const KEYS: TenantSortKey[] = process.env.BENCH_KEYS ? (process.env.BENCH_KEYS.split(',') as TenantSortKey[]) : ['name', 'id', 'managedDomains', 'totalServices'];

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Every query one list request sends, to EXPLAIN them afterwards. */
const captured: RootOperationNode[] = [];
const capture: KyselyPlugin = {
  transformQuery: ({ node }) => (captured.push(node), node),
  transformResult: async ({ result }) => result,
};

async function measure(size: number) {
  const database = process.env.BENCH_DATABASE_URL ? await openScratchDatabase(process.env.BENCH_DATABASE_URL, 'sc_keyset') : await openDatabase({ pgliteData: 'memory://' });
  const { db } = database;
  await migrateToLatest(db);
  await sql`insert into partners (id, name, country) values ('P-BENCH', 'Bench Partner AG', 'CH'), ('P-OTHER', 'Other AG', 'DE')`.execute(db);
  // The same partner size in both runs' other partner would hide scope growth: it stays small.
  await sql`insert into tenants (id, partner_id, name, email, phone, country, region, managed_domains, active_services)
    select 'T-' || (10000 + g), case when g % 50 = 0 then 'P-OTHER' else 'P-BENCH' end, 'Bench Kunde ' || md5(g::text),
           'it@kunde' || g || '.ch', '+41 44 000 00 00', 'CH', 'ch', g % 4, (g * 7) % 13
    from generate_series(1, ${size}) g`.execute(db);
  // The counts are set above; the counters' trigger would recount every tenant of the insert.
  await sql`alter table managed_domains disable trigger user`.execute(db);
  await sql`insert into managed_domains (id, tenant_id, name, mode)
    select 'D-' || g || '-' || d, 'T-' || (10000 + g), 'kunde' || g || '-' || d || '.ch', 'inline'
    from generate_series(1, ${size}) g, generate_series(1, 3) d where d <= g % 4`.execute(db);
  await sql`alter table managed_domains enable trigger user`.execute(db);
  await sql`analyze`.execute(db);

  const partner: Principal = { sub: 'bench', name: 'Bench', level: 'partner', org: 'P-BENCH', roles: ['Sales'] };
  const figures = new Map<string, number>();
  const plans: string[] = [];
  const explain = async (label: string, query: TenantListQuery) => {
    captured.length = 0;
    await listTenants(db.withPlugin(capture), partner, query);
    for (const node of captured.splice(0)) {
      const compiled = db.getExecutor().compileQuery(node, { queryId: 'bench' } as never);
      if (compiled.sql.startsWith('explain')) continue;
      const { rows } = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]));
      plans.push(`--- ${label}\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
    }
  };
  const run = async (label: string, query: TenantListQuery) => {
    figures.set(label, await median(() => listTenants(db, partner, query)));
    if (process.env.EXPLAIN && size === SIZES[1]) await explain(label, query);
  };
  for (const sort of KEYS) {
    for (const order of ['asc', 'desc'] as const) {
      const base = { sort, order, limit: LIMIT };
      const first = await listTenants(db, partner, base);
      const second = await listTenants(db, partner, { ...base, cursor: first.next! });
      const third = await listTenants(db, partner, { ...base, cursor: second.next! });
      await run(`${sort} ${order}: first`, base);
      await run(`${sort} ${order}: next`, { ...base, cursor: second.next! });
      await run(`${sort} ${order}: prev`, { ...base, cursor: third.prev! });
    }
  }
  for (const q of ['abc', 'kunde42-1.ch', 'T-1042']) {
    const base = { q, sort: 'name' as const, order: 'asc' as const, limit: LIMIT };
    const first = await listTenants(db, partner, base);
    await run(`search ${q}: first`, base);
    if (first.next) await run(`search ${q}: next`, { ...base, cursor: first.next });
  }
  await run('offset 900 (compat)', { sort: 'id', order: 'asc', limit: LIMIT, offset: 900 });
  const total = await listTenants(db, partner, { sort: 'name', order: 'asc', limit: LIMIT });
  await database.close();
  return { figures, plans, total };
}

const [small, large] = [await measure(SIZES[0]!), await measure(SIZES[1]!)];
const kind = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`tenant list by keyset, page of ${LIMIT}, ${kind}, median of ${RUNS} runs`);
console.log(`partner total: ${small.total.total}${small.total.totalIsEstimate ? ' (estimate)' : ''} and ${large.total.total}${large.total.totalIsEstimate ? ' (estimate)' : ''}`);
const [a, b] = SIZES.map((n) => `${(n / 1000).toLocaleString('en')}k`);
console.log(`${'case'.padEnd(34)} ${a!.padStart(9)} ${b!.padStart(9)} ${'ratio'.padStart(7)}`);
for (const [label, t] of small.figures) {
  const u = large.figures.get(label) ?? NaN;
  console.log(`${label.padEnd(34)} ${`${t.toFixed(2)} ms`.padStart(9)} ${`${u.toFixed(2)} ms`.padStart(9)} ${`${(u / t).toFixed(2)}x`.padStart(7)}`);
}
if (process.env.EXPLAIN) console.log(large.plans.join('\n'));
