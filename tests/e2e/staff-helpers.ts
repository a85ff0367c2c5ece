// Signing a demo member in through the staff app, as they would: e-mail, password, TOTP code.
import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';

export interface StaffAccount {
  login: string;
  password: string;
  totpSecret: string;
}

/**
 * A code is good once and must be of a later 30-second step than the last one accepted for the
 * account, so when another test file signed the same account in within this step, the current
 * code is refused; the helper then types the next step's code, which the server still takes (one
 * step of clock drift), as a person would wait for the next code.
 */
export async function signIn(page: Page, base: string, account: StaffAccount): Promise<void> {
  await page.goto(`${base}/staff/`);
  await page.getByLabel('E-mail').fill(account.login);
  const password = page.getByLabel('Hasło', { exact: true });
  await password.fill(account.password);
  const code = page.getByLabel(/Kod z aplikacji/);
  const submit = page.getByRole('button', { name: 'Zaloguj się' });
  await code.fill(generateSync({ secret: account.totpSecret }));
  await submit.click();
  const refused = page.getByRole('alert').filter({ hasText: 'Błędny e-mail, hasło lub kod.' });
  await Promise.race([
    password.waitFor({ state: 'detached', timeout: 30_000 }),
    refused.waitFor({ timeout: 30_000 }),
  ]);
  if (await refused.isVisible()) {
    const epoch = Math.floor(Date.now() / 1000) + 30;
    await code.fill(generateSync({ secret: account.totpSecret, epoch }));
    await submit.click();
  }
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
