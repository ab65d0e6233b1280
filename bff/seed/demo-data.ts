/**
 * The demo's data: three partners and SEPPmail staff, 66 tenants (some with no cloud domain
 * yet), domains in every mode, services in every status, discounts with reasons, user counts
 * for this and last month, and one demo user per level and role. Deterministic: the same
 * clock gives the same data, so tests can rely on it.
 */
import { type Kysely, sql } from 'kysely';
import { CATALOG, type Currency, type Mode, regionForCountry, type ServiceCode } from '../../domain/catalog.js';
import { addDays, addMonths, firstOfMonth, isoDate, lastOfMonth } from '../../domain/dates.js';
import type { ServiceStatus } from '../../domain/lifecycle.js';
import type { Role } from '../../domain/roles.js';
import type { Database, NewTenantRow } from '../db/schema.js';

export const DEMO_PARTNERS = [
  { id: 'P-1001', name: 'Alpine IT AG', country: 'CH', tenants: 34, tlds: ['ch', 'ch', 'li'] },
  { id: 'P-1002', name: 'Rhein Systems GmbH', country: 'DE', tenants: 20, tlds: ['de', 'de', 'at'] },
  { id: 'P-1003', name: 'Lemanic Secure SA', country: 'CH', tenants: 12, tlds: ['ch'] },
] as const;

/** The tenant that the demo's tenant administrator administers (Alpine's first). */
export const DEMO_TENANT_ID = 'T-10001';

export const DEMO_USERS: { id: string; name: string; level: 'seppmail' | 'partner' | 'tenant'; org: string | null; roles: Role[] }[] = [
  { id: 'sepp-admin', name: 'Sandra Meier (SEPPmail)', level: 'seppmail', org: null, roles: ['ALL'] },
  { id: 'sepp-support', name: 'Marco Keller (SEPPmail Support)', level: 'seppmail', org: null, roles: ['Support'] },
  { id: 'alpine-sales', name: 'Lea Brunner (Alpine IT, Sales)', level: 'partner', org: 'P-1001', roles: ['Sales'] },
  { id: 'alpine-support', name: 'Jonas Frei (Alpine IT, Support)', level: 'partner', org: 'P-1001', roles: ['Support'] },
  { id: 'alpine-tech', name: 'Nina Graf (Alpine IT, Tech)', level: 'partner', org: 'P-1001', roles: ['Tech'] },
  { id: 'alpine-audit', name: 'Urs Baumann (Alpine IT, Audit)', level: 'partner', org: 'P-1001', roles: ['Audit'] },
  { id: 'rhein-sales', name: 'Katrin Vogel (Rhein Systems, Sales)', level: 'partner', org: 'P-1002', roles: ['Sales'] },
  { id: 'rhein-tech', name: 'Tobias Wolf (Rhein Systems, Tech)', level: 'partner', org: 'P-1002', roles: ['Tech'] },
  { id: 'lemanic-all', name: 'Claire Dubois (Lemanic Secure, all roles)', level: 'partner', org: 'P-1003', roles: ['ALL'] },
  { id: 'tenant-admin', name: 'Peter Huber (tenant administrator)', level: 'tenant', org: DEMO_TENANT_ID, roles: ['ALL'] },
];

/** Monthly price per user in minor units; demo values (docs/domain.md#prices: operators set prices). */
const PRICES: Record<ServiceCode, Record<Currency, number>> = {
  'SC-SERVICE': { CHF: 150, EUR: 140 },
  'SC-F-INBOUND': { CHF: 200, EUR: 185 },
  'SC-F-OUTBOUND': { CHF: 120, EUR: 110 },
  'SC-MS365': { CHF: 180, EUR: 170 },
  'SC-SIGONLY': { CHF: 250, EUR: 230 },
  'SC-SIGENC': { CHF: 450, EUR: 420 },
  'SC-CERT': { CHF: 100, EUR: 95 },
  'SC-HIN': { CHF: 300, EUR: 280 },
};

const NAME_STEMS = [
  'Bergblick', 'Seeland', 'Aarewerk', 'Rigi', 'Pilatus', 'Jungfrau', 'Glarus', 'Limmat', 'Reuss', 'Engadin',
  'Rheintal', 'Bodensee', 'Hafenstadt', 'Nordlicht', 'Elbufer', 'Mainland', 'Schwarzwald', 'Isartal', 'Neckar', 'Mosel',
  'Léman', 'Lavaux', 'Jura', 'Salève', 'Rhône', 'Chablais', 'Gruyère', 'Sarine', 'Broye', 'Venoge',
  'Sonnenberg', 'Talblick', 'Weissenstein', 'Kornhaus', 'Lindenhof', 'Falkenstein', 'Rosengarten', 'Eichwald',
];
const NAME_TRADES = [
  ['Treuhand', 'AG'], ['Praxis', 'AG'], ['Notariat', 'GmbH'], ['Bau', 'AG'], ['Klinik', 'AG'], ['Immobilien', 'GmbH'],
  ['Versicherungen', 'AG'], ['Logistik', 'GmbH'], ['Apotheke', 'AG'], ['Anwälte', 'AG'], ['Energie', 'AG'], ['Druck', 'GmbH'],
];

