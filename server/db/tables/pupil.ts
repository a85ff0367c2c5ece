import type { Insertable, Selectable } from 'kysely';

/** A pupil's short-lived bearer session on one report [Note: pupil sessions]. */
export interface PupilSessionsTable {
  /** hex SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  report_id: string;
  expires_at: string;
}

/** Proof-of-work challenges already used [Note: proof of work]. */
export interface PowSpentTable {
  /** hex of the 16-byte random challenge id. */
  challenge_id: string;
  /** When the challenge token expires; the row may be deleted after that. */
  expires_at: string;
}

export type PupilSession = Selectable<PupilSessionsTable>;
export type NewPupilSession = Insertable<PupilSessionsTable>;
