// Signing organisation certificates with the root key and putting them in the database. The new
// organisation public keys come from a member's browser; this tool never sees organisation
// secret keys, only signs what it is given.
import {
  toB64,
  signCertificate,
  verifyCertificate,
  type RootKeyPair,
  type SignedCertificate,
  type Sodium,
} from '../../../shared/crypto/index.ts';
import type { DatabaseHandle } from '../../db/dialect.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  currentCertificateVersion,
  findOrganisationRow,
  insertCertificate,
} from '../../db/repositories/organisations.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { clearPendingKey, findPendingKey } from '../../services/pending-keys.ts';

export interface CertificateRequest {
  orgId: string;
  kind: 'school' | 'cdr';
  name: string;
  boxPublicKey: Uint8Array;
  signPublicKey: Uint8Array;
  version: number;
}

export function signRequest(
  sodium: Sodium,
  root: RootKeyPair,
  request: CertificateRequest,
  now: Date,
): SignedCertificate {
  const cert = signCertificate(sodium, root.secretKey, {
    ...request,
    issuedAt: Math.floor(now.getTime() / 1000),
  });
  // Self-check: what browsers will do with the pinned key must succeed before anything is shown.
  verifyCertificate(sodium, root.publicKey, cert, { expectOrgId: request.orgId });
  return cert;
}

/**
 * Refuses a certificate the database must not take: an unknown organisation, another kind or
 * name than the organisation has, or a version not above the current one (browsers would treat
 * it as a rollback, and the old keys must stay the ones of their version).
 */
export async function checkApplicable(db: DbOrTrx, request: CertificateRequest): Promise<void> {
  const org = await findOrganisationRow(db, { id: request.orgId });
  if (!org) throw new Error(`no organisation ${request.orgId} in the database`);
  if (org.kind !== request.kind)
    throw new Error(`the organisation is a ${org.kind}, not a ${request.kind}`);
  if (org.name !== request.name)
    throw new Error(`the organisation is named "${org.name}" in the database`);
  const current = await currentCertificateVersion(db, request.orgId);
  if (request.version <= current) {
    throw new Error(
      `version ${request.version} is not above the current version ${current}: refusing a rollback`,
    );
  }
  // [Note: key rotation] A rotation certifies keys a member's browser made and sealed to the
  // members; keys nobody holds would leave the organisation unable to open new reports. So does a
  // founding member's first key [Note: founding member]; only a set-up without members (the demo,
  // a script) certifies a first key nobody proposed.
  const pending = await findPendingKey(db, request.orgId);
  if (current > 0 || pending) {
    if (
      !pending ||
      pending.version !== request.version ||
      pending.boxPublicKey !== toB64(request.boxPublicKey) ||
      pending.signPublicKey !== toB64(request.signPublicKey)
    ) {
      throw new Error(
        pending
          ? `these keys are not the ones a member proposed for version ${pending.version}: check --box-pk and --sign-pk against the pending keys`
          : `no member proposed a key version ${request.version}: the new keys must come from a member's browser (Team page, "make a new school key")`,
      );
    }
  }
}

export async function applyCertificate(
  handle: DatabaseHandle,
  request: CertificateRequest,
  cert: SignedCertificate,
  now: Date,
): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: a colleague may have applied one meanwhile.
    await checkApplicable(trx, request);
    await insertCertificate(trx, {
      org_id: request.orgId,
      version: request.version,
      body: cert.body,
      signature: cert.signature,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgId: null,
        actorId: null,
        action: 'org.certificate_issued',
        subjectType: 'organisation',
        subjectId: request.orgId,
        at: now,
      },
      handle.dialect,
    );
    // A member's proposal of this version [Note: key rotation] is now signed: no longer pending.
    await clearPendingKey(trx, request.orgId, request.version);
  });
}
