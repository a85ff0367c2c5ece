// Making an invitation link, for a new member or to renew a member's keys, whoever asks for it:
// a member of the organisation, or the administrator (whose browser seals the link's secret to the
// organisation's certified box key; the administrator never holds the organisation key). The link
// is /staff/#invite=<id>.<token>.<secret>; the server keeps the token's hash and the sealed secret.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { InvitationCreatedDto } from '../../shared/protocol/staff.ts';
import type { AppDeps } from '../app-env.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import { expireOpenRenewals, insertInvitation } from '../db/repositories/invitations.ts';
import { findStaffByLogin } from '../db/repositories/staff.ts';
import { startKeyRenewal } from '../db/repositories/staff-credentials.ts';
import { deleteSessionsOfStaff } from '../db/repositories/staff-sessions.ts';
import type { Staff, StaffRole } from '../db/tables/staff.ts';
import { ApiError, notFound } from '../errors.ts';
import { SEALED_INVITE_SECRET_BYTES } from './login-secret.ts';
import { decodeField, encodeField } from './wire-bytes.ts';

export const INVITATION_DAYS = 7;

/** What the server keeps of an invitation link's token: its SHA-256. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest();

export function sealedInviteSecret(value: string): Uint8Array {
  const sealed = decodeField(value, 'secretSealed');
  if (sealed.length !== SEALED_INVITE_SECRET_BYTES) {
    throw new ApiError(400, 'validation_failed', 'Invalid secretSealed', [
      { path: 'secretSealed', message: `must be ${SEALED_INVITE_SECRET_BYTES} bytes` },
    ]);
  }
  return sealed;
}

function newLink(deps: AppDeps) {
  const now = deps.clock();
  return {
    now,
    id: randomUUID(),
    token: randomBytes(32).toString('base64url'),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
  };
}

export async function createInvitation(
  deps: AppDeps,
  input: {
    orgId: string;
    role: StaffRole;
    login: string;
    displayName: string;
    /** null: a founding member's invitation, with no organisation key to seal to (stored ''). */
    secretSealed: Uint8Array | null;
    createdBy: string;
  },
): Promise<InvitationCreatedDto> {
  if (await findStaffByLogin(deps.db, input.login)) {
    throw new ApiError(409, 'conflict', 'An account with this login exists');
  }
  const link = newLink(deps);
  await deps.db.transaction().execute(async (trx) => {
    await insertInvitation(trx, {
      id: link.id,
      org_id: input.orgId,
      role: input.role,
      login: input.login,
      display_name: input.displayName,
      token_hash: hashToken(link.token).toString('hex'),
      secret_sealed: input.secretSealed ? encodeField(input.secretSealed) : '',
      totp_secret: null,
      created_by: input.createdBy,
      created_at: link.now.toISOString(),
      expires_at: link.expiresAt,
      accepted_staff_id: null,
      mac: null,
    });
    await appendAudit(
      trx,
      {
        orgId: input.orgId,
        actorId: input.createdBy,
        action: 'invitation.created',
        subjectType: 'invitation',
        subjectId: link.id,
        at: link.now,
      },
      deps.dialect,
    );
  });
  return { id: link.id, token: link.token, expiresAt: link.expiresAt };
}

/** Renewal of a member who lost both password and recovery key (member-renewal.ts). */
export async function startRenewal(
  deps: AppDeps,
  target: Staff & { org_id: string },
  secretSealed: Uint8Array,
  actorId: string,
): Promise<InvitationCreatedDto> {
  const link = newLink(deps);
  await deps.db.transaction().execute(async (trx) => {
    // An earlier link of this member stops working: only the newest renewal can be accepted.
    await expireOpenRenewals(trx, target.id, link.now.toISOString());
    // The hash of random bytes no authKey hashes to: the old password signs in no more.
    const disabled = hashToken(randomBytes(32).toString('base64url')).toString('hex');
    if (!(await startKeyRenewal(trx, target.id, disabled))) throw notFound('Member');
    await deleteSessionsOfStaff(trx, target.id);
    await insertInvitation(trx, {
      id: link.id,
      org_id: target.org_id,
      role: target.role,
      login: target.login,
      display_name: target.display_name,
      token_hash: hashToken(link.token).toString('hex'),
      secret_sealed: encodeField(secretSealed),
      totp_secret: null,
      created_by: actorId,
      created_at: link.now.toISOString(),
      expires_at: link.expiresAt,
      accepted_staff_id: null,
      mac: null,
      renews_staff_id: target.id,
    });
    await appendAudit(
      trx,
      {
        orgId: target.org_id,
        actorId,
        action: 'staff.renewal_started',
        subjectType: 'staff',
        subjectId: target.id,
        at: link.now,
      },
      deps.dialect,
    );
  });
  return { id: link.id, token: link.token, expiresAt: link.expiresAt };
}
