// Coming back: receipt code -> keys (Argon2id in the worker) -> proof of work -> the thread,
// decrypted and verified in the worker.
import { toB64 } from '../../../shared/envelope/base64url.ts';
import type { PupilThreadDto } from '../../../shared/protocol/pupil.ts';
import { checkNoTailCut } from '../../common/seen-tips.ts';
import { crypto } from '../crypto.ts';
import { pupilApi } from '../pupil-api.ts';
import { session, type PupilSession, type School } from '../state.ts';
import { withProofOfWork } from './proof-of-work.ts';
import { orgSignKeys, schoolSignKeys } from './school-keys.ts';

export async function openWithThread(
  school: School,
  token: string,
  pupilKey: Uint8Array,
  thread: PupilThreadDto,
  receiptCode: string | null,
): Promise<PupilSession> {
  const cdrOrgId = thread.cdrOrgId;
  const [schoolKeys, cdrKeys] = await Promise.all([
    schoolSignKeys(school),
    cdrOrgId ? orgSignKeys(cdrOrgId) : Promise.resolve([]),
  ]);
  // A CdR specialist may write once the conversation was handed over: their key must be endorsed
  // by the CdR's certified key, the school's staff by the school's.
  const opened = await crypto(
    'openPupilThread',
    pupilKey,
    thread,
    { school: schoolKeys, cdr: cdrKeys },
    cdrOrgId ? { school: school.dto.id, cdr: cdrOrgId } : { school: school.dto.id },
  );
  // A refresh must still hold every message already shown [Note: tail cut].
  checkNoTailCut(thread.reportId, opened.messages);
  return { token, pupilKey, thread, opened, receiptCode };
}

export async function comeBack(school: School, code: string): Promise<PupilSession> {
  const keys = await crypto('deriveReceipt', code, school.dto.receiptSalt);
  const result = await withProofOfWork(school.dto.id, 'receipt', (pow) =>
    pupilApi.openReceipt({ pow, orgId: school.dto.id, authKey: toB64(keys.authKey) }),
  );
  const opened = await openWithThread(
    school,
    result.session.token,
    keys.pupilKey,
    result.thread,
    null,
  );
  session.value = opened;
  return opened;
}

export async function refreshThread(school: School, current: PupilSession): Promise<void> {
  const thread = await pupilApi.thread(current.token);
  session.value = await openWithThread(
    school,
    current.token,
    current.pupilKey,
    thread,
    current.receiptCode,
  );
}
