// Organisation key rotation [Note: key rotation], with the real crypto on both dialects: a second
// SP1 counsellor leaves (deactivated), the first makes key version 2 sealed to the remaining
// active members only, the administrator's root key signs it, and then new reports open for the
// remaining counsellor while the one who left holds nothing that opens them.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashAuthKey } from '../../server/auth-hash.ts';
import { applyCertificate, signRequest } from '../../server/cli/admin/certificate.ts';
import { listAudit } from '../../server/db/repositories/audit.ts';
import {
  findOrganisation,
  insertKeyGrant,
  listCertificates,
} from '../../server/db/repositories/organisations.ts';
import { getSetting } from '../../server/db/repositories/settings.ts';
import { listKeyGrantsOfStaff } from '../../server/db/repositories/staff-credentials.ts';
import { insertStaff } from '../../server/db/repositories/staff.ts';
import {
  CryptoError,
  createStaffCredentials,
  decodeCertificateBody,
  endorseMember,
  fromB64,
  generateOrgKeys,
  openOrgKeys,
  openSealedKey,
  sealOrgKeys,
  toB64,
  unprotectRootKey,
  verifyRecoveryEndorsement,
  type OrgKeyPair,
  type RootKeyFile,
} from '../../shared/crypto/index.ts';
import type { OrgRecoveryStatusDto } from '../../shared/protocol/org-recovery.ts';
import type { OrganisationDto, OrganisationListDto } from '../../shared/protocol/orgs.ts';
import type { CaseDto, PendingKeysDto, StaffMeDto } from '../../shared/protocol/staff.ts';
import { PupilClient, TEST_ARGON } from '../tools/pupil-client.ts';
import { openGrantedOrgKeys, staffJson, unlockPersonalKeys } from '../tools/staff-login.ts';
import { staffCookie } from '../tools/staff-session.ts';
import { staffFixture } from './staff-auth-fixture.ts';
import { inviteClient } from './staff-auth-invite-client.ts';
import { DIALECTS } from './test-db.ts';

const SP1 = 'pedagog.sp1@demo.invalid';
const ADMIN = 'admin@demo.invalid';

