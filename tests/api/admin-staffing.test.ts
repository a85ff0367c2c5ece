// The administrator staffing an organisation without ever holding its key, and withdrawing an
// abandoned key proposal, on both dialects: renewal of a member who lost password and recovery
// key (their sessions end, they wait for the key again), the refusals of invitations, and a key
// proposal withdrawn by a member or by the administrator (its grants go; a new one can be made).
import { describe, expect, it } from 'vitest';
import {
  findOrganisation,
  hasKeyGrantsOfVersion,
} from '../../server/db/repositories/organisations.ts';
import { findPendingKey } from '../../server/services/pending-keys.ts';
import {
  fromB64,
  generateOrgKeys,
  sealBytes,
  sealOrgKeys,
  toB64,
} from '../../shared/crypto/index.ts';
import type { OrgRecoveryStatusDto } from '../../shared/protocol/org-recovery.ts';
import { staffHeaders, staffJson, unlockPersonalKeys } from '../tools/staff-login.ts';
import { staffFixture } from './staff-auth-fixture.ts';
import { DIALECTS } from './test-db.ts';

const ADMIN = 'admin@demo.invalid';
const SP3 = 'pedagog.sp3@demo.invalid';

describe.each(DIALECTS)('administrator staffing and key proposals (%s)', (dialect) => {
  it('renews a member and refuses bad invitations', async () => {
    const f = await staffFixture(dialect);
    const { sodium, send } = f;
    const org = await findOrganisation(f.t.handle.db, { code: 'SP3' });
    if (!org) throw new Error('no SP3');
    const admin = await f.login(ADMIN);
    const member = await f.login(SP3);
    const sealed = toB64(
      sealBytes(sodium, sodium.randombytes_buf(32), generateOrgKeys(sodium).boxPublicKey),
    );
    const invite = (orgId: string, body: Record<string, unknown>) =>
      send(`/api/staff/admin/orgs/${orgId}/invitations`, staffJson(body, admin.cookie));
    const body = { login: 'nowy.sp3@demo.invalid', displayName: 'Nowy', secretSealed: sealed };
    expect((await invite('00000000-0000-4000-8000-000000000000', body)).status).toBe(404);
    expect((await invite(org.id, { ...body, login: SP3 })).status).toBe(409);
    expect((await invite(org.id, { ...body, secretSealed: 'AAAA' })).status).toBe(400);
    expect((await invite(org.id, { ...body, login: 'not-an-address' })).status).toBe(400);

    const renew = (id: string, cookie = admin.cookie) =>
      send(`/api/staff/admin/staff/${id}/renew`, staffJson({ secretSealed: sealed }, cookie));
    expect((await renew(admin.me.id)).status).toBe(404);
    expect((await renew(admin.me.id, member.cookie)).status).toBe(403);
    const renewed = await renew(member.me.id);
    expect(renewed.status, await renewed.clone().text()).toBe(201);
    // The member's session ended and they wait for the key again.
    expect((await send('/api/staff/me', { headers: { Cookie: member.cookie } })).status).toBe(401);
    const { organisations } = (await (
      await send('/api/staff/admin/orgs', { headers: { Cookie: admin.cookie } })
    ).json()) as {
      organisations: { code: string; members: { login: string; status: string }[] }[];
    };
    const sp3 = organisations.find((o) => o.code === 'SP3');
    expect(sp3?.members.find((m) => m.login === SP3)?.status).toBe('invited');
  });

  it('withdraws an abandoned key proposal, by a member or by the administrator', async () => {
    const f = await staffFixture(dialect);
    const { sodium, send } = f;
    const db = f.t.handle.db;
    const org = await findOrganisation(db, { code: 'SP3' });
    if (!org) throw new Error('no SP3');
    const member = await f.login(SP3);
    const admin = await f.login(ADMIN);
    const status = (await (
      await send('/api/staff/org-recovery', { headers: { Cookie: member.cookie } })
    ).json()) as OrgRecoveryStatusDto;
    const personal = unlockPersonalKeys(sodium, member.me, member.wrapKey);
    const propose = () => {
      const keys = generateOrgKeys(sodium);
      return send(
        '/api/staff/org-key/versions',
        staffJson(
          {
            version: 2,
            boxPublicKey: toB64(keys.boxPublicKey),
            signPublicKey: toB64(keys.signPublicKey),
            grants: [
              {
                staffId: member.me.id,
                sealedKeys: toB64(sealOrgKeys(sodium, keys, personal.boxPublicKey)),
              },
            ],
            recoveryGrant: toB64(sealOrgKeys(sodium, keys, fromB64(status.boxPublicKey ?? ''))),
          },
          member.cookie,
        ),
      );
    };
    const withdraw = (cookie: string) =>
      send('/api/staff/org-key/versions/pending', { ...staffJson({}, cookie), method: 'DELETE' });
    const adminWithdraw = () =>
      send(`/api/staff/admin/pending-keys/${org.id}`, {
        ...staffJson({}, admin.cookie),
        method: 'DELETE',
      });

    // What waits, for the Team page: it offers "withdraw" only then.
    const waiting = async (cookie: string) => {
      const res = await send('/api/staff/org-key/versions/pending', {
        headers: staffHeaders(cookie),
      });
      return { status: res.status, body: res.status === 200 ? await res.json() : null };
    };
    expect(await waiting(member.cookie)).toEqual({ status: 200, body: { version: null } });
    expect((await withdraw(member.cookie)).status).toBe(404);
    expect((await propose()).status).toBe(201);
    expect(await waiting(member.cookie)).toEqual({ status: 200, body: { version: 2 } });
    expect((await waiting(admin.cookie)).status).toBe(403);
    expect((await propose()).status).toBe(409);
    expect((await withdraw(admin.cookie)).status).toBe(403);
    expect((await withdraw(member.cookie)).status).toBe(204);
    expect(await waiting(member.cookie)).toEqual({ status: 200, body: { version: null } });
    expect(await findPendingKey(db, org.id)).toBeUndefined();
    expect(await hasKeyGrantsOfVersion(db, org.id, 2)).toBe(false);
    expect((await withdraw(member.cookie)).status).toBe(404);

    expect((await propose()).status).toBe(201);
    expect((await adminWithdraw()).status).toBe(204);
    expect((await adminWithdraw()).status).toBe(404);
    expect(await hasKeyGrantsOfVersion(db, org.id, 2)).toBe(false);
    const recovery = (await (
      await send('/api/staff/org-recovery', { headers: { Cookie: member.cookie } })
    ).json()) as OrgRecoveryStatusDto;
    expect(recovery.versions).toEqual([1]);
  });
});
