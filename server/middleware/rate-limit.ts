// [Note: rate limits] Guessing receipts and flooding a school are held back by proof of work and
// by fixed-window counters keyed by what the request is about: `purpose:orgId` for reports and
// receipt openings, `purpose:reportId` for a pupil session's reads, messages and attachments.
// Never by IP address or any header: a whole school shares one address, and a pupil must not be
// traceable through one. The counters live in this process's memory, so with several processes
// (a PostgreSQL deployment behind a balancer) each keeps its own and the limit multiplies; a
// shared counter is left for later. A refused request still counts, so retrying does not help.
import { RateLimitError } from '../errors.ts';

export const RATE_WINDOW_MS = 10 * 60 * 1000;

/** Requests allowed per window of RATE_WINDOW_MS. */
export interface PupilRateLimits {
  /** New reports, per school. */
  reportsPerSchool: number;
  /** Receipt openings (right or wrong code), per school. */
  receiptsPerSchool: number;
  /** Thread reads and attachment downloads, per report. */
  threadReadsPerReceipt: number;
  /** Pupil messages, per report. */
  messagesPerReceipt: number;
  /** Attachment uploads, per report. */
  attachmentsPerReceipt: number;
}

export const DEFAULT_RATE_LIMITS: PupilRateLimits = {
  reportsPerSchool: 30,
  receiptsPerSchool: 300,
  threadReadsPerReceipt: 120,
  messagesPerReceipt: 30,
  attachmentsPerReceipt: 20,
};

export type RatePurpose = 'report' | 'receipt' | 'read' | 'message' | 'attachment';

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  /** Counts one request; throws 429 with the seconds until the window ends once over `limit`. */
  hit(purpose: RatePurpose, id: string, limit: number, now: Date): void {
    const t = now.getTime();
    this.sweep(t);
    const key = `${purpose}:${id}`;
    let w = this.windows.get(key);
    if (!w || t - w.start >= RATE_WINDOW_MS) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count > limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + RATE_WINDOW_MS - t) / 1000));
      throw new RateLimitError(retryAfter);
    }
  }

  /** Drops finished windows at most once a window, so memory follows the active keys only. */
  private sweep(t: number): void {
    if (t - this.lastSweep < RATE_WINDOW_MS) return;
    this.lastSweep = t;
    for (const [key, w] of this.windows) {
      if (t - w.start >= RATE_WINDOW_MS) this.windows.delete(key);
    }
  }
}
