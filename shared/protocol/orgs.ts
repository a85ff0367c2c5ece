// The public directory of organisations: what a pupil's or staff member's browser fetches to find a
// school or the CdR and verify its certificate against the pinned root key.
import * as v from 'valibot';
import { OrgCodeLookupSchema, UuidSchema } from './common.ts';

export const OrgParamsSchema = v.object({ id: UuidSchema });
export const OrgCodeParamsSchema = v.object({ code: OrgCodeLookupSchema });

export interface CertificateDto {
  /** base64url of the encoded certificate body (docs/protocol.md). */
  body: string;
  signature: string;
}

export interface OrganisationDto {
  id: string;
  kind: 'school' | 'cdr';
  name: string;
  code: string;
  /** The public salt for this school's receipt codes (base64url). */
  receiptSalt: string;
  address: string | null;
  phone: string | null;
  hours: string | null;
  /** The school's target for a first answer, in hours, set by administrators; the pupil app tells
   * the child when to expect an answer from it. */
  waitTargetHours: number;
  certificate: CertificateDto;
}

export interface OrganisationListDto {
  organisations: OrganisationDto[];
}

export interface HealthDto {
  status: 'ok';
  database: 'sqlite' | 'postgres';
}
