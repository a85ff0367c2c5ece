// Making the next school key on the Team page in real Chromium [Note: key rotation]: a server
// that slips a member of its own into the team list gets nothing (every recipient's endorsement is
// checked first, nothing is sent), an honest list gives a proposal that waits for the
// administrator, and an abandoned proposal is withdrawn.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { generateOrgKeys, toB64 } from '../../shared/crypto/index.ts';
import type { MemberDto } from '../../shared/protocol/staff.ts';
import { launchChromium } from '../tools/browser.ts';
import { api, honest, recordApi, rewriteJson } from './malicious-helpers.ts';
import { newVisit } from './pupil-helpers.ts';
import { signIn } from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('school key rotation', () => {
  it('seals the next key only to endorsed members, and withdraws a proposal', async () => {
    const sodium = await loadSodium();
    const { context, page } = await newVisit(browser);
    await signIn(
      page,
      base,
      demo.accounts.find((a) => a.login === 'pedagog.sp4@demo.invalid')!,
    );
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });

    // The server adds a colleague whose keys it made: active, with a made-up endorsement.
    const planted = generateOrgKeys(sodium);
    await rewriteJson<MemberDto[]>(page, api('staff/members'), (members) => [
      ...members,
      {
        id: '7a1d3c5e-0000-4000-8000-000000000001',
        login: 'kolega@demo.invalid',
        displayName: 'Nowy kolega',
        role: 'counsellor',
        status: 'active',
        boxPublicKey: toB64(planted.boxPublicKey),
        signPublicKey: toB64(planted.signPublicKey),
        pending: null,
        endorsement: toB64(sodium.randombytes_buf(64)),
      },
    ]);
    const sent = recordApi(page);
    await page.getByRole('button', { name: 'Zespół' }).click();
    await expect.poll(() => page.locator('.members').textContent()).toContain('Nowy kolega');
    await page.getByRole('button', { name: 'Utwórz nowy klucz szkoły' }).click();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('Nie udało się utworzyć nowego klucza.');
    expect(sent.filter((r) => r.path === '/api/staff/org-key/versions')).toEqual([]);

    // The real team: the proposal is made, then withdrawn.
    await honest(page);
    await page.getByRole('button', { name: 'Odśwież' }).click();
    await expect.poll(() => page.locator('.members').textContent()).not.toContain('Nowy kolega');
    await page.getByRole('button', { name: 'Utwórz nowy klucz szkoły' }).click();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('Nowy klucz (wersja 2) czeka');
    await page.getByRole('button', { name: 'Wycofaj czekającą wersję klucza' }).click();
    // Withdrawing asks first, naming the version.
    const dialog = page.getByRole('dialog', { name: 'Wycofać czekający klucz (wersja 2)?' });
    await dialog.getByRole('button', { name: 'Wycofaj czekającą wersję klucza' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('wycofana');
    await context.close();
  });
});
