// [Note: school recovery key] What the recovery routes share: the status a member sees, and the
// check of a recovery authKey, which is audited either way and held back after ten wrong keys
// an hour per organisation (counted from the audit chain, so a restart or a second process does
// not reset it). A whole school shares one address, so never per IP.
import { timingSafeEqual } from 'node:crypto';
import type { OrgRecoveryStatusDto } from '../../shared/protocol/org-recovery.ts';
import { hashAuthKey } from '../auth-hash.ts';
import type { AppDeps } from '../app-env.ts';
import type { DbOrTrx } from '../db/database.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import {
  countRecoveryFailures,
  findOrgRecovery,
  listRecoveryGrants,
} from '../db/repositories/org-recovery.ts';
import { findStaffById } from '../db/repositories/staff-credentials.ts';
import type { OrgRecovery } from '../db/tables/organisations.ts';
import { ApiError, RateLimitError } from '../errors.ts';
import { decodeField } from './wire-bytes.ts';

export const RECOVERY_FAILURES_PER_HOUR = 10;

export async function recoveryStatus(db: DbOrTrx, orgId: string): Promise<OrgRecoveryStatusDto> {
  const r = await findOrgRecovery(db, orgId);
  if (!r) {
    return {
      configured: false,
      boxPublicKey: null,
      endorsement: null,
      endorsementVersion: null,
      versions: [],
      createdAt: null,
      createdByName: null,
      lastUsedAt: null,
    };
  }
  const creator = r.created_by ? await findStaffById(db, r.created_by) : undefined;
  return {
    configured: true,
    boxPublicKey: r.box_public_key,
    endorsement: r.endorsement,
    endorsementVersion: Number(r.endorsement_version),
    versions: (await listRecoveryGrants(db, orgId)).map((g) => Number(g.version)),
    createdAt: r.created_at,
    createdByName: creator?.display_name ?? null,
    lastUsedAt: r.last_used_at,
  };
}

/**
 * The organisation's recovery row if `authKey` is its recovery key's; otherwise the refusal is
 * audited (committed on its own) and a 403 thrown. 429 once the hour's wrong keys are spent.
 */
export async function checkRecoveryKey(
  deps: AppDeps,
  orgId: string,
  actorId: string,
  authKey: string,
): Promise<OrgRecovery> {
  const { db, clock, dialect } = deps;
  const now = clock();
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  if ((await countRecoveryFailures(db, orgId, since)) >= RECOVERY_FAILURES_PER_HOUR) {
    throw new RateLimitError(3600);
  }
  const recovery = await findOrgRecovery(db, orgId);
  const given = Buffer.from(hashAuthKey(decodeField(authKey, 'authKey')), 'hex');
  const stored = Buffer.from(recovery?.auth_hash ?? '00'.repeat(32), 'hex');
  if (recovery && stored.length === given.length && timingSafeEqual(stored, given)) {
    return recovery;
  }
  await db.transaction().execute(async (trx) => {
    await appendAudit(
      trx,
      {
        orgId,
        actorId,
        action: 'org.recovery_refused',
        subjectType: 'organisation',
        subjectId: orgId,
        at: now,
      },
      dialect,
    );
  });
  throw new ApiError(403, 'forbidden', 'This is not the recovery key of your organisation');
}
