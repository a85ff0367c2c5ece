// [Note: group commit] On SQLite every COMMIT waits for the disk (synchronous=FULL, [Note: sqlite
// durability]), and better-sqlite3 waits on the event loop's only thread: one flush per request
// capped the pupil's writes at the disk's commit rate. The pupil's writes (and any other unit of
// work through `Writer.run`) are therefore queued and, once per turn of the event loop, written
// together: one BEGIN, each unit inside its own SAVEPOINT, one COMMIT, one flush for all of them.
//
// - Nobody is answered before their commit: a unit's promise settles only after the COMMIT of its
//   batch returned (a unit refused with its writes rolled back is settled then too).
// - One failing unit never takes the others down: its SAVEPOINT is rolled back, the rest commit.
//   Only a failed COMMIT (a full or broken disk) fails the whole batch, and then nobody of it is
//   told their write succeeded.
// - A unit uses only the transaction it is given, never the database handle: on SQLite the batch
//   holds the one connection, so a query through the handle would wait for the batch that waits
//   for it. Nor does a unit call `run` itself.
// - A unit may keep its writes while refusing (`keepWhen`): a spent proof of work stays spent
//   whatever the answer [Note: admission]; its error is then thrown after the commit.
//
// On PostgreSQL each unit is its own transaction: the server already flushes commits that arrive
// together in one write of its log, and several processes share it.
import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import type { DialectName } from './dialect.ts';

export interface UnitOptions {
  /** Errors for which the unit's writes are committed anyway (and the error then thrown). */
  keepWhen?: (err: unknown) => boolean;
}

export interface Writer {
  run<T>(unit: (trx: Trx) => Promise<T>, options?: UnitOptions): Promise<T>;
  /** Batches committed and units run so far (tests, and the bench's notes). */
  readonly stats: { batches: number; units: number };
}

/** Units in one batch at most: a long queue is written in several commits, not one huge one. */
export const MAX_BATCH = 128;

type Settle = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Job {
  unit: (trx: Trx) => Promise<unknown>;
  keepWhen: ((err: unknown) => boolean) | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function createWriter(db: Db, dialect: DialectName): Writer {
  const stats = { batches: 0, units: 0 };
  if (dialect === 'postgres') {
    return {
      stats,
      async run(unit, options = {}) {
        stats.units++;
        stats.batches++;
        const settled = await db.transaction().execute(async (trx): Promise<Settle> => {
          try {
            return { ok: true, value: await unit(trx) };
          } catch (error) {
            if (options.keepWhen?.(error)) return { ok: false, error };
            throw error;
          }
        });
        if (!settled.ok) throw settled.error;
        return settled.value as Awaited<ReturnType<typeof unit>>;
      },
    };
  }

  const queue: Job[] = [];
  let scheduled = false;
  let draining = false;

  const writeBatch = async (batch: Job[]) => {
    const outcomes: Settle[] = [];
    await db.transaction().execute(async (trx) => {
      for (const job of batch) {
        await sql`savepoint unit`.execute(trx);
        try {
          outcomes.push({ ok: true, value: await job.unit(trx) });
        } catch (error) {
          if (!job.keepWhen?.(error)) await sql`rollback to unit`.execute(trx);
          outcomes.push({ ok: false, error });
        }
        await sql`release unit`.execute(trx);
      }
    });
    return outcomes;
  };

  const drain = async () => {
    scheduled = false;
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_BATCH);
        let outcomes: Settle[];
        try {
          outcomes = await writeBatch(batch);
        } catch (error) {
          // The COMMIT (or the transaction itself) failed: nothing of this batch is stored.
          for (const job of batch) job.reject(error);
          continue;
        }
        stats.batches++;
        stats.units += batch.length;
        batch.forEach((job, i) => {
          const outcome = outcomes[i];
          if (outcome?.ok) job.resolve(outcome.value);
          else job.reject(outcome?.error);
        });
      }
    } finally {
      draining = false;
    }
  };

  return {
    stats,
    run<T>(unit: (trx: Trx) => Promise<T>, options: UnitOptions = {}) {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          unit,
          keepWhen: options.keepWhen,
          resolve: resolve as (value: unknown) => void,
          reject,
        });
        // After the requests this turn of the event loop brought in have queued their units.
        if (!scheduled && !draining) {
          scheduled = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}

/**
 * A step of a unit that is undone alone when it throws (a SAVEPOINT inside the unit's own), the
 * error passed on: the unit may then still commit what it did before, e.g. a spent proof of work.
 */
export async function nested<T>(trx: Trx, step: (trx: Trx) => Promise<T>): Promise<T> {
  // One name for every step: both databases refer to the most recent savepoint of a name, so
  // steps may nest, and the statements stay few [Note: statement cache].
  await sql`savepoint step`.execute(trx);
  try {
    const value = await step(trx);
    await sql`release step`.execute(trx);
    return value;
  } catch (error) {
    await sql`rollback to step`.execute(trx);
    await sql`release step`.execute(trx);
    throw error;
  }
}
