// [Note: sqlite to postgres] Moving a deployment from its SQLite file to PostgreSQL: every table
// the database lists is copied, row for row and column for column, into a migrated PostgreSQL
// database that holds no row yet, inside one PostgreSQL transaction. Before it commits, the
// transaction checks that every table holds as many rows as the SQLite snapshot did and that every
// audit chain is whole; any failure rolls everything back, so the target is either a complete
// copy or untouched. The SQLite file is only read, in one read transaction (one snapshot): copy
// from a stopped server's file or from a fresh `backup` file. Ciphertext travels as bytes (blob
// to bytea); time stays ISO text and booleans 0/1 integers on both sides (docs/architecture.md,
// habit 5), so no value is converted. Serial ids are copied as they are, and their sequences are
// moved past the highest copied id.
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { verifyAuditChain } from './repositories/audit.ts';
import { appTables, countRows, isEmptyDatabase, MIGRATION_TABLES } from './tables-list.ts';

export interface CopyResult {
  /** Rows copied per table, in the order the tables were filled. */
  tables: { name: string; rows: number }[];
  /** Audit chains checked whole in the target (the municipality's and one per organisation). */
  auditChains: number;
}

/** Parameters per INSERT stay well below PostgreSQL's 65535; bytes per batch below ~8 MB. */
const MAX_PARAMS = 30_000;
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

function openSource(path: string): SqliteDatabase.Database {
  let source: SqliteDatabase.Database;
  try {
    source = new SqliteDatabase(path, { fileMustExist: true });
  } catch {
    throw new Error(`${path} cannot be opened as an SQLite database`);
  }
  try {
    source.pragma('busy_timeout = 5000');
    const hasMigrations = source
      .prepare(`select 1 from sqlite_master where type = 'table' and name = ?`)
      .pluck()
      .get(MIGRATION_TABLES[0]);
    if (!hasMigrations) throw new Error(`${path} is not a database of this app`);
  } catch (error) {
    source.close();
    throw error instanceof Error && error.message.includes(path)
      ? error
      : new Error(`${path} is not an SQLite database`);
  }
  return source;
}

/** Parents before children: the order foreign keys allow inserting in. */
async function fillOrder(trx: Trx, tables: string[]): Promise<string[]> {
  const { rows } = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = current_schema()`.execute(trx);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of rows) {
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const next = tables.find(
      (t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)),
    );
    if (!next) throw new Error('the foreign keys of the target form a cycle');
    order.push(next);
    placed.add(next);
  }
  return order;
}

function byteSize(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'string') return value.length * 2;
  return 8;
}

async function insertBatch(trx: Trx, table: string, columns: string[], rows: unknown[][]) {
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    values ${sql.join(rows.map((row) => sql`(${sql.join(row)})`))}`.execute(trx);
}

async function copyTable(
  trx: Trx,
  source: SqliteDatabase.Database,
  table: string,
  columns: string[],
): Promise<number> {
  const quoted = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
  const select = source.prepare(`select ${quoted} from "${table.replace(/"/g, '""')}"`).raw();
  const rowsPerBatch = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  let batch: unknown[][] = [];
  let bytes = 0;
  let copied = 0;
  for (const row of select.iterate() as Iterable<unknown[]>) {
    batch.push(row);
    bytes += row.reduce<number>((sum, v) => sum + byteSize(v), 0);
    if (batch.length >= rowsPerBatch || bytes >= MAX_BATCH_BYTES) {
      await insertBatch(trx, table, columns, batch);
      copied += batch.length;
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) {
    await insertBatch(trx, table, columns, batch);
    copied += batch.length;
  }
  return copied;
}

/** Moves every serial sequence past the highest id the copy brought in. */
async function advanceSequences(trx: Trx): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%'`.execute(trx);
  for (const { table_name: table, column_name: column } of rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}

export async function copySqliteToPostgres(sqlitePath: string, target: Db): Promise<CopyResult> {
  const source = openSource(sqlitePath);
  try {
    // The target's schema is today's: migrate it (a fresh database) before anything else.
    await migrateToLatest(target);
    const sourceMigrations = source
      .prepare(`select name from ${MIGRATION_TABLES[0]} order by name`)
      .pluck()
      .all() as string[];
    const targetMigrations = (
      await sql<{
        name: string;
      }>`select name from ${sql.table(MIGRATION_TABLES[0] ?? '')} order by name`.execute(target)
    ).rows.map((r) => r.name);
    if (sourceMigrations.join('\n') !== targetMigrations.join('\n')) {
      throw new Error(
        'the SQLite database is not at this version: start this version of the server on it once (it migrates), stop it, then copy',
      );
    }
    const tables = await appTables(target);
    const sourceTables = (
      source
        .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
        .pluck()
        .all() as string[]
    )
      .filter((t) => !MIGRATION_TABLES.includes(t))
      .sort();
    if (sourceTables.join('\n') !== tables.join('\n')) {
      throw new Error(
        `the tables differ: SQLite has ${sourceTables.join(', ')}; PostgreSQL has ${tables.join(', ')}`,
      );
    }
    const columnsOf = new Map(
      (await target.introspection.getTables())
        .filter((t) => tables.includes(t.name))
        .map((t) => [t.name, t.columns.map((c) => c.name)]),
    );

    // One snapshot of the SQLite file for the whole copy.
    source.exec('begin');
    try {
      const expected = new Map<string, number>();
      for (const table of tables) {
        expected.set(
          table,
          Number(source.prepare(`select count(*) from "${table}"`).pluck().get() ?? 0),
        );
      }
      return await target.transaction().execute(async (trx) => {
        // Refused unless empty: a copy over data would mix two deployments' cases.
        if (!(await isEmptyDatabase(trx))) {
          throw new Error(
            'the PostgreSQL database is not empty: copy only into a new database (createdb), never over one in use',
          );
        }
        const copied: CopyResult['tables'] = [];
        for (const table of await fillOrder(trx, tables)) {
          const sourceColumns = (
            source.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]
          ).sort();
          const columns = [...(columnsOf.get(table) ?? [])].sort();
          if (sourceColumns.join(',') !== columns.join(',')) {
            throw new Error(`the columns of ${table} differ between SQLite and PostgreSQL`);
          }
          copied.push({ name: table, rows: await copyTable(trx, source, table, columns) });
        }
        await advanceSequences(trx);
        // The checks, inside the transaction: a mismatch rolls the whole copy back.
        for (const table of tables) {
          const rows = await countRows(trx, table);
          if (rows !== expected.get(table)) {
            throw new Error(
              `${table}: ${rows} rows in PostgreSQL, ${expected.get(table)} in SQLite: nothing was copied`,
            );
          }
        }
        const chains = await trx.selectFrom('audit_log').select('org_id').distinct().execute();
        const orgs = new Set<string | null>([null, ...chains.map((c) => c.org_id)]);
        for (const orgId of orgs) {
          const broken = await verifyAuditChain(trx, orgId);
          if (broken !== null) {
            throw new Error(
              `the audit chain of ${orgId ?? 'the municipality'} breaks at entry ${broken}: nothing was copied`,
            );
          }
        }
        return { tables: copied, auditChains: orgs.size };
      });
    } finally {
      source.exec('rollback');
    }
  } finally {
    source.close();
  }
}
