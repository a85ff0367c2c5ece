// Polish words of one case across the school and the CdR: the hand-over marker, its history
// entries, the triage that goes with it, the files sent after it.
export const plHandover = {
  escalatedBadge: 'przekazane do CdR',
  pkgTriage: 'Ocena szkoły',
  pkgTriageNone: 'szkoła nie oceniła zgłoszenia',
  pkgTriageSent: 'Razem z przekazaniem idzie ocena szkoły: {triage}.',
  laterFiles: 'Zdjęcia wysłane po przekazaniu',
};
