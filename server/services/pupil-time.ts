// [Note: coarse pupil time] Times caused by a pupil (a report's created_hour, a pupil message's or
// attachment's created_at, a report's updated_at when the pupil changed it, the 'report.received'
// audit entry) are stored truncated to the hour. A minute-exact time could be laid over the
// school timetable ("sent at 10:47, in the break after 3b's maths") and single a child out.
// Times that must bound something (a pupil session's expiry, a spent proof of work's) are rounded
// up to a whole hour instead, so they bound at least as long and say no more than the hour.

const HOUR_MS = 60 * 60 * 1000;

/** The start of the hour of `at`, in ISO form, e.g. 2026-11-23T10:00:00.000Z. */
export function coarseHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export const coarseHourIso = (at: Date): string => coarseHour(at).toISOString();

/** The first whole hour at or after `at`, in ISO form. */
export function ceilHourIso(at: Date): string {
  return new Date(Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS).toISOString();
}
