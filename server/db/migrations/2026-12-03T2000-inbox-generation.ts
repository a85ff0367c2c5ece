// [Note: inbox generation] Each organisation counts the changes to what its inbox shows: a row of
// reports inserted, deleted or changed in a column the inbox reads, a report_reads row made or
// removed (a member's unread mark), an escalation made or removed (the hand-over mark). The
// database counts them itself, by triggers, so no write path of the app, no process and no
// administrator's tool can change an inbox without it. A server process keeps the inbox pages it
// served with the number they were read at (server/services/inbox-cache.ts) and serves a page
// again only while the number is the same; the staff session's query reads it at no extra cost.
// Frozen once released; imports nothing of the app; SQLite and PostgreSQL, each in its own
// trigger language.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** The reports columns an inbox row is made of (db/repositories/inbox.ts). */
const INBOX_COLUMNS = [
  'org_id',
  'urgent',
  'status',
  'category',
  'risk',
  'assignee_id',
  'flag',
  'replies_paused',
  'org_key_version',
  'created_hour',
  'first_answer_at',
  'updated_at',
  'waiting_since',
].join(', ');

const bump = (orgId: string) =>
  `update organisations set inbox_generation = inbox_generation + 1 where id = ${orgId};`;
const ofReport = (reportId: string) => `(select org_id from reports where id = ${reportId})`;

async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  const triggers = [
    `create trigger reports_inbox_insert after insert on reports begin ${bump('new.org_id')} end`,
    `create trigger reports_inbox_delete after delete on reports begin ${bump('old.org_id')} end`,
    `create trigger reports_inbox_update after update of ${INBOX_COLUMNS} on reports begin
      ${bump('old.org_id')}
      update organisations set inbox_generation = inbox_generation + 1
        where id = new.org_id and new.org_id <> old.org_id;
    end`,
    `create trigger report_reads_inbox_insert after insert on report_reads begin
      ${bump(ofReport('new.report_id'))} end`,
    `create trigger report_reads_inbox_delete after delete on report_reads begin
      ${bump(ofReport('old.report_id'))} end`,
    `create trigger escalations_inbox_insert after insert on escalations begin
      ${bump(ofReport('new.report_id'))} end`,
    `create trigger escalations_inbox_delete after delete on escalations begin
      ${bump(ofReport('old.report_id'))} end`,
  ];
  for (const trigger of triggers) await sql.raw(trigger).execute(db);
}

async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create function inbox_changed() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'reports' then
          if tg_op in ('UPDATE', 'DELETE') then ${bump('old.org_id')} end if;
          if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.org_id <> old.org_id) then
            ${bump('new.org_id')}
          end if;
        elsif tg_op = 'DELETE' then
          ${bump(ofReport('old.report_id'))}
        else
          ${bump(ofReport('new.report_id'))}
        end if;
        return null;
      end
      $$`,
    )
    .execute(db);
  const triggers = [
    `create trigger reports_inbox after insert or delete or update of ${INBOX_COLUMNS}
      on reports for each row execute function inbox_changed()`,
    `create trigger report_reads_inbox after insert or delete
      on report_reads for each row execute function inbox_changed()`,
    `create trigger escalations_inbox after insert or delete
      on escalations for each row execute function inbox_changed()`,
  ];
  for (const trigger of triggers) await sql.raw(trigger).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organisations')
    .addColumn('inbox_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await postgresTriggers(db);
  else await sqliteTriggers(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of ['reports', 'report_reads', 'escalations']) {
      await sql.raw(`drop trigger ${table}_inbox on ${table}`).execute(db);
    }
    await sql`drop function inbox_changed()`.execute(db);
  } else {
    for (const table of ['reports', 'report_reads', 'escalations']) {
      for (const op of ['insert', 'delete', ...(table === 'reports' ? ['update'] : [])]) {
        await sql.raw(`drop trigger ${table}_inbox_${op}`).execute(db);
      }
    }
  }
  await db.schema.alterTable('organisations').dropColumn('inbox_generation').execute();
}
