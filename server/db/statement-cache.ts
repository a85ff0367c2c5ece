// [Note: statement cache] Kysely's SQLite driver calls better-sqlite3's `prepare` for every query
// it runs, and preparing (parsing and planning the SQL) was 10-15 % of the server's CPU per
// request. The app sends a small, fixed set of SQL texts (parameters are bound, never spliced), so
// the statements are kept, keyed by their SQL text, and reused. The cache is bounded (least
// recently used out first): texts that vary in length, such as `in (?, ?, ...)` lists, cannot grow
// it without limit. A statement that fails to prepare is not kept. `iterate` (Kysely's streams)
// prepares its own statement: a cached one iterating would be busy for every other use of it.
// SQLite re-prepares a kept statement by itself after a schema change (a migration); a schema
// change sent through this connection also empties the cache, as the rows' shapes may change.
// Reading statements return their rows through a maker of their own (rowsOf, below).
import type SqliteDatabase from 'better-sqlite3';

export const STATEMENT_CACHE_SIZE = 500;

/** What Kysely's SqliteDialect needs of a database (its SqliteDatabase interface). */
export interface CachingDatabase {
  close(): void;
  prepare(sql: string): {
    readonly reader: boolean;
    all(parameters: readonly unknown[]): unknown[];
    run(parameters: readonly unknown[]): {
      changes: number | bigint;
      lastInsertRowid: number | bigint;
    };
    iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
  };
  /** Statements kept now (tests, and the bench's profile notes). */
  readonly cached: number;
}

/**
 * A reading statement's `all`, in raw mode (arrays), each array made into an object by a function
 * written for the statement's columns: better-sqlite3 builds its row objects one property at a
 * time, which cost an inbox page (51 rows of 16 columns) about 40 % of its query time; an object
 * literal of fixed keys is what V8 builds fastest. The rows are the same objects, keyed by column
 * name, the last of a repeated name winning, as better-sqlite3 makes them. A column named
 * `__proto__` would set the literal's prototype, so such a statement keeps better-sqlite3's rows.
 */
function rowsOf(stmt: SqliteDatabase.Statement): (parameters: readonly unknown[]) => unknown[] {
  const rowMaker = () => {
    const names = stmt.columns().map((column) => column.name);
    // Each key is a JSON string literal of the column's name: no name can break out of it.
    const fields = names.map((name, i) => `${JSON.stringify(name)}: r[${i}]`).join(', ');
    const make = new Function('r', `return { ${fields} };`) as (values: unknown[]) => unknown;
    return { width: names.length, make, plain: names.includes('__proto__') };
  };
  let row = rowMaker();
  if (row.plain) return (parameters) => stmt.all(...parameters);
  stmt.raw(true);
  return (parameters) => {
    const rows = stmt.all(...parameters) as unknown[][];
    // SQLite prepares a statement again by itself when another connection changed the schema:
    // a `select *` may then have other columns (this connection's own changes empty the cache).
    if (rows[0] && rows[0].length !== row.width) row = rowMaker();
    return rows.map(row.make);
  };
}

/** Schema changes: the kept statements' columns may change with them. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

function uncached(sqlite: SqliteDatabase.Database, stmt: SqliteDatabase.Statement, sql: string) {
  return {
    reader: stmt.reader,
    all: (parameters: readonly unknown[]) => stmt.all(...parameters),
    run: (parameters: readonly unknown[]) => stmt.run(...parameters),
    iterate: (parameters: readonly unknown[]) => sqlite.prepare(sql).iterate(...parameters),
  };
}

export function cachingDatabase(
  sqlite: SqliteDatabase.Database,
  size: number = STATEMENT_CACHE_SIZE,
): CachingDatabase {
  type Prepared = ReturnType<CachingDatabase['prepare']>;
  const cache = new Map<string, Prepared>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    get cached() {
      return cache.size;
    },
    prepare(sql: string): Prepared {
      const hit = cache.get(sql);
      if (hit) {
        // Most recently used last: Map keeps insertion order.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      if (SCHEMA_CHANGE.test(sql)) {
        cache.clear();
        return uncached(sqlite, stmt, sql);
      }
      const prepared: Prepared = {
        ...uncached(sqlite, stmt, sql),
        ...(stmt.reader ? { all: rowsOf(stmt) } : {}),
      };
      cache.set(sql, prepared);
      if (cache.size > size) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return prepared;
    },
  };
}
