// Staff sign-in: the cookie, one uniform refusal for every wrong factor and for nobody, the
// slow-down of one login that never locks out the right password (never the school, and an unknown
// login alike), aggregated audit entries while slowed, the session's timeouts (its last use recorded at most
// once a minute) and the CSRF guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toB64 } from '../../shared/crypto/index.ts';
import type { LoginParamsDto, StaffMeDto } from '../../shared/protocol/staff.ts';
import { findStaffByLogin } from '../../server/db/repositories/staff.ts';
import { listAudit } from '../../server/db/repositories/audit.ts';
import { SLOW_AFTER, slowMs } from '../../server/services/login-guard.ts';
import {
  hashStaffToken,
  STAFF_ABSOLUTE_MS,
  STAFF_IDLE_MS,
  STAFF_TOUCH_MS,
} from '../../server/services/staff-session.ts';
import { passwordKeys, staffHeaders, staffJson, totpCode } from '../tools/staff-login.ts';
import { expectError } from './pupil-fixture.ts';
import {
  expectUniform401,
  staffFixture,
  TEST_FAILURE_MS,
  wrongCode,
  type StaffFixture,
} from './staff-auth-fixture.ts';
import { DIALECTS } from './test-db.ts';

const SP1 = 'pedagog.sp1@demo.invalid';
const SP2 = 'pedagog.sp2@demo.invalid';
const PSY = 'psycholog.cdr@demo.invalid';
const TER = 'terapeuta.cdr@demo.invalid';

