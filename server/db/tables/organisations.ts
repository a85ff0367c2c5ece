import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type OrgKind = 'school' | 'cdr';

export interface OrganisationsTable {
  id: string;
  kind: OrgKind;
  name: string;
  /** Short code a pupil can type to reach the school (also the kiosk URL /s/<code>). */
  code: string;
  /** Public Argon2id salt for this school's receipt codes (base64url, 16 bytes). */
  receipt_salt: string;
  address: string | null;
  phone: string | null;
  hours: string | null;
  /** Hours a report may wait for a first answer before the inbox marks it. */
  wait_target_hours: Generated<number>;
  /** Changes to what the inbox shows, counted by triggers [Note: inbox generation]. */
  inbox_generation: Generated<number>;
  created_at: string;
  /** A shared mailbox that gets the organisation's content-free alerts; null: none. */
  alert_email: Generated<string | null>;
  /** 1: that mailbox hears of urgent reports only; 0: of every new report and message. */
  alert_urgent_only: Generated<number>;
}

/** Root-signed certificates, one row per key version; the highest version is current. */
export interface OrgCertificatesTable {
  org_id: string;
  version: number;
  /** base64url of the encoded certificate body (docs/protocol.md). */
  body: string;
  signature: string;
  created_at: string;
}

/** The organisation's secret keys of one version, sealed to one member's personal box key. */
export interface OrgKeyGrantsTable {
  org_id: string;
  version: number;
  staff_id: string;
  sealed_keys: Uint8Array;
  created_at: string;
}

/** The organisation's recovery key [Note: school recovery key]: public parts only. */
export interface OrgRecoveryTable {
  org_id: string;
  /** base64url X25519 public key the organisation keys are sealed to. */
  box_public_key: string;
  /** hex SHA-256 of the recovery key's authKey. */
  auth_hash: string;
  /** base64url signature by the organisation's sign key (of endorsement_version) over the box key. */
  endorsement: string;
  endorsement_version: number;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
}

/** One organisation key version sealed to the recovery key's box public key. */
export interface OrgRecoveryGrantsTable {
  org_id: string;
  version: number;
  sealed_keys: Uint8Array;
  created_at: string;
}

export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type OrgCertificate = Selectable<OrgCertificatesTable>;
export type NewOrgCertificate = Insertable<OrgCertificatesTable>;
export type OrgKeyGrant = Selectable<OrgKeyGrantsTable>;
export type NewOrgKeyGrant = Insertable<OrgKeyGrantsTable>;
export type OrgRecovery = Selectable<OrgRecoveryTable>;
export type NewOrgRecovery = Insertable<OrgRecoveryTable>;
export type OrgRecoveryGrant = Selectable<OrgRecoveryGrantsTable>;
