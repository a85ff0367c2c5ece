// Signing a demo member in through the staff app, as they would: e-mail, password, TOTP code;
// the newcomer's side of an invitation; finding one's report in a shared school's inbox.
import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
export { axeViolations } from './axe.ts';

export interface StaffAccount {
  login: string;
  password: string;
  totpSecret: string;
}

const STEP_S = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The earliest TOTP code the server still accepts for the account: one step before now when it
 * is free (the server takes a step either side of now, and each step once per account), so
 * another file signing the same demo account in with the current code still can; waits when the
 * account's last accepted step leaves no free one yet.
 */
export async function freshTotp(db: Db, account: StaffAccount): Promise<string> {
  const row = await db
    .selectFrom('staff')
    .select('totp_last_step')
    .where('login', '=', account.login)
    .executeTakeFirstOrThrow();
  // Near the end of a step, the code one step back could expire before the server checks it.
  if (STEP_S - ((Date.now() / 1000) % STEP_S) < 5) await sleep(5_000);
  const now = () => Math.floor(Date.now() / 1000 / STEP_S);
  const step = Math.max(now() - 1, (row.totp_last_step ?? -1) + 1);
  while (step > now() + 1) await sleep(1_000);
  return generateSync({ secret: account.totpSecret, epoch: step * STEP_S });
}

let handle: DatabaseHandle | undefined;
/** The demo database, read for the accounts' last accepted TOTP steps. */
const demoDb = (): Db => (handle ??= openDatabase({ dataDir: inject('e2eDataDir') })).db;

/** Signs a demo member in as they would: e-mail, password, and freshTotp's code (other test files
 * sign the same demo accounts in, each code once); `db` for a demo instance of the test's own. */
export async function signIn(
  page: Page,
  base: string,
  account: StaffAccount,
  db: Db = demoDb(),
): Promise<void> {
  const code = await freshTotp(db, account);
  await page.goto(`${base}/staff/`);
  // A session still open in this browser (an invitation just accepted) shows the lock, which asks
  // for the password only; signing in afresh goes through its logout, as another person would.
  const email = page.getByLabel('E-mail');
  const lockOut = page.getByRole('button', { name: 'Wyloguj (inna osoba)' });
  await email.or(lockOut).waitFor();
  if (await lockOut.isVisible()) await lockOut.click();
  await email.fill(account.login);
  await page.getByLabel('Hasło', { exact: true }).fill(account.password);
  await page.getByLabel(/Kod z aplikacji/).fill(code);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
}

/** The newcomer's side of an invitation link: a password, the authenticator's code, the account;
 * answers the TOTP secret the page showed (what their authenticator app now holds). */
export async function acceptInvitation(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel(/Nowe hasło/).fill(password);
  await page.getByLabel('Powtórz hasło').fill(password);
  const totpSecret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByLabel(/Kod z aplikacji/).fill(generateSync({ secret: totpSecret }));
  await page.getByRole('button', { name: 'Utwórz konto' }).click();
  await page.getByTestId('recovery-key').waitFor({ timeout: 30_000 });
  return totpSecret;
}

/** Opens the inbox's reports one by one until one shows `text` (other test files write to the
 * same demo schools, so it need not be the first). */
export async function openCaseShowing(page: Page, text: string): Promise<void> {
  const rows = page.locator('.inbox__open');
  await rows.first().waitFor();
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    await page.locator('.inbox__open').nth(i).click();
    const report = page.locator('.case__report');
    await report.waitFor();
    await page.waitForFunction(
      () => (document.querySelector('.case__report')?.textContent ?? '').trim().length > 0,
    );
    if (((await report.textContent()) ?? '').includes(text)) return;
    await page.getByRole('button', { name: 'Zgłoszenia', exact: true }).click();
  }
  throw new Error(`no report in the inbox shows "${text}"`);
}

/** Goes to a page of the staff menu by its name, whatever the menu item is made of. */
export async function openMenu(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: /^(Menu|Меню)$/ })
    .getByText(name, { exact: true })
    .click();
}
