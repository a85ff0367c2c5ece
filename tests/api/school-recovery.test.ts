// The school recovery key [Note: school recovery key] with the real crypto on both dialects.
// Every SP1 counsellor has lost their password: the administrator invites a new counsellor (the
// link secret sealed to the school's certified box key), who accepts and waits; the head types
// the school's recovery key into the newcomer's browser, which opens the school key, checks it
// against the certificate, grants it to its own keys, and reads a report from before. Every use,
// right or wrong, is in the audit log; wrong keys are held back after ten an hour.
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../server/db/repositories/audit.ts';
import { findOrgRecovery } from '../../server/db/repositories/org-recovery.ts';
import { findOrganisation } from '../../server/db/repositories/organisations.ts';
import {
  bytesEqual,
  decodeCertificateBody,
  deriveSchoolRecoveryKeys,
  endorseMember,
  endorseRecoveryKey,
  fromB64,
  generateOrgKeys,
  generateSchoolRecoveryKey,
  openOrgKeys,
  openSealedKey,
  sealBytes,
  sealOrgKeys,
  toB64,
  type OrgKeyPair,
  type PersonalKeys,
} from '../../shared/crypto/index.ts';
import type { OrgRecoveryOpenDto } from '../../shared/protocol/org-recovery.ts';
import type { OrganisationListDto } from '../../shared/protocol/orgs.ts';
import type { CaseDto, InvitationCreatedDto, StaffMeDto } from '../../shared/protocol/staff.ts';
import { PupilClient } from '../tools/pupil-client.ts';
import {
  openGrantedOrgKeys,
  sessionCookie,
  staffJson,
  staffLogin,
  unlockPersonalKeys,
} from '../tools/staff-login.ts';
import { staffFixture } from './staff-auth-fixture.ts';
import { inviteClient } from './staff-auth-invite-client.ts';
import { DIALECTS } from './test-db.ts';

const ADMIN = 'admin@demo.invalid';
const SP1 = 'pedagog.sp1@demo.invalid';

