// POST /api/pupil/receipts: a pupil comes back with the receipt's authKey. A wrong code and a
// report of another school get one uniform answer, so an answer tells a guesser nothing.
// The proof of work is spent first and stays spent whatever the answer: otherwise one solved
// challenge would pay for unlimited guesses [Note: admission].
import { Hono } from 'hono';
import { OpenReceiptSchema, type OpenReceiptDto } from '../../../shared/protocol/pupil.ts';
import type { AppEnv } from '../../app-env.ts';
import { hashAuthKey } from '../../auth-hash.ts';
import { spendChallenge } from '../../db/repositories/pow-spent.ts';
import { findReportByLookup } from '../../db/repositories/reports.ts';
import { ApiError, isRefusal } from '../../errors.ts';
import { validate } from '../../middleware/validate.ts';
import { countAccepted, requireCurrentWork } from '../../services/admission.ts';
import { checkPow, powReplayed } from '../../services/pow.ts';
import { startPupilSession } from '../../services/pupil-session.ts';
import { pupilThread } from '../../services/pupil-thread.ts';
import { decodeField } from '../../services/wire-bytes.ts';

export const NO_SUCH_RECEIPT = 'No report for this receipt';

export function receiptRoutes() {
  return new Hono<AppEnv>().post('/', validate('json', OpenReceiptSchema), async (c) => {
    const input = c.req.valid('json');
    const { db, writer, clock, pupil } = c.var.deps;
    const now = clock();
    const orgId = input.orgId.toLowerCase();
    const pow = checkPow(pupil.powSecret, input.pow, {
      orgId,
      purpose: 'receipt',
      baseBits: pupil.powBits,
      now,
    });
    // One unit of work with its session, committed with the others of the moment [Note: group
    // commit]; a refusal keeps the spent challenge and the counted look-up.
    const { report, session } = await writer.run(
      async (trx) => {
        if (!(await spendChallenge(trx, pow.challengeId, pow.expiresAt, now.toISOString()))) {
          throw powReplayed();
        }
        const authKey = decodeField(input.authKey, 'authKey');
        await requireCurrentWork(
          trx,
          pupil.limits,
          'receipt',
          orgId,
          pow.bits - pupil.powBits,
          now,
        );
        const report = await findReportByLookup(trx, orgId, hashAuthKey(authKey));
        // A look-up, right or wrong, is accepted work: guessing makes the school's receipt
        // challenges dearer for the guesser [Note: admission]; an honest pupil still gets in, at
        // most a little slower.
        await countAccepted(trx, pupil.limits, 'receipt', orgId, now);
        if (!report) throw new ApiError(404, 'not_found', NO_SUCH_RECEIPT);
        return { report, session: await startPupilSession(trx, report.id, now) };
      },
      { keepWhen: isRefusal },
    );
    return c.json<OpenReceiptDto>({ session, thread: await pupilThread(db, report) }, 200);
  });
}
