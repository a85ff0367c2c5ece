// [Note: statement cache]: one prepared statement per SQL text, reused, bounded, and still right
// after a schema change; through Kysely as the app uses it.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cachingDatabase } from './statement-cache.ts';

function open(size?: number) {
  const sqlite = new SqliteDatabase(':memory:');
  let prepares = 0;
  const counting = new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (text: string) => {
          prepares++;
          return target.prepare(text);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const database = cachingDatabase(counting, size);
  const db = new Kysely<{ t: { id: number; v: string } }>({
    dialect: new SqliteDialect({ database }),
  });
  return { db, database, prepares: () => prepares };
}

describe('statement cache', () => {
  it('prepares each SQL text once and answers every run from the same statement', async () => {
    const { db, database, prepares } = open();
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    for (let i = 0; i < 20; i++) {
      await db
        .insertInto('t')
        .values({ id: i, v: `v${i}` })
        .execute();
    }
    const before = prepares();
    for (let i = 0; i < 20; i++) {
      const row = await db.selectFrom('t').select('v').where('id', '=', i).executeTakeFirst();
      expect(row?.v).toBe(`v${i}`);
    }
    expect(prepares() - before).toBe(1);
    // The insert and the select: the create table, a schema change, is never kept.
    expect(database.cached).toBe(2);
    await db.destroy();
  });

  it('keeps at most its size, dropping the least recently used', async () => {
    const { db, database, prepares } = open(2);
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    const a = () => db.selectFrom('t').select('id').execute();
    const b = () => db.selectFrom('t').select('v').execute();
    const c = () => db.selectFrom('t').select(['id', 'v']).execute();
    await a();
    await b();
    await a(); // a is now the most recent: c pushes b out
    await c();
    expect(database.cached).toBe(2);
    const before = prepares();
    await a();
    expect(prepares()).toBe(before);
    await b();
    expect(prepares()).toBe(before + 1);
    await db.destroy();
  });

  it('does not keep a statement that fails to prepare, and stays right after a schema change', async () => {
    const { db, database } = open();
    await expect(db.selectFrom('t').select('v').execute()).rejects.toThrow(/no such table/);
    expect(database.cached).toBe(0);
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    await db.insertInto('t').values({ id: 1, v: 'one' }).execute();
    const read = () => db.selectFrom('t').selectAll().execute();
    expect(await read()).toEqual([{ id: 1, v: 'one' }]);
    await sql`alter table t add column w text not null default 'x'`.execute(db);
    expect(await read()).toEqual([{ id: 1, v: 'one', w: 'x' }]);
    await db.destroy();
  });

  it('makes rows keyed by column name, whatever the names, as better-sqlite3 does', async () => {
    const { db } = open();
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    await db.insertInto('t').values({ id: 1, v: 'one' }).execute();
    const { rows } = await sql<Record<string, unknown>>`
      select id, v, v as "a""b", 'x' as "\\", 2 as v, null as "" from t`.execute(db);
    const expected = Object.fromEntries([
      ['id', 1],
      ['v', 2],
      ['a"b', 'one'],
      ['\\', 'x'],
      ['', null],
    ]);
    expect(rows).toEqual([expected]);
    // A column named __proto__ never sets its row's prototype.
    const proto = await sql<Record<string, unknown>>`select 1 as "__proto__"`.execute(db);
    expect(Object.getPrototypeOf(proto.rows[0])).toBe(Object.prototype);
    await db.destroy();
  });

  it('reads the new names after a column is renamed through the same connection', async () => {
    const { db } = open();
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    await db.insertInto('t').values({ id: 1, v: 'one' }).execute();
    const read = () => sql<Record<string, unknown>>`select * from t`.execute(db);
    expect((await read()).rows).toEqual([{ id: 1, v: 'one' }]);
    await sql`alter table t rename column v to w`.execute(db);
    expect((await read()).rows).toEqual([{ id: 1, w: 'one' }]);
    await db.destroy();
  });

  it('streams with a statement of its own while the cached one is used', async () => {
    const { db } = open();
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    await db
      .insertInto('t')
      .values([
        { id: 1, v: 'a' },
        { id: 2, v: 'b' },
      ])
      .execute();
    const seen: string[] = [];
    for await (const row of db.selectFrom('t').select('v').orderBy('id').stream()) {
      seen.push(row.v);
    }
    expect(seen).toEqual(['a', 'b']);
    expect(await db.selectFrom('t').select('v').orderBy('id').execute()).toHaveLength(2);
    await db.destroy();
  });
});
