// [Note: group commit]: units of writes queued together are committed together on SQLite (one
// COMMIT for many), each settled only once its commit is visible to another connection; a unit
// that fails is undone alone; a refusal may keep its writes; a nested step is undone alone. The
// same promises hold on PostgreSQL, where each unit is its own transaction.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { createWriter, nested, type Writer } from '../../server/db/group-commit.ts';
import { getSetting, setSetting } from '../../server/db/repositories/settings.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { ApiError, isRefusal } from '../../server/errors.ts';
import { createPostgresDatabase, DIALECTS } from './test-db.ts';

describe.each(DIALECTS)('group commit on %s', (dialect) => {
  /** `a` writes through the writer; `b` is a second connection (another process) that reads. */
  let a: DatabaseHandle;
  let b: DatabaseHandle;
  let writer: Writer;

  beforeAll(async () => {
    const options =
      dialect === 'postgres'
        ? { databaseUrl: await createPostgresDatabase(), dataDir: ':memory:' }
        : { dataDir: mkdtempSync(join(tmpdir(), 'group-commit-')) };
    a = openDatabase(options);
    await migrateToLatest(a.db);
    b = openDatabase(options);
    writer = createWriter(a.db, a.dialect);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const seen = (db: Db, key: string) => getSetting(db, key);

  it('settles each unit after its commit, and writes units queued together in one commit', async () => {
    const before = { ...writer.stats };
    const keys = Array.from({ length: 40 }, (_, i) => `gc-many-${i}`);
    await Promise.all(
      keys.map((key) =>
        writer
          .run(async (trx) => {
            await setSetting(trx, key, 'v');
          })
          .then(async () => {
            // Settled: another connection already reads it (committed, not merely written).
            expect(await seen(b.db, key)).toBe('v');
          }),
      ),
    );
    expect(writer.stats.units - before.units).toBe(keys.length);
    const batches = writer.stats.batches - before.batches;
    if (dialect === 'sqlite') expect(batches).toBeLessThan(keys.length);
    else expect(batches).toBe(keys.length);
  });

  it('undoes a failing unit alone; the units beside it commit', async () => {
    const results = await Promise.allSettled([
      writer.run((trx) => setSetting(trx, 'gc-left', 'v')),
      writer.run(async (trx) => {
        await setSetting(trx, 'gc-failing', 'v');
        throw new Error('this unit fails');
      }),
      writer.run(async (trx) => {
        await setSetting(trx, 'gc-clash', 'v');
        // A constraint violation inside the unit: the database refuses, the unit is undone.
        await trx.insertInto('settings').values({ key: 'gc-clash', value: 'w' }).execute();
      }),
      writer.run((trx) => setSetting(trx, 'gc-right', 'v')),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain('this unit fails');
    expect(await seen(b.db, 'gc-left')).toBe('v');
    expect(await seen(b.db, 'gc-right')).toBe('v');
    expect(await seen(b.db, 'gc-failing')).toBeUndefined();
    expect(await seen(b.db, 'gc-clash')).toBeUndefined();
  });

  it('keeps the writes of a refusal when asked, and undoes a nested step alone', async () => {
    const refused = writer.run(
      async (trx) => {
        await setSetting(trx, 'gc-spent', 'v');
        try {
          await nested(trx, async () => {
            await setSetting(trx, 'gc-step', 'v');
            throw new ApiError(409, 'conflict', 'refused in the step');
          });
        } catch (err) {
          await setSetting(trx, 'gc-after-step', 'v');
          throw err;
        }
      },
      { keepWhen: isRefusal },
    );
    await expect(refused).rejects.toThrow('refused in the step');
    expect(await seen(b.db, 'gc-spent')).toBe('v');
    expect(await seen(b.db, 'gc-after-step')).toBe('v');
    expect(await seen(b.db, 'gc-step')).toBeUndefined();

    // Not a refusal: everything of the unit is undone even when keeping was asked for.
    const failed = writer.run(
      async (trx) => {
        await setSetting(trx, 'gc-not-kept', 'v');
        throw new Error('a failure, not a refusal');
      },
      { keepWhen: isRefusal },
    );
    await expect(failed).rejects.toThrow('a failure');
    expect(await seen(b.db, 'gc-not-kept')).toBeUndefined();
  });
});
