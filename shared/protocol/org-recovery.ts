// The school recovery key's API under /api/staff/org-recovery [Note: school recovery key], and
// the key versions a grant carries. All bytes are base64url; sealed organisation keys are
// sealOrgKeys blobs (210 bytes).
import * as v from 'valibot';
import { B64Bytes } from './pupil.ts';

const VersionSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(0xffff_ffff));

/** One organisation key version sealed to someone's box key. */
export const SealedVersionSchema = v.object({ version: VersionSchema, sealedKeys: B64Bytes(210) });
export type SealedVersionDto = v.InferOutput<typeof SealedVersionSchema>;

/** Several versions, each at most once (checked by the server). */
export const SealedVersionsSchema = v.pipe(
  v.array(SealedVersionSchema),
  v.minLength(1),
  v.maxLength(100),
);

/** GET /api/staff/org-recovery (active members): whether the organisation has a recovery key. */
export interface OrgRecoveryStatusDto {
  configured: boolean;
  /** The recovery box public key and the organisation's endorsement of it (verify before sealing). */
  boxPublicKey: string | null;
  endorsement: string | null;
  endorsementVersion: number | null;
  /** The key versions sealed to it; a rotation adds the new one. */
  versions: number[];
  createdAt: string | null;
  createdByName: string | null;
  lastUsedAt: string | null;
}

/** PUT /api/staff/org-recovery (active members) -> 200 OrgRecoveryStatusDto: a new recovery key
 * made in the member's browser replaces the old one, which opens nothing from then on. */
export const SetOrgRecoverySchema = v.object({
  boxPublicKey: B64Bytes(32),
  /** The recovery key's authKey; the server keeps its SHA-256 only. */
  authKey: B64Bytes(32),
  endorsement: B64Bytes(64),
  endorsementVersion: VersionSchema,
  /** Every version the member holds; the current one is required. */
  grants: SealedVersionsSchema,
});

/** POST /api/staff/org-recovery/open (a member waiting for the key) -> 200 OrgRecoveryOpenDto. */
export const OpenOrgRecoverySchema = v.object({ authKey: B64Bytes(32) });
export interface OrgRecoveryOpenDto {
  grants: SealedVersionDto[];
}

/** POST /api/staff/org-recovery/grant -> 200: the waiting member's browser, holding the opened
 * keys, grants them to its own keys and endorses them with the sign key of `version`. */
export const RecoveryGrantSchema = v.object({
  authKey: B64Bytes(32),
  version: VersionSchema,
  endorsement: B64Bytes(64),
  grants: SealedVersionsSchema,
});
