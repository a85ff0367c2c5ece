// The staff endpoints (shared/protocol/staff.ts). The session is an HttpOnly cookie the page
// never sees; state-changing calls carry the CSRF header (common/api.ts).
import type { CertificateDto, OrganisationListDto } from '../../shared/protocol/orgs.ts';
import type {
  EscalationCaseDto,
  EscalationItemDto,
  HelpEntryDto,
  HelpEntryInput,
} from '../../shared/protocol/escalations.ts';
import type {
  AlertSettingsDto,
  CaseDto,
  InboxDto,
  InvitationCreatedDto,
  InvitationDto,
  LoginParamsDto,
  MemberDto,
  StaffMeDto,
} from '../../shared/protocol/staff.ts';
import type { AdminOrgDto, AdminOrgListDto, OrgSettingsDto } from '../../shared/protocol/admin.ts';
import type { PendingKeysDto, PendingKeyVersionDto } from '../../shared/protocol/staff.ts';
import type {
  OrgRecoveryOpenDto,
  OrgRecoveryStatusDto,
} from '../../shared/protocol/org-recovery.ts';
import type { PreviewsDto } from '../../shared/protocol/inbox-previews.ts';
import { request, requestJson } from '../common/api.ts';

const base = '/api/staff';
const post = <T>(path: string, json: unknown) =>
  requestJson<T>(`${base}${path}`, { method: 'POST', json });

