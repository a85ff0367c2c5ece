// A stand-in for the staff browser until the staff API exists: it logs in as a demo member the way
// their browser would (password -> personal keys -> organisation key grant), opens K_thread, and
// writes a signed counsellor reply straight into the database through the repositories.
import {
  chainHash,
  derivePasswordKeys,
  encryptItem,
  fromB64,
  GENESIS_HASH,
  openOrgKeys,
  openSealedKey,
  signItem,
  unwrapPersonalKeys,
  type Sodium,
} from '../../shared/crypto/index.ts';
import type { Db } from '../../server/db/database.ts';
import { insertMessage, listThreadMessages } from '../../server/db/repositories/messages.ts';
import { findKeyGrant } from '../../server/db/repositories/organisations.ts';
import { findReport, updateReport } from '../../server/db/repositories/reports.ts';
import { findStaffByLogin } from '../../server/db/repositories/staff.ts';

export interface StaffWriter {
  staffId: string;
  /** Writes the next message of the pupil thread; returns its id and seq. */
  reply(reportId: string, content: unknown, at: Date): Promise<{ id: string; seq: number }>;
  /** K_thread of a report, as a member of its school opens it. */
  threadKey(reportId: string): Promise<Uint8Array>;
}

export async function staffWriter(
  db: Db,
  sodium: Sodium,
  login: string,
  password: string,
): Promise<StaffWriter> {
  const staff = await findStaffByLogin(db, login);
  if (!staff?.org_id) throw new Error(`no staff member ${login} in an organisation`);
  const { wrapKey } = derivePasswordKeys(sodium, password, fromB64(staff.auth_salt), {
    opslimit: staff.auth_opslimit,
    memlimit: staff.auth_memlimit,
  });
  const personal = unwrapPersonalKeys(sodium, staff.wrapped_keys, wrapKey);

  const openThreadKey = async (reportId: string) => {
    const report = await findReport(db, reportId);
    if (!report) throw new Error('no such report');
    const grant = await findKeyGrant(db, {
      orgId: report.org_id,
      version: report.org_key_version,
      staffId: staff.id,
    });
    if (!grant) throw new Error('no key grant for this report');
    const orgKeys = openOrgKeys(
      sodium,
      grant.sealed_keys,
      personal.boxPublicKey,
      personal.boxSecretKey,
    );
    const key = openSealedKey(
      sodium,
      report.thread_key_sealed,
      orgKeys.boxPublicKey,
      orgKeys.boxSecretKey,
    );
    return { report, key };
  };

  return {
    staffId: staff.id,
    threadKey: async (reportId) => (await openThreadKey(reportId)).key,
    async reply(reportId, content, at) {
      const { report, key } = await openThreadKey(reportId);
      const last = (await listThreadMessages(db, reportId, 'pupil')).at(-1);
      const id = crypto.randomUUID();
      const ad = {
        reportId,
        kind: 'message',
        itemId: id,
        authorRole: 'counsellor',
        seq: (last?.seq ?? 0) + 1,
        prevHash: last ? chainHash(sodium, last.blob) : GENESIS_HASH,
      } as const;
      const blob = encryptItem(sodium, key, content, ad);
      await insertMessage(db, {
        id,
        report_id: reportId,
        thread: 'pupil',
        seq: ad.seq,
        author_role: 'counsellor',
        author_id: staff.id,
        blob,
        signature: signItem(sodium, personal.signSecretKey, blob, ad),
        created_at: at.toISOString(),
      });
      await updateReport(db, reportId, {
        status: 'waiting_for_pupil',
        first_answer_at: report.first_answer_at ?? at.toISOString(),
        updated_at: at.toISOString(),
      });
      return { id, seq: ad.seq };
    },
  };
}
