// [Note: certificate rollback] A server could replay an organisation's older certificate (a key a
// member who left still holds). Every certificate the app accepts must be at least as new as the
// newest one the server lists for that organisation and as the newest this page has accepted
// before (remembered here, in memory only, for the life of the page: a version number carries
// nothing of a visit, so a pupil's wipe() keeps it and a shared tablet keeps refusing the replay).
// A server that hides every newer version from a page that never saw one cannot be caught here;
// the poster's fingerprint ([Note: poster link]) is the check that does not depend on the server.
const highest = new Map<string, number>();

/** The highest certificate version this page has accepted for the organisation (0: none). */
export const seenVersion = (orgId: string): number => highest.get(orgId) ?? 0;

export function sawVersion(orgId: string, version: number): void {
  if (version > seenVersion(orgId)) highest.set(orgId, version);
}
