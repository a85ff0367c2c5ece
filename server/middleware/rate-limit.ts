// [Note: rate limits] Hard limits are kept only where they cannot be turned against an honest
// pupil: per report, on what only the holder of its receipt (a pupil session) can spend: thread
// reads and attachment downloads, messages, uploads. Per school, nothing is refused for load; the
// proof of work gets dearer instead [Note: admission]. Never keyed by IP address or any header: a
// whole school shares one address, and a pupil must not be traceable through one. The counts live
// in the database (admission_load, fixed clock-hour windows), so several server processes share
// them; a row names a report and a whole hour only [Note: coarse pupil time], and goes within two
// hours.
import { addLoad } from '../db/repositories/admission.ts';
import type { DbOrTrx } from '../db/database.ts';
import { RateLimitError } from '../errors.ts';
import { admissionWindow, type AdmissionLimits } from '../services/admission.ts';

/** The pupil flow's limits: how difficulty follows a school's load, and per-report limits. */
export interface PupilRateLimits extends AdmissionLimits {
  /** Thread reads and attachment downloads, per report per clock hour. */
  threadReadsPerReceipt: number;
  /** Pupil messages, per report per clock hour. */
  messagesPerReceipt: number;
  /** Attachment uploads, per report per clock hour. */
  attachmentsPerReceipt: number;
}

export const DEFAULT_RATE_LIMITS: PupilRateLimits = {
  maxExtraBits: 4,
  reportsPerBit: 20,
  receiptsPerBit: 100,
  threadReadsPerReceipt: 240,
  messagesPerReceipt: 60,
  attachmentsPerReceipt: 40,
};

export type RatePurpose = 'read' | 'message' | 'attachment';

/** Counts one request on a report; throws 429 with the seconds until the window ends once over. */
export async function hitPerReport(
  db: DbOrTrx,
  purpose: RatePurpose,
  reportId: string,
  limit: number,
  now: Date,
): Promise<void> {
  const w = admissionWindow(now);
  const row = await addLoad(db, `${purpose}:${reportId}`, w);
  if (row.count > limit) throw new RateLimitError(Math.max(1, Math.ceil(w.remainingMs / 1000)));
}
