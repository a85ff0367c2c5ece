// [Note: audit chain] The audit log records actions, never content. Each organisation's entries
// form a hash chain (hash = SHA-256 over the previous hash and the entry's fields), so an entry
// removed or edited in the database is detected by verifyAuditChain. Appends must run inside the
// caller's transaction so two writers cannot fork the chain (SQLite serialises writers; on
// PostgreSQL a transaction-scoped advisory lock per organisation does).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTrx } from '../database.ts';
import type { AuditEntry } from '../tables/audit.ts';

export const AUDIT_GENESIS = '0'.repeat(64);

export interface AuditInput {
  orgId: string | null;
  actorId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  at: Date;
}

type Chained = Pick<
  AuditEntry,
  'org_id' | 'actor_id' | 'action' | 'subject_type' | 'subject_id' | 'created_at' | 'prev_hash'
>;

export function auditHash(e: Chained): string {
  const fields = [
    e.prev_hash,
    e.org_id,
    e.actor_id,
    e.action,
    e.subject_type,
    e.subject_id,
    e.created_at,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

function lastOfOrg(db: DbOrTrx, orgId: string | null) {
  const q = db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1);
  return (
    orgId === null ? q.where('org_id', 'is', null) : q.where('org_id', '=', orgId)
  ).executeTakeFirst();
}

export async function appendAudit(
  db: DbOrTrx,
  input: AuditInput,
  dialect: 'sqlite' | 'postgres',
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${input.orgId ?? 'municipality'}))`.execute(db);
  }
  const prev = (await lastOfOrg(db, input.orgId))?.hash ?? AUDIT_GENESIS;
  const entry: Chained = {
    org_id: input.orgId,
    actor_id: input.actorId,
    action: input.action,
    subject_type: input.subjectType ?? null,
    subject_id: input.subjectId ?? null,
    created_at: input.at.toISOString(),
    prev_hash: prev,
  };
  await db
    .insertInto('audit_log')
    .values({ ...entry, hash: auditHash(entry) })
    .execute();
}

export function listAudit(db: DbOrTrx, orgId: string | null): Promise<AuditEntry[]> {
  const q = db.selectFrom('audit_log').selectAll().orderBy('id');
  return (orgId === null ? q.where('org_id', 'is', null) : q.where('org_id', '=', orgId)).execute();
}

/** The id of the first entry that breaks the chain, or null when the chain is whole. */
export async function verifyAuditChain(db: DbOrTrx, orgId: string | null): Promise<number | null> {
  let prev = AUDIT_GENESIS;
  for (const entry of await listAudit(db, orgId)) {
    if (entry.prev_hash !== prev || auditHash(entry) !== entry.hash) return entry.id;
    prev = entry.hash;
  }
  return null;
}

export interface AuditPageQuery {
  limit: number;
  /** An entry id: only entries after it in the log's order (newest first by time, then id). */
  before?: number | undefined;
  actorId?: string | undefined;
  /** Action prefixes, any of which matches. */
  prefixes?: readonly string[] | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export type AuditPageEntry = AuditEntry & {
  actor_name: string | null;
  subject_name: string | null;
};

/**
 * One page of a chain, newest first by time, then by id. Times are not in id order: a pupil's
 * 'report.received' is written with its hour only [Note: coarse pupil time], after staff entries
 * of minutes later. The cursor is an entry id, whose time and id the next page starts below.
 */
export async function listAuditPage(
  db: DbOrTrx,
  orgId: string | null,
  page: AuditPageQuery,
): Promise<AuditPageEntry[]> {
  const cursor =
    page.before === undefined
      ? undefined
      : await db
          .selectFrom('audit_log')
          .select(['id', 'created_at'])
          .where('id', '=', page.before)
          .executeTakeFirst();
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('staff as actor', 'actor.id', 'a.actor_id')
    .leftJoin('staff as subject_staff', (join) =>
      join.onRef('subject_staff.id', '=', 'a.subject_id').on('a.subject_type', '=', 'staff'),
    )
    .leftJoin('organisations as subject_org', (join) =>
      join.onRef('subject_org.id', '=', 'a.subject_id').on('a.subject_type', '=', 'organisation'),
    )
    .selectAll('a')
    .select((eb) => [
      'actor.display_name as actor_name',
      eb.fn.coalesce('subject_staff.display_name', 'subject_org.name').as('subject_name'),
    ])
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit);
  q = orgId === null ? q.where('a.org_id', 'is', null) : q.where('a.org_id', '=', orgId);
  if (page.before !== undefined) {
    // An unknown cursor (an entry deleted meanwhile) ends the paging rather than restarting it.
    if (!cursor) return [];
    q = q.where((eb) =>
      eb.or([
        eb('a.created_at', '<', cursor.created_at),
        eb.and([eb('a.created_at', '=', cursor.created_at), eb('a.id', '<', cursor.id)]),
      ]),
    );
  }
  if (page.actorId !== undefined) q = q.where('a.actor_id', '=', page.actorId);
  if (page.since !== undefined) q = q.where('a.created_at', '>=', page.since);
  if (page.until !== undefined) q = q.where('a.created_at', '<', page.until);
  const prefixes = page.prefixes;
  if (prefixes !== undefined) {
    q = q.where((eb) =>
      eb.or(
        prefixes.map((p) => eb(sql<string>`substr(a.action, 1, ${sql.lit(p.length)})`, '=', p)),
      ),
    );
  }
  return q.execute() as Promise<AuditPageEntry[]>;
}

/** Everyone who acted in a chain (members, the administrator), by name, for the log's filter. */
export function listAuditActors(
  db: DbOrTrx,
  orgId: string | null,
): Promise<{ id: string; name: string }[]> {
  const q = db
    .selectFrom('audit_log as a')
    .innerJoin('staff as s', 's.id', 'a.actor_id')
    .select(['s.id as id', 's.display_name as name'])
    .distinct()
    .orderBy('s.display_name');
  return (
    orgId === null ? q.where('a.org_id', 'is', null) : q.where('a.org_id', '=', orgId)
  ).execute();
}
