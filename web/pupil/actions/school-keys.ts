// Finding and verifying the school: its certificate must verify against the pinned root key
// before anything is encrypted to its key [Note: pinned root key], and must not be older than a
// version the server lists or this page has seen [Note: certificate rollback].
import type { OrganisationDto } from '../../../shared/protocol/orgs.ts';
import { fromB64 } from '../../../shared/envelope/base64url.ts';
import type { SchoolKeys } from '../../../shared/crypto/index.ts';
import { sameFingerprint, type SchoolLink } from '../../common/school-link.ts';
import { sawVersion, seenVersion } from '../../common/seen-versions.ts';
import { crypto } from '../crypto.ts';
import { pupilApi } from '../pupil-api.ts';
import type { School } from '../state.ts';

export async function verifySchool(dto: OrganisationDto): Promise<School> {
  const { certificates } = await pupilApi.certificates(dto.id);
  const keys = await crypto('verifyCurrentOrg', dto, certificates, seenVersion(dto.id));
  sawVersion(dto.id, keys.version);
  return { dto, keys };
}

/** The code belongs to an organisation that is not a school (the CdR): pupils write to schools. */
export class NotASchool extends Error {
  override readonly name = 'NotASchool';
}

export async function findSchool(code: string): Promise<School> {
  const dto = await pupilApi.schoolByCode(code);
  if (dto.kind !== 'school') throw new NotASchool(dto.code);
  return verifySchool(dto);
}

/** From a poster's QR code: the school by id, and its key must match the printed fingerprint. */
export async function findLinkedSchool(link: SchoolLink): Promise<School> {
  const dto = await pupilApi.schoolById(link.schoolId);
  if (dto.kind !== 'school') throw new NotASchool(dto.code);
  const found = await verifySchool(dto);
  if (!sameFingerprint(found.keys.fingerprint, link.fingerprint)) {
    throw new Error('the school key differs from the one on the poster');
  }
  return found;
}

export function schoolKeys(school: School): SchoolKeys {
  return {
    orgId: school.keys.orgId,
    orgKeyVersion: school.keys.version,
    boxPublicKey: school.keys.boxPublicKey,
    receiptSalt: fromB64(school.dto.receiptSalt),
  };
}

/** Sign keys of every verified certificate version of an organisation, for staff signatures. */
export async function orgSignKeys(orgId: string): Promise<Uint8Array[]> {
  const { certificates } = await pupilApi.certificates(orgId);
  return crypto('verifiedSignKeys', orgId, certificates, seenVersion(orgId));
}

export const schoolSignKeys = (school: School) => orgSignKeys(school.dto.id);
