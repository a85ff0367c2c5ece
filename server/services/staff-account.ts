// The staff row of an account whose credentials were made here rather than in a browser: the
// demo's accounts and the administrator's (`npm run admin -- create-admin`). The server keeps what
// it keeps of any account: the salt and limits, the authKey's hash, the public keys and the
// wrapped personal keys.
import { toB64, type ArgonLimits, type StaffCredentials } from '../../shared/crypto/index.ts';
import { hashAuthKey } from '../auth-hash.ts';
import type { NewStaff, StaffRole } from '../db/tables/staff.ts';

export function staffRowOf(
  cred: StaffCredentials,
  limits: ArgonLimits,
  account: {
    id: string;
    orgId: string | null;
    role: StaffRole;
    displayName: string;
    login: string;
    totpSecret: string;
    /** The organisation's endorsement of the keys (base64url); null for the administrator. */
    endorsement: string | null;
    createdAt: string;
  },
): NewStaff {
  return {
    id: account.id,
    org_id: account.orgId,
    role: account.role,
    status: 'active',
    display_name: account.displayName,
    login: account.login,
    auth_salt: toB64(cred.salt),
    auth_opslimit: limits.opslimit,
    auth_memlimit: limits.memlimit,
    auth_hash: hashAuthKey(cred.authKey),
    box_public_key: toB64(cred.keys.boxPublicKey),
    sign_public_key: toB64(cred.keys.signPublicKey),
    wrapped_keys: cred.wrappedKeys,
    recovery_wrapped_keys: cred.recoveryWrappedKeys,
    org_endorsement: account.endorsement,
    totp_secret: account.totpSecret,
    created_at: account.createdAt,
  };
}
