// A member's sign-in state: password material, membership activation, and
// the organisation key grants their browser opens.
import type { DbOrTrx } from '../database.ts';
import type { OrgKeyGrant } from '../tables/organisations.ts';
import type { Staff } from '../tables/staff.ts';

export function findStaffById(db: DbOrTrx, id: string): Promise<Staff | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PasswordMaterial {
  salt: string;
  opslimit: number;
  memlimit: number;
  authHash: string;
  wrappedKeys: Uint8Array;
}

/** A new password re-wraps only the personal keys: the recovery blob, the public keys and the
 * grants stay as they are. */
export async function setPasswordMaterial(
  db: DbOrTrx,
  id: string,
  m: PasswordMaterial,
): Promise<void> {
  await db
    .updateTable('staff')
    .set({
      auth_salt: m.salt,
      auth_opslimit: m.opslimit,
      auth_memlimit: m.memlimit,
      auth_hash: m.authHash,
      wrapped_keys: m.wrappedKeys,
    })
    .where('id', '=', id)
    .execute();
}

/** Activates an invited member with the endorsement; false when they were no longer invited. */
export async function activateMember(
  db: DbOrTrx,
  id: string,
  endorsement: string,
): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ status: 'active', org_endorsement: endorsement })
    .where('id', '=', id)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A colleague started renewing the member's keys: they wait as 'invited', their password stops
 * working (`disabledAuthHash` matches no authKey) and the grants sealed to the keys they lost go.
 * False when the member is deactivated. */
export async function startKeyRenewal(
  db: DbOrTrx,
  id: string,
  disabledAuthHash: string,
): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ status: 'invited', auth_hash: disabledAuthHash })
    .where('id', '=', id)
    .where('status', '!=', 'deactivated')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('org_key_grants').where('staff_id', '=', id).execute();
  return true;
}

export interface RenewedKeys {
  material: PasswordMaterial;
  boxPublicKey: string;
  signPublicKey: string;
  recoveryWrappedKeys: Uint8Array;
  totpSecret: string;
}

/** The member's new keys from an accepted renewal: everything personal is replaced, the
 * endorsement goes (it was over the old keys) and they stay 'invited' until a colleague grants
 * the key again. False when they are no longer waiting (deactivated meanwhile). */
export async function renewMemberKeys(db: DbOrTrx, id: string, k: RenewedKeys): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({
      auth_salt: k.material.salt,
      auth_opslimit: k.material.opslimit,
      auth_memlimit: k.material.memlimit,
      auth_hash: k.material.authHash,
      box_public_key: k.boxPublicKey,
      sign_public_key: k.signPublicKey,
      wrapped_keys: k.material.wrappedKeys,
      recovery_wrapped_keys: k.recoveryWrappedKeys,
      org_endorsement: null,
      totp_secret: k.totpSecret,
      totp_last_step: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listKeyGrantsOfStaff(db: DbOrTrx, staffId: string): Promise<OrgKeyGrant[]> {
  return db
    .selectFrom('org_key_grants')
    .selectAll()
    .where('staff_id', '=', staffId)
    .orderBy('org_id')
    .orderBy('version')
    .execute();
}

/** Ends every session of the member except the one making the request. */
export async function deleteOtherSessions(
  db: DbOrTrx,
  staffId: string,
  keepTokenHash: string,
): Promise<void> {
  await db
    .deleteFrom('staff_sessions')
    .where('staff_id', '=', staffId)
    .where('token_hash', '!=', keepTokenHash)
    .execute();
}

/** Records a sign-in code's time step; false when that step (or a later one) was already used. */
export async function spendTotpStep(db: DbOrTrx, staffId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ totp_last_step: step })
    .where('id', '=', staffId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deactivates a member and ends all their sessions; false when they were deactivated already.
 * Their key grants stay: nothing can take back what they could open, and a rotation
 * ([Note: key rotation]) leaves them out of the next version. */
export async function deactivateStaff(db: DbOrTrx, id: string): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ status: 'deactivated' })
    .where('id', '=', id)
    .where('status', '!=', 'deactivated')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
  return true;
}
