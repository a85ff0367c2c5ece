// [Note: written as it will be read] A composer refuses content its readers would refuse, before
// anything is sealed: a staff reply, note, hand-over summary or reason, or outcome note over the
// text limit would otherwise be stored, signed and unreadable, and break the whole thread or
// hand-over for everyone after it. The limit itself still goes through.
import { describe, expect, it } from 'vitest';
import {
  composeEscalation,
  composeMessage,
  composeOutcomeNote,
  generateOrgKeys,
  generatePersonalKeys,
  newKey,
} from '../../shared/crypto/index.ts';
import { TEXT_MAX } from '../../shared/protocol/content-limits.ts';
import type { EscalationPackage } from '../../shared/protocol/escalations.ts';
import { expectCode, REPORT_ID, sodium } from './helpers.ts';

const ESC = '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e5f';
const member = generatePersonalKeys(sodium);
const school = generateOrgKeys(sodium);
const cdr = generateOrgKeys(sodium);
const atLimit = 'a'.repeat(TEXT_MAX);
const over = 'a'.repeat(TEXT_MAX + 1);
const pkg = (summary: string): EscalationPackage => ({
  v: 1,
  report: null,
  messages: [],
  attachments: [],
  summary,
});

describe('composers write only what their readers accept', () => {
  it('refuses a staff message over the limit, and takes one at the limit', () => {
    const reply = (text: string) =>
      composeMessage(sodium, {
        threadKey: newKey(sodium),
        reportId: REPORT_ID,
        tip: null,
        content: { v: 1, text },
        authorRole: 'counsellor',
        signSecretKey: member.signSecretKey,
      });
    expect(reply(atLimit).seq).toBe(1);
    expectCode(() => reply(over), 'malformed');
  });

  it('refuses a hand-over whose summary or reason is over the limit', () => {
    const handOver = (summary: string, reason: string) =>
      composeEscalation(sodium, {
        reportId: REPORT_ID,
        escalationId: ESC,
        cdrBoxPublicKey: cdr.boxPublicKey,
        schoolBoxPublicKey: school.boxPublicKey,
        pkg: pkg(summary),
        reason,
        signSecretKey: member.signSecretKey,
        threadKey: null,
      });
    expect(handOver(atLimit, atLimit).package).toBeTruthy();
    expectCode(() => handOver(over, 'powód'), 'malformed');
    expectCode(() => handOver('podsumowanie', over), 'malformed');
  });

  it('refuses an outcome note over the limit', () => {
    const outcome = (text: string) =>
      composeOutcomeNote(sodium, {
        escKey: newKey(sodium),
        reportId: REPORT_ID,
        text,
        signSecretKey: member.signSecretKey,
      });
    expect(outcome(atLimit)).toBeTruthy();
    expectCode(() => outcome(over), 'malformed');
  });
});
