// The browser side of the malicious server: Playwright's page.route() lets the real demo server
// answer, then rewrites the answer before the real app sees it. Also: a record of what the app
// sent, and a staff sign-in that leaves the current TOTP step to the other test files that share
// the demo accounts.
import type { Page, Request } from 'playwright-core';
import type { Db } from '../../server/db/database.ts';
import { freshTotp, type StaffAccount } from './staff-helpers.ts';

export type UrlMatch = string | RegExp;

/** Answers `url` with the real server's JSON answer as `edit` changes it. */
export async function rewriteJson<T>(
  page: Page,
  url: UrlMatch,
  edit: (body: T) => T | Promise<T>,
): Promise<void> {
  await page.route(url, async (route) => {
    const res = await route.fetch();
    if (!res.ok()) return route.fulfill({ response: res });
    const body = await edit((await res.json()) as T);
    await route.fulfill({ response: res, json: body });
  });
}

/** Answers `url` with the real server's bytes as `edit` changes them. */
export async function rewriteBytes(
  page: Page,
  url: UrlMatch,
  edit: (bytes: Uint8Array) => Uint8Array,
): Promise<void> {
  await page.route(url, async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(edit(new Uint8Array(await res.body())));
    await route.fulfill({ response: res, body });
  });
}

/** Removes every rewrite: the real server answers again. */
export const honest = (page: Page): Promise<void> => page.unrouteAll({ behavior: 'wait' });

export interface SentRequest {
  method: string;
  path: string;
  body: string | null;
}

/** Every request the page (and its workers) sends to the API from now on. */
export function recordApi(page: Page): SentRequest[] {
  const sent: SentRequest[] = [];
  page.on('request', (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/'))
      sent.push({ method: r.method(), path: url.pathname, body: r.postData() });
  });
  return sent;
}

export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const api = (path: string): RegExp => new RegExp(`/api/${path}(\\?.*)?$`);

/** Signs in through the staff app with freshTotp's code. */
export async function signInFresh(
  page: Page,
  base: string,
  account: StaffAccount,
  db: Db,
): Promise<void> {
  const code = await freshTotp(db, account);
  await page.goto(`${base}/staff/`);
  // A session left in this browser shows the lock (password only): sign in afresh through its
  // logout, as the staff helper does.
  const email = page.getByLabel('E-mail');
  const lockOut = page.getByRole('button', { name: 'Wyloguj (inna osoba)' });
  await email.or(lockOut).waitFor();
  if (await lockOut.isVisible()) await lockOut.click();
  await email.fill(account.login);
  await page.getByLabel('Hasło', { exact: true }).fill(account.password);
  await page.getByLabel(/Kod z aplikacji/).fill(code);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
}
