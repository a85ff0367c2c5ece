// Password change and recovery: only the personal key bundle is re-wrapped (the recovery blob,
// the public keys and the grants stay), the old password stops working, other sessions end; the
// recovery key plus a signed proof and a code set a new password, and bad proofs or codes get the
// uniform refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  derivePasswordKeys,
  fromB64,
  recoveryWrapKey,
  toB64,
  unwrapPersonalKeys,
  wrapPersonalKeys,
  type PersonalKeys,
} from '../../shared/crypto/index.ts';
import type { RecoveryParamsDto } from '../../shared/protocol/staff.ts';
import { listKeyGrantsOfStaff } from '../../server/db/repositories/staff-credentials.ts';
import { findStaffByLogin } from '../../server/db/repositories/staff.ts';
import { SLOW_AFTER } from '../../server/services/login-guard.ts';
import { recoveryProofMessage } from '../../server/routes/staff/auth/recovery.ts';
import { TEST_ARGON } from '../tools/pupil-client.ts';
import { staffJson, totpCode, unlockPersonalKeys } from '../tools/staff-login.ts';
import { expectError } from './pupil-fixture.ts';
import {
  expectUniform401,
  staffFixture,
  wrongCode,
  type StaffFixture,
} from './staff-auth-fixture.ts';
import { DIALECTS } from './test-db.ts';

const SP6 = 'pedagog.sp6@demo.invalid';
const SP7 = 'pedagog.sp7@demo.invalid';

