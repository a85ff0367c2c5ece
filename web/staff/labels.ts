// Words for the codes the server stores (status, triage category, risk level, flag).
import type { EscalationItemDto, EscalationPackage } from '../../shared/protocol/escalations.ts';
import { formatDate } from './format-time.ts';
import { ts, type StaffKey } from './i18n.ts';

export const STATUS_LABEL: Record<string, StaffKey> = {
  new: 'statusNew',
  in_progress: 'statusInProgress',
  waiting_for_pupil: 'statusWaiting',
  closed: 'statusClosed',
};
export const CATEGORY_LABEL: Record<string, StaffKey> = {
  domestic_violence: 'catDomestic',
  peer_violence: 'catPeer',
  cyberbullying: 'catCyber',
  self_harm: 'catSelfHarm',
  sexual_abuse: 'catSexual',
  neglect: 'catNeglect',
  family_crisis: 'catFamily',
  emotional: 'catEmotional',
  other: 'catOther',
};
export const RISK_LABEL: Record<string, StaffKey> = {
  low: 'riskLow',
  medium: 'riskMedium',
  high: 'riskHigh',
  critical: 'riskCritical',
};
/** The language the pupil wrote in, as a word ("polski"), not a code. */
export const LANGUAGE_NAME: Record<string, StaffKey> = {
  pl: 'langPl',
  uk: 'langUk',
  en: 'langEn',
};
/** What the pupil chose in the wizard (inside the encrypted report). */
export const PUPIL_CATEGORY_LABEL: Record<string, StaffKey> = {
  home: 'pupilHome',
  school: 'pupilSchool',
  online: 'pupilOnline',
  self: 'pupilSelf',
  friend: 'pupilFriend',
  other: 'pupilOther',
};

export function hoursSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 3_600_000));
}

export const ESC_STATUS_LABEL: Record<string, StaffKey> = {
  open: 'escOpen',
  in_progress: 'escInProgress',
  closed: 'escClosed',
};
export const RESULT_LABEL: Record<string, StaffKey> = {
  support_provided: 'resSupport',
  referred_to_partner: 'resReferred',
  niebieska_karta_started: 'resNiebieska',
  family_declined: 'resDeclined',
  no_action_needed: 'resNoAction',
  returned_to_school: 'resReturned',
};
export const SERVICE_LABEL: Record<string, StaffKey> = {
  psychological_counselling: 'svcPsych',
  family_therapy: 'svcFamily',
  couple_therapy: 'svcCouple',
  parents_school: 'svcParents',
  support_group: 'svcGroup',
  crisis_intervention: 'svcCrisis',
  crisis_stay: 'svcStay',
  referral_to_partner: 'svcReferral',
};

/** The school's triage in words ("przemoc domowa · ryzyko wysokie"), as handed to the CdR. */
export function triageText(t: { category: string | null; risk: string | null }): string {
  const parts = [
    t.category ? ts(CATEGORY_LABEL[t.category] ?? 'catOther') : null,
    t.risk ? `${ts('risk')}: ${ts(RISK_LABEL[t.risk] ?? 'riskLow')}` : null,
  ].filter((p) => p !== null);
  return parts.length > 0 ? parts.join(' · ') : ts('pkgTriageNone');
}

/** An escalation named as a case: "3 gru 2026 · przemoc domowa · SP3" (the school's triage, else
 * what the pupil chose, else nothing), so two cases of one school read apart. */
export function escalationTitle(
  item: Pick<EscalationItemDto, 'createdAt' | 'school'>,
  pkg: Pick<EscalationPackage, 'triage' | 'report'>,
): string {
  const triage = pkg.triage?.category;
  const category = triage
    ? ts(CATEGORY_LABEL[triage] ?? 'catOther')
    : pkg.report
      ? ts(PUPIL_CATEGORY_LABEL[pkg.report.category] ?? 'pupilOther')
      : null;
  return [formatDate(item.createdAt), category, item.school.code].filter(Boolean).join(' · ');
}
