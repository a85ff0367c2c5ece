// Escalation crypto: the CdR opens exactly the package, checks who sent it, and K_esc opens
// nothing else of the report.
import { describe, expect, it } from 'vitest';
import {
  composeEscalation,
  composeOutcomeNote,
  encryptItem,
  endorseMember,
  generateOrgKeys,
  generatePersonalKeys,
  newKey,
  openEscalation,
  openOutcomeNote,
  openSealedKey,
  decryptItem,
  fromB64,
  toB64,
} from '../../shared/crypto/index.ts';
import type { EscalationPackage } from '../../shared/protocol/escalations.ts';
import { expectCode, sodium } from './helpers.ts';

const SCHOOL = '11111111-2222-4333-8444-555555555555';
const CDR = '11111111-2222-4333-8444-666666666666';
const REPORT = '0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c11';
const ESC = '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e5f';
const school = generateOrgKeys(sodium);
const cdr = generateOrgKeys(sodium);
const counsellor = generatePersonalKeys(sodium);
const specialist = generatePersonalKeys(sodium);
const endorsement = toB64(
  endorseMember(sodium, school.signSecretKey, { orgId: SCHOOL, ...counsellor }),
);
const author = {
  orgId: SCHOOL,
  signPublicKey: toB64(counsellor.signPublicKey),
  boxPublicKey: toB64(counsellor.boxPublicKey),
  endorsement,
};
const pkg: EscalationPackage = {
  v: 1,
  report: null,
  messages: [
    { seq: 1, authorRole: 'pupil', text: 'Tata bije mamę.', createdAt: '2026-11-23T10:00:00.000Z' },
  ],
  attachments: [],
  summary: 'Przemoc domowa, dziecko boi się wracać do domu.',
};
const threadKey = newKey(sodium);
const composed = composeEscalation(sodium, {
  reportId: REPORT,
  escalationId: ESC,
  cdrBoxPublicKey: cdr.boxPublicKey,
  schoolBoxPublicKey: school.boxPublicKey,
  pkg,
  reason: 'Sprawa wykracza poza szkołę.',
  signSecretKey: counsellor.signSecretKey,
  threadKey,
});
const open = (overrides: Partial<Parameters<typeof openEscalation>[1]> = {}) =>
  openEscalation(sodium, {
    reportId: REPORT,
    escalationId: ESC,
    escKeySealed: composed.escKeySealedCdr,
    orgBoxPublicKey: cdr.boxPublicKey,
    orgBoxSecretKey: cdr.boxSecretKey,
    package: composed.package,
    packageSignature: composed.packageSignature,
    reason: composed.reason,
    reasonSignature: composed.reasonSignature,
    createdBy: author,
    schoolSignKeys: [school.signPublicKey],
    ...overrides,
  });

describe('escalation to the CdR', () => {
  it('opens for the CdR and for the school, with the handed-over thread key for the CdR', () => {
    const opened = open();
    expect(opened.pkg).toEqual(pkg);
    expect(opened.reason).toBe('Sprawa wykracza poza szkołę.');
    const forSchool = open({
      escKeySealed: composed.escKeySealedSchool,
      orgBoxPublicKey: school.boxPublicKey,
      orgBoxSecretKey: school.boxSecretKey,
    });
    expect(forSchool.escKey).toEqual(opened.escKey);
    expect(
      openSealedKey(
        sodium,
        fromB64(composed.threadKeySealedCdr!),
        cdr.boxPublicKey,
        cdr.boxSecretKey,
      ),
    ).toEqual(threadKey);
  });

  it('refuses a package from an unendorsed author, a moved package and a tampered reason', () => {
    expectCode(
      () =>
        open({
          createdBy: {
            ...author,
            endorsement: toB64(
              endorseMember(sodium, cdr.signSecretKey, { orgId: SCHOOL, ...counsellor }),
            ),
          },
        }),
      'bad_signature',
    );
    expectCode(
      () => open({ escalationId: '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e60' }),
      'bad_signature',
    );
    const reason = fromB64(composed.reason);
    reason[reason.length - 1] = (reason[reason.length - 1] ?? 0) ^ 1;
    expectCode(() => open({ reason: toB64(reason) }), 'bad_signature');
  });

  it('gives the CdR nothing that was not handed over', () => {
    const { escKey } = open();
    const bodyAd = {
      reportId: REPORT,
      kind: 'report' as const,
      itemId: REPORT,
      authorRole: 'pupil' as const,
    };
    const body = encryptItem(sodium, threadKey, { secret: 'report body' }, bodyAd);
    expectCode(() => decryptItem(sodium, escKey, body, bodyAd), 'decrypt_failed');
    const noteAd = {
      reportId: REPORT,
      kind: 'note' as const,
      itemId: ESC,
      authorRole: 'counsellor' as const,
    };
    const note = encryptItem(sodium, newKey(sodium), { v: 1, text: 'staff only' }, noteAd);
    expectCode(() => decryptItem(sodium, escKey, note, noteAd), 'decrypt_failed');
  });

  it('round-trips a signed outcome note', () => {
    const { escKey } = open();
    const specialistAuthor = {
      orgId: CDR,
      signPublicKey: toB64(specialist.signPublicKey),
      boxPublicKey: toB64(specialist.boxPublicKey),
      endorsement: toB64(endorseMember(sodium, cdr.signSecretKey, { orgId: CDR, ...specialist })),
    };
    const o = composeOutcomeNote(sodium, {
      escKey,
      reportId: REPORT,
      text: 'Konsultacja rodzinna umówiona.',
      signSecretKey: specialist.signSecretKey,
    });
    expect(
      openOutcomeNote(sodium, {
        escKey,
        reportId: REPORT,
        id: o.id,
        note: o.note,
        signature: o.signature,
        author: specialistAuthor,
        cdrSignKeys: [cdr.signPublicKey],
      }),
    ).toBe('Konsultacja rodzinna umówiona.');
    expectCode(
      () =>
        openOutcomeNote(sodium, {
          escKey,
          reportId: REPORT,
          id: o.id,
          note: o.note,
          signature: o.signature,
          author: specialistAuthor,
          cdrSignKeys: [school.signPublicKey],
        }),
      'bad_signature',
    );
  });
});
