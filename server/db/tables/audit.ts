import type { Generated, Insertable, Selectable } from 'kysely';

/** Who did what, never content. Each row chains the hash of the previous one of its organisation. */
export interface AuditLogTable {
  id: Generated<number>;
  org_id: string | null;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  created_at: string;
  prev_hash: string;
  hash: string;
}

/** Small key/value facts about the installation (e.g. when the demo was set up). */
export interface SettingsTable {
  key: string;
  value: string;
}

export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