describe.each(DIALECTS)('organisation key rotation (%s)', (dialect) => {
  it('makes a new key version the member who left cannot open, old reports stay readable', async () => {
    const f = await staffFixture(dialect);
    const { sodium, send, t } = f;
    const db = t.handle.db;
    const org = await findOrganisation(db, { code: 'SP1' });
    if (!org) throw new Error('no SP1');

    const schoolDto = async (): Promise<OrganisationDto> => {
      const res = await send('/api/orgs');
      const found = ((await res.json()) as OrganisationListDto).organisations.find(
        (o) => o.code === 'SP1',
      );
      if (!found) throw new Error('SP1 not listed');
      return found;
    };
    const threadKeySealed = async (cookie: string, reportId: string) => {
      const res = await send(`/api/staff/reports/${reportId}`, { headers: { Cookie: cookie } });
      expect(res.status, await res.clone().text()).toBe(200);
      return fromB64(((await res.json()) as CaseDto).threadKeySealed);
    };
    const openWith = (keys: OrgKeyPair, sealed: Uint8Array) =>
      openSealedKey(sodium, sealed, keys.boxPublicKey, keys.boxSecretKey);

    // The first counsellor signs in and opens version 1 from their grant.
    const first = await f.login(SP1);
    const firstPersonal = unlockPersonalKeys(sodium, first.me, first.wrapKey);
    const v1 = openGrantedOrgKeys(sodium, first.me, firstPersonal, { version: 1 });

    // A second counsellor with real keys and a grant of version 1; an invited third member.
    const second = createStaffCredentials(sodium, 'second counsellor password', TEST_ARGON);
    const secondId = randomUUID();
    const invitedId = randomUUID();
    for (const [id, status] of [
      [secondId, 'active'],
      [invitedId, 'invited'],
    ] as const) {
      await insertStaff(db, {
        id,
        org_id: org.id,
        role: 'counsellor',
        status,
        display_name: `Pedagog ${status}`,
        login: `${status}.${id}@demo.invalid`,
        auth_salt: toB64(second.salt),
        auth_opslimit: TEST_ARGON.opslimit,
        auth_memlimit: TEST_ARGON.memlimit,
        auth_hash: hashAuthKey(second.authKey),
        box_public_key: toB64(second.keys.boxPublicKey),
        sign_public_key: toB64(second.keys.signPublicKey),
        wrapped_keys: second.wrappedKeys,
        recovery_wrapped_keys: second.recoveryWrappedKeys,
        org_endorsement: null,
        totp_secret: null,
        created_at: t.now.toISOString(),
      });
    }
    await insertKeyGrant(db, {
      org_id: org.id,
      version: 1,
      staff_id: secondId,
      sealed_keys: sealOrgKeys(sodium, v1, second.keys.boxPublicKey),
      created_at: t.now.toISOString(),
    });
    const secondCookie = await staffCookie(db, secondId, t.now);
    const secondV1 = openOrgKeys(
      sodium,
      sealOrgKeys(sodium, v1, second.keys.boxPublicKey),
      second.keys.boxPublicKey,
      second.keys.boxSecretKey,
    );

    // A pupil report sealed to version 1.
    const pupilV1 = new PupilClient(sodium, send, await schoolDto(), 1);
    const oldReport = pupilV1.compose({ text: 'before the rotation' });
    expect((await pupilV1.submit(oldReport)).status).toBe(201);

    // The second counsellor leaves: deactivated by their colleague, sessions end.
    const deactivate = (cookie: string, id: string) =>
      send(`/api/staff/admin/staff/${id}/deactivate`, staffJson({}, cookie));
    const deactivated = await deactivate(first.cookie, secondId);
    expect(deactivated.status, await deactivated.clone().text()).toBe(204);
    expect((await deactivate(first.cookie, secondId)).status).toBe(409);
    expect((await send('/api/staff/me', { headers: { Cookie: secondCookie } })).status).toBe(401);
    const sp2 = await f.login('pedagog.sp2@demo.invalid');
    expect((await deactivate(sp2.cookie, first.me.id)).status).toBe(404);

    // The first counsellor's browser makes version 2 for the remaining active members.
    const v2 = generateOrgKeys(sodium);
    const grantTo = (id: string, boxPk: Uint8Array) => ({
      staffId: id,
      sealedKeys: toB64(sealOrgKeys(sodium, v2, boxPk)),
    });
    // [Note: school recovery key] The demo school has a recovery key: the new version is sealed
    // to it too, after its endorsement checks out against the school's certified sign key.
    const statusRes = await send('/api/staff/org-recovery', { headers: { Cookie: first.cookie } });
    const status = (await statusRes.json()) as OrgRecoveryStatusDto;
    expect(status.configured).toBe(true);
    const recoveryBox = fromB64(status.boxPublicKey ?? '');
    verifyRecoveryEndorsement(
      sodium,
      [v1.signPublicKey],
      org.id,
      recoveryBox,
      fromB64(status.endorsement ?? ''),
    );
    const recoveryGrant = toB64(sealOrgKeys(sodium, v2, recoveryBox));
    const proposal = (version: number, grants: { staffId: string; sealedKeys: string }[]) => ({
      version,
      boxPublicKey: toB64(v2.boxPublicKey),
      signPublicKey: toB64(v2.signPublicKey),
      grants,
      recoveryGrant,
    });
    const rotate = (body: unknown, cookie = first.cookie) =>
      send('/api/staff/org-key/versions', staffJson(body, cookie));
    const mine = grantTo(first.me.id, firstPersonal.boxPublicKey);

    const withLeaver = await rotate(
      proposal(2, [mine, grantTo(secondId, second.keys.boxPublicKey)]),
    );
    expect(withLeaver.status).toBe(400);
    expect(JSON.stringify(await withLeaver.json())).toContain(secondId);
    const withInvited = await rotate(
      proposal(2, [mine, grantTo(invitedId, second.keys.boxPublicKey)]),
    );
    expect(withInvited.status).toBe(400);
    expect((await rotate(proposal(2, [mine, mine]))).status).toBe(400);
    expect((await rotate(proposal(3, [mine]))).status).toBe(409);
    expect((await rotate(proposal(2, [mine]), sp2.cookie)).status).toBe(400);
    expect(await listKeyGrantsOfStaff(db, first.me.id)).toHaveLength(1);

    const { recoveryGrant: _omitted, ...withoutRecovery } = proposal(2, [mine]);
    const missingRecovery = await rotate(withoutRecovery);
    expect(missingRecovery.status).toBe(400);
    expect(JSON.stringify(await missingRecovery.json())).toContain('recoveryGrant');
    const made = await rotate(proposal(2, [mine]));
    expect(made.status, await made.clone().text()).toBe(201);
    expect((await rotate(proposal(2, [mine]))).status).toBe(409);

    // The administrator sees the proposal and signs it with the offline root key.
    const admin = await f.login(ADMIN);
    expect((await send('/api/staff/org-key/versions', staffJson({}, admin.cookie))).status).toBe(
      403,
    );
    const pendingRes = await send('/api/staff/admin/pending-keys', {
      headers: { Cookie: admin.cookie },
    });
    expect(pendingRes.status).toBe(200);
    const { pending } = (await pendingRes.json()) as PendingKeysDto;
    expect(pending).toEqual([
      {
        orgId: org.id,
        code: 'SP1',
        name: org.name,
        version: 2,
        boxPublicKey: toB64(v2.boxPublicKey),
        signPublicKey: toB64(v2.signPublicKey),
      },
    ]);
    expect(
      (await send('/api/staff/admin/pending-keys', { headers: { Cookie: first.cookie } })).status,
    ).toBe(403);
    const root = unprotectRootKey(
      sodium,
      JSON.parse(f.demo.rootKeyFile) as RootKeyFile,
      f.demo.rootPassphrase,
    );
    const request = {
      orgId: org.id,
      kind: org.kind,
      name: org.name,
      boxPublicKey: fromB64(pending[0]?.boxPublicKey ?? ''),
      signPublicKey: fromB64(pending[0]?.signPublicKey ?? ''),
      version: 2,
    };
    const cert = signRequest(sodium, root, request, t.now);
    await applyCertificate(t.handle, request, cert, t.now);
    expect(await getSetting(db, `pending_key:${org.id}`)).toBeUndefined();
    expect((await listCertificates(db, org.id)).map((c) => c.version)).toEqual([1, 2]);

    // The directory shows version 2; a new report sealed to it opens for the remaining counsellor.
    const school = await schoolDto();
    expect(decodeCertificateBody(fromB64(school.certificate.body)).version).toBe(2);
    const pupilV2 = new PupilClient(sodium, send, school, 2);
    const newReport = pupilV2.compose({ text: 'after the rotation' });
    expect((await pupilV2.submit(newReport)).status).toBe(201);
    expect((await pupilV1.submit(pupilV1.compose({ text: 'stale key' }))).status).not.toBe(201);

    const meRes = await send('/api/staff/me', { headers: { Cookie: first.cookie } });
    const me = (await meRes.json()) as StaffMeDto;
    const firstV2 = openGrantedOrgKeys(sodium, me, firstPersonal);
    expect(firstV2.boxPublicKey).toEqual(v2.boxPublicKey);
    const newSealed = await threadKeySealed(first.cookie, newReport.reportId);
    expect(openWith(firstV2, newSealed)).toEqual(newReport.threadKey);
    const oldSealed = await threadKeySealed(first.cookie, oldReport.reportId);
    const firstV1 = openGrantedOrgKeys(sodium, me, firstPersonal, { version: 1 });
    expect(openWith(firstV1, oldSealed)).toEqual(oldReport.threadKey);

    // The member who left: no grant of version 2, their version-1 keys do not open the new
    // report's key, and their session stays ended.
    expect((await listKeyGrantsOfStaff(db, secondId)).map((g) => g.version)).toEqual([1]);
    expect(openWith(secondV1, oldSealed)).toEqual(oldReport.threadKey);
    expect(() => openWith(secondV1, newSealed)).toThrow(CryptoError);
    expect((await send('/api/staff/me', { headers: { Cookie: secondCookie } })).status).toBe(401);

    // The recovery key holds version 2 as well, so it still restores everything.
    const after = await send('/api/staff/org-recovery', { headers: { Cookie: first.cookie } });
    expect(((await after.json()) as OrgRecoveryStatusDto).versions).toEqual([1, 2]);

    // A newcomer after the rotation gets every version their colleague holds, so the old report
    // opens for them too (their MAC is checked by the colleague's browser: invitations tests).
    const again = await f.login(SP1);
    const client = inviteClient(f, () => again);
    const { secret, created } = await client.invite('po.rotacji@demo.invalid');
    const newcomer = (await client.accept(created, secret)).cred.keys;
    const waiting = (await client.members(again.cookie)).find((m) => m.pending);
    if (!waiting) throw new Error('the newcomer is not waiting');
    const sealTo = (keys: OrgKeyPair) => toB64(sealOrgKeys(sodium, keys, newcomer.boxPublicKey));
    const grantBody = {
      version: 2,
      sealedKeys: sealTo(firstV2),
      endorsement: toB64(
        endorseMember(sodium, firstV2.signSecretKey, {
          orgId: org.id,
          boxPublicKey: newcomer.boxPublicKey,
          signPublicKey: newcomer.signPublicKey,
        }),
      ),
      older: [{ version: 1, sealedKeys: sealTo(firstV1) }],
    };
    const grant = (body: unknown) =>
      send(`/api/staff/members/${waiting.id}/grant`, staffJson(body, again.cookie));
    for (const older of [
      [{ version: 2, sealedKeys: sealTo(firstV2) }],
      [{ version: 9, sealedKeys: sealTo(firstV1) }],
    ]) {
      expect((await grant({ ...grantBody, older })).status).toBe(400);
    }
    const granted = await grant(grantBody);
    expect(granted.status, await granted.clone().text()).toBe(200);
    const newcomerGrants = await listKeyGrantsOfStaff(db, waiting.id);
    expect(newcomerGrants.map((g) => g.version).sort()).toEqual([1, 2]);
    const newcomerV1 = openOrgKeys(
      sodium,
      newcomerGrants.find((g) => g.version === 1)?.sealed_keys ?? new Uint8Array(),
      newcomer.boxPublicKey,
      newcomer.boxSecretKey,
    );
    expect(openWith(newcomerV1, oldSealed)).toEqual(oldReport.threadKey);

    const actions = (await listAudit(db, org.id)).map((e) => e.action);
    expect(actions).toContain('staff.deactivated');
    expect(actions).toContain('org.key_rotated');
  });
});
