// POST /api/pupil/reports: a pupil sends a report. The server checks shapes and the proof of work,
// spends it, checks the school's key version and difficulty, stores the ciphertext, opens a
// session on the new report, counts it in the school's load and has its counsellors alerted.
import { Hono } from 'hono';
import {
  SubmitReportSchema,
  type PupilSessionDto,
  type SubmitReportDto,
} from '../../../shared/protocol/pupil.ts';
import type { AppEnv } from '../../app-env.ts';
import { hashAuthKey } from '../../auth-hash.ts';
import { isUniqueViolation } from '../../db/constraint.ts';
import { nested } from '../../db/group-commit.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { findOrganisation } from '../../db/repositories/organisations.ts';
import { spendChallenge } from '../../db/repositories/pow-spent.ts';
import { insertReport, reportClashes } from '../../db/repositories/reports.ts';
import { ApiError, isRefusal, notFound } from '../../errors.ts';
import { validate } from '../../middleware/validate.ts';
import { countAccepted, requireCurrentWork } from '../../services/admission.ts';
import { checkPow, powReplayed } from '../../services/pow.ts';
import { startPupilSession } from '../../services/pupil-session.ts';
import { coarseHour, coarseHourIso } from '../../services/pupil-time.ts';
import { decodeField } from '../../services/wire-bytes.ts';

export function reportRoutes() {
  return new Hono<AppEnv>().post('/', validate('json', SubmitReportSchema), async (c) => {
    const input = c.req.valid('json');
    const { writer, dialect, clock, pupil } = c.var.deps;
    const now = clock();
    const orgId = input.orgId.toLowerCase();
    const reportId = input.reportId.toLowerCase();
    const pow = checkPow(pupil.powSecret, input.pow, {
      orgId,
      purpose: 'report',
      baseBits: pupil.powBits,
      now,
    });
    const hour = coarseHourIso(now);
    // One unit of work, committed with the others of the moment [Note: group commit]. A refusal
    // keeps the spent challenge: whatever is refused cost its sender a fresh proof of work, and
    // nothing counts a refused request [Note: admission].
    const { session, load } = await writer.run(
      async (trx) => {
        if (!(await spendChallenge(trx, pow.challengeId, pow.expiresAt, now.toISOString()))) {
          throw powReplayed();
        }
        const authKey = decodeField(input.authKey, 'authKey');
        const body = decodeField(input.body, 'body');
        const threadKeySealed = decodeField(input.threadKeySealed, 'threadKeySealed');
        const threadKeyPupil = decodeField(input.threadKeyPupil, 'threadKeyPupil');
        const lookupHash = hashAuthKey(authKey);
        const org = await findOrganisation(trx, { id: orgId });
        if (!org || org.kind !== 'school') throw notFound('School');
        if (org.cert_version !== input.orgKeyVersion) {
          throw new ApiError(
            409,
            'conflict',
            'The school key changed: fetch its certificate again',
          );
        }
        await requireCurrentWork(trx, pupil.limits, 'report', orgId, pow.bits - pupil.powBits, now);
        let session: PupilSessionDto;
        try {
          session = await nested(trx, async () => {
            const clash = await reportClashes(trx, reportId, lookupHash);
            if (clash.id) throw new ApiError(409, 'conflict', 'Report id already used');
            if (clash.lookupHash) throw new ApiError(409, 'conflict', 'Receipt already used');
            await insertReport(trx, {
              id: reportId,
              org_id: orgId,
              lookup_hash: lookupHash,
              urgent: input.urgent ? 1 : 0,
              status: 'new',
              category: null,
              risk: null,
              assignee_id: null,
              flag: 'none',
              replies_paused: 0,
              org_key_version: input.orgKeyVersion,
              body,
              thread_key_sealed: threadKeySealed,
              thread_key_pupil: threadKeyPupil,
              staff_key_sealed: null,
              created_hour: hour,
              first_answer_at: null,
              updated_at: hour,
              // The pupil waits for an answer from now (an hour, like all pupil times).
              waiting_since: hour,
            });
            await appendAudit(
              trx,
              {
                orgId,
                actorId: null,
                action: 'report.received',
                subjectType: 'report',
                subjectId: reportId,
                at: coarseHour(now),
              },
              dialect,
            );
            return startPupilSession(trx, reportId, now);
          });
        } catch (err) {
          // Two pupils racing for the same id: the second one's constraint fails.
          if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'Report already exists');
          throw err;
        }
        // Stored: now it counts towards the school's load, in the same commit.
        return { session, load: await countAccepted(trx, pupil.limits, 'report', orgId, now) };
      },
      { keepWhen: isRefusal },
    );
    // After the commit, in the background [Note: content-free alerts]; during a flood, one alert
    // for the whole flood.
    if (load.floodBegan) c.var.deps.alerts.notify({ kind: 'flood', orgId, urgent: true });
    else if (!load.flooded) {
      c.var.deps.alerts.notify({ kind: 'report', orgId, reportId, urgent: input.urgent });
    }
    return c.json<SubmitReportDto>({ reportId, session }, 201);
  });
}