describe.each(DIALECTS)('staff sign-in on %s', (dialect) => {
  let f: StaffFixture;

  beforeAll(async () => {
    f = await staffFixture(dialect);
  });
  afterAll(() => f.t.close());

  /** A login request with this password and code (the right ones unless given). */
  async function attempt(login: string, opts: { password?: string; totp?: string } = {}) {
    const a = f.demo.accounts.find((x) => x.login === login);
    const { authKey } = await passwordKeys(
      f.send,
      f.sodium,
      login,
      opts.password ?? a?.password ?? 'x',
    );
    const totp =
      opts.totp ?? (await totpCode(a?.totpSecret ?? 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', f.t.now));
    return () => f.send('/api/staff/login', staffJson({ login, authKey: toB64(authKey), totp }));
  }

  it('accepts a sign-in code only once', async () => {
    f.t.advance(30_000);
    expect((await (await attempt(SP2))()).status).toBe(200);
    await expectUniform401(await attempt(SP2));
    f.t.advance(30_000);
    expect((await (await attempt(SP2))()).status).toBe(200);
  });

  it('signs in with password and code, setting a __Host-, HttpOnly, Strict, Secure cookie', async () => {
    const request = await attempt(SP1);
    const res = await request();
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-staff='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    const me = (await res.json()) as StaffMeDto;
    expect(me).toMatchObject({ login: SP1, role: 'counsellor', status: 'active' });
    expect(me.org).toMatchObject({ kind: 'school', code: 'SP1' });
    expect(me.keyGrants).toHaveLength(1);
    expect(me.keyGrants[0]).toMatchObject({ orgId: me.org?.id, version: 1 });
    expect(await f.failures(SP1)).toBe(0);
  });

  it('answers a wrong password, a wrong code and an unknown account identically, after the delay', async () => {
    const code = await totpCode(f.account(SP2).totpSecret, f.t.now);
    await expectUniform401(await attempt(SP2, { password: 'not-the-password' }));
    await expectUniform401(await attempt(SP2, { totp: wrongCode(code) }));
    await expectUniform401(await attempt('nobody@demo.invalid', { password: 'anything' }));
    // The two failures of SP2 counted, and the unknown login's like a real one's (so the slow-down
    // tells nobody who exists), with no trace in the staff table.
    expect(await f.failures(SP2)).toBe(2);
    expect(await f.failures('nobody@demo.invalid')).toBe(1);
    expect(await findStaffByLogin(f.t.handle.db, 'nobody@demo.invalid')).toBeUndefined();
    await f.login(SP2);
    expect(await f.failures(SP2)).toBe(0);
  });

  it('gives an unknown login stable parameters shaped like a real one', async () => {
    const params = async (login: string) => {
      const res = await f.send('/api/staff/login/params', staffJson({ login }));
      expect(res.status).toBe(200);
      return (await res.json()) as LoginParamsDto;
    };
    const real = await params(SP1);
    const fake = await params('Nobody@Demo.invalid ');
    expect(await params('nobody@demo.invalid')).toEqual(fake);
    expect(Object.keys(fake).sort()).toEqual(Object.keys(real).sort());
    expect(fake.salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(fake.salt).not.toEqual((await params('other@demo.invalid')).salt);
    expect(fake).toMatchObject({ opslimit: 3, memlimit: 256 * 1024 * 1024 });
  });

  it('refuses malformed input with a 400, not a 401', async () => {
    for (const body of [
      { login: 'not-an-email', authKey: toB64(new Uint8Array(32)), totp: '123456' },
      { login: SP1, authKey: 'short', totp: '123456' },
      { login: SP1, authKey: toB64(new Uint8Array(32)), totp: '12345' },
    ]) {
      await expectError(
        await f.send('/api/staff/login', staffJson(body)),
        400,
        'validation_failed',
      );
    }
  });

  it('lets the right password and code in at once after a flood of guesses (no lock-out)', async () => {
    // The attack of issue 12 §2: random keys with code 000000, more than enough to have locked.
    const guess = () =>
      f.send(
        '/api/staff/login',
        staffJson({ login: PSY, authKey: toB64(f.sodium.randombytes_buf(32)), totp: '000000' }),
      );
    for (let i = 0; i < SLOW_AFTER + 3; i++) await expectUniform401(guess);
    expect(await f.failures(PSY)).toBe(SLOW_AFTER + 3);
    // A refusal while slowed waits its slow-down on top of the uniform time.
    const started = performance.now();
    await expectUniform401(guess);
    expect(performance.now() - started).toBeGreaterThanOrEqual(
      TEST_FAILURE_MS + slowMs(SLOW_AFTER + 4) - 2,
    );
    // The counsellor's own password and a fresh code sign in straight away, and clear the count.
    expect((await f.login(PSY)).me.login).toBe(PSY);
    expect(await f.failures(PSY)).toBe(0);
    // A colleague of the same CdR was never slowed.
    expect((await f.login(TER)).me.login).toBe(TER);
  });

  it('slows an unknown login exactly like a real one', async () => {
    for (const login of ['ghost@demo.invalid', SP1]) {
      // The unknown login's made-up parameters are slow to derive from: derive once.
      const wrong = await attempt(login, { password: 'guess' });
      for (let i = 0; i < SLOW_AFTER + 2; i++) await expectUniform401(wrong);
      expect(await f.failures(login)).toBe(SLOW_AFTER + 2);
    }
    await f.login(SP1);
  });

  it('writes one audit entry per failure up to the slow-down, then one per hour', async () => {
    const a = await findStaffByLogin(f.t.handle.db, SP2);
    if (!a) throw new Error('no SP2');
    const wrong = await attempt(SP2, { password: 'guess' });
    const failedOf = async () => {
      const rows = (await listAudit(f.t.handle.db, a.org_id)).filter(
        (r) => r.subject_id === a.id && r.action.startsWith('staff.login_failed'),
      );
      return {
        each: rows.filter((r) => r.action === 'staff.login_failed').length,
        slowed: rows.filter((r) => r.action === 'staff.login_failed_slowed').length,
      };
    };
    const before = await failedOf();
    // 40 refusals racing each other: SLOW_AFTER entries, then one for the rest of the hour.
    await Promise.all(Array.from({ length: 40 }, () => wrong()));
    expect(await f.failures(SP2)).toBe(40);
    expect(await failedOf()).toEqual({
      each: before.each + SLOW_AFTER,
      slowed: before.slowed + 1,
    });
    f.t.advance(60 * 60 * 1000);
    await Promise.all(Array.from({ length: 10 }, () => wrong()));
    expect(await failedOf()).toEqual({
      each: before.each + SLOW_AFTER,
      slowed: before.slowed + 2,
    });
    expect((await f.login(SP2)).me.login).toBe(SP2);
  });

  it('doubles the slow-down with each further failure, up to a bound', () => {
    const n = SLOW_AFTER;
    expect([n - 1, n, n + 1, n + 2, n + 3, n + 4, n + 10, 1e6].map(slowMs)).toEqual([
      0, 0, 20, 40, 80, 160, 160, 160,
    ]);
  });

  it('ends a session after the idle timeout', async () => {
    const { cookie } = await f.login(SP1);
    f.t.advance(STAFF_IDLE_MS - 60_000);
    expect((await f.send('/api/staff/me', { headers: { Cookie: cookie } })).status).toBe(200);
    f.t.advance(STAFF_IDLE_MS + 1000);
    await expectError(
      await f.send('/api/staff/me', { headers: { Cookie: cookie } }),
      401,
      'unauthorized',
    );
  });

  it('records a use at most once a minute, so most requests write nothing', async () => {
    const { cookie } = await f.login(SP1);
    const tokenHash = hashStaffToken(cookie.slice(cookie.indexOf('=') + 1));
    const lastSeen = async () =>
      (
        await f.t.handle.db
          .selectFrom('staff_sessions')
          .select('last_seen_at')
          .where('token_hash', '=', tokenHash)
          .executeTakeFirstOrThrow()
      ).last_seen_at;
    const signedInAt = await lastSeen();
    f.t.advance(STAFF_TOUCH_MS - 1000);
    expect((await f.send('/api/staff/me', { headers: { Cookie: cookie } })).status).toBe(200);
    expect(await lastSeen()).toBe(signedInAt);
    f.t.advance(2000);
    expect((await f.send('/api/staff/me', { headers: { Cookie: cookie } })).status).toBe(200);
    expect(await lastSeen()).toBe(f.t.now.toISOString());
  });

  it('ends a session at its absolute end even when in use', async () => {
    const { cookie } = await f.login(SP1);
    const step = STAFF_IDLE_MS / 2;
    for (let t = step; t < STAFF_ABSOLUTE_MS; t += step) {
      f.t.advance(step);
      expect((await f.send('/api/staff/me', { headers: { Cookie: cookie } })).status).toBe(200);
    }
    f.t.advance(step);
    await expectError(
      await f.send('/api/staff/me', { headers: { Cookie: cookie } }),
      401,
      'unauthorized',
    );
  });

  it('logs out: 204, the cookie cleared, the session gone', async () => {
    const { cookie } = await f.login(SP1);
    const res = await f.send('/api/staff/logout', staffJson({}, cookie));
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/__Host-staff=;.*Max-Age=0/);
    await expectError(
      await f.send('/api/staff/me', { headers: { Cookie: cookie } }),
      401,
      'unauthorized',
    );
  });

  it('refuses a state-changing request without X-CSRF or from a foreign origin', async () => {
    const { cookie } = await f.login(SP1);
    const noHeader = await f.send('/api/staff/logout', {
      method: 'POST',
      headers: { Cookie: cookie },
    });
    await expectError(noHeader, 403, 'forbidden');
    const foreign = await f.send('/api/staff/logout', {
      method: 'POST',
      headers: staffHeaders(cookie, { Origin: 'https://evil.example', Host: 'app.example' }),
    });
    await expectError(foreign, 403, 'forbidden');
    const login = await f.send('/api/staff/login/params', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: SP1 }),
    });
    await expectError(login, 403, 'forbidden');
    // The session survived the refused requests.
    expect((await f.send('/api/staff/me', { headers: { Cookie: cookie } })).status).toBe(200);
  });
});
