// Signing a demo member in through the staff app, as they would: e-mail, password, TOTP code.
import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';

export interface StaffAccount {
  login: string;
  password: string;
  totpSecret: string;
}

export async function signIn(page: Page, base: string, account: StaffAccount): Promise<void> {
  await page.goto(`${base}/staff/`);
  await page.getByLabel('E-mail').fill(account.login);
  await page.getByLabel('Hasło', { exact: true }).fill(account.password);
  await page.getByLabel(/Kod z aplikacji/).fill(generateSync({ secret: account.totpSecret }));
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
}
