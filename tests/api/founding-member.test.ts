// Setting up an organisation from nothing [Note: founding member], with the real crypto on both
// dialects: the administrator adds SP8 (no key, not in the public directory), invites its first
// member (no secret to seal), whose browser makes the key; the root key certifies exactly that
// key (a swapped one is refused); the member checks the certificate, endorses themself and is
// active; a pupil's report to SP8 then opens for them.
import { describe, expect, it } from 'vitest';
import { applyCertificate, signRequest } from '../../server/cli/admin/certificate.ts';
import { listAudit } from '../../server/db/repositories/audit.ts';
import {
  endorseMember,
  fromB64,
  generateOrgKeys,
  openOrgKeys,
  openSealedKey,
  sealOrgKeys,
  toB64,
  unprotectRootKey,
  type OrgKeyPair,
  type RootKeyFile,
} from '../../shared/crypto/index.ts';
import type { AdminOrgDto } from '../../shared/protocol/admin.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import type {
  CaseDto,
  InvitationCreatedDto,
  PendingKeysDto,
  StaffMeDto,
} from '../../shared/protocol/staff.ts';
import { PupilClient } from '../tools/pupil-client.ts';
import { sessionCookie, staffJson } from '../tools/staff-login.ts';
import { staffFixture } from './staff-auth-fixture.ts';
import { inviteClient } from './staff-auth-invite-client.ts';
import { DIALECTS } from './test-db.ts';

const NEW_SCHOOL = {
  kind: 'school',
  name: 'Szkoła Podstawowa nr 8 w Przykładowie',
  code: 'sp8',
  address: 'ul. Nowa 8, Przykładowo',
  phone: null,
  hours: null,
  waitTargetHours: 24,
};

