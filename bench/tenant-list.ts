/**
 * How the tenant list holds up for a partner with 10,000 tenants: the one-query list
 * (scope, search, counts, sort, page and total in PostgreSQL) against a baseline measured in
 * the same run, which loads the partner's rows and counts, sorts and pages in JavaScript.
 *
 *   npm run bench              # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 */
import { sql } from 'kysely';
import type { Principal } from '../domain/roles.js';
import { openDatabase } from '../bff/db/connect.js';
import { migrateToLatest } from '../bff/db/migrate.js';
import { seedDemoData } from '../bff/seed/demo-data.js';
import { listTenants, type TenantListQuery } from '../bff/repositories/tenant.repository.js';
import { openScratchDatabase } from '../test/support/scratch-database.js';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const database = process.env.BENCH_DATABASE_URL
  ? await openScratchDatabase(process.env.BENCH_DATABASE_URL, 'sc_bench')
  : await openDatabase({ pgliteData: 'memory://' });
const { db } = database;
await migrateToLatest(db);
await seedDemoData(db, new Date());

// A large partner, generated in SQL: 10,000 tenants, 0-3 domains each, 1-6 services a domain.
await sql`insert into partners (id, name, country) values ('P-BENCH', 'Bench Partner AG', 'CH')`.execute(db);
await sql`insert into tenants (id, partner_id, name, email, phone, country, region)
  select 'T-B' || g, 'P-BENCH', 'Bench Kunde ' || md5(g::text), 'it@kunde' || g || '.ch', '+41 44 000 00 00', 'CH', 'ch'
  from generate_series(1, ${TENANTS}) g`.execute(db);
await sql`insert into managed_domains (id, tenant_id, name, mode)
  select 'D-B' || g || '-' || d, 'T-B' || g, 'kunde' || g || '-' || d || '.ch', 'inline'
  from generate_series(1, ${TENANTS}) g, generate_series(1, 3) d where d <= g % 4`.execute(db);
await sql`insert into booked_services (domain_id, number, service_code, status)
  select md.id, n, (array['SC-SERVICE','SC-F-INBOUND','SC-F-OUTBOUND','SC-SIGENC','SC-CERT','SC-HIN'])[n],
         (array['ordered','provisioned','cancelled','provisioned','confirmed','deprovisioned'])[n]
  from managed_domains md, generate_series(1, 6) n
  where md.tenant_id like 'T-B%' and n <= 1 + (hashtext(md.id) & 5)`.execute(db);
await sql`analyze`.execute(db);

const partner: Principal = { sub: 'bench', name: 'Bench', level: 'partner', org: 'P-BENCH', roles: ['Sales'] };
const ACTIVE = new Set(['ordered', 'confirmed', 'provisioning', 'provisioned']);

/** The baseline: the partner's rows into JavaScript, counted, filtered, sorted and paged there. */
async function listInJavaScript(query: TenantListQuery) {
  const tenants = await db.selectFrom('tenants').select(['id', 'name']).where('partner_id', '=', 'P-BENCH').execute();
  const domains = await db
    .selectFrom('managed_domains as d')
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    .select(['d.id', 'd.tenant_id', 'd.name', 'd.deprovisioned_at'])
    .where('t.partner_id', '=', 'P-BENCH')
    .execute();
  const services = await db
    .selectFrom('booked_services as s')
    .innerJoin('managed_domains as d', 'd.id', 's.domain_id')
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    .select(['s.domain_id', 's.status'])
    .where('t.partner_id', '=', 'P-BENCH')
    .execute();
  const activeByDomain = new Map<string, number>();
  for (const s of services) if (ACTIVE.has(s.status)) activeByDomain.set(s.domain_id, (activeByDomain.get(s.domain_id) ?? 0) + 1);
  const domainsByTenant = new Map<string, typeof domains>();
  for (const d of domains) domainsByTenant.set(d.tenant_id, [...(domainsByTenant.get(d.tenant_id) ?? []), d]);
  const rows = tenants.map((t) => {
    const own = domainsByTenant.get(t.id) ?? [];
    return {
      ...t,
      domainNames: own.map((d) => d.name),
      managedDomains: own.filter((d) => d.deprovisioned_at === null).length,
      totalServices: own.reduce((sum, d) => sum + (activeByDomain.get(d.id) ?? 0), 0),
    };
  });
  const term = query.q?.toLowerCase();
  const matching = term ? rows.filter((r) => r.name.toLowerCase().includes(term) || r.id.toLowerCase().startsWith(term) || r.domainNames.some((n) => n.includes(term))) : rows;
  const collator = new Intl.Collator('en');
  const sign = query.order === 'desc' ? -1 : 1;
  matching.sort((a, b) => sign * (query.sort === 'name' ? collator.compare(a.name, b.name) : query.sort === 'id' ? (a.id < b.id ? -1 : 1) : a[query.sort] - b[query.sort]));
  const offset = query.offset ?? 0;
  return { items: matching.slice(offset, offset + query.limit), total: matching.length };
}

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

const cases: [string, TenantListQuery][] = [
  ['first page by name', { sort: 'name', order: 'asc', limit: 25, offset: 0 }],
  ['by total services, desc', { sort: 'totalServices', order: 'desc', limit: 25, offset: 0 }],
  ['deep page (offset 9,000)', { sort: 'id', order: 'asc', limit: 25, offset: 9000 }],
  ['search "abc" (name or domain)', { q: 'abc', sort: 'name', order: 'asc', limit: 25, offset: 0 }],
  ['search by domain name', { q: 'kunde4242-1.ch', sort: 'name', order: 'asc', limit: 25, offset: 0 }],
];

console.log(`tenant list, partner with ${TENANTS.toLocaleString('en')} tenants, ${database.kind}, median of ${RUNS} runs`);
console.log(`${'case'.padEnd(32)} ${'one query'.padStart(10)} ${'in JS'.padStart(10)} ${'JS / query'.padStart(11)}  total`);
for (const [label, query] of cases) {
  const ours = await listTenants(db, partner, query);
  const theirs = await listInJavaScript(query);
  if (!ours.totalIsEstimate && ours.total !== theirs.total) throw new Error(`${label}: totals differ (${ours.total} vs ${theirs.total})`);
  const q = await median(() => listTenants(db, partner, query));
  const js = await median(() => listInJavaScript(query));
  console.log(`${label.padEnd(32)} ${`${q.toFixed(1)} ms`.padStart(10)} ${`${js.toFixed(1)} ms`.padStart(10)} ${`${(js / q).toFixed(1)}x`.padStart(11)}  ${ours.total}`);
}

await database.close();
