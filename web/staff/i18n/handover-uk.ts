// Ukrainian words of one case across the school and the CdR (see handover-pl.ts).
export const ukHandover = {
  escalatedBadge: 'передано до ЦС',
  pkgTriage: 'Оцінка школи',
  pkgTriageNone: 'школа не оцінила звернення',
  pkgTriageSent: 'Разом із передачею йде оцінка школи: {triage}.',
  laterFiles: 'Фото, надіслані після передачі',
};
