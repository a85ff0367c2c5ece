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

/** One page of a chain, newest first: `limit` entries with an id below `before` (if given). */
export function listAuditPage(
  db: DbOrTrx,
  orgId: string | null,
  page: { limit: number; before?: number | undefined },
): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(page.limit);
  q = orgId === null ? q.where('org_id', 'is', null) : q.where('org_id', '=', orgId);
  if (page.before !== undefined) q = q.where('id', '<', page.before);
  return q.execute();
}
