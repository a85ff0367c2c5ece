// The staff sign-in tests' common ground: the real app over a test database holding the demo
// municipality (small Argon2id limits, a TOTP secret per member), a shortened uniform failure
// time, and a signed-in client per demo member on the app's (movable) clock.
import { expect } from 'vitest';
import type { Sodium } from '../../shared/crypto/index.ts';
import type { DialectName } from '../../server/db/dialect.ts';
import { seedDemo, type DemoAccount, type DemoResult } from '../../server/demo/seed-demo.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { failuresOf } from '../../server/db/repositories/login-throttle.ts';
import { loginKey, loginTiming } from '../../server/services/login-guard.ts';
import { TEST_ARGON, viaApp, type Send } from '../tools/pupil-client.ts';
import { staffLogin, type StaffLogin } from '../tools/staff-login.ts';
import { createTestApp, type TestApp } from './app-harness.ts';

/** Long enough to measure, short enough for a quick suite. */
export const TEST_FAILURE_MS = 80;
/** The slow-down's step and bound in tests [Note: sign-in slow-down]. */
export const TEST_SLOW_STEP_MS = 20;
export const TEST_MAX_SLOW_MS = 160;

export const UNIFORM_401 = {
  error: { code: 'unauthorized', message: 'Wrong login, password or code' },
};

export interface StaffFixture {
  t: TestApp;
  demo: DemoResult;
  sodium: Sodium;
  send: Send;
  account(login: string): DemoAccount;
  login(login: string, password?: string): Promise<StaffLogin>;
  /** The login's failures in a row [Note: sign-in slow-down]. */
  failures(login: string): Promise<number>;
}

export async function staffFixture(dialect: DialectName): Promise<StaffFixture> {
  loginTiming.failureMs = TEST_FAILURE_MS;
  loginTiming.slowStepMs = TEST_SLOW_STEP_MS;
  loginTiming.maxSlowMs = TEST_MAX_SLOW_MS;
  const t = await createTestApp(dialect);
  const sodium = await loadSodium();
  const demo = await seedDemo({
    db: t.handle.db,
    dialect,
    sodium,
    clock: () => t.now,
    limits: TEST_ARGON,
  });
  const send = viaApp(t.app);
  const account = (login: string) => {
    const found = demo.accounts.find((a) => a.login === login);
    if (!found) throw new Error(`no demo account ${login}`);
    return found;
  };
  const login = (login: string, password?: string) => {
    const a = account(login);
    // A sign-in code is good once [staff.totp_last_step]: each sign-in waits for the next code.
    t.advance(30_000);
    return staffLogin(send, sodium, {
      login,
      password: password ?? a.password,
      totpSecret: a.totpSecret,
      now: t.now,
    });
  };
  const failures = async (login: string) =>
    failuresOf(t.handle.db, await loginKey(t.handle.db, login));
  return { t, demo, sodium, send, account, login, failures };
}

/** Runs the request, asserts the uniform 401 and that it took at least the failure time. */
export async function expectUniform401(request: () => Promise<Response>): Promise<void> {
  const started = performance.now();
  const res = await request();
  const body: unknown = await res.json();
  const elapsed = performance.now() - started;
  expect(res.status, JSON.stringify(body)).toBe(401);
  expect(body).toEqual(UNIFORM_401);
  // Timers may fire a millisecond early; the padding still must be there.
  expect(elapsed).toBeGreaterThanOrEqual(TEST_FAILURE_MS - 2);
}

/** A 6-digit code that is not the current one (nor, but for a one-in-a-million chance, near it). */
export function wrongCode(code: string): string {
  return String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
}