/** Small seeded PRNG (mulberry32): the demo data is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface Scenario {
  mode: Mode;
  services: ServiceCode[];
  status: ServiceStatus;
  /** Services of the domain that end differently from the rest. */
  cancelled?: { codes: ServiceCode[]; status: 'cancelled' | 'deprovisioning' | 'deprovisioned' };
  ms365?: boolean;
}

const SIGENC_INLINE: ServiceCode[] = ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'];

/** Cycled through so that every mode and every status appears. */
const SCENARIOS: Scenario[] = [
  { mode: 'inline', services: SIGENC_INLINE, status: 'provisioned' },
  { mode: 'inline', services: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND'], status: 'ordered' },
  { mode: 'parallel', services: ['SC-SERVICE', 'SC-MS365', 'SC-SIGONLY', 'SC-CERT'], status: 'confirmed', ms365: true },
  { mode: 'inline-inbound-only', services: ['SC-SERVICE', 'SC-F-INBOUND'], status: 'provisioning' },
  { mode: 'inline', services: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND'], status: 'provisioned', cancelled: { codes: ['SC-F-OUTBOUND'], status: 'cancelled' } },
  { mode: 'parallel', services: ['SC-SERVICE', 'SC-MS365', 'SC-SIGENC', 'SC-CERT'], status: 'provisioned', ms365: true },
  { mode: 'inline', services: ['SC-SERVICE', 'SC-F-INBOUND'], status: 'provisioned', cancelled: { codes: ['SC-SERVICE', 'SC-F-INBOUND'], status: 'deprovisioned' } },
  { mode: 'inline', services: SIGENC_INLINE, status: 'provisioned', cancelled: { codes: ['SC-SIGENC', 'SC-CERT'], status: 'deprovisioning' } },
  { mode: 'inline', services: ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGONLY', 'SC-CERT'], status: 'provisioning', ms365: true },
  { mode: 'parallel', services: ['SC-SERVICE', 'SC-MS365'], status: 'ordered', ms365: true },
];

const DISCOUNTS = [
  { percent: 100, reason: 'nfr' },
  { percent: 50, reason: 'test' },
  { percent: 15, reason: 'volume' },
];

function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Seeds the demo data when the database holds no partner yet; answers whether it did. */
export async function seedDemoData(db: Kysely<Database>, now: Date): Promise<boolean> {
  const seeded = await db.transaction().execute(async (trx) => {
    // Several processes may start on one empty database: one seeds, the others find it done.
    await sql`select pg_advisory_xact_lock(hashtext('seppmail-demo-seed'))`.execute(trx);
    const existing = await trx.selectFrom('partners').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    await insertDemoData(trx, now);
    return true;
  });
  // The tables went from empty to full: without fresh statistics the planner keeps planning
  // for empty tables (bff/db/statistics.ts). The seed runs before the server listens, so its
  // one transaction holds up no request.
  if (seeded) await sql`analyze`.execute(db);
  return seeded;
}

async function insertDemoData(db: Kysely<Database>, now: Date): Promise<void> {
  const today = isoDate(now);
  const next = random(20261124);

  await db
    .insertInto('catalog_prices')
    .values(CATALOG.flatMap((s) => (['CHF', 'EUR'] as const).map((currency) => ({ service_code: s.code, currency, monthly_price_minor: PRICES[s.code][currency] }))))
    .execute();
  await db.insertInto('partners').values(DEMO_PARTNERS.map(({ id, name, country }) => ({ id, name, country }))).execute();
  await db.insertInto('demo_users').values(DEMO_USERS.map((u, i) => ({ ...u, sort_order: i }))).execute();

  const tenants: NewTenantRow[] = [];
  const domains: { id: string; tenant_id: string; name: string; mode: Mode; ms365_tenant_id: string | null; gina: string | null; deprovisioned: boolean; next_service_number: number }[] = [];
  const services: { domain_id: string; number: number; service_code: ServiceCode; status: ServiceStatus; start_billing: string | null; end_billing: string | null; discount_percent: number | null; discount_reason: string | null }[] = [];

  let tenantNumber = 10001;
  let domainNumber = 20001;
  let scenarioIndex = 0;
  let stemIndex = 0;
  for (const partner of DEMO_PARTNERS) {
    for (let i = 0; i < partner.tenants; i++) {
      const id = `T-${tenantNumber++}`;
      const stem = NAME_STEMS[stemIndex % NAME_STEMS.length]!;
      const [trade, form] = NAME_TRADES[(stemIndex * 5) % NAME_TRADES.length]!;
      const round = Math.floor(stemIndex / NAME_STEMS.length);
      stemIndex++;
      const name = `${stem} ${trade}${round > 0 ? ` ${round + 1}` : ''} ${form}`;
      const tld = partner.tlds[i % partner.tlds.length]!;
      const base = slug(`${stem} ${trade}${round > 0 ? ` ${round + 1}` : ''}`);
      const country = tld === 'li' ? 'LI' : tld === 'at' ? 'AT' : partner.country;
      tenants.push({
        id,
        partner_id: partner.id,
        name,
        email: `it@${base}.${tld}`,
        phone: country === 'DE' || country === 'AT' ? `+${country === 'DE' ? 49 : 43} 30 ${1000000 + Math.floor(next() * 8999999)}` : `+41 44 ${100 + Math.floor(next() * 899)} ${10 + Math.floor(next() * 89)} ${10 + Math.floor(next() * 89)}`,
        country,
        invoice_reference: i % 3 === 0 ? `PO-${2026}-${String(i + 1).padStart(4, '0')}` : null,
        region: regionForCountry(country),
      });

      // Every sixth tenant has other SEPPmail services but no cloud domain yet.
      const domainCount = i % 6 === 5 ? 0 : id === DEMO_TENANT_ID ? 3 : 1 + Math.floor(next() * 3);
      let tenantGina: string | null = null;
      const ms365 = uuid(next);
      for (let d = 0; d < domainCount; d++) {
        const scenario = SCENARIOS[scenarioIndex++ % SCENARIOS.length]!;
        const domainName = d === 0 ? `${base}.${tld}` : `${base}-${['mail', 'group', 'online'][d - 1]}.${tld}`;
        const domainId = `D-${domainNumber++}`;
        const codes: ServiceCode[] = scenario.services.filter((c) => c !== 'SC-HIN');
        if (codes.includes('SC-SIGENC') && regionForCountry(country) === 'ch') codes.push('SC-HIN');
        const needsGina = codes.includes('SC-SIGENC');
        if (needsGina && !tenantGina) tenantGina = `securemail.${domainName}`;
        const cancelled = scenario.cancelled;
        const cancelledCodes = new Set<ServiceCode>(cancelled?.codes.includes('SC-SERVICE') ? codes : (cancelled?.codes ?? []));
        if (cancelled?.codes.includes('SC-SIGENC')) cancelledCodes.add('SC-HIN');
        const allEnded = cancelledCodes.size === codes.length && cancelled?.status === 'deprovisioned';
        const started = ['provisioned'].includes(scenario.status) ? addDays(today, -90 - Math.floor(next() * 400)) : null;
        codes.forEach((code, n) => {
          const ends = cancelledCodes.has(code);
          const status: ServiceStatus = ends ? cancelled!.status : scenario.status;
          const endBilling = !ends
            ? null
            : cancelled!.status === 'cancelled'
              ? lastOfMonth(today)
              : cancelled!.status === 'deprovisioning'
                ? today
                : lastOfMonth(addMonths(today, -2));
          const discount = code !== 'SC-SERVICE' && next() < 0.12 ? DISCOUNTS[Math.floor(next() * DISCOUNTS.length)]! : null;
          services.push({
            domain_id: domainId,
            number: n + 1,
            service_code: code,
            status,
            start_billing: started,
            end_billing: endBilling,
            discount_percent: discount?.percent ?? null,
            discount_reason: discount?.reason ?? null,
          });
        });
        domains.push({
          id: domainId,
          tenant_id: id,
          name: domainName,
          mode: scenario.mode,
          ms365_tenant_id: scenario.ms365 ? ms365 : null,
          gina: needsGina ? tenantGina : null,
          deprovisioned: allEnded,
          next_service_number: codes.length + 1,
        });
      }
    }
  }

  await db.insertInto('tenants').values(tenants).execute();
  const ginaNames = [...new Set(domains.map((d) => d.gina).filter((g): g is string => g !== null))];
  const ginaRows = ginaNames.length
    ? await db
        .insertInto('gina_hosts')
        .values(ginaNames.map((name) => ({ name, tenant_id: domains.find((d) => d.gina === name)!.tenant_id })))
        .returning(['id', 'name'])
        .execute()
    : [];
  const ginaId = new Map(ginaRows.map((r) => [r.name, r.id]));
  await db
    .insertInto('managed_domains')
    .values(
      domains.map((d) => ({
        id: d.id,
        tenant_id: d.tenant_id,
        name: d.name,
        mode: d.mode,
        ms365_tenant_id: d.ms365_tenant_id,
        gina_host_id: d.gina ? ginaId.get(d.gina)! : null,
        next_service_number: d.next_service_number,
        deprovisioned_at: d.deprovisioned ? now : null,
      })),
    )
    .execute();
  await db.insertInto('booked_services').values(services).execute();

  const months = [firstOfMonth(addMonths(today, -1)), firstOfMonth(today)];
  const counts = services
    .filter((s) => s.start_billing !== null)
    .flatMap((s) => {
      const users = 5 + Math.floor(next() * 400);
      return months
        .filter((m) => s.start_billing! <= lastOfMonth(m) && (s.end_billing === null || s.end_billing >= m))
        .map((month, k) => ({ month, domain_id: s.domain_id, service_code: s.service_code, users: users + k * Math.floor(next() * 10) }));
    });
  if (counts.length) await db.insertInto('user_counts').values(counts).execute();

  await sql`select setval('tenant_number_seq', ${tenantNumber - 1})`.execute(db);
  await sql`select setval('domain_number_seq', ${domainNumber - 1})`.execute(db);
}
