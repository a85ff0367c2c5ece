// [Note: sign-in slow-down] state moves out of the staff row: failures are counted per login
// (an HMAC of it, so unknown logins are slowed exactly like real ones and the timing tells
// nobody which exist) in login_throttle, which every server process shares. The staff row's
// lock (failed_logins, locked_until) is dropped: nothing refuses a right password any more.
// Frozen once released; imports nothing of the app; runs on SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('login_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('audited_hour', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_throttle_updated')
    .on('login_throttle')
    .column('updated_at')
    .execute();
  await db.schema.alterTable('staff').dropColumn('locked_until').execute();
  await db.schema.alterTable('staff').dropColumn('failed_logins').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('staff')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('staff').addColumn('locked_until', 'text').execute();
  await db.schema.dropTable('login_throttle').execute();
}
