// Ukrainian words of one case across the school and the CdR (see handover-pl.ts).
export const ukHandover = {
  escalatedBadge: 'передано до ЦС',
  actEscalated: 'передано до Центру для сімей',
  actEscMessage: 'повідомлення в розмові школа–ЦС',
  actCdrWrotePupil: 'фахівець ЦС написав учневі',
  actEscClosed: 'ЦС завершив справу',
  pkgTriage: 'Оцінка школи',
  pkgTriageNone: 'школа не оцінила звернення',
  pkgTriageSent: 'Разом із передачею йде оцінка школи: {triage}.',
  laterFiles: 'Фото, надіслані після передачі',
};
