/**
 * The two baselines the BFF's list is measured against, each run as a child process of its own
 * (bench/tenant-list.ts starts them) so that the load generator never shares their event loop:
 *
 *   tsx bench/support/baseline-server.ts hono <file>   bare Hono (@hono/node-server) answering
 *       GET /size/<n> with the JSON the BFF answered for that size, from memory;
 *   tsx bench/support/baseline-server.ts raw <file>    a bare node:http handler running, for
 *       GET /size/<n>, the SQL statements the BFF ran for one list request (captured from its
 *       Kysely, same text and parameters), with raw `pg` on DATABASE_URL (pool of
 *       DATABASE_POOL_MAX, as the BFF's), or with PGlite itself on PGLITE_DATA.
 *
 * `<file>` is JSON: `{"1000": <answer or statements>, …}`. Prints `listening <port>` once ready.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

export interface Statement {
  sql: string;
  parameters: unknown[];
}

const [mode, file] = process.argv.slice(2);
const input = JSON.parse(readFileSync(file!, 'utf8')) as Record<string, unknown>;

if (mode === 'hono') {
  const app = new Hono();
  app.get('/size/:n', (c) => {
    const answer = input[c.req.param('n')];
    return answer === undefined ? c.notFound() : c.json(answer as object);
  });
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));
} else if (mode === 'raw') {
  const statements = input as Record<string, Statement[]>;
  let run: (statement: Statement) => Promise<unknown[]>;
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
    run = async ({ sql, parameters }) => (await pool.query(sql, parameters)).rows;
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(process.env.PGLITE_DATA!);
    run = async ({ sql, parameters }) => (await pglite.query(sql, parameters)).rows;
  }
  const server = createServer((req, res) => {
    const list = statements[req.url?.slice('/size/'.length) ?? ''];
    if (!list) {
      res.writeHead(404).end();
      return;
    }
    (async () => {
      const results: unknown[][] = [];
      for (const statement of list) results.push(await run(statement));
      const body = JSON.stringify(results.length === 1 ? results[0] : results);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
    })().catch((error: Error) => {
      res.writeHead(500).end(error.message);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
} else {
  console.error('usage: baseline-server.ts hono|raw <file>');
  process.exit(2);
}
