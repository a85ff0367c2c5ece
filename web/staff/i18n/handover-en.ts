// English words of one case across the school and the CdR (see handover-pl.ts).
export const enHandover = {
  escalatedBadge: 'handed to the CdR',
  pkgTriage: "School's assessment",
  pkgTriageNone: 'the school did not assess the report',
  pkgTriageSent: "The school's assessment goes with the hand-over: {triage}.",
  laterFiles: 'Photos sent after the hand-over',
};
