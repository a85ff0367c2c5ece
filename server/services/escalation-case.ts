// The escalation as one of its parties opens it (EscalationCaseDto): K_esc sealed to the caller's
// own organisation key, the signed package and reason, the CdR-school thread, the outcomes, and,
// for the CdR only and only once handed over, the pupil thread.
import type {
  CDR_SERVICES,
  EscalationCaseDto,
  OutcomeDto,
  SignedByDto,
} from '../../shared/protocol/escalations.ts';
import type { AuthorKeys } from '../db/repositories/author-keys.ts';
import type { DbOrTrx } from '../db/database.ts';
import {
  findEscalationRow,
  findStaffKeys,
  listAttachmentsAfterHandover,
  listEscalationHistory,
  listOutcomes,
} from '../db/repositories/escalations.ts';
import { listThreadMessages } from '../db/repositories/messages.ts';
import type { Escalation } from '../db/tables/escalations.ts';
import { notFound } from '../errors.ts';
import { escalationItem, type EscalationSide } from './escalation-access.ts';
import { attachmentDto, messageDto } from './pupil-thread.ts';
import { encodeField } from './wire-bytes.ts';

/** The escalating counsellor, with their keys as they were when they escalated. */
async function signedBy(
  db: DbOrTrx,
  staffId: string,
  snapshot: string | null,
): Promise<SignedByDto> {
  const s = await findStaffKeys(db, staffId);
  if (!s) throw notFound('Author');
  const keys = snapshot ? (JSON.parse(snapshot) as AuthorKeys) : s;
  return {
    id: s.id,
    signPublicKey: keys.sign_public_key,
    boxPublicKey: keys.box_public_key,
    endorsement: keys.org_endorsement,
    orgId: s.org_id ?? '',
  };
}

// Rows written before signatures existed have none; the client then refuses to vouch for them.
const sig = (bytes: Uint8Array | null) => (bytes ? encodeField(bytes) : '');

export async function escalationCaseView(
  db: DbOrTrx,
  e: Escalation & { side: EscalationSide },
  callerOrgId: string,
): Promise<EscalationCaseDto> {
  const forCdr = e.side === 'cdr';
  const handedOver = forCdr && e.thread_key_sealed_cdr !== null;
  const [row, createdBy, messages, outcomes, pupilMessages, pupilAttachments, history] =
    await Promise.all([
      findEscalationRow(db, e.id),
      signedBy(db, e.created_by, e.created_by_keys),
      listThreadMessages(db, e.report_id, 'cdr'),
      listOutcomes(db, e.id),
      handedOver ? listThreadMessages(db, e.report_id, 'pupil') : Promise.resolve([]),
      handedOver
        ? listAttachmentsAfterHandover(db, e.report_id, e.handover_seq)
        : Promise.resolve([]),
      listEscalationHistory(db, callerOrgId, e.id),
    ]);
  if (!row) throw notFound('Escalation');
  return {
    item: escalationItem(row),
    escKeySealed: encodeField(forCdr ? e.esc_key_sealed_cdr : e.esc_key_sealed_school),
    keyVersion: forCdr ? e.cdr_key_version : e.school_key_version,
    package: encodeField(e.package),
    packageSignature: sig(e.package_signature),
    reason: encodeField(e.reason),
    reasonSignature: sig(e.reason_signature),
    createdBy,
    messages: messages.map(messageDto),
    outcomes: outcomes.map((o): OutcomeDto => ({
      id: o.id,
      // Written only through OutcomeSchema's picklist.
      service: o.service as (typeof CDR_SERVICES)[number],
      note: o.note ? encodeField(o.note) : null,
      signature: o.signature ? encodeField(o.signature) : null,
      author: {
        id: o.author_id,
        signPublicKey: o.author_sign_public_key,
        boxPublicKey: o.author_box_public_key,
        endorsement: o.author_endorsement,
        orgId: o.author_org_id ?? '',
      },
      createdAt: o.created_at,
    })),
    pupilThread:
      handedOver && e.thread_key_sealed_cdr
        ? {
            threadKeySealedCdr: encodeField(e.thread_key_sealed_cdr),
            messages: pupilMessages.map(messageDto),
            attachments: pupilAttachments.map(attachmentDto),
          }
        : null,
    history: history.map((h) => ({ action: h.action, actorId: h.actor_id, at: h.created_at })),
  };
}
