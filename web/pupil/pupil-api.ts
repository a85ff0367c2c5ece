// The pupil endpoints (shared/protocol/pupil.ts). The bearer token lives in memory only.
import type { OrganisationDto, CertificateDto } from '../../shared/protocol/orgs.ts';
import type {
  ChallengeDto,
  OpenReceipt,
  OpenReceiptDto,
  PostMessage,
  PupilThreadDto,
  SubmitReport,
  SubmitReportDto,
} from '../../shared/protocol/pupil.ts';
import type { PupilConfigDto } from '../../shared/protocol/pupil-config.ts';
import { request, requestJson } from '../common/api.ts';

export const pupilApi = {
  config: (kiosk: string | undefined) =>
    requestJson<PupilConfigDto>(
      `/api/pupil/config${kiosk ? `?kiosk=${encodeURIComponent(kiosk)}` : ''}`,
    ),
  schoolByCode: (code: string) =>
    requestJson<OrganisationDto>(`/api/orgs/by-code/${encodeURIComponent(code)}`),
  schoolById: (id: string) => requestJson<OrganisationDto>(`/api/orgs/${encodeURIComponent(id)}`),
  certificates: (orgId: string) =>
    requestJson<{ certificates: CertificateDto[] }>(`/api/orgs/${orgId}/certificates`),
  challenge: (orgId: string, purpose: 'report' | 'receipt') =>
    requestJson<ChallengeDto>('/api/pupil/challenges', { json: { orgId, purpose } }),
  submitReport: (body: SubmitReport) =>
    requestJson<SubmitReportDto>('/api/pupil/reports', { json: body }),
  openReceipt: (body: OpenReceipt) =>
    requestJson<OpenReceiptDto>('/api/pupil/receipts', { json: body }),
  thread: (token: string) => requestJson<PupilThreadDto>('/api/pupil/thread', { token }),
  postMessage: (token: string, body: PostMessage) =>
    requestJson<{ id: string; seq: number }>('/api/pupil/messages', { json: body, token }),
  uploadAttachment: (token: string, form: FormData) =>
    requestJson<{ id: string }>('/api/pupil/attachments', { form, token }),
  downloadAttachment: async (token: string, id: string) =>
    new Uint8Array(await (await request(`/api/pupil/attachments/${id}`, { token })).arrayBuffer()),
  endSession: (token: string) =>
    request('/api/pupil/session', { method: 'DELETE', token, keepalive: true }).catch(
      () => undefined,
    ),
};
