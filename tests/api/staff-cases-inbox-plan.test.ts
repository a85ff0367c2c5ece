// [Note: inbox order index] The inbox's first page must come out of reports_inbox_order in index
// order, never from sorting all of a school's reports: with a million reports a sort costs
// hundreds of milliseconds a page. The planners use the index only while listInbox's ORDER BY
// expressions stay identical to the migration's, so this checks the real query's plan.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/dialect.ts';
import { inboxQuery } from '../../server/db/repositories/inbox.ts';
import { DIALECTS, openTestDb } from './test-db.ts';

describe.each(DIALECTS)('inbox query plan on %s', (dialect) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDb(dialect);
  });
  afterAll(() => handle.close());

  it('reads the first page in index order, without sorting', async () => {
    const q = inboxQuery(handle.db, {
      orgId: randomUUID(),
      staffId: randomUUID(),
      filter: 'all',
      page: 0,
    });
    const compiled = q.compile();
    const plan = await handle.db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') {
        // An empty table is cheaper to scan than to index: take that choice away, and a sort too,
        // so the plan shows whether the index can give the order at all.
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_sort = off`.execute(trx);
      }
      const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
      const res = await trx.executeQuery<Record<string, string>>({
        ...compiled,
        sql: prefix + compiled.sql,
      });
      return res.rows.map((r) => r['detail'] ?? r['QUERY PLAN'] ?? '').join('\n');
    });
    expect(plan).toContain('reports_inbox_order');
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY|Sort Key: \(CASE/i);
  });
});