describe.each(DIALECTS)('staff password and recovery on %s', (dialect) => {
  let f: StaffFixture;

  beforeAll(async () => {
    f = await staffFixture(dialect);
  });
  afterAll(() => f.t.close());

  /** New password material for these personal keys, as the browser makes it. */
  function newPassword(password: string, personal: PersonalKeys) {
    const salt = f.sodium.randombytes_buf(16);
    const keys = derivePasswordKeys(f.sodium, password, salt, TEST_ARGON);
    return {
      authKey: keys.authKey,
      body: {
        salt: toB64(salt),
        authKey: toB64(keys.authKey),
        ...TEST_ARGON,
        wrappedKeys: toB64(wrapPersonalKeys(f.sodium, personal, keys.wrapKey)),
      },
    };
  }

  it('changes the password by re-wrapping only the personal keys, ending other sessions', async () => {
    const db = f.t.handle.db;
    const other = await f.login(SP6);
    const { cookie, me, wrapKey } = await f.login(SP6);
    const before = await findStaffByLogin(db, SP6);
    if (!before) throw new Error('no SP6');
    const grantsBefore = await listKeyGrantsOfStaff(db, before.id);
    const personal = unlockPersonalKeys(f.sodium, me, wrapKey);
    const { authKey: oldAuthKey } = derivePasswordKeys(
      f.sodium,
      f.account(SP6).password,
      fromB64(before.auth_salt),
      TEST_ARGON,
    );
    const next = newPassword('a brand new passphrase', personal);

    // A wrong current password is a uniform refusal and changes nothing.
    await expectUniform401(() =>
      f.send(
        '/api/staff/me/password',
        staffJson({ ...next.body, currentAuthKey: toB64(new Uint8Array(32)) }, cookie, 'PUT'),
      ),
    );
    expect((await findStaffByLogin(db, SP6))?.auth_hash).toBe(before.auth_hash);

    const res = await f.send(
      '/api/staff/me/password',
      staffJson({ ...next.body, currentAuthKey: toB64(oldAuthKey) }, cookie, 'PUT'),
    );
    expect(res.status, await res.clone().text()).toBe(204);

    const after = await findStaffByLogin(db, SP6);
    expect(after?.auth_salt).not.toBe(before.auth_salt);
    expect(after?.auth_hash).not.toBe(before.auth_hash);
    expect(after?.wrapped_keys).not.toEqual(before.wrapped_keys);
    expect(after?.recovery_wrapped_keys).toEqual(before.recovery_wrapped_keys);
    expect(after?.box_public_key).toBe(before.box_public_key);
    expect(after?.sign_public_key).toBe(before.sign_public_key);
    expect(await listKeyGrantsOfStaff(db, before.id)).toEqual(grantsBefore);

    // This session lives on, the other one ended; the old password fails, the new one opens keys.
    expect((await f.send('/api/staff/me', { headers: { Cookie: cookie } })).status).toBe(200);
    await expectError(
      await f.send('/api/staff/me', { headers: { Cookie: other.cookie } }),
      401,
      'unauthorized',
    );
    await expect(f.login(SP6)).rejects.toThrow(/401/);
    const fresh = await f.login(SP6, 'a brand new passphrase');
    expect(unlockPersonalKeys(f.sodium, fresh.me, fresh.wrapKey).signPublicKey).toEqual(
      personal.signPublicKey,
    );
  });

  async function recoveryBlob(login: string): Promise<string> {
    const res = await f.send('/api/staff/recovery/params', staffJson({ login }));
    expect(res.status).toBe(200);
    return ((await res.json()) as RecoveryParamsDto).recoveryWrappedKeys;
  }

  it('hands out the recovery blob, and a stable fake of the same length for nobody', async () => {
    const real = await recoveryBlob(SP7);
    const fake = await recoveryBlob('nobody@demo.invalid');
    expect(fake).toHaveLength(real.length);
    expect(await recoveryBlob('nobody@demo.invalid')).toBe(fake);
    expect(fromB64(fake)[0]).toBe(1);
    expect(() =>
      unwrapPersonalKeys(
        f.sodium,
        fromB64(fake),
        recoveryWrapKey(f.sodium, f.account(SP7).recoveryKey),
      ),
    ).toThrow();
  });

  it('recovers with the recovery key, a code and a signed proof; refuses bad ones uniformly', async () => {
    const account = f.account(SP7);
    const session = await f.login(SP7);
    const personal = unwrapPersonalKeys(
      f.sodium,
      fromB64(await recoveryBlob(SP7)),
      recoveryWrapKey(f.sodium, account.recoveryKey),
    );
    const next = newPassword('recovered passphrase', personal);
    const proof = f.sodium.crypto_sign_detached(
      recoveryProofMessage(SP7, next.authKey),
      personal.signSecretKey,
    );
    const code = await totpCode(account.totpSecret, f.t.now);
    const body = { ...next.body, login: SP7, totp: code, proof: toB64(proof) };
    const recover = (b: unknown) => () => f.send('/api/staff/recovery', staffJson(b));

    const forged = f.sodium.crypto_sign_detached(
      recoveryProofMessage(SP7, next.authKey),
      f.sodium.crypto_sign_keypair().privateKey,
    );
    await expectUniform401(recover({ ...body, proof: toB64(forged) }));
    await expectUniform401(recover({ ...body, totp: wrongCode(code) }));
    // A proof over another authKey than the one sent does not count either.
    await expectUniform401(recover({ ...body, authKey: toB64(new Uint8Array(32).fill(9)) }));
    await expectUniform401(recover({ ...body, login: 'nobody@demo.invalid' }));
    expect(await f.failures(SP7)).toBe(3);
    // Enough further guesses to have locked the account under the old rule do not refuse the
    // right proof and code [Note: sign-in slow-down].
    for (let i = 0; i < SLOW_AFTER; i++) {
      await expectUniform401(recover({ ...body, proof: toB64(forged) }));
    }
    expect(await f.failures(SP7)).toBe(3 + SLOW_AFTER);

    const res = await recover(body)();
    expect(res.status, await res.clone().text()).toBe(204);
    expect(await f.failures(SP7)).toBe(0);
    await expectError(
      await f.send('/api/staff/me', { headers: { Cookie: session.cookie } }),
      401,
      'unauthorized',
    );
    await expect(f.login(SP7)).rejects.toThrow(/401/);
    const fresh = await f.login(SP7, 'recovered passphrase');
    expect(unlockPersonalKeys(f.sodium, fresh.me, fresh.wrapKey).boxPublicKey).toEqual(
      personal.boxPublicKey,
    );
  });

  it('refuses wrapped keys of the wrong size with a 400', async () => {
    const { cookie } = await f.login(SP7, 'recovered passphrase');
    const res = await f.send(
      '/api/staff/me/password',
      staffJson(
        {
          currentAuthKey: toB64(new Uint8Array(32)),
          salt: toB64(new Uint8Array(16)),
          authKey: toB64(new Uint8Array(32)),
          ...TEST_ARGON,
          wrappedKeys: toB64(new Uint8Array(100)),
        },
        cookie,
        'PUT',
      ),
    );
    await expectError(res, 400, 'validation_failed');
  });
});
