// The staff worker's escalation operations [Note: escalation keys]: composing the hand-over in
// the counsellor's browser, and opening it (package, reason, the CdR–school thread, outcome
// notes, the handed-over pupil thread) in the CdR's or the school's.
import {
  composeEscalation,
  composeOutcomeNote,
  newUuid,
  openAttachments,
  isBound,
  openEscalation,
  openMessages,
  openOutcomeNote,
  openSealedKey,
  fromB64,
} from '../../shared/crypto/index.ts';
import type { EscalationCaseDto, EscalationPackage } from '../../shared/protocol/escalations.ts';
import type { OrgKeyVersion } from './staff-ops.ts';
import { loadSodium } from './sodium.ts';

export async function prepareEscalation(args: {
  reportId: string;
  cdrBoxPublicKey: Uint8Array;
  schoolBoxPublicKey: Uint8Array;
  pkg: EscalationPackage;
  reason: string;
  signSecretKey: Uint8Array;
  threadKey: Uint8Array | null;
}) {
  const sodium = await loadSodium();
  const escalationId = newUuid(sodium);
  const { escKey: _escKey, ...fields } = composeEscalation(sodium, { ...args, escalationId });
  return { id: escalationId, ...fields };
}

export async function openEscalationCase(args: {
  dto: EscalationCaseDto;
  orgKeys: OrgKeyVersion[];
  schoolSignKeys: Uint8Array[];
  cdrSignKeys: Uint8Array[];
}) {
  const sodium = await loadSodium();
  const { dto } = args;
  const item = dto.item;
  const org = args.orgKeys.find((k) => k.version === dto.keyVersion);
  if (!org) throw new Error(`no organisation key of version ${dto.keyVersion}`);
  const { escKey, pkg, reason } = openEscalation(sodium, {
    reportId: item.reportId,
    escalationId: item.id,
    escKeySealed: dto.escKeySealed,
    orgBoxPublicKey: org.keys.boxPublicKey,
    orgBoxSecretKey: org.keys.boxSecretKey,
    package: dto.package,
    packageSignature: dto.packageSignature,
    reason: dto.reason,
    reasonSignature: dto.reasonSignature,
    createdBy: dto.createdBy,
    schoolSignKeys: args.schoolSignKeys,
  });
  const signers = { school: args.schoolSignKeys, cdr: args.cdrSignKeys };
  const orgIds = { school: item.school.id, cdr: item.cdrOrgId };
  const cdrThread = openMessages(sodium, escKey, item.reportId, dto.messages, signers, orgIds);
  const outcomes = dto.outcomes.map((o) => ({
    id: o.id,
    service: o.service,
    createdAt: o.createdAt,
    note:
      o.note && o.signature
        ? openOutcomeNote(sodium, {
            escKey,
            reportId: item.reportId,
            id: o.id,
            note: o.note,
            signature: o.signature,
            author: o.author,
            cdrSignKeys: args.cdrSignKeys,
          })
        : null,
  }));
  let pupil = null;
  if (dto.pupilThread) {
    const threadKey = openSealedKey(
      sodium,
      fromB64(dto.pupilThread.threadKeySealedCdr),
      org.keys.boxPublicKey,
      org.keys.boxSecretKey,
    );
    pupil = {
      threadKey,
      ...openMessages(sodium, threadKey, item.reportId, dto.pupilThread.messages, signers, orgIds),
      // Files sent with later messages of the conversation [Note: hand-over point], each where
      // its sealed metadata says it belongs [Note: attachment binding].
      attachments: openAttachments(
        sodium,
        threadKey,
        item.reportId,
        dto.pupilThread.attachments,
      ).filter(isBound),
    };
  }
  return { escKey, pkg, reason, cdrThread, outcomes, pupil };
}

export async function composeOutcome(
  escKey: Uint8Array,
  reportId: string,
  text: string,
  signSecretKey: Uint8Array,
) {
  return composeOutcomeNote(await loadSodium(), { escKey, reportId, text, signSecretKey });
}
