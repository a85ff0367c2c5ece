// A counsellor who forgot the password, in real Chromium: from the sign-in page to the recovery
// page, the printed recovery key (never sent) opens the personal keys in the browser, which set
// the new password; the old one stops working and the new one signs in to the school's reports.
// The test then sets the old password back the same way, for the other files' sign-ins.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { launchChromium } from '../tools/browser.ts';
import { signInFresh } from './malicious-helpers.ts';
import { newVisit } from './pupil-helpers.ts';
import { freshTotp, type StaffAccount } from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
let browser: Browser;
let handle: DatabaseHandle;

beforeAll(async () => {
  browser = await launchChromium();
  handle = openDatabase({ dataDir: inject('e2eDataDir') });
});
afterAll(async () => {
  await browser.close();
  await handle.close();
});

async function recover(page: Page, account: StaffAccount & { recoveryKey: string }, to: string) {
  await page.goto(`${base}/staff/`);
  await page.getByRole('button', { name: 'Nie pamiętam hasła' }).click();
  await page.getByLabel('E-mail').fill(account.login);
  await page.getByLabel('Twój klucz odzyskiwania').fill(account.recoveryKey.toLowerCase());
  await page.getByLabel(/Nowe hasło/).fill(to);
  await page.getByLabel(/Kod z aplikacji/).fill(await freshTotp(handle.db, account));
  await page.getByRole('button', { name: 'Ustaw nowe hasło' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Hasło zmienione');
}

describe('forgotten password', () => {
  it('sets a new password with the printed recovery key', async () => {
    const account = demo.accounts.find((a) => a.login === 'pedagog.sp2@demo.invalid')!;
    const fresh = 'nowe-haslo-po-wakacjach';
    const { context, page } = await newVisit(browser);
    await recover(page, account, fresh);

    await signInFresh(page, base, { ...account, password: fresh }, handle.db);
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });
    await context.close();

    const old = await newVisit(browser);
    await old.page.goto(`${base}/staff/`);
    await old.page.getByLabel('E-mail').fill(account.login);
    await old.page.getByLabel('Hasło', { exact: true }).fill(account.password);
    // A code the server would take: only the password is wrong.
    await old.page.getByLabel(/Kod z aplikacji/).fill(await freshTotp(handle.db, account));
    await old.page.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect
      .poll(() => old.page.getByRole('alert').textContent())
      .toContain('Błędny e-mail, hasło lub kod.');
    await recover(old.page, account, account.password);
    await old.context.close();
  });
});