export const staffApi = {
  loginParams: (login: string) => post<LoginParamsDto>('/login/params', { login }),
  login: (login: string, authKey: string, totp: string) =>
    post<StaffMeDto>('/login', { login, authKey, totp }),
  logout: () => request(`${base}/logout`, { method: 'POST', json: {} }).catch(() => undefined),
  recoveryParams: (login: string) =>
    post<{ recoveryWrappedKeys: string }>('/recovery/params', { login }),
  recover: (body: unknown) => request(`${base}/recovery`, { method: 'POST', json: body }),
  me: () => requestJson<StaffMeDto>(`${base}/me`),
  changePassword: (body: unknown) => request(`${base}/me/password`, { method: 'PUT', json: body }),
  inbox: (filter: string, status: string, page = 0) =>
    requestJson<InboxDto>(
      `${base}/reports?filter=${filter}${status ? `&status=${status}` : ''}&page=${page}`,
    ),
  previews: (ids: string[]) =>
    requestJson<PreviewsDto>(`${base}/reports/previews?ids=${ids.join(',')}`),
  report: (id: string) => requestJson<CaseDto>(`${base}/reports/${id}`),
  reply: (id: string, body: unknown) => post<{ id: string }>(`/reports/${id}/messages`, body),
  setStaffKey: (id: string, staffKeySealed: string) =>
    request(`${base}/reports/${id}/staff-key`, { method: 'POST', json: { staffKeySealed } }),
  addNote: (id: string, body: unknown) => post<{ id: string }>(`/reports/${id}/notes`, body),
  triage: (id: string, body: unknown) =>
    request(`${base}/reports/${id}`, { method: 'PATCH', json: body }),
  attachment: async (id: string, attachmentId: string) =>
    new Uint8Array(
      await (await request(`${base}/reports/${id}/attachments/${attachmentId}`)).arrayBuffer(),
    ),
  members: () => requestJson<MemberDto[]>(`${base}/members`),
  grant: (memberId: string, body: unknown) =>
    request(`${base}/members/${memberId}/grant`, { method: 'POST', json: body }),
  renewMember: (memberId: string, secretSealed: string) =>
    post<InvitationCreatedDto>(`/members/${memberId}/renew`, { secretSealed }),
  proposeKeyVersion: (body: unknown) =>
    post<{ version: number; grants: number }>('/org-key/versions', body),
  foundOrgKey: (body: unknown) => post<{ version: number }>('/org-key/founding', body),
  activateFounder: (endorsement: string) =>
    request(`${base}/org-key/founding/activate`, { method: 'POST', json: { endorsement } }),
  createOrg: (body: unknown) => post<AdminOrgDto>('/admin/orgs', body),
  pendingKeyVersion: () => requestJson<PendingKeyVersionDto>(`${base}/org-key/versions/pending`),
  withdrawKeyVersion: () => request(`${base}/org-key/versions/pending`, { method: 'DELETE' }),
  recoveryStatus: () => requestJson<OrgRecoveryStatusDto>(`${base}/org-recovery`),
  setRecovery: (body: unknown) =>
    requestJson<OrgRecoveryStatusDto>(`${base}/org-recovery`, { method: 'PUT', json: body }),
  openRecovery: (authKey: string) => post<OrgRecoveryOpenDto>('/org-recovery/open', { authKey }),
  recoveryGrant: (body: unknown) =>
    request(`${base}/org-recovery/grant`, { method: 'POST', json: body }),
  deactivate: (staffId: string) =>
    request(`${base}/admin/staff/${staffId}/deactivate`, { method: 'POST', json: {} }),
  adminOrgs: () => requestJson<AdminOrgListDto>(`${base}/admin/orgs`),
  saveOrg: (id: string, body: OrgSettingsDto) =>
    request(`${base}/admin/orgs/${id}`, { method: 'PUT', json: body }),
  pendingKeys: () => requestJson<PendingKeysDto>(`${base}/admin/pending-keys`),
  adminWithdrawKey: (orgId: string) =>
    request(`${base}/admin/pending-keys/${orgId}`, { method: 'DELETE' }),
  adminInvite: (orgId: string, body: unknown) =>
    post<InvitationCreatedDto>(`/admin/orgs/${orgId}/invitations`, body),
  adminRenew: (staffId: string, secretSealed: string) =>
    post<InvitationCreatedDto>(`/admin/staff/${staffId}/renew`, { secretSealed }),
  invite: (body: unknown) => post<InvitationCreatedDto>('/invitations', body),
  openInvitation: (id: string, token: string) =>
    post<InvitationDto>(`/invitations/${id}/open`, { token }),
  acceptInvitation: (id: string, body: unknown) =>
    post<StaffMeDto>(`/invitations/${id}/accept`, body),
  alerts: () => requestJson<AlertSettingsDto>(`${base}/me/alerts`),
  saveAlerts: (body: AlertSettingsDto) =>
    request(`${base}/me/alerts`, { method: 'PUT', json: body }),
  escalate: (reportId: string, body: unknown) =>
    post<{ id: string }>(`/reports/${reportId}/escalations`, body),
  escalations: () =>
    requestJson<EscalationItemDto[] | { items: EscalationItemDto[] }>(`${base}/escalations`).then(
      (r) => (Array.isArray(r) ? r : r.items),
    ),
  escalation: (id: string) => requestJson<EscalationCaseDto>(`${base}/escalations/${id}`),
  escalationMessage: (id: string, body: unknown) =>
    post<{ id: string }>(`/escalations/${id}/messages`, body),
  escalationPupilMessage: (id: string, body: unknown) =>
    post<{ id: string }>(`/escalations/${id}/pupil-messages`, body),
  updateEscalation: (id: string, body: unknown) =>
    request(`${base}/escalations/${id}`, { method: 'PATCH', json: body }),
  addOutcome: (id: string, body: unknown) =>
    post<{ id: string }>(`/escalations/${id}/outcomes`, body),
  closeEscalation: (id: string, result: string) =>
    request(`${base}/escalations/${id}/close`, { method: 'POST', json: { result } }),
  escalationAttachment: async (id: string, attachmentId: string) =>
    new Uint8Array(
      await (await request(`${base}/escalations/${id}/attachments/${attachmentId}`)).arrayBuffer(),
    ),
  organisations: () => requestJson<OrganisationListDto>('/api/orgs'),
  help: () => requestJson<HelpEntryDto[]>('/api/help'),
  saveHelp: (id: string | null, entry: HelpEntryInput) =>
    id
      ? request(`${base}/help/${id}`, { method: 'PUT', json: entry })
      : request(`${base}/help`, { method: 'POST', json: entry }),
  deleteHelp: (id: string) => request(`${base}/help/${id}`, { method: 'DELETE' }),
  certificates: (orgId: string) =>
    requestJson<{ certificates: CertificateDto[] }>(`/api/orgs/${orgId}/certificates`),
};
