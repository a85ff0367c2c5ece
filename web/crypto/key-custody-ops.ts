// Key custody in the staff worker: the organisation's recovery key [Note: school recovery key]
// and new key versions [Note: key rotation]. Secret keys cross to the page as bytes and live
// there in memory only; the recovery key itself is shown once, for printing, and never stored.
import {
  deriveSchoolRecoveryKeys,
  endorseMember,
  endorseRecoveryKey,
  fingerprint,
  fromB64,
  generateOrgKeys,
  generateSchoolRecoveryKey,
  openOrgKeys,
  sealOrgKeys,
  toB64,
  verifyMemberEndorsement,
  verifyRecoveryEndorsement,
  type PersonalKeys,
} from '../../shared/crypto/index.ts';
import type { OrgRecoveryStatusDto, SealedVersionDto } from '../../shared/protocol/org-recovery.ts';
import type { CertificateDto } from '../../shared/protocol/orgs.ts';
import { openCertifiedKeys, verifiedCertificates } from './certified.ts';
import { newestKey, sealVersions } from './key-versions.ts';
import { loadSodium } from './sodium.ts';
import type { OrgKeyVersion } from './staff-ops.ts';

/** A new recovery key: every version this member holds sealed to it, endorsed by the newest. */
export async function createSchoolRecovery(orgId: string, orgKeys: OrgKeyVersion[]) {
  const sodium = await loadSodium();
  const recovery = generateSchoolRecoveryKey(sodium);
  const top = newestKey(orgKeys);
  return {
    recoveryKey: recovery.recoveryKey,
    body: {
      boxPublicKey: toB64(recovery.boxPublicKey),
      authKey: toB64(recovery.authKey),
      endorsement: toB64(
        endorseRecoveryKey(sodium, top.keys.signSecretKey, orgId, recovery.boxPublicKey),
      ),
      endorsementVersion: top.version,
      grants: sealVersions(sodium, orgKeys, recovery.boxPublicKey),
    },
  };
}

/** What proves the holder of a typed recovery key to the server (no slow hash: 256 random bits). */
export async function schoolRecoveryAuthKey(recoveryKey: string): Promise<string> {
  return toB64(deriveSchoolRecoveryKeys(await loadSodium(), recoveryKey).authKey);
}

/**
 * The waiting member's side: open the versions sealed to the recovery key, keep only those whose
 * public keys are the ones the pinned root certified (the server knows the recovery public key and
 * could seal keys of its own), then seal them to this member's own keys and endorse those.
 */
export async function restoreWithSchoolRecovery(
  recoveryKey: string,
  grants: SealedVersionDto[],
  orgId: string,
  certificates: CertificateDto[],
  personal: PersonalKeys,
) {
  const sodium = await loadSodium();
  const recovery = deriveSchoolRecoveryKeys(sodium, recoveryKey);
  const certified = verifiedCertificates(sodium, orgId, certificates);
  const orgKeys: OrgKeyVersion[] = grants.flatMap((g) => {
    const cert = certified.find((c) => c.version === g.version);
    if (!cert) return []; // a version still waiting for its certificate cannot be checked
    const box = { publicKey: recovery.boxPublicKey, secretKey: recovery.boxSecretKey };
    const keys = openCertifiedKeys(sodium, g.sealedKeys, box, cert);
    return [{ orgId, version: g.version, keys }];
  });
  const top = newestKey(orgKeys);
  return {
    body: {
      version: top.version,
      endorsement: toB64(
        endorseMember(sodium, top.keys.signSecretKey, {
          orgId,
          boxPublicKey: personal.boxPublicKey,
          signPublicKey: personal.signPublicKey,
        }),
      ),
      grants: sealVersions(sodium, orgKeys, personal.boxPublicKey),
    },
  };
}

/** [Note: key rotation] After a member left: the organisation's next key version, sealed to the
 * personal box key of every remaining active member (never the one who left), and to the
 * recovery key. Each recipient's key must carry the organisation's endorsement, verified against
 * its certified sign keys, so a server that lists a member of its own making gets nothing. */
export async function newOrgKeyVersion(
  members: {
    id: string;
    boxPublicKey: string;
    signPublicKey: string;
    endorsement: string | null;
  }[],
  orgId: string,
  orgSignKeys: Uint8Array[],
  recovery: OrgRecoveryStatusDto | null,
) {
  const sodium = await loadSodium();
  for (const m of members) {
    verifyMemberEndorsement(
      sodium,
      orgSignKeys,
      { orgId, boxPublicKey: fromB64(m.boxPublicKey), signPublicKey: fromB64(m.signPublicKey) },
      fromB64(m.endorsement ?? ''),
    );
  }
  const keys = generateOrgKeys(sodium);
  let recoveryGrant: string | undefined;
  if (recovery?.configured && recovery.boxPublicKey && recovery.endorsement) {
    const boxPublicKey = fromB64(recovery.boxPublicKey);
    verifyRecoveryEndorsement(
      sodium,
      orgSignKeys,
      orgId,
      boxPublicKey,
      fromB64(recovery.endorsement),
    );
    recoveryGrant = toB64(sealOrgKeys(sodium, keys, boxPublicKey));
  }
  return {
    boxPublicKey: toB64(keys.boxPublicKey),
    signPublicKey: toB64(keys.signPublicKey),
    grants: members.map((m) => ({
      staffId: m.id,
      sealedKeys: toB64(sealOrgKeys(sodium, keys, fromB64(m.boxPublicKey))),
    })),
    ...(recoveryGrant ? { recoveryGrant } : {}),
  };
}

/** [Note: founding member] The first member of a new organisation makes its key, sealed to
 * themself; the administrator certifies the public keys after comparing the fingerprint. */
export async function foundOrgKey(personal: PersonalKeys) {
  const sodium = await loadSodium();
  const keys = generateOrgKeys(sodium);
  return {
    body: {
      boxPublicKey: toB64(keys.boxPublicKey),
      signPublicKey: toB64(keys.signPublicKey),
      sealedKeys: toB64(sealOrgKeys(sodium, keys, personal.boxPublicKey)),
    },
    fingerprint: fingerprint(sodium, keys.boxPublicKey),
  };
}

/** The fingerprint of the key the founding member made (their own grant), to read aloud. */
export async function foundedFingerprint(sealedKeys: string, personal: PersonalKeys) {
  const sodium = await loadSodium();
  const keys = openOrgKeys(
    sodium,
    fromB64(sealedKeys),
    personal.boxPublicKey,
    personal.boxSecretKey,
  );
  return fingerprint(sodium, keys.boxPublicKey);
}

/** Once certified: the certificate must name the keys this member made; then they endorse
 * their own keys with them; entering afterwards opens version 1 from the grant, as at sign-in. */
export async function activateFounder(
  sealedKeys: string,
  personal: PersonalKeys,
  orgId: string,
  certificates: CertificateDto[],
) {
  const sodium = await loadSodium();
  const first = verifiedCertificates(sodium, orgId, certificates).find((c) => c.version === 1);
  if (!first) throw new Error('the organisation has no certificate of version 1');
  const box = { publicKey: personal.boxPublicKey, secretKey: personal.boxSecretKey };
  const keys = openCertifiedKeys(sodium, sealedKeys, box, first);
  const endorsement = endorseMember(sodium, keys.signSecretKey, {
    orgId,
    boxPublicKey: personal.boxPublicKey,
    signPublicKey: personal.signPublicKey,
  });
  return { endorsement: toB64(endorsement) };
}
