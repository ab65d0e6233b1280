/**
 * Billing: counted users per domain, service and month, and the usage statement priced from
 * them. A service is chargeable in a month when it was provisioned by the month's end (it has
 * Start Billing), its billing had not ended before the month began, and users were counted.
 */
import { type Kysely, sql } from 'kysely';
import type { UsageLine, UsageStatement } from '../../domain/api.js';
import { currencyForRegion, SERVICE_CODES, type ServiceCode } from '../../domain/catalog.js';
import { lastOfMonth } from '../../domain/dates.js';
import { formatMinor, lineTotal, type Minor, sum } from '../../domain/money.js';
import type { Principal } from '../../domain/roles.js';
import { checkDomainName } from '../../domain/rules.js';
import { type Actor, recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { type FieldError, problems } from '../http/problem.js';
import { tenantInScope } from '../policy.js';
import { inTransaction } from '../db/transaction.js';

/** Every line of the month's statement within the caller's scope (and for one tenant, if named). */
export async function usageStatement(db: Kysely<Database>, principal: Principal, month: string, tenantId?: string): Promise<UsageStatement> {
  const first = `${month}-01`;
  const rows = await db
    .selectFrom('user_counts as u')
    .innerJoin('managed_domains as d', 'd.id', 'u.domain_id')
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    // The booking that billed in that month (a service booked again later has a new number).
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('booked_services as s')
          .select(['s.domain_id', 's.service_code', 's.number', 's.discount_percent', 's.discount_reason', 's.start_billing', 's.end_billing'])
          .where('s.start_billing', 'is not', null)
          .where('s.start_billing', '<=', lastOfMonth(first))
          .where((w) => w.or([w('s.end_billing', 'is', null), w('s.end_billing', '>=', first)]))
          .as('s'),
      (join) => join.onRef('s.domain_id', '=', 'u.domain_id').onRef('s.service_code', '=', 'u.service_code'),
    )
    .innerJoin('catalog_prices as p', (join) =>
      join.onRef('p.service_code', '=', 'u.service_code').on('p.currency', '=', sql<'CHF' | 'EUR'>`case t.region when 'ch' then 'CHF' else 'EUR' end`),
    )
    .select(['t.id as tenant_id', 't.name as tenant_name', 't.region', 'd.name as domain', 'u.service_code', 'u.users', 's.number', 's.discount_percent', 's.discount_reason', 'p.monthly_price_minor'])
    .where('u.month', '=', first)
    .where('u.users', '>', 0)
    .where(tenantInScope(principal))
    .$if(tenantId !== undefined, (qb) => qb.where('t.id', '=', tenantId!))
    .orderBy('t.name')
    .orderBy('d.name')
    .orderBy('s.number', 'desc')
    .execute();

  const seen = new Set<string>();
  const lines: (UsageLine & { totalMinor: Minor })[] = [];
  for (const row of rows) {
    const key = `${row.domain}\n${row.service_code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const discount = row.discount_percent === null ? '0' : String(Number(row.discount_percent));
    const totalMinor = lineTotal(row.users, row.monthly_price_minor, discount);
    lines.push({
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      domain: row.domain,
      service: row.service_code,
      month,
      quantity: row.users,
      discountPercent: Number(discount),
      discountReason: row.discount_reason,
      unitPrice: formatMinor(row.monthly_price_minor),
      total: formatMinor(totalMinor),
      currency: currencyForRegion(row.region),
      totalMinor,
    });
  }
  lines.sort(
    (a, b) =>
      a.tenantName.localeCompare(b.tenantName) || a.domain.localeCompare(b.domain) || SERVICE_CODES.indexOf(a.service) - SERVICE_CODES.indexOf(b.service),
  );
  const currencies = [...new Set(lines.map((l) => l.currency))].sort();
  return {
    month,
    lines: lines.map(({ totalMinor: _, ...line }) => line),
    totals: currencies.map((currency) => ({ currency, total: formatMinor(sum(lines.filter((l) => l.currency === currency).map((l) => l.totalMinor))) })),
  };
}

export const CSV_COLUMNS = ['tenantId', 'tenantName', 'domain', 'service', 'month', 'quantity', 'discountPercent', 'discountReason', 'unitPrice', 'total', 'currency'] as const;

/**
 * RFC 4180: a header row, CRLF line ends, fields with commas, quotes or line breaks quoted.
 * A cell that a spreadsheet would take as a formula (starting with `=`, `+`, `-`, `@`, tab or
 * carriage return; OWASP's CSV injection) gets a leading `'` and is quoted, so tenant names
 * and discount reasons are shown as text, never evaluated. Plain numbers stay numbers.
 */
export function toCsv(lines: UsageLine[]): string {
  const field = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value);
    const formula = /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text);
    if (formula) text = `'${text}`;
    return formula || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [CSV_COLUMNS.join(','), ...lines.map((line) => CSV_COLUMNS.map((c) => field(line[c])).join(','))].join('\r\n') + '\r\n';
}

export interface UserCount {
  domain: string;
  service: ServiceCode;
  users: number;
}

/** A month's counts in one transaction; any bad entry refuses all, with every reason. */
export async function importUserCounts(
  db: Kysely<Database>,
  actor: Actor,
  month: string,
  counts: UserCount[],
): Promise<{ month: string; imported: number }> {
  const first = `${month}-01`;
  return inTransaction(db, async (trx) => {
    const names = counts.map((c) => checkDomainName(c.domain).ascii ?? c.domain.trim().toLowerCase());
    const domains = names.length
      ? await trx
          .selectFrom('managed_domains as d')
          .innerJoin('booked_services as s', 's.domain_id', 'd.id')
          .select(['d.id', 'd.name', 'd.tenant_id', 'd.deprovisioned_at', 's.service_code'])
          .where(sql`lower(d.name)`, 'in', names)
          .orderBy('d.created_at', 'desc')
          .execute()
      : [];
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const resolved: { domainId: string; service: ServiceCode; users: number }[] = [];
    counts.forEach((count, i) => {
      const name = names[i]!;
      // The domain as it is managed now, else its latest incarnation.
      const candidates = domains.filter((d) => d.name === name);
      const domainId = (candidates.find((d) => d.deprovisioned_at === null) ?? candidates[0])?.id;
      if (!domainId) {
        errors.push({ path: `counts.${i}.domain`, message: `${count.domain} is not a managed domain` });
        return;
      }
      if (!candidates.some((d) => d.id === domainId && d.service_code === count.service)) {
        errors.push({ path: `counts.${i}.service`, message: `${count.service} was never booked on ${name}` });
        return;
      }
      const key = `${domainId}\n${count.service}`;
      if (seen.has(key)) errors.push({ path: `counts.${i}`, message: `${name} ${count.service} is counted twice in this month` });
      seen.add(key);
      resolved.push({ domainId, service: count.service, users: count.users });
    });
    if (errors.length > 0) throw problems.unprocessable('Some counts do not match the platform; nothing was imported.', errors);
    if (resolved.length > 0) {
      await trx
        .insertInto('user_counts')
        .values(resolved.map((r) => ({ month: first, domain_id: r.domainId, service_code: r.service, users: r.users })))
        .onConflict((oc) => oc.columns(['month', 'domain_id', 'service_code']).doUpdateSet((eb) => ({ users: eb.ref('excluded.users') })))
        .execute();
    }
    await recordAudit(trx, actor, {
      action: 'usage.import',
      entityType: 'usage',
      entityId: month,
      tenantId: null,
      before: null,
      after: { month, counts: resolved.length },
    });
    return { month, imported: resolved.length };
  });
}
