import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type StaffRole = 'counsellor' | 'cdr_specialist' | 'admin';
export type StaffStatus = 'invited' | 'active' | 'deactivated';

export interface StaffTable {
  id: string;
  /** The school or CdR; null for the municipal administrator. */
  org_id: string | null;
  role: StaffRole;
  status: StaffStatus;
  display_name: string;
  /** Login name (an e-mail address), stored lower-case. */
  login: string;
  /** Argon2id salt of the password derivation (base64url); the server never sees the password. */
  auth_salt: string;
  /** Argon2id limits the password was derived with, so they can be raised for new passwords. */
  auth_opslimit: number;
  auth_memlimit: number;
  /** hex SHA-256 of the client-derived authKey. */
  auth_hash: string;
  box_public_key: string;
  sign_public_key: string;
  /** Personal secret keys under the password-derived wrapKey. */
  wrapped_keys: Uint8Array;
  /** The same keys under the printed recovery key. */
  recovery_wrapped_keys: Uint8Array;
  /**
   * base64url Ed25519 signature by the organisation's sign key over the member's public keys
   * [Note: member endorsement]; null until a member holding the organisation key endorses them.
   */
  org_endorsement: string | null;
  totp_secret: string | null;
  /** The time step of the last accepted sign-in code (codes are good once). */
  totp_last_step: Generated<number | null>;
  created_at: string;
}

export type Staff = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type StaffUpdate = Updateable<StaffTable>;

/** Sign-in failures in a row per login, known or not [Note: sign-in slow-down]. */
export interface LoginThrottleTable {
  /** hex HMAC-SHA-256(login secret, login): unknown logins are counted like real ones. */
  login_key: string;
  failures: number;
  /** The hour (ISO, truncated) of the last aggregated audit entry while slowed. */
  audited_hour: string | null;
  updated_at: string;
}
