import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type EscalationStatus = 'open' | 'in_progress' | 'closed';

export interface EscalationsTable {
  id: string;
  report_id: string;
  school_org_id: string;
  cdr_org_id: string;
  status: EscalationStatus;
  urgent: number;
  created_by: string;
  assignee_id: string | null;
  /** K_esc sealed to the CdR org key and to the school org key, with the versions used. */
  esc_key_sealed_cdr: Uint8Array;
  cdr_key_version: number;
  esc_key_sealed_school: Uint8Array;
  school_key_version: number;
  /** What the counsellor chose to hand over, under K_esc. */
  package: Uint8Array;
  /** Why, under K_esc. */
  reason: Uint8Array;
  /** K_thread sealed to the CdR when the conversation with the pupil was handed over. */
  thread_key_sealed_cdr: Uint8Array | null;
  /** Result code the school sees on closing (from the CdR's catalogue). */
  result: string | null;
  niebieska_karta_date: string | null;
  created_at: string;
  closed_at: string | null;
  package_signature: Uint8Array | null;
  reason_signature: Uint8Array | null;
  /** JSON array of the attachment ids handed over. */
  attachment_ids: Generated<string>;
  /** JSON snapshot of the escalating counsellor's keys [Note: author key snapshot]. */
  created_by_keys: Generated<string | null>;
  /** The pupil thread's last seq at the hand-over [Note: hand-over point]; null before it existed. */
  handover_seq: Generated<number | null>;
}

export interface EscalationOutcomesTable {
  id: string;
  escalation_id: string;
  /** Code from the CdR's service catalogue (psychological counselling, crisis stay, ...). */
  service: string;
  /** Optional note under K_esc. */
  note: Uint8Array | null;
  author_id: string;
  created_at: string;
  signature: Uint8Array | null;
  /** JSON snapshot of the author's keys [Note: author key snapshot]. */
  author_keys: Generated<string | null>;
}

export type Escalation = Selectable<EscalationsTable>;
export type NewEscalation = Insertable<EscalationsTable>;
export type EscalationUpdate = Updateable<EscalationsTable>;
export type EscalationOutcome = Selectable<EscalationOutcomesTable>;
export type NewEscalationOutcome = Insertable<EscalationOutcomesTable>;

export interface HelpDirectoryTable {
  id: string;
  position: Generated<number>;
  name: string;
  kind: 'cdr' | 'partner' | 'helpline';
  address: string | null;
  phone: string | null;
  hours: string | null;
  offer_pl: string;
  offer_uk: string;
  offer_en: string;
  url: string | null;
  updated_at: string;
}

export type HelpEntry = Selectable<HelpDirectoryTable>;
