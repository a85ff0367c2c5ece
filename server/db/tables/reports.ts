import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type ReportStatus = 'new' | 'in_progress' | 'waiting_for_pupil' | 'closed';
export type ReportFlag = 'none' | 'false_report' | 'test';

export interface ReportsTable {
  id: string;
  org_id: string;
  /** hex SHA-256 of the pupil's receipt authKey: the only way back to the report. */
  lookup_hash: string;
  /** The one content-derived field the server may see. */
  urgent: number;
  status: ReportStatus;
  category: string | null;
  risk: string | null;
  assignee_id: string | null;
  flag: ReportFlag;
  replies_paused: number;
  /** The org key version the keys below are sealed to. */
  org_key_version: number;
  /** Report body under K_thread. */
  body: Uint8Array;
  /** K_thread sealed to the school's org box key. */
  thread_key_sealed: Uint8Array;
  /** K_thread wrapped under the pupil's receipt key. */
  thread_key_pupil: Uint8Array;
  /** K_staff sealed to the school's org box key; created by the first staff member who needs it. */
  staff_key_sealed: Uint8Array | null;
  /** Pupil time, truncated to the hour [Note: coarse pupil time]. */
  created_hour: string;
  first_answer_at: string | null;
  updated_at: string;
  /** Since when the pupil waits for an answer (hour precision); null when nobody waits. */
  waiting_since: Generated<string | null>;
}

export type MessageThread = 'pupil' | 'cdr';
export type AuthorRole = 'pupil' | 'counsellor' | 'cdr';

export interface MessagesTable {
  id: string;
  report_id: string;
  /** 'pupil': school (or CdR) with the pupil; 'cdr': CdR with the school counsellor. */
  thread: MessageThread;
  seq: number;
  author_role: AuthorRole;
  author_id: string | null;
  blob: Uint8Array;
  /** Ed25519 signature of a staff author; null for the pupil. */
  signature: Uint8Array | null;
  created_at: string;
  /** JSON snapshot of a staff author's keys [Note: author key snapshot]; null for the pupil. */
  author_keys: Generated<string | null>;
}

export interface NotesTable {
  id: string;
  report_id: string;
  author_id: string;
  /** Under K_staff: the pupil never holds that key. */
  blob: Uint8Array;
  /** The author's Ed25519 signature (signItem); null only for rows written before it existed. */
  signature: Uint8Array | null;
  created_at: string;
  /** JSON snapshot of the author's keys [Note: author key snapshot]. */
  author_keys: Generated<string | null>;
}

export interface AttachmentsTable {
  id: string;
  report_id: string;
  message_id: string | null;
  uploader_role: AuthorRole;
  /** Per-file key wrapped under K_thread. */
  file_key_wrapped: Uint8Array;
  /** Name, type and size under K_thread. */
  meta: Uint8Array;
  /** Empty since the stream moved to attachment_chunks [Note: attachment chunks]. */
  data: Uint8Array;
  /** Bytes of the encrypted stream: the sum of its chunks. */
  size: number;
  created_at: string;
}

export interface AttachmentChunksTable {
  attachment_id: string;
  /** 0, 1, 2, ...: the stream is the chunks in this order. */
  seq: number;
  data: Uint8Array;
}

export type Report = Selectable<ReportsTable>;
export type NewReport = Insertable<ReportsTable>;
export type ReportUpdate = Updateable<ReportsTable>;
export type Message = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type Note = Selectable<NotesTable>;
export type NewNote = Insertable<NotesTable>;
export type Attachment = Selectable<AttachmentsTable>;
export type NewAttachment = Insertable<AttachmentsTable>;