describe.each(DIALECTS)('school recovery key (%s)', (dialect) => {
  it('restores the school key to a newcomer when nobody can grant it, audited', async () => {
    const f = await staffFixture(dialect);
    const { sodium, send, t } = f;
    const db = t.handle.db;
    const org = await findOrganisation(db, { code: 'SP1' });
    if (!org) throw new Error('no SP1');
    const recoveryKey = f.demo.recoveryKeys.find((r) => r.code === 'SP1')?.recoveryKey ?? '';
    const { organisations } = (await (await send('/api/orgs')).json()) as OrganisationListDto;
    const schoolDto = organisations.find((o) => o.code === 'SP1');
    if (!schoolDto) throw new Error('SP1 not listed');
    const cert = decodeCertificateBody(fromB64(schoolDto.certificate.body));

    // A report from before, sealed to the school key.
    const pupil = new PupilClient(sodium, send, schoolDto, 1);
    const report = pupil.compose({ text: 'before everyone lost their password' });
    expect((await pupil.submit(report)).status).toBe(201);

    // The administrator's browser seals the link secret to the certified school box key.
    const admin = await f.login(ADMIN);
    const secret = sodium.randombytes_buf(32);
    const invited = await send(
      `/api/staff/admin/orgs/${org.id}/invitations`,
      staffJson(
        {
          login: 'nowa.pedagog@demo.invalid',
          displayName: 'Nowa Pedagog',
          secretSealed: toB64(sealBytes(sodium, secret, cert.boxPublicKey)),
        },
        admin.cookie,
      ),
    );
    expect(invited.status, await invited.clone().text()).toBe(201);
    const created = (await invited.json()) as InvitationCreatedDto;
    const counsellor = await f.login(SP1);
    const forbidden = await send(
      `/api/staff/admin/orgs/${org.id}/invitations`,
      staffJson(
        { login: 'x@demo.invalid', displayName: 'X', secretSealed: 'AA' },
        counsellor.cookie,
      ),
    );
    expect(forbidden.status).toBe(403);

    const accepted = await inviteClient(f, () => counsellor).accept(created, secret);
    expect(accepted.res.status, await accepted.res.clone().text()).toBe(201);
    const me = (await accepted.res.json()) as StaffMeDto;
    expect(me.role).toBe('counsellor');
    expect(me.status).toBe('invited');
    const cookie = sessionCookie(accepted.res) ?? '';
    const personal: PersonalKeys = accepted.cred.keys;

    const open = (authKey: string, c = cookie) =>
      send('/api/staff/org-recovery/open', staffJson({ authKey }, c));
    const wrong = toB64(sodium.randombytes_buf(32));

    // A wrong key: 403, audited; an active member has keys already (409).
    const refused = await open(wrong);
    expect(refused.status).toBe(403);
    const recovery = deriveSchoolRecoveryKeys(sodium, recoveryKey.toLowerCase());
    const authKey = toB64(recovery.authKey);
    expect((await open(authKey, counsellor.cookie)).status).toBe(409);

    // The right key: every version sealed to it comes back; the browser checks it is certified.
    const opened = await open(authKey);
    expect(opened.status, await opened.clone().text()).toBe(200);
    const { grants } = (await opened.json()) as OrgRecoveryOpenDto;
    expect(grants.map((g) => g.version)).toEqual([1]);
    const keys: OrgKeyPair = openOrgKeys(
      sodium,
      fromB64(grants[0]?.sealedKeys ?? ''),
      recovery.boxPublicKey,
      recovery.boxSecretKey,
    );
    expect(bytesEqual(keys.boxPublicKey, cert.boxPublicKey)).toBe(true);
    expect(bytesEqual(keys.signPublicKey, cert.signPublicKey)).toBe(true);

    const endorsement = (signer: OrgKeyPair) =>
      toB64(
        endorseMember(sodium, signer.signSecretKey, {
          orgId: org.id,
          boxPublicKey: personal.boxPublicKey,
          signPublicKey: personal.signPublicKey,
        }),
      );
    const grantBody = {
      authKey,
      version: 1,
      endorsement: endorsement(keys),
      grants: [{ version: 1, sealedKeys: toB64(sealOrgKeys(sodium, keys, personal.boxPublicKey)) }],
    };
    const grant = (body: unknown) => send('/api/staff/org-recovery/grant', staffJson(body, cookie));
    // Refused and nothing changes: a wrong key, an endorsement not by the school, no version.
    expect((await grant({ ...grantBody, authKey: wrong })).status).toBe(403);
    const forged = generateOrgKeys(sodium);
    expect((await grant({ ...grantBody, endorsement: endorsement(forged) })).status).toBe(400);
    expect(
      (await grant({ ...grantBody, grants: [{ ...grantBody.grants[0], version: 7 }] })).status,
    ).toBe(400);
    const stillWaiting = await send('/api/staff/me', { headers: { Cookie: cookie } });
    expect(((await stillWaiting.json()) as StaffMeDto).status).toBe('invited');

    const granted = await grant(grantBody);
    expect(granted.status, await granted.clone().text()).toBe(204);
    expect((await grant(grantBody)).status).toBe(409);

    // Now a member: the old report opens with the restored key.
    const meRes = await send('/api/staff/me', { headers: { Cookie: cookie } });
    const active = (await meRes.json()) as StaffMeDto;
    expect(active.status).toBe('active');
    const restored = openOrgKeys(
      sodium,
      fromB64(active.keyGrants[0]?.sealedKeys ?? ''),
      personal.boxPublicKey,
      personal.boxSecretKey,
    );
    const caseRes = await send(`/api/staff/reports/${report.reportId}`, {
      headers: { Cookie: cookie },
    });
    expect(caseRes.status).toBe(200);
    const sealed = fromB64(((await caseRes.json()) as CaseDto).threadKeySealed);
    expect(openSealedKey(sodium, sealed, restored.boxPublicKey, restored.boxSecretKey)).toEqual(
      report.threadKey,
    );

    // Every use is in the school's chain, and the use in the municipality's as well.
    const schoolActions = (await listAudit(db, org.id)).map((e) => e.action);
    expect(schoolActions.filter((a) => a === 'org.recovery_refused')).toHaveLength(2);
    expect(schoolActions).toContain('org.recovery_used');
    expect(schoolActions).toContain('staff.granted_by_recovery');
    expect(schoolActions).toContain('invitation.created');
    const cityActions = (await listAudit(db, null)).map((e) => e.action);
    expect(cityActions).toContain('org.recovery_used');
    expect((await findOrgRecovery(db, org.id))?.last_used_at).toBe(t.now.toISOString());
  });

  it('replaces the key from a member browser and holds back guessing', async () => {
    const f = await staffFixture(dialect);
    const { sodium, send, t } = f;
    const db = t.handle.db;
    const org = await findOrganisation(db, { code: 'SP2' });
    if (!org) throw new Error('no SP2');
    const member = await f.login('pedagog.sp2@demo.invalid');
    const orgKeys = openGrantedOrgKeys(
      sodium,
      member.me,
      unlockPersonalKeys(sodium, member.me, member.wrapKey),
    );
    const oldKey = f.demo.recoveryKeys.find((r) => r.code === 'SP2')?.recoveryKey ?? '';

    // A new key, made as the Team page does.
    const fresh = generateSchoolRecoveryKey(sodium);
    const body = {
      boxPublicKey: toB64(fresh.boxPublicKey),
      authKey: toB64(fresh.authKey),
      endorsement: toB64(
        endorseRecoveryKey(sodium, orgKeys.signSecretKey, org.id, fresh.boxPublicKey),
      ),
      endorsementVersion: 1,
      grants: [{ version: 1, sealedKeys: toB64(sealOrgKeys(sodium, orgKeys, fresh.boxPublicKey)) }],
    };
    const put = (b: unknown, cookie = member.cookie) =>
      send('/api/staff/org-recovery', staffJson(b, cookie, 'PUT'));
    const badEndorsement = { ...body, endorsement: toB64(sodium.randombytes_buf(64)) };
    expect((await put(badEndorsement)).status).toBe(400);
    expect((await put({ ...body, grants: [] })).status).toBe(400);
    expect((await put({ ...body, endorsementVersion: 9 })).status).toBe(400);
    const admin = await f.login(ADMIN);
    expect((await put(body, admin.cookie)).status).toBe(403);
    expect((await findOrgRecovery(db, org.id))?.box_public_key).not.toBe(body.boxPublicKey);
    const saved = await put(body);
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(await saved.json()).toMatchObject({ configured: true, versions: [1] });

    // A waiting newcomer (invited by their colleague) tries keys.
    const client = inviteClient(f, () => member);
    const { secret, created } = await client.invite('nowy.sp2@demo.invalid');
    const accepted = await client.accept(created, secret);
    let cookie = sessionCookie(accepted.res) ?? '';
    const open = (key: string) =>
      send(
        '/api/staff/org-recovery/open',
        staffJson({ authKey: toB64(deriveSchoolRecoveryKeys(sodium, key).authKey) }, cookie),
      );
    // The replaced key opens nothing; another school's key neither.
    expect((await open(oldKey)).status).toBe(403);
    const sp3Key = f.demo.recoveryKeys.find((r) => r.code === 'SP3')?.recoveryKey ?? '';
    expect((await open(sp3Key)).status).toBe(403);
    for (let i = 0; i < 8; i += 1) {
      expect((await open(generateSchoolRecoveryKey(sodium).recoveryKey)).status).toBe(403);
    }
    // Ten wrong keys this hour: even the right one waits (429), and it is counted from the audit
    // log, so a restart does not reset it.
    expect((await open(fresh.recoveryKey)).status).toBe(429);
    t.advance(3_600_000 + 1000);
    const again = await staffLogin(send, sodium, {
      login: 'nowy.sp2@demo.invalid',
      password: 'invitee password',
      totpSecret: accepted.opened.totpSecret,
      now: t.now,
    });
    cookie = again.cookie;
    expect((await open(fresh.recoveryKey)).status).toBe(200);
  });
});
