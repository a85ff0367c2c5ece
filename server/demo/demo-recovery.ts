// Each demo organisation gets a recovery key [Note: school recovery key], as if a member had made
// it on the Team page: its box key holds the organisation key, endorsed by the organisation. The
// demo prints it (a real one is printed once and handed to the head in an envelope).
import {
  endorseRecoveryKey,
  generateSchoolRecoveryKey,
  sealOrgKeys,
  toB64,
  type OrgKeyPair,
  type Sodium,
} from '../../shared/crypto/index.ts';
import { hashAuthKey } from '../auth-hash.ts';
import type { Trx } from '../db/database.ts';
import { replaceOrgRecovery } from '../db/repositories/org-recovery.ts';

export interface DemoRecoveryKey {
  code: string;
  name: string;
  recoveryKey: string;
}

export async function seedRecoveryKey(
  trx: Trx,
  sodium: Sodium,
  org: { id: string; code: string; name: string; keys: OrgKeyPair },
  now: string,
): Promise<DemoRecoveryKey> {
  const recovery = generateSchoolRecoveryKey(sodium);
  await replaceOrgRecovery(
    trx,
    {
      org_id: org.id,
      box_public_key: toB64(recovery.boxPublicKey),
      auth_hash: hashAuthKey(recovery.authKey),
      endorsement: toB64(
        endorseRecoveryKey(sodium, org.keys.signSecretKey, org.id, recovery.boxPublicKey),
      ),
      endorsement_version: 1,
      created_by: null,
      created_at: now,
      last_used_at: null,
    },
    [{ version: 1, sealed: sealOrgKeys(sodium, org.keys, recovery.boxPublicKey) }],
  );
  return { code: org.code, name: org.name, recoveryKey: recovery.recoveryKey };
}
