// The counsellor's side in real Chromium: a pupil sends an urgent report; a new counsellor accepts
// an invitation (password, TOTP), a colleague confirms them; they sign in, find the urgent report
// first, open it (decrypted in the browser), reply, write a note, triage; the pupil reads the reply
// and never the note, which the pupil's keys cannot open either.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashAuthKey } from '../../server/auth-hash.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import {
  CryptoError,
  decryptItem,
  deriveReceiptKeys,
  fromB64,
  openThreadKey,
} from '../../shared/crypto/index.ts';
import type { PupilThreadDto } from '../../shared/protocol/pupil.ts';
import { launchChromium } from '../tools/browser.ts';
import { newVisit, sendAndReadReceipt, TEXTS, writeReport } from './pupil-helpers.ts';
import { acceptInvitation, openCaseShowing, signIn } from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
const sodium = await loadSodium();
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

async function signInAndWait(page: Page, login: string, password: string, totpSecret: string) {
  await signIn(page, base, { login, password, totpSecret });
  await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });
}

async function pupilReport(text: string, urgent: boolean) {
  const { context, page } = await newVisit(browser);
  await page.goto(`${base}/s/SP6`);
  const tx = TEXTS.pl;
  await page.getByRole('button', { name: tx.start }).click();
  await page.getByRole('button', { name: tx.home }).click();
  await page.getByRole('button', { name: tx.me, exact: true }).click();
  await page.getByRole('button', { name: urgent ? tx.urgent : 'Może chwilę poczekać' }).click();
  await page.locator('#report-text').fill(text);
  await page.getByRole('button', { name: tx.next, exact: true }).click();
  const code = await sendAndReadReceipt(page, 'pl');
  await context.close();
  return code;
}

describe('counsellor workspace', () => {
  const note = `note-canary-${Math.random().toString(36).slice(2)}`;
  const reply = 'Jestem pedagogiem. Dziękuję, że napisałeś. Porozmawiamy jutro?';
  let receipt = '';

  it('takes a new counsellor from invitation to a triaged, answered report', async () => {
    await pupilReport('Nie pilne: kłótnia na przerwie.', false);
    receipt = await pupilReport('Pilne: tata bije mamę.', true);
    void writeReport;

    const inviter = demo.accounts.find((a) => a.login === 'pedagog.sp6@demo.invalid')!;
    const colleague = await newVisit(browser);
    await signInAndWait(colleague.page, inviter.login, inviter.password, inviter.totpSecret);
    await colleague.page.getByRole('button', { name: 'Zespół' }).click();
    await colleague.page.getByLabel('E-mail').fill('nowa.pedagog.sp6@demo.invalid');
    await colleague.page.getByLabel('Imię i nazwisko lub funkcja').fill('Nowa pedagog');
    await colleague.page.getByRole('button', { name: 'Utwórz zaproszenie' }).click();
    const link = (await colleague.page.getByTestId('invite-link').textContent())!;

    const newcomer = await newVisit(browser);
    const password = 'jeden-dwa-trzy-cztery';
    const totpSecret = await acceptInvitation(newcomer.page, link, password);
    expect(newcomer.page.url()).not.toContain('invite=');

    await colleague.page.getByRole('button', { name: 'Odśwież' }).click();
    await colleague.page
      .getByRole('button', { name: /Potwierdź i przekaż klucz szkoły: Nowa pedagog/ })
      .click();
    await expect
      .poll(() => colleague.page.locator('.notice--ok').first().textContent())
      .toContain('ma teraz dostęp');

    const page = newcomer.page;
    await signInAndWait(page, 'nowa.pedagog.sp6@demo.invalid', password, totpSecret);
    // Other test files write to SP6 too: this report's row, wherever the order puts it.
    const row = page.locator('.inbox__row', { hasText: 'Pilne: tata bije mamę.' });
    expect(await row.textContent()).toContain('PILNE');
    await openCaseShowing(page, 'Pilne: tata bije mamę.');

    await page.getByLabel(/Odpowiedź dla ucznia/).fill(reply);
    await page.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await expect.poll(() => page.locator('.messages').textContent()).toContain(reply);
    await page.getByLabel('Nowa notatka').fill(note);
    await page.getByRole('button', { name: 'Dodaj notatkę' }).click();
    await expect.poll(() => page.locator('.notes').textContent()).toContain(note);
    await page.getByLabel('Status').selectOption('in_progress');
    await page.getByLabel('Kategoria').selectOption('domestic_violence');
    await expect
      .poll(() => page.locator('.history').textContent())
      .toContain('Zmieniono kategorię zgłoszenia.');
    await colleague.context.close();
    await newcomer.context.close();
  });

  it('lets the pupil read the reply but never the note', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP6`);
    await page.getByRole('button', { name: TEXTS.pl.back }).click();
    await page.locator('#receipt-code').fill(receipt);
    await page.getByRole('button', { name: TEXTS.pl.check, exact: true }).click();
    await expect.poll(() => page.locator('.bubble--them').textContent()).toContain(reply);
    expect(await page.locator('body').textContent()).not.toContain(note);
    await context.close();

    // At the crypto level: the pupil's keys open the thread, and nothing opens the note with them.
    const school = await handle.db
      .selectFrom('organisations')
      .selectAll()
      .where('code', '=', 'SP6')
      .executeTakeFirstOrThrow();
    const keys = deriveReceiptKeys(sodium, receipt, fromB64(school.receipt_salt));
    const report = await handle.db
      .selectFrom('reports')
      .selectAll()
      .where('lookup_hash', '=', hashAuthKey(keys.authKey))
      .executeTakeFirstOrThrow();
    expect(report.status).toBe('in_progress');
    expect(report.category).toBe('domestic_violence');
    const threadKey = openThreadKey(sodium, keys.pupilKey, {
      reportId: report.id,
      threadKeyPupil: Buffer.from(report.thread_key_pupil).toString('base64url'),
    } as PupilThreadDto);
    const [stored] = await handle.db
      .selectFrom('notes')
      .selectAll()
      .where('report_id', '=', report.id)
      .execute();
    const ad = {
      reportId: report.id,
      kind: 'note' as const,
      itemId: stored!.id,
      authorRole: 'counsellor' as const,
    };
    for (const key of [threadKey, keys.pupilKey, keys.authKey]) {
      expect(() => decryptItem(sodium, key, stored!.blob, ad)).toThrow(CryptoError);
    }
  });
});
