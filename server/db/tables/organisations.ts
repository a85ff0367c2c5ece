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
  created_at: string;
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

export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type OrgCertificate = Selectable<OrgCertificatesTable>;
export type NewOrgCertificate = Insertable<OrgCertificatesTable>;
export type OrgKeyGrant = Selectable<OrgKeyGrantsTable>;
export type NewOrgKeyGrant = Insertable<OrgKeyGrantsTable>;
