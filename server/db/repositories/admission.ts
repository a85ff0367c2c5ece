// The shared admission counters [Note: admission]: one row per key, changed by single statements
// only, so several server processes over one PostgreSQL database count together.
import { sql } from 'kysely';
import type { DbOrTrx } from '../database.ts';

export interface LoadRow {
  window_start: string;
  count: number;
  prev_count: number;
  burst: number;
}

export async function readLoad(db: DbOrTrx, key: string): Promise<LoadRow | undefined> {
  return db
    .selectFrom('admission_load')
    .select(['window_start', 'count', 'prev_count', 'burst'])
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Counts one request in the window starting at `windowStart` with one upsert, so two processes
 * never lose a count: a row of an older window rolls over (its count becomes prev_count when it was
 * the window just before, else 0). A row already in a later window (another process's clock a
 * little ahead) is counted as it is. Also drops rows older than `staleBefore`.
 */
export async function addLoad(
  db: DbOrTrx,
  key: string,
  window: { start: string; prevStart: string; staleBefore: string },
): Promise<LoadRow> {
  // An index range on window_start, empty almost always: old keys (a report's reads, a quiet
  // school) go away once two windows have passed.
  await db.deleteFrom('admission_load').where('window_start', '<', window.staleBefore).execute();
  const current = sql<boolean>`${sql.ref('admission_load.window_start')} >= ${window.start}`;
  const row = await db
    .insertInto('admission_load')
    .values({ key, window_start: window.start, count: 1, prev_count: 0 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when ${current} then ${sql.ref('admission_load.count')} + 1 else 1 end`,
        prev_count: sql<number>`case
          when ${current} then ${sql.ref('admission_load.prev_count')}
          when ${sql.ref('admission_load.window_start')} = ${window.prevStart}
            then ${sql.ref('admission_load.count')}
          else 0 end`,
        window_start: sql<string>`case when ${current}
          then ${sql.ref('admission_load.window_start')} else ${window.start} end`,
      }),
    )
    .returning(['window_start', 'count', 'prev_count', 'burst'])
    .executeTakeFirstOrThrow();
  return { ...row, count: Number(row.count), prev_count: Number(row.prev_count) };
}

/** Marks a flood at `key` as alerted; true for exactly one caller per flood, in any process. */
export async function claimBurst(db: DbOrTrx, key: string): Promise<boolean> {
  const result = await db
    .updateTable('admission_load')
    .set({ burst: 1 })
    .where('key', '=', key)
    .where('burst', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The flood at `key` is over: the next one gets its own alert. */
export async function endBurst(db: DbOrTrx, key: string): Promise<void> {
  await db
    .updateTable('admission_load')
    .set({ burst: 0 })
    .where('key', '=', key)
    .where('burst', '=', 1)
    .execute();
}
