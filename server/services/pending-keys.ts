// Key versions a member's browser made [Note: key rotation] that wait for the administrator's
// certificate: settings `pending_key:<orgId>` = JSON {version, boxPublicKey, signPublicKey}.
import type { AppDeps } from '../app-env.ts';
import type { DbOrTrx } from '../db/database.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import { deleteRecoveryGrantsOfVersion } from '../db/repositories/org-recovery.ts';
import { deleteKeyGrantsOfVersion } from '../db/repositories/organisations.ts';
import { notFound } from '../errors.ts';
import {
  deleteSetting,
  getSetting,
  listSettingsWithPrefix,
  setSetting,
} from '../db/repositories/settings.ts';

export const PENDING_KEY_PREFIX = 'pending_key:';

export interface PendingKey {
  version: number;
  boxPublicKey: string;
  signPublicKey: string;
}

export const pendingKeySetting = (orgId: string) => `${PENDING_KEY_PREFIX}${orgId}`;

function parse(value: string): PendingKey | undefined {
  try {
    const p = JSON.parse(value) as Partial<PendingKey>;
    if (
      typeof p.version === 'number' &&
      typeof p.boxPublicKey === 'string' &&
      typeof p.signPublicKey === 'string'
    ) {
      return { version: p.version, boxPublicKey: p.boxPublicKey, signPublicKey: p.signPublicKey };
    }
  } catch {
    // A value that is not ours counts as no proposal.
  }
  return undefined;
}

export async function savePendingKey(db: DbOrTrx, orgId: string, p: PendingKey): Promise<void> {
  await setSetting(db, pendingKeySetting(orgId), JSON.stringify(p));
}

export async function findPendingKey(db: DbOrTrx, orgId: string): Promise<PendingKey | undefined> {
  const value = await getSetting(db, pendingKeySetting(orgId));
  return value === undefined ? undefined : parse(value);
}

export async function listPendingKeys(db: DbOrTrx): Promise<(PendingKey & { orgId: string })[]> {
  const rows = await listSettingsWithPrefix(db, PENDING_KEY_PREFIX);
  return rows.flatMap((r) => {
    const p = parse(r.value);
    return p ? [{ ...p, orgId: r.key.slice(PENDING_KEY_PREFIX.length) }] : [];
  });
}

/** After a certificate of `version` was applied: the proposal of that version is done. */
export async function clearPendingKey(db: DbOrTrx, orgId: string, version: number): Promise<void> {
  const p = await findPendingKey(db, orgId);
  if (p && p.version === version) await deleteSetting(db, pendingKeySetting(orgId));
}

/**
 * An abandoned proposal (the administrator will not sign it, or its browser lost the keys before
 * it was signed) is withdrawn: its grants and the proposal go, so a member can propose again.
 * 404 when there is none. Audited as 'org.key_rotation_withdrawn' in the organisation's chain.
 */
export async function withdrawPendingKey(
  deps: AppDeps,
  orgId: string,
  actorId: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const pending = await findPendingKey(trx, orgId);
    if (!pending) throw notFound('Pending key version');
    await deleteKeyGrantsOfVersion(trx, orgId, pending.version);
    await deleteRecoveryGrantsOfVersion(trx, orgId, pending.version);
    await deleteSetting(trx, pendingKeySetting(orgId));
    await appendAudit(
      trx,
      {
        orgId,
        actorId,
        action: 'org.key_rotation_withdrawn',
        subjectType: 'organisation',
        subjectId: orgId,
        at: deps.clock(),
      },
      deps.dialect,
    );
  });
}
