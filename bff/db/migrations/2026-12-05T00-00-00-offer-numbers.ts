import { type Kysely, sql } from 'kysely';

/**
 * Human offer numbers, `OF-<year>-<000123>`: a sequence per calendar year (Europe/Zurich, the
 * year of the offer's creation), without gaps or duplicates.
 *
 * `offer_number_counters` holds each year's last number. The offer's creating transaction takes
 * the next one with `insert … on conflict (year) do update set last = last + 1 returning last`:
 * the row lock serializes concurrent offers of one year (READ COMMITTED re-reads the row a
 * committed transaction changed), and a transaction that rolls back gives its number back with
 * its offer, so numbers have no gaps.
 *
 * Existing offers are numbered in creation order (then by id), and each year's counter starts
 * where they end; the column is NOT NULL and unique after that.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table offer_number_counters (year integer primary key, last integer not null check (last > 0))`.execute(db);
  await sql`alter table offers add column number text`.execute(db);
  await sql`
    update offers o set number = n.number
    from (select id, 'OF-' || y || '-' || lpad((row_number() over (partition by y order by created_at, id))::text, 6, '0') as number
          from (select id, created_at, extract(year from created_at at time zone 'Europe/Zurich')::int as y from offers) x) n
    where o.id = n.id`.execute(db);
  await sql`
    insert into offer_number_counters (year, last)
    select extract(year from created_at at time zone 'Europe/Zurich')::int, count(*) from offers group by 1`.execute(db);
  await sql`alter table offers alter column number set not null`.execute(db);
  await sql`alter table offers add constraint offers_number_key unique (number)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table offers drop column number`.execute(db);
  await sql`drop table offer_number_counters`.execute(db);
}
