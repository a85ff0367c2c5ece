import type { Generated, Insertable, Selectable } from 'kysely';

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

/** Shared admission counters [Note: admission]. */
export interface AdmissionLoadTable {
  /** `report:<orgId>`, `receipt:<orgId>`, or `read|message|attachment:<reportId>`. */
  key: string;
  /** Start of the current window: a whole clock hour (ISO) [Note: coarse pupil time]. */
  window_start: string;
  /** Requests counted in the current window. */
  count: number;
  /** Requests counted in the window before it (0 when that window saw none). */
  prev_count: number;
  /** 1 while a school's report flood lasts and its one alert has gone out. */
  burst: Generated<number>;
}

export type PupilSession = Selectable<PupilSessionsTable>;
export type NewPupilSession = Insertable<PupilSessionsTable>;
