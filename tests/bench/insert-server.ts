// A second baseline, for scale: the echo server plus one row inserted through Kysely into the
// database the real server uses, opened the same way (server/db/dialect.ts: SQLite in WAL with
// synchronous=FULL, or PostgreSQL), before answering. It is what any durable write costs on this
// machine and disk; a report submission can only be slower. Run as its own process, like the echo.
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { openDatabase } from '../../server/db/dialect.ts';

const dataDir = process.env['DATA_DIR'];
if (!dataDir) throw new Error('DATA_DIR is required');
const { db } = openDatabase({ databaseUrl: process.env['DATABASE_URL'], dataDir });
await sql`create table if not exists bench_insert (id text primary key, body text not null)`.execute(
  db,
);

const app = new Hono().post('/echo', async (c) => {
  const body: unknown = await c.req.json();
  await sql`insert into bench_insert (id, body) values (${randomUUID()}, ${JSON.stringify(body)})`.execute(
    db,
  );
  return c.json(body);
});

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(`Listening on http://127.0.0.1:${info.port}/`);
});
process.on('SIGTERM', () => void db.destroy().then(() => process.exit(0)));
