// Escalations of reports to a CdR and the CdR's outcome records. The server stores what it is
// given (ciphertext, signatures, sealed keys) and the facts it needs for access checks.
import { sql } from 'kysely';
import type { DbOrTrx } from '../database.ts';
import { authorKeysSnapshot, withAuthorSnapshot } from './author-keys.ts';
import type { DialectName } from '../dialect.ts';
import type {
  Escalation,
  EscalationStatus,
  EscalationUpdate,
  NewEscalation,
  NewEscalationOutcome,
} from '../tables/escalations.ts';

/** A CdR's queue is capped, not paginated: escalations are few (the inbox pages, INBOX_PAGE). */
export const QUEUE_LIMIT = 500;

export type EscalationRow = Omit<
  Escalation,
  'esc_key_sealed_cdr' | 'esc_key_sealed_school' | 'package' | 'reason' | 'thread_key_sealed_cdr'
> & {
  handed_over: number;
  school_name: string;
  school_code: string;
};

function withSchool(db: DbOrTrx) {
  return db
    .selectFrom('escalations as e')
    .innerJoin('organisations as o', 'o.id', 'e.school_org_id')
    .select([
      'e.id',
      'e.report_id',
      'e.school_org_id',
      'e.cdr_org_id',
      'e.status',
      'e.urgent',
      'e.created_by',
      'e.assignee_id',
      'e.cdr_key_version',
      'e.school_key_version',
      'e.result',
      'e.niebieska_karta_date',
      'e.created_at',
      'e.closed_at',
      'e.package_signature',
      'e.reason_signature',
      'e.attachment_ids',
      'e.created_by_keys',
      'e.handover_seq',
      sql<number>`case when e.thread_key_sealed_cdr is null then 0 else 1 end`.as('handed_over'),
      'o.name as school_name',
      'o.code as school_code',
    ]);
}

/** Serialises escalating one report: two counsellors' clicks must not open two escalations. On
 * SQLite the write transaction already does; on PostgreSQL a transaction-scoped advisory lock. */
export async function lockReportEscalations(
  db: DbOrTrx,
  reportId: string,
  dialect: DialectName,
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${`escalation:${reportId}`}))`.execute(db);
  }
}

export async function insertEscalation(db: DbOrTrx, row: NewEscalation): Promise<void> {
  const created_by_keys = await authorKeysSnapshot(db, row.created_by);
  await db
    .insertInto('escalations')
    .values({ ...row, created_by_keys })
    .execute();
}

export async function escalationExists(db: DbOrTrx, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('escalations')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The escalation of the report that is not closed yet, if any. */
export function findOpenEscalation(
  db: DbOrTrx,
  reportId: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('escalations')
    .select('id')
    .where('report_id', '=', reportId)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
}

export function findEscalation(db: DbOrTrx, id: string): Promise<Escalation | undefined> {
  return db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEscalationRow(db: DbOrTrx, id: string): Promise<EscalationRow | undefined> {
  return withSchool(db).where('e.id', '=', id).executeTakeFirst();
}

/** A CdR's queue (by cdrOrgId) or a school's escalations (by schoolOrgId): open work first,
 * urgent before the rest, then the oldest; closed ones last, in the order they were closed. */
export function listEscalations(
  db: DbOrTrx,
  q: ({ cdrOrgId: string } | { schoolOrgId: string }) & { status?: EscalationStatus },
): Promise<EscalationRow[]> {
  let query = withSchool(db);
  query =
    'cdrOrgId' in q
      ? query.where('e.cdr_org_id', '=', q.cdrOrgId)
      : query.where('e.school_org_id', '=', q.schoolOrgId);
  if (q.status) query = query.where('e.status', '=', q.status);
  return query
    .orderBy(sql`case when e.status = 'closed' then 1 else 0 end`)
    .orderBy(sql`case when e.urgent = 1 and e.status <> 'closed' then 0 else 1 end`)
    .orderBy(sql`case when e.status = 'closed' then e.closed_at else e.created_at end`)
    .orderBy('e.id')
    .limit(QUEUE_LIMIT)
    .execute();
}

export async function updateEscalation(
  db: DbOrTrx,
  id: string,
  update: EscalationUpdate,
): Promise<void> {
  await db.updateTable('escalations').set(update).where('id', '=', id).execute();
}

export async function insertOutcome(db: DbOrTrx, row: NewEscalationOutcome): Promise<void> {
  const author_keys = await authorKeysSnapshot(db, row.author_id);
  await db
    .insertInto('escalation_outcomes')
    .values({ ...row, author_keys })
    .execute();
}

export async function outcomeExists(db: DbOrTrx, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('escalation_outcomes')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export function listOutcomes(db: DbOrTrx, escalationId: string) {
  return db
    .selectFrom('escalation_outcomes as x')
    .innerJoin('staff as s', 's.id', 'x.author_id')
    .select([
      'x.id',
      'x.service',
      'x.note',
      'x.signature',
      'x.created_at',
      'x.author_keys',
      's.id as author_id',
      's.org_id as author_org_id',
      's.sign_public_key as author_sign_public_key',
      's.box_public_key as author_box_public_key',
      's.org_endorsement as author_endorsement',
    ])
    .where('x.escalation_id', '=', escalationId)
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute()
    .then((rows) => rows.map(withAuthorSnapshot));
}

/** The ids of those of `ids` that are attachments of the report. */
export async function reportAttachmentIds(
  db: DbOrTrx,
  reportId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachments')
    .select('id')
    .where('report_id', '=', reportId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The attachments the CdR sees in a handed-over conversation beyond the ones the counsellor
 * selected: those hanging on a pupil-thread message after the hand-over [Note: hand-over point].
 */
export function listAttachmentsAfterHandover(
  db: DbOrTrx,
  reportId: string,
  handoverSeq: number | null,
) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .select([
      'a.id',
      'a.report_id',
      'a.message_id',
      'a.uploader_role',
      'a.file_key_wrapped',
      'a.meta',
      'a.size',
      'a.created_at',
    ])
    .where('a.report_id', '=', reportId)
    .where('m.thread', '=', 'pupil')
    .where('m.seq', '>', handoverSeq ?? 0)
    .orderBy('m.seq')
    .orderBy('a.id')
    .execute();
}

/** The CdRs whose open escalation of the report holds the pupil conversation (to alert them). */
export async function handedOverCdrs(db: DbOrTrx, reportId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('escalations')
    .select('cdr_org_id')
    .where('report_id', '=', reportId)
    .where('status', '<>', 'closed')
    .where('thread_key_sealed_cdr', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.cdr_org_id))];
}

/** An escalation's history in one organisation's audit chain [Note: audit chain]. */
export function listEscalationHistory(
  db: DbOrTrx,
  orgId: string,
  escalationId: string,
): Promise<{ action: string; actor_id: string | null; created_at: string }[]> {
  return db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'created_at'])
    .where('org_id', '=', orgId)
    .where('subject_type', '=', 'escalation')
    .where('subject_id', '=', escalationId)
    .orderBy('id')
    .execute();
}

/** A staff member's public keys and endorsement, to verify what they signed. */
export function findStaffKeys(db: DbOrTrx, staffId: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'org_id', 'sign_public_key', 'box_public_key', 'org_endorsement'])
    .where('id', '=', staffId)
    .executeTakeFirst();
}
