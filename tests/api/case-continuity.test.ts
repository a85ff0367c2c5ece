// One case across the school and the CdR, with real ciphertext: once a CdR specialist wrote to the
// pupil, the school's case still opens and verifies (the server names the CdR whose certified key
// vouches for its specialists); the school sees that the case went to the CdR (inbox marker and
// history); a photo the pupil sends after the hand-over reaches the CdR, an earlier one it was not
// given does not; the CdR is alerted when the pupil writes in a conversation it holds, and only
// then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  composeAttachment,
  CryptoError,
  openAttachmentData,
  fromB64,
  openSealedKey,
  openThread,
  toB64,
} from '../../shared/crypto/index.ts';
import type { EscalationCaseDto } from '../../shared/protocol/escalations.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import type { CaseDto } from '../../shared/protocol/staff.ts';
import type { CapturedAlerts } from '../tools/alert-capture.ts';
import { composeChained, orgSignKey } from '../tools/escalation-client.ts';
import { EMPTY_PACKAGE, escalate, orgOf, type Escalated } from './escalation-fixture.ts';
import {
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';
import { DIALECTS } from './test-db.ts';

describe.each(DIALECTS)('one case across the school and the CdR on %s', (dialect) => {
  let f: StaffFixture;
  let counsellor: Member;
  let cdrMember: Member;
  let school: OrganisationDto;
  let cdr: OrganisationDto;
  let report: Awaited<ReturnType<StaffFixture['submitted']>>;
  let esc: Escalated;
  let earlierPhoto = '';
  const pupil = () => f.client('SP1');

  const caseOf = async (reportId: string) => {
    const res = await f.get(counsellor.cookie, `/api/staff/reports/${reportId}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as CaseDto;
  };
  const escalationView = async () => {
    const res = await f.get(cdrMember.cookie, `/api/staff/escalations/${esc.id}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as EscalationCaseDto;
  };
  /** What the school's browser does: the school's certified key for its members, the named CdR's
   * for the CdR's specialists. */
  const openAsSchool = (dto: CaseDto, threadKey: Uint8Array, withCdr = true) =>
    openThread(
      f.client().sodium,
      threadKey,
      { reportId: report.reportId, ...dto },
      withCdr ? { school: [orgSignKey(school)], cdr: [orgSignKey(cdr)] } : [orgSignKey(school)],
      withCdr && dto.cdrOrgId ? { school: school.id, cdr: dto.cdrOrgId } : { school: school.id },
    );
  const pupilWrites = async (text: string, attachments?: string[]) => {
    const thread = (await (await pupil().thread(report.token)).json()) as {
      messages: { seq: number; blob: string }[];
    };
    const last = thread.messages.at(-1);
    const m = pupil().composeMessage(report, (last?.seq ?? 0) + 1, last?.blob, {
      v: 1,
      text,
      ...(attachments ? { attachments } : {}),
    });
    const res = await pupil().postMessage(report.token, m);
    expect(res.status, await res.clone().text()).toBe(201);
    return m.id;
  };
  /** A photo on the report, or with a message that lists it [Note: attachment binding]. */
  const uploadPhoto = async (bytes: Uint8Array, messageId?: string, id?: string) => {
    const a = composeAttachment(f.client().sodium, {
      ...(id ? { id } : {}),
      messageId: messageId ?? null,
      threadKey: report.threadKey,
      reportId: report.reportId,
      authorRole: 'pupil',
      name: 'zdjecie.jpg',
      type: 'image/jpeg',
      bytes,
    });
    const res = await pupil().upload(
      report.token,
      { id: a.id, fileKeyWrapped: toB64(a.fileKeyWrapped), meta: toB64(a.meta), data: a.data },
      messageId,
    );
    expect(res.status, await res.clone().text()).toBe(201);
    return a.id;
  };

  beforeAll(async () => {
    f = await staffFixture(dialect);
    counsellor = await f.member(SP1_COUNSELLOR);
    cdrMember = await f.member(CDR_SPECIALIST);
    school = orgOf(f, 'SP1');
    cdr = orgOf(f, 'CDR');
    report = await f.submitted(pupil(), {
      v: 1,
      category: 'home',
      about: 'me',
      urgent: false,
      text: 'W domu jest źle.',
      grade: null,
      wantsMeeting: false,
      name: null,
      lang: 'pl',
    });
    earlierPhoto = await uploadPhoto(new Uint8Array(1500).fill(3));
    await f.reply(counsellor, report.reportId, 'Jestem tu, napisz więcej.');
    const triaged = await f.send(
      counsellor.cookie,
      'PATCH',
      `/api/staff/reports/${report.reportId}`,
      {
        category: 'domestic_violence',
        risk: 'high',
      },
    );
    expect(triaged.status).toBe(200);
    esc = await escalate(f, counsellor, {
      reportId: report.reportId,
      school,
      cdr,
      pkg: { ...EMPTY_PACKAGE, triage: { category: 'domestic_violence', risk: 'high' } },
      reason: 'Przemoc w domu.',
      threadKey: report.threadKey,
    });
  });
  afterAll(() => f.t.close());

  it('the school case still opens and verifies after the CdR wrote to the pupil', async () => {
    const sodium = f.client().sodium;
    const current = await escalationView();
    if (!current.pupilThread || !cdrMember.orgKeys) throw new Error('not handed over');
    const threadKey = openSealedKey(
      sodium,
      fromB64(current.pupilThread.threadKeySealedCdr),
      cdrMember.orgKeys.boxPublicKey,
      cdrMember.orgKeys.boxSecretKey,
    );
    const body = composeChained(sodium, {
      key: threadKey,
      reportId: report.reportId,
      messages: current.pupilThread.messages,
      text: 'Jestem psychologiem z Centrum dla Rodzin.',
      authorRole: 'cdr',
      signSecretKey: cdrMember.signSecretKey,
    });
    const res = await f.send(
      cdrMember.cookie,
      'POST',
      `/api/staff/escalations/${esc.id}/pupil-messages`,
      body,
    );
    expect(res.status, await res.clone().text()).toBe(201);

    const dto = await caseOf(report.reportId);
    expect(dto.cdrOrgId).toBe(cdr.id);
    const opened = openAsSchool(dto, report.threadKey);
    expect(opened.messages.map((m) => [m.authorRole, m.content.text])).toEqual([
      ['counsellor', 'Jestem tu, napisz więcej.'],
      ['cdr', 'Jestem psychologiem z Centrum dla Rodzin.'],
    ]);
    // What broke the case before: the school's keys alone cannot vouch for a CdR specialist.
    expect(() => openAsSchool(dto, report.threadKey, false)).toThrow(CryptoError);

    // The school's counsellor answers after the CdR; the case still opens for both.
    await f.reply(counsellor, report.reportId, 'Pani z CdR pomoże, ja też jestem.');
    expect(openAsSchool(await caseOf(report.reportId), report.threadKey).messages).toHaveLength(3);
  });

  it('the school sees the hand-over in its inbox and in the case history', async () => {
    const dto = await caseOf(report.reportId);
    expect(dto.item.escalated).toBe(true);
    const actions = dto.history.map((h) => h.action);
    expect(actions).toContain('escalation.created');
    expect(actions).toContain('escalation.pupil_message');
    const created = dto.history.find((h) => h.action === 'escalation.created');
    expect(created?.actorId).toBe(counsellor.id);
    const other = await f.submitted(pupil());
    const inbox = await f.inbox(counsellor.cookie);
    expect(inbox.items.find((i) => i.id === report.reportId)?.escalated).toBe(true);
    expect(inbox.items.find((i) => i.id === other.reportId)?.escalated).toBe(false);
  });

  it('a photo sent after the hand-over reaches the CdR, and the CdR is alerted', async () => {
    const sodium = f.client().sodium;
    const alerts = f.t.alerts as CapturedAlerts;
    const before = alerts.events.length;
    const photoId = crypto.randomUUID();
    const messageId = await pupilWrites('Wysyłam zdjęcie.', [photoId]);
    const later = new Uint8Array(2500).fill(7);
    const laterPhoto = await uploadPhoto(later, messageId, photoId);
    expect(alerts.events.slice(before)).toEqual([
      { kind: 'message', reportId: report.reportId, orgId: school.id, urgent: false },
      {
        kind: 'message',
        reportId: report.reportId,
        orgId: cdr.id,
        schoolOrgId: school.id,
        urgent: false,
      },
    ]);

    const view = await escalationView();
    expect(view.pupilThread?.attachments.map((a) => a.id)).toEqual([laterPhoto]);
    const get = (id: string) =>
      f.get(cdrMember.cookie, `/api/staff/escalations/${esc.id}/attachments/${id}`);
    const res = await get(laterPhoto);
    expect(res.status).toBe(200);
    const a = view.pupilThread?.attachments[0];
    if (!a || !cdrMember.orgKeys || !view.pupilThread) throw new Error('no attachment');
    const threadKey = openSealedKey(
      sodium,
      fromB64(view.pupilThread.threadKeySealedCdr),
      cdrMember.orgKeys.boxPublicKey,
      cdrMember.orgKeys.boxSecretKey,
    );
    const opened = openThread(
      sodium,
      threadKey,
      {
        reportId: report.reportId,
        body: (await caseOf(report.reportId)).body,
        ...view.pupilThread,
      },
      { school: [orgSignKey(school)], cdr: [orgSignKey(cdr)] },
      { school: school.id, cdr: cdr.id },
    );
    const file = opened.attachments[0];
    if (!file) throw new Error('no opened attachment');
    expect(file.messageId).toBe(messageId);
    expect(openAttachmentData(sodium, file, new Uint8Array(await res.arrayBuffer()))).toEqual(
      later,
    );
    // The photo from before the hand-over was not selected: still not the CdR's.
    expect((await get(earlierPhoto)).status).toBe(404);
  });

  it('without the conversation, the CdR sees no pupil thread and is not alerted', async () => {
    const alerts = f.t.alerts as CapturedAlerts;
    const own = await f.submitted(pupil());
    const plain = await escalate(f, counsellor, {
      reportId: own.reportId,
      school,
      cdr,
      pkg: EMPTY_PACKAGE,
      reason: 'Do wiadomości CdR.',
      threadKey: null,
    });
    const dto = await caseOf(plain.reportId);
    expect(dto).toMatchObject({ cdrOrgId: null, item: { escalated: true } });
    const res = await f.get(cdrMember.cookie, `/api/staff/escalations/${plain.id}`);
    expect(((await res.json()) as EscalationCaseDto).pupilThread).toBeNull();
    const before = alerts.events.length;
    const m = pupil().composeMessage(own, 1, undefined, { v: 1, text: 'hej' });
    expect((await pupil().postMessage(own.token, m)).status).toBe(201);
    expect(alerts.events.slice(before)).toEqual([
      { kind: 'message', reportId: own.reportId, orgId: school.id, urgent: false },
    ]);
  });
});
