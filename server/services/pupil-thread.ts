// What a pupil sees of their report: the report body, the pupil thread (never the CdR-school
// thread) with each staff author's keys and endorsement, and the attachments they may open.
import type {
  PupilThreadDto,
  ThreadAttachmentDto,
  ThreadMessageDto,
} from '../../shared/protocol/pupil.ts';
import type { DbOrTrx } from '../db/database.ts';
import { listPupilAttachments, type AttachmentInfo } from '../db/repositories/attachments.ts';
import { listThreadMessages, type MessageWithAuthor } from '../db/repositories/messages.ts';
import { escalationState } from '../db/repositories/reports.ts';
import type { Report } from '../db/tables/reports.ts';
import { encodeField } from './wire-bytes.ts';

/** A thread message as clients verify it; the staff case view shows the same. */
export function messageDto(m: MessageWithAuthor): ThreadMessageDto {
  const staff = m.author_id !== null && m.author_sign_public_key !== null;
  return {
    id: m.id,
    seq: m.seq,
    authorRole: m.author_role,
    blob: encodeField(m.blob),
    signature: m.signature ? encodeField(m.signature) : null,
    author: staff
      ? {
          signPublicKey: m.author_sign_public_key ?? '',
          boxPublicKey: m.author_box_public_key ?? '',
          endorsement: m.author_endorsement,
        }
      : null,
    createdAt: m.created_at,
  };
}

/** An attachment as clients open it (metadata and wrapped key; the bytes come separately). */
export function attachmentDto(a: AttachmentInfo): ThreadAttachmentDto {
  return {
    id: a.id,
    messageId: a.message_id,
    uploaderRole: a.uploader_role,
    fileKeyWrapped: encodeField(a.file_key_wrapped),
    meta: encodeField(a.meta),
    size: a.size,
  };
}

export async function pupilThread(db: DbOrTrx, report: Report): Promise<PupilThreadDto> {
  const [messages, attachments, escalation] = await Promise.all([
    listThreadMessages(db, report.id, 'pupil'),
    listPupilAttachments(db, report.id),
    escalationState(db, report.id),
  ]);
  return {
    reportId: report.id,
    orgId: report.org_id,
    orgKeyVersion: report.org_key_version,
    status: report.status,
    escalated: escalation.escalated,
    cdrOrgId: escalation.cdrOrgId,
    repliesPaused: report.replies_paused !== 0,
    createdHour: report.created_hour,
    body: encodeField(report.body),
    threadKeyPupil: encodeField(report.thread_key_pupil),
    messages: messages.map(messageDto),
    attachments: attachments.map(attachmentDto),
  };
}
