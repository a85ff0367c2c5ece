// The school recovery key in real Chromium [Note: school recovery key]. Nobody at SP5 can grant
// the school key any more: the administrator invites a new counsellor from the schools page (the
// link secret sealed to SP5's certified key in the administrator's browser), the newcomer sets up
// the account, signs in and waits; the head types the school's printed recovery key into the
// newcomer's browser (a wrong one first, refused; then a server that seals keys of its own to the
// recovery key, refused); the newcomer then reads a report sent before, and makes a new recovery
// key to print.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import {
  deriveSchoolRecoveryKeys,
  generateOrgKeys,
  sealOrgKeys,
  toB64,
} from '../../shared/crypto/index.ts';
import type { OrgRecoveryOpenDto } from '../../shared/protocol/org-recovery.ts';
import { launchChromium } from '../tools/browser.ts';
import { api, honest, recordApi, rewriteJson } from './malicious-helpers.ts';
import { newVisit, sendAndReadReceipt, writeReport } from './pupil-helpers.ts';
import { acceptInvitation, openCaseShowing, signIn } from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('school recovery key', () => {
  it('restores access for a newcomer the administrator invited, and makes a new key', async () => {
    const text = 'Boję się wracać do domu.';
    const pupil = await newVisit(browser);
    await pupil.page.goto(`${base}/s/SP5`);
    await writeReport(pupil.page, 'pl', text, false);
    await sendAndReadReceipt(pupil.page, 'pl');
    await pupil.context.close();

    const admin = await newVisit(browser);
    const adminAccount = demo.accounts.find((a) => a.login === 'admin@demo.invalid')!;
    await signIn(admin.page, base, adminAccount);
    await admin.page.getByRole('button', { name: 'Szkoły i CdR' }).click();
    const sp5 = admin.page.locator('details', { hasText: '(SP5)' });
    await sp5.locator('summary').click();
    await expect.poll(() => sp5.textContent()).toContain('Klucz awaryjny: utworzony');
    await sp5.getByLabel('E-mail').fill('nowa.pedagog.sp5@demo.invalid');
    await sp5.getByLabel('Imię i nazwisko lub funkcja').fill('Nowa pedagog SP5');
    await sp5.getByRole('button', { name: 'Utwórz zaproszenie' }).click();
    const link = (await sp5.getByTestId('admin-invite-link').textContent())!;
    await admin.context.close();

    const { context, page } = await newVisit(browser);
    const password = 'piec-szesc-siedem-osiem';
    const totpSecret = await acceptInvitation(page, link, password);

    await signIn(page, base, { login: 'nowa.pedagog.sp5@demo.invalid', password, totpSecret });
    await page.getByRole('heading', { name: 'Nikt nie może Cię potwierdzić?' }).waitFor();
    const field = page.getByLabel('Klucz awaryjny');
    await field.fill('0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000');
    await page.getByRole('button', { name: 'Przywróć dostęp' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('To nie jest klucz awaryjny');

    // A server that seals keys of its own to the recovery key (it knows its public key): the
    // browser compares them with the certificate and grants nothing.
    const key = demo.recoveryKeys.find((r) => r.code === 'SP5')!.recoveryKey;
    const sodium = await loadSodium();
    const recoveryBox = deriveSchoolRecoveryKeys(sodium, key).boxPublicKey;
    await rewriteJson<OrgRecoveryOpenDto>(page, api('staff/org-recovery/open'), (body) => ({
      grants: body.grants.map((g) => ({
        ...g,
        sealedKeys: toB64(sealOrgKeys(sodium, generateOrgKeys(sodium), recoveryBox)),
      })),
    }));
    const sent = recordApi(page);
    await field.fill(key);
    await page.getByRole('button', { name: 'Przywróć dostęp' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Klucze z serwera nie zgadzają się');
    expect(sent.filter((r) => r.path === '/api/staff/org-recovery/grant')).toEqual([]);
    await honest(page);

    await field.fill(key.toLowerCase());
    await page.getByRole('button', { name: 'Przywróć dostęp' }).click();
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });
    await openCaseShowing(page, text);

    await page.getByRole('button', { name: 'Zespół' }).click();
    await expect
      .poll(() => page.getByTestId('school-recovery-status').textContent())
      .toMatch(/Ostatnio użyty \d{1,2} \S+ \d{4}\./);
    await page.getByRole('button', { name: 'Utwórz nowy klucz awaryjny' }).click();
    const fresh = (await page.getByTestId('school-recovery-key').textContent())!.trim();
    expect(fresh).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$/);
    expect(fresh).not.toBe(key);
    await expect
      .poll(() => page.getByTestId('school-recovery-status').textContent())
      .toContain('Jeszcze nieużyty.');
    await context.close();
  });
});
