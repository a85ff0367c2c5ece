// English words of one case across the school and the CdR (see handover-pl.ts).
export const enHandover = {
  escalatedBadge: 'handed to the CdR',
  actEscalated: 'handed over to the family centre',
  actEscMessage: 'message in the school–CdR thread',
  actCdrWrotePupil: 'a CdR specialist wrote to the pupil',
  actEscClosed: 'the CdR closed the case',
  pkgTriage: "School's assessment",
  pkgTriageNone: 'the school did not assess the report',
  pkgTriageSent: "The school's assessment goes with the hand-over: {triage}.",
  laterFiles: 'Photos sent after the hand-over',
};
