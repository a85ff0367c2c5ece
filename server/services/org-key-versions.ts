// What the server can check of organisation key versions handed to it: that a sealed version is
// one the organisation has, and that a signature is the organisation's (its sign key of that
// version, from the root-signed certificate). It cannot open the sealed keys (ciphertext to
// someone's box key); the browsers that open them compare them with the certificates.
import { decodeCertificateBody } from '../../shared/envelope/certificate-body.ts';
import { uuidToBytes } from '../../shared/envelope/bytes.ts';
import { SIGN_DOMAIN } from '../../shared/crypto/domains.ts';
import { signedMessage } from '../../shared/crypto/signed-message.ts';
import type { SealedVersionDto } from '../../shared/protocol/org-recovery.ts';
import type { DbOrTrx } from '../db/database.ts';
import { currentCertificateVersion, listCertificates } from '../db/repositories/organisations.ts';
import { ApiError } from '../errors.ts';
import { verifyEd25519 } from './ed25519.ts';
import { SEALED_ORG_KEYS_BYTES } from './login-secret.ts';
import { decodeField } from './wire-bytes.ts';

export function badField(field: string, message: string): ApiError {
  return new ApiError(400, 'validation_failed', `Invalid ${field}`, [{ path: field, message }]);
}

/** The organisation's sign public key of one certificate version, or a 400 naming `field`. */
async function orgSignKeyOf(
  db: DbOrTrx,
  orgId: string,
  version: number,
  field = 'version',
): Promise<Uint8Array> {
  const cert = (await listCertificates(db, orgId)).find((x) => x.version === version);
  if (!cert) throw badField(field, 'no such organisation key version');
  return decodeCertificateBody(decodeField(cert.body, 'certificate')).signPublicKey;
}

/** A 400 naming `endorsement` unless the organisation's sign key of `version` signed `message`. */
async function checkOrgSignature(
  db: DbOrTrx,
  orgId: string,
  version: number,
  message: Uint8Array,
  signature: Uint8Array,
  what: string,
  versionField = 'version',
): Promise<void> {
  if (!verifyEd25519(await orgSignKeyOf(db, orgId, version, versionField), message, signature)) {
    throw badField('endorsement', `not the organisation key signature over ${what}`);
  }
}

/** [Note: member endorsement] checked on the server before a member is activated. */
export async function checkMemberEndorsement(
  db: DbOrTrx,
  orgId: string,
  version: number,
  member: { box_public_key: string; sign_public_key: string },
  endorsement: Uint8Array,
): Promise<void> {
  const message = signedMessage(
    SIGN_DOMAIN.endorsement,
    uuidToBytes(orgId),
    decodeField(member.box_public_key, 'boxPublicKey'),
    decodeField(member.sign_public_key, 'signPublicKey'),
  );
  await checkOrgSignature(db, orgId, version, message, endorsement, 'these keys');
}

/** [Note: school recovery key] The organisation's endorsement of a recovery key's box key. */
export async function checkRecoveryEndorsement(
  db: DbOrTrx,
  orgId: string,
  version: number,
  boxPublicKey: Uint8Array,
  endorsement: Uint8Array,
): Promise<void> {
  const message = signedMessage(SIGN_DOMAIN.schoolRecovery, uuidToBytes(orgId), boxPublicKey);
  await checkOrgSignature(
    db,
    orgId,
    version,
    message,
    endorsement,
    'the recovery key',
    'endorsementVersion',
  );
}

/** The key versions the organisation has: those any member (or the recovery key) holds. */
async function knownVersions(db: DbOrTrx, orgId: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('org_key_grants')
    .select('version')
    .distinct()
    .where('org_id', '=', orgId)
    .execute();
  return new Set(rows.map((r) => Number(r.version)));
}

/**
 * Decodes sealed versions: each a version the organisation has, each once, each the size of
 * sealed organisation keys; with `requireCurrent`, the current certificate's version among them.
 */
export async function checkSealedVersions(
  db: DbOrTrx,
  orgId: string,
  grants: readonly SealedVersionDto[],
  options: { field: string; requireCurrent: boolean },
): Promise<{ version: number; sealed: Uint8Array }[]> {
  const known = await knownVersions(db, orgId);
  const seen = new Set<number>();
  const out = grants.map((g, i) => {
    const path = `${options.field}.${i}`;
    if (seen.has(g.version)) throw badField(path, `version ${g.version} given twice`);
    if (!known.has(g.version)) throw badField(path, `no key version ${g.version}`);
    seen.add(g.version);
    const sealed = decodeField(g.sealedKeys, path);
    if (sealed.length !== SEALED_ORG_KEYS_BYTES) {
      throw badField(path, `must be ${SEALED_ORG_KEYS_BYTES} bytes`);
    }
    return { version: g.version, sealed };
  });
  if (options.requireCurrent) {
    const current = await currentCertificateVersion(db, orgId);
    if (!seen.has(current))
      throw badField(options.field, `must hold the current version ${current}`);
  }
  return out;
}
