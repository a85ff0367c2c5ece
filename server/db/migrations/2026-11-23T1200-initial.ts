// The first schema. Frozen: later changes come as new migrations. It imports nothing of the app and
// runs on SQLite and PostgreSQL alike (ciphertext is BLOB on one and BYTEA on the other; time is
// ISO-8601 text on both; booleans are 0/1 integers).
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const bytes = pg ? sql`bytea` : sql`blob`;
  const autoId = pg ? sql`serial` : sql`integer`;

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('school', 'cdr')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('receipt_salt', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('hours', 'text')
    .addColumn('wait_target_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_certificates')
    .addColumn('org_id', 'text', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_certificates_pk', ['org_id', 'version'])
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('counsellor', 'cdr_specialist', 'admin')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('invited', 'active', 'deactivated')`),
    )
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('auth_salt', 'text', (c) => c.notNull())
    .addColumn('auth_opslimit', 'integer', (c) => c.notNull())
    .addColumn('auth_memlimit', 'integer', (c) => c.notNull())
    .addColumn('auth_hash', 'text', (c) => c.notNull())
    .addColumn('box_public_key', 'text', (c) => c.notNull())
    .addColumn('sign_public_key', 'text', (c) => c.notNull())
    .addColumn('wrapped_keys', bytes, (c) => c.notNull())
    .addColumn('recovery_wrapped_keys', bytes, (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_key_grants')
    .addColumn('org_id', 'text', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('sealed_keys', bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_key_grants_pk', ['org_id', 'version', 'staff_id'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('lookup_hash', 'text', (c) => c.notNull().unique())
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('new', 'in_progress', 'waiting_for_pupil', 'closed')`),
    )
    .addColumn('category', 'text')
    .addColumn('risk', 'text')
    .addColumn('assignee_id', 'text', (c) => c.references('staff.id'))
    .addColumn('flag', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`flag in ('none', 'false_report', 'test')`),
    )
    .addColumn('replies_paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('org_key_version', 'integer', (c) => c.notNull())
    .addColumn('body', bytes, (c) => c.notNull())
    .addColumn('thread_key_sealed', bytes, (c) => c.notNull())
    .addColumn('thread_key_pupil', bytes, (c) => c.notNull())
    .addColumn('staff_key_sealed', bytes)
    .addColumn('created_hour', 'text', (c) => c.notNull())
    .addColumn('first_answer_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The inbox: a school's reports, urgent first, then the longest waiting.
  await db.schema
    .createIndex('reports_inbox')
    .on('reports')
    .columns(['org_id', 'status', 'urgent', 'created_hour'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('thread', 'text', (c) => c.notNull().check(sql`thread in ('pupil', 'cdr')`))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('author_role', 'text', (c) =>
      c.notNull().check(sql`author_role in ('pupil', 'counsellor', 'cdr')`),
    )
    .addColumn('author_id', 'text', (c) => c.references('staff.id'))
    .addColumn('blob', bytes, (c) => c.notNull())
    .addColumn('signature', bytes)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('messages_thread_seq', ['report_id', 'thread', 'seq'])
    .execute();

  await db.schema
    .createTable('notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('blob', bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notes_report').on('notes').column('report_id').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('uploader_role', 'text', (c) =>
      c.notNull().check(sql`uploader_role in ('pupil', 'counsellor', 'cdr')`),
    )
    .addColumn('file_key_wrapped', bytes, (c) => c.notNull())
    .addColumn('meta', bytes, (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_report').on('attachments').column('report_id').execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('school_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('cdr_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'in_progress', 'closed')`),
    )
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('staff.id'))
    .addColumn('esc_key_sealed_cdr', bytes, (c) => c.notNull())
    .addColumn('cdr_key_version', 'integer', (c) => c.notNull())
    .addColumn('esc_key_sealed_school', bytes, (c) => c.notNull())
    .addColumn('school_key_version', 'integer', (c) => c.notNull())
    .addColumn('package', bytes, (c) => c.notNull())
    .addColumn('reason', bytes, (c) => c.notNull())
    .addColumn('thread_key_sealed_cdr', bytes)
    .addColumn('result', 'text')
    .addColumn('niebieska_karta_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('escalations_queue')
    .on('escalations')
    .columns(['cdr_org_id', 'status', 'urgent', 'created_at'])
    .execute();

  await db.schema
    .createTable('escalation_outcomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('escalation_id', 'text', (c) =>
      c.notNull().references('escalations.id').onDelete('cascade'),
    )
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('note', bytes)
    .addColumn('author_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', autoId, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('org_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_org').on('audit_log').columns(['org_id', 'id']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'settings',
    'audit_log',
    'escalation_outcomes',
    'escalations',
    'attachments',
    'notes',
    'messages',
    'reports',
    'org_key_grants',
    'staff',
    'org_certificates',
    'organisations',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
