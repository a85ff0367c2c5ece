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
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

export type Staff = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type StaffUpdate = Updateable<StaffTable>;
