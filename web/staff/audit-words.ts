// The audit log's actions as sentences (web/staff/i18n/audit-*.ts); an action not listed shows
// its code in a sentence of its own.
import { ts, type StaffKey } from './i18n.ts';

export const AUDIT_SENTENCE: Record<string, StaffKey> = {
  'report.received': 'auReportReceived',
  'report.replied': 'auReportReplied',
  'message.received': 'auPupilWrote',
  'note.added': 'auNoteAdded',
  'report.status': 'auReportStatus',
  'report.category': 'auReportCategory',
  'report.risk': 'auReportRisk',
  'report.assigned': 'auReportAssigned',
  'report.flagged': 'auReportFlagged',
  'report.replies_paused': 'auRepliesPaused',
  'report.staff_key': 'auStaffKey',
  'attachment.added': 'auAttachment',
  'escalation.created': 'auEscCreated',
  'escalation.message': 'auEscMessage',
  'escalation.pupil_message': 'auEscPupilMessage',
  'escalation.status': 'auEscStatus',
  'escalation.assigned': 'auEscAssigned',
  'escalation.outcome': 'auEscOutcome',
  'escalation.niebieska_karta': 'auEscNiebieska',
  'escalation.closed': 'auEscClosed',
  'invitation.created': 'auInvitation',
  'staff.created': 'auStaffCreated',
  'staff.invited_accepted': 'auInviteAccepted',
  'staff.granted': 'auGranted',
  'staff.granted_by_recovery': 'auGrantedByRecovery',
  'staff.deactivated': 'auDeactivated',
  'staff.login': 'auLogin',
  'staff.login_failed': 'auLoginFailed',
  'staff.login_failed_slowed': 'auLoginSlowed',
  'staff.password_changed': 'auPasswordChanged',
  'staff.password_change_failed': 'auPasswordFailed',
  'staff.password_change_failed_slowed': 'auPasswordSlowed',
  'staff.recovered': 'auRecovered',
  'staff.recovery_failed': 'auRecoveryFailed',
  'staff.recovery_failed_slowed': 'auRecoverySlowed',
  'staff.renewal_started': 'auRenewalStarted',
  'staff.renewed': 'auRenewed',
  'org.created': 'auOrgCreated',
  'org.settings': 'auOrgSettings',
  'org.certificate_issued': 'auCertificate',
  'org.key_founded': 'auKeyFounded',
  'org.key_rotated': 'auKeyRotated',
  'org.key_rotation_withdrawn': 'auKeyWithdrawn',
  'org.recovery_key_set': 'auRecoveryKeySet',
  'org.recovery_used': 'auRecoveryUsed',
  'org.recovery_refused': 'auRecoveryRefused',
  'retention.policy': 'auRetentionPolicy',
  'retention.run': 'auRetentionRun',
  'help.created': 'auHelpCreated',
  'help.updated': 'auHelpUpdated',
  'help.deleted': 'auHelpDeleted',
};

/** An action as a sentence in the app's language ("Zmieniono kategorię zgłoszenia."). */
export function auditSentence(action: string, subjectName: string | null = null): string {
  const key = AUDIT_SENTENCE[action];
  return key ? ts(key, { subject: subjectName ?? '—' }) : ts('auUnknown', { code: action });
}
