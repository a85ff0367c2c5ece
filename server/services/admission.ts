// [Note: admission] How the pupil endpoints answer floods without refusing an honest pupil
// (docs/security.md, "Floods"). Nobody is refused for a school's load: instead, the proof of work a
// school's new challenges demand rises with the school's recent accepted load and falls back when
// it passes, in the spirit of Tor's onion-service proof-of-work defence (effort-priced admission).
//
// - Load: per school and purpose, the accepted requests of the current clock hour plus the previous
//   hour's count weighted by how much of it still lies within the last 60 minutes. Windows are
//   whole clock hours so that the only time stored is an hour, like every pupil time ([Note:
//   coarse pupil time]); the difficulty rises at once with load and is back to normal at most two
//   hours after a flood, usually sooner.
//   Accepted means stored (a report) or looked up (a receipt opening, right or wrong code): a
//   request refused for its proof of work or its body never counts.
// - Difficulty: POW_BITS plus one bit per `reportsPerBit` (or `receiptsPerBit`) of load, at most
//   `maxExtraBits` more. A challenge carries the bits it was issued at (its MAC covers them), and an
//   answer is accepted at those bits unless the school's difficulty rose more than one bit since;
//   then the answer is refused with `pow_raised`, and the client asks for a new challenge and
//   solves again, showing progress. Solving at the cap is always accepted, so a pupil's work is
//   bounded by one solve at the cap plus earlier solves each at most a quarter of the next one:
//   4/3 of a solve at the cap (docs/security.md has the seconds on a cheap tablet).
// - Spending: a challenge is spent (pow_spent, one insert with a unique key) before anything else
//   happens to the request, so every refused request, junk included, costs a fresh proof of work,
//   and two concurrent uses of one challenge get exactly one success.
// - Shared state: the counts live in admission_load, changed by single statements, so every
//   process over one database sees the same difficulty; nothing is kept in a process's memory.
// - Flood alert: the first accepted report that lifts a school above the base difficulty claims
//   the school's burst flag (one conditional update: one winner across processes) and sends one
//   content-free alert; while the flood lasts, the school's reports alert nobody one by one. When
//   the load has fallen back, the flag clears and the next report alerts as usual.
import type { PowPurpose } from '../../shared/envelope/pow.ts';
import type { DbOrTrx } from '../db/database.ts';
import {
  addLoad,
  claimBurst,
  endBurst,
  readLoad,
  type LoadRow,
} from '../db/repositories/admission.ts';
import { ApiError } from '../errors.ts';

/** Whole clock hours: window_start is then a whole hour [Note: coarse pupil time]. */
export const ADMISSION_WINDOW_MS = 60 * 60 * 1000;

/** How difficulty follows load; the base difficulty is PupilDeps.powBits. */
export interface AdmissionLimits {
  /** The most bits a school's load adds to POW_BITS. */
  maxExtraBits: number;
  /** Accepted reports of a school in an hour that add one bit to its report challenges. */
  reportsPerBit: number;
  /** Accepted receipt openings of a school in an hour that add one bit to its receipt ones. */
  receiptsPerBit: number;
}

export interface AdmissionWindow {
  start: string;
  prevStart: string;
  staleBefore: string;
  /** Part of the current window already gone, 0..1. */
  elapsed: number;
  /** Milliseconds until the current window ends. */
  remainingMs: number;
}

export function admissionWindow(now: Date): AdmissionWindow {
  const t = now.getTime();
  const start = Math.floor(t / ADMISSION_WINDOW_MS) * ADMISSION_WINDOW_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    start: iso(start),
    prevStart: iso(start - ADMISSION_WINDOW_MS),
    staleBefore: iso(start - ADMISSION_WINDOW_MS),
    elapsed: (t - start) / ADMISSION_WINDOW_MS,
    remainingMs: start + ADMISSION_WINDOW_MS - t,
  };
}

/** The requests of the last hour, estimated from the current and the previous window. */
export function recentLoad(row: LoadRow | undefined, w: AdmissionWindow): number {
  if (!row) return 0;
  if (row.window_start >= w.start) return row.count + row.prev_count * (1 - w.elapsed);
  if (row.window_start === w.prevStart) return row.count * (1 - w.elapsed);
  return 0;
}

const perBit = (limits: AdmissionLimits, purpose: PowPurpose) =>
  purpose === 'report' ? limits.reportsPerBit : limits.receiptsPerBit;

/** Extra bits for a load. */
export function levelFor(load: number, limits: AdmissionLimits, purpose: PowPurpose): number {
  return Math.min(limits.maxExtraBits, Math.floor(load / perBit(limits, purpose)));
}

const keyOf = (purpose: PowPurpose, orgId: string) => `${purpose}:${orgId}`;

/** The extra bits a school's `purpose` challenges demand now. */
export async function currentLevel(
  db: DbOrTrx,
  limits: AdmissionLimits,
  purpose: PowPurpose,
  orgId: string,
  now: Date,
): Promise<number> {
  const load = recentLoad(await readLoad(db, keyOf(purpose, orgId)), admissionWindow(now));
  return levelFor(load, limits, purpose);
}

/** The answer was solved at too low a difficulty for the school's load now: solve a new one. */
export const powRaised = () =>
  new ApiError(409, 'pow_raised', 'The school asks for more work now: ask for a new challenge');

/**
 * Refuses an answer issued at `issuedLevel` when the school's difficulty has since risen by more
 * than one bit (a stock of cheap answers solved before a flood buys nothing during it).
 */
export async function requireCurrentWork(
  db: DbOrTrx,
  limits: AdmissionLimits,
  purpose: PowPurpose,
  orgId: string,
  issuedLevel: number,
  now: Date,
): Promise<void> {
  if (issuedLevel >= limits.maxExtraBits) return;
  if (issuedLevel + 1 < (await currentLevel(db, limits, purpose, orgId, now))) throw powRaised();
}

/**
 * Counts one accepted request. For reports, says whether this one began a flood (send the one
 * flood alert) and whether the school is flooded (no alert of its own).
 */
export async function countAccepted(
  db: DbOrTrx,
  limits: AdmissionLimits,
  purpose: PowPurpose,
  orgId: string,
  now: Date,
): Promise<{ flooded: boolean; floodBegan: boolean }> {
  const key = keyOf(purpose, orgId);
  const w = admissionWindow(now);
  const row = await addLoad(db, key, w);
  const flooded = levelFor(recentLoad(row, w), limits, purpose) > 0;
  if (purpose !== 'report') return { flooded, floodBegan: false };
  if (!flooded) {
    if (row.burst) await endBurst(db, key);
    return { flooded, floodBegan: false };
  }
  return { flooded, floodBegan: row.burst === 0 && (await claimBurst(db, key)) };
}