describe.each(DIALECTS)('a new organisation and its founding member (%s)', (dialect) => {
  it('goes from no key to a certified key its first member holds', async () => {
    const f = await staffFixture(dialect);
    const { sodium, send, t } = f;
    const admin = await f.login('admin@demo.invalid');
    const asAdmin = (path: string, body: unknown) => send(path, staffJson(body, admin.cookie));

    const made = await asAdmin('/api/staff/admin/orgs', NEW_SCHOOL);
    expect(made.status, await made.clone().text()).toBe(201);
    const org = (await made.json()) as AdminOrgDto;
    expect(org).toMatchObject({ code: 'SP8', certificateVersion: 0, members: [], recovery: null });
    expect((await asAdmin('/api/staff/admin/orgs', NEW_SCHOOL)).status).toBe(409);
    expect((await asAdmin('/api/staff/admin/orgs', { ...NEW_SCHOOL, code: 'a b' })).status).toBe(
      400,
    );
    const counsellor = await f.login('pedagog.sp1@demo.invalid');
    const byCounsellor = send('/api/staff/admin/orgs', staffJson(NEW_SCHOOL, counsellor.cookie));
    expect((await byCounsellor).status).toBe(403);
    // Not in the public directory until it has a certificate.
    expect((await send('/api/orgs/by-code/SP8')).status).toBe(404);

    // The first member's invitation: nothing to seal the secret to, and only one.
    const invitation = { login: 'pierwsza.sp8@demo.invalid', displayName: 'Pedagog SP 8' };
    const invitePath = `/api/staff/admin/orgs/${org.id}/invitations`;
    const withSecret = await asAdmin(invitePath, { ...invitation, secretSealed: 'A'.repeat(107) });
    expect(withSecret.status).toBe(409);
    const invited = await asAdmin(invitePath, invitation);
    expect(invited.status, await invited.clone().text()).toBe(201);
    const created = (await invited.json()) as InvitationCreatedDto;
    const second = await asAdmin(invitePath, { ...invitation, login: 'druga.sp8@demo.invalid' });
    expect(second.status).toBe(409);

    const accepted = await inviteClient(f, () => admin).accept(created, sodium.randombytes_buf(32));
    expect(accepted.res.status, await accepted.res.clone().text()).toBe(201);
    const cookie = sessionCookie(accepted.res) ?? '';
    const personal = accepted.cred.keys;
    const post = (path: string, body: unknown) => send(path, staffJson(body, cookie));

    // The member's browser makes the key, sealed to themself.
    const keys = generateOrgKeys(sodium);
    const founding = {
      boxPublicKey: toB64(keys.boxPublicKey),
      signPublicKey: toB64(keys.signPublicKey),
      sealedKeys: toB64(sealOrgKeys(sodium, keys, personal.boxPublicKey)),
    };
    const endorse = (signer: OrgKeyPair) =>
      toB64(
        endorseMember(sodium, signer.signSecretKey, {
          orgId: org.id,
          boxPublicKey: personal.boxPublicKey,
          signPublicKey: personal.signPublicKey,
        }),
      );
    expect(
      (await post('/api/staff/org-key/founding/activate', { endorsement: endorse(keys) })).status,
    ).toBe(409);
    expect((await post('/api/staff/org-key/founding', founding)).status).toBe(201);
    expect((await post('/api/staff/org-key/founding', founding)).status).toBe(409);
    expect(
      (await post('/api/staff/org-key/founding/activate', { endorsement: endorse(keys) })).status,
    ).toBe(409);
    const foundingByOther = send(
      '/api/staff/org-key/founding',
      staffJson(founding, counsellor.cookie),
    );
    expect((await foundingByOther).status).toBe(409);

    // The administrator sees it waiting and certifies exactly those keys with the root key.
    const pendingRes = await send('/api/staff/admin/pending-keys', {
      headers: { Cookie: admin.cookie },
    });
    const pending = ((await pendingRes.json()) as PendingKeysDto).pending;
    expect(pending).toEqual([
      {
        orgId: org.id,
        code: 'SP8',
        name: NEW_SCHOOL.name,
        version: 1,
        boxPublicKey: founding.boxPublicKey,
        signPublicKey: founding.signPublicKey,
      },
    ]);
    const root = unprotectRootKey(
      sodium,
      JSON.parse(f.demo.rootKeyFile) as RootKeyFile,
      f.demo.rootPassphrase,
    );
    const request = { orgId: org.id, kind: 'school' as const, name: NEW_SCHOOL.name, version: 1 };
    const swapped = generateOrgKeys(sodium);
    const swappedRequest = {
      ...request,
      boxPublicKey: swapped.boxPublicKey,
      signPublicKey: swapped.signPublicKey,
    };
    await expect(
      applyCertificate(
        t.handle,
        swappedRequest,
        signRequest(sodium, root, swappedRequest, t.now),
        t.now,
      ),
    ).rejects.toThrow(/not the ones a member proposed/);
    const real = { ...request, boxPublicKey: keys.boxPublicKey, signPublicKey: keys.signPublicKey };
    await applyCertificate(t.handle, real, signRequest(sodium, root, real, t.now), t.now);

    // An endorsement by another key is refused; by the certified one the member is active.
    const activate = (endorsement: string) =>
      post('/api/staff/org-key/founding/activate', { endorsement });
    expect((await activate(endorse(swapped))).status).toBe(400);
    expect((await activate(endorse(keys))).status).toBe(204);
    expect((await activate(endorse(keys))).status).toBe(409);
    const me = (await (
      await send('/api/staff/me', { headers: { Cookie: cookie } })
    ).json()) as StaffMeDto;
    expect(me.status).toBe('active');
    const held = openOrgKeys(
      sodium,
      fromB64(me.keyGrants[0]?.sealedKeys ?? ''),
      personal.boxPublicKey,
      personal.boxSecretKey,
    );

    // SP8 is in the directory now, and a pupil's report opens for its member.
    const dto = (await (await send('/api/orgs/by-code/SP8')).json()) as OrganisationDto;
    const pupil = new PupilClient(sodium, send, dto, 1);
    const report = pupil.compose({ text: 'pierwsze zgłoszenie w SP8' });
    expect((await pupil.submit(report)).status).toBe(201);
    const caseRes = await send(`/api/staff/reports/${report.reportId}`, {
      headers: { Cookie: cookie },
    });
    const sealed = fromB64(((await caseRes.json()) as CaseDto).threadKeySealed);
    expect(openSealedKey(sodium, sealed, held.boxPublicKey, held.boxSecretKey)).toEqual(
      report.threadKey,
    );

    const actions = (await listAudit(t.handle.db, org.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['invitation.created', 'org.key_founded', 'staff.granted']),
    );
    expect((await listAudit(t.handle.db, null)).map((e) => e.action)).toContain('org.created');
  });
});
