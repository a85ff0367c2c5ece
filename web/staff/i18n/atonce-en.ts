// English words of the workspace seen at once (see atonce-pl.ts).
import type { plAtOnce } from './atonce-pl.ts';

export const enAtOnce: Record<keyof typeof plAtOnce, string> = {
  langPl: 'Polish',
  langUk: 'Ukrainian',
  langEn: 'English',
  deactivateTitle: 'Switch off the account of {name}?',
  deactivateText:
    '{name} loses access at once: their sessions end and sign-in stops working. Nothing is deleted. Their browser may have known the school key, though, so make a new key for the others right after.',
  deactivateConfirm: 'Switch off: {name}',
  deactivatedNext: 'Account switched off: {name}. Next, a new school key',
  deactivatedNextText:
    'Make a new school key for the rest of the team. Without it, {name} could still read new reports if they got hold of a copy. Old reports stay readable for the team.',
  rotationWaiting:
    'A new school key (version {version}) waits for the municipal administrator to sign it. Until then reports are encrypted with the current key.',
  withdrawTitle: 'Withdraw the waiting key (version {version})?',
  withdrawText:
    'The new key is dropped before the administrator signs it. You can make another one afterwards. Reports stay readable.',
  helpDeleteTitle: 'Delete the entry {name}?',
  helpDeleteText:
    '“{name}” disappears from the help directory pupils and staff see. This cannot be undone: it would have to be entered again.',
  helpDeleteConfirm: 'Delete the entry',
  helpDeleted: 'Entry deleted.',
  chooseResult: '— choose a result —',
  closeTitle: 'Close the case?',
  closeText:
    'The case will be closed with the result “{result}”. The school sees this result, and the case cannot be reopened.',
  closeConfirm: 'Close the case',
  urgentColumn: 'Urgent',
  statsResults: 'Result of the CdR case',
  statsServices: 'CdR support',
  schoolName: 'School name',
  resOpen: 'still open',
  statsTable: 'Reports by month and school',
  statsFile: 'statistics',
  chartByCategory: 'Reports by category, month by month',
  chartByCategoryText:
    'Bar chart: for each month, the number of reports in each category. The same figures are in the table below.',
  chartBySchool: 'Reports by school',
  chartBySchoolText:
    'Bar chart: for each school, the number of reports month by month. The same figures are in the table below.',
  chartsHidden:
    'The charts leave out the figures the table hides ("<5" and "*"): there is simply no bar there.',
  recoveryMade: 'Emergency key made on {date}.',
  recoveryMadeBy: 'Emergency key made on {date} by {name}.',
  recoveryLastUsed: 'Last used on {date}.',
  recoveryNeverUsed: 'Not used yet.',
  deactivateTextAdmin:
    '{name} loses access at once: their sessions end and sign-in stops working. Nothing is deleted. Afterwards someone in this school’s team must make a new school key (Team → Make a new school key), and you sign it.',
  deactivatedAdminNext:
    'Account switched off: {name}. Now ask someone in the school’s team for a new school key (Team → Make a new school key) and sign it when it appears among the keys waiting for a signature.',
  // The same steps for a family centre's team: its key is the CdR's, its work cases.
  deactivateTextCdr:
    '{name} loses access at once: their sessions end and sign-in stops working. Nothing is deleted. Their browser may have known the CdR key, though, so make a new key for the others right after.',
  deactivatedNextCdr: 'Account switched off: {name}. Next, a new CdR key',
  deactivatedNextTextCdr:
    'Make a new CdR key for the rest of the team. Without it, {name} could still read new cases if they got hold of a copy. Old cases stay readable for the team.',
  rotateKeyCdr: 'Make a new CdR key',
  rotateTitleCdr: 'Replacing the CdR key',
  rotationWaitingCdr:
    'A new CdR key (version {version}) waits for the municipal administrator to sign it. Until then cases are encrypted with the current key.',
  deactivateTextAdminCdr:
    '{name} loses access at once: their sessions end and sign-in stops working. Nothing is deleted. Afterwards someone in the CdR’s team must make a new CdR key (Team → Make a new CdR key), and you sign it.',
  deactivatedAdminNextCdr:
    'Account switched off: {name}. Now ask someone in the CdR’s team for a new CdR key (Team → Make a new CdR key) and sign it when it appears among the keys waiting for a signature.',
};
