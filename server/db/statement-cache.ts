// [Note: statement cache] Kysely's SQLite driver calls better-sqlite3's `prepare` for every query
// it runs, and preparing (parsing and planning the SQL) was 10-15 % of the server's CPU per
// request. The app sends a small, fixed set of SQL texts (parameters are bound, never spliced), so
// the statements are kept, keyed by their SQL text, and reused. The cache is bounded (least
// recently used out first): texts that vary in length, such as `in (?, ?, ...)` lists, cannot grow
// it without limit. A statement that fails to prepare is not kept. `iterate` (Kysely's streams)
// prepares its own statement: a cached one iterating would be busy for every other use of it.
// SQLite re-prepares a kept statement by itself after a schema change (a migration).
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
      const prepared: Prepared = {
        reader: stmt.reader,
        all: (parameters) => stmt.all(...parameters),
        run: (parameters) => stmt.run(...parameters),
        iterate: (parameters) => sqlite.prepare(sql).iterate(...parameters),
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
