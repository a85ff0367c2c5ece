// The staff workspace seen at once (issue 13), in real Chromium at 1366×768 and 1920×1080, in
// Polish, Ukrainian and English: a header of at most 80 px, the case page with the reply box and
// triage in view without scrolling, confirmations before what cannot be undone (switching a member
// off leads on to the new school key; deleting a help entry), the audit log in sentences, in time
// order, with its filters, and axe-core finding nothing on these screens. SP2 is this file's own
// school: no other browser test changes its members.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../tools/browser.ts';
import { newVisit, sendAndReadReceipt, writeReport } from './pupil-helpers.ts';
import {
  acceptInvitation,
  axeViolations,
  openCaseShowing,
  openMenu,
  signIn,
} from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
const account = (login: string) => demo.accounts.find((a) => a.login === login)!;
const COUNSELLOR = 'pedagog.sp2@demo.invalid';
const LANGS = [
  ['pl', 'Polski'],
  ['uk', 'Українська'],
  ['en', 'English'],
] as const;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

async function staffVisit(width: number, height: number) {
  const visit = await newVisit(browser, { bypassCSP: true });
  await visit.page.setViewportSize({ width, height });
  return visit;
}

/** The element lies wholly inside the viewport, the page not scrolled. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el || window.scrollY !== 0) return false;
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  }, selector);
}

describe('staff workspace at once', () => {
  const text = `Ktoś zabiera mi drugie śniadanie ${Math.random().toString(36).slice(2)}`;

  it.each([
    [1366, 768],
    [1920, 1080],
  ])(
    'keeps the header within 80 px and the reply box and triage in view at %ix%i',
    async (width, height) => {
      if (width === 1366) {
        const pupil = await newVisit(browser);
        await pupil.page.goto(`${base}/s/SP2`);
        await writeReport(pupil.page, 'pl', text, false);
        await sendAndReadReceipt(pupil.page, 'pl');
        await pupil.context.close();
      }
      const { context, page } = await staffVisit(width, height);
      await signIn(page, base, account(COUNSELLOR));
      await openCaseShowing(page, text);
      const found: string[] = [];
      for (const [code, button] of LANGS) {
        await page.getByRole('button', { name: button }).click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(code);
        await page.evaluate(() => window.scrollTo(0, 0));
        const header = await page.locator('header').boundingBox();
        expect(header!.height, code).toBeLessThanOrEqual(80);
        for (const sel of ['#staff-reply', '.reply button[type=submit]', '#triage-status'])
          expect(await inView(page, sel), `${code} ${sel}`).toBe(true);
        expect(await inView(page, '#triage-risk'), code).toBe(true);
        found.push(...(await axeViolations(page, `case ${code} ${width}`)));
      }
      expect(found).toEqual([]);
      // The member's language stays over a reload (English was chosen last).
      await page.reload();
      await page.getByRole('button', { name: 'Unlock' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await context.close();
    },
  );

  it('writes the audit log as sentences, newest first, filtered by who, what and when', async () => {
    const { context, page } = await staffVisit(1366, 768);
    await signIn(page, base, account(COUNSELLOR));
    await openMenu(page, 'Dziennik zdarzeń');
    const rows = page.locator('table.audit tbody tr');
    await rows.first().waitFor();
    const read = () =>
      rows.evaluateAll((trs) =>
        trs.map((tr) => ({
          at: tr.querySelector('time')?.getAttribute('datetime') ?? '',
          who: tr.children[1]?.textContent ?? '',
          what: tr.querySelector('.audit__what')?.textContent ?? '',
        })),
      );
    const all = await read();
    expect(all.map((r) => r.at)).toEqual([...all.map((r) => r.at)].sort().reverse());
    for (const r of all) {
      expect(r.what).toMatch(/\.$/);
      expect(r.what).not.toMatch(/[a-z]+\.[a-z_]+/);
    }
    const me = 'Pedagog SP 2';
    expect(all.find((r) => r.what === 'Zalogowano się.')?.who).toBe(me);
    expect(all.find((r) => r.what === 'Przyszło nowe zgłoszenie.')?.who).toBe('uczeń');

    await page.getByLabel('Kto').selectOption({ label: me });
    await expect.poll(async () => new Set((await read()).map((r) => r.who))).toEqual(new Set([me]));
    await page.getByLabel('Co się stało').selectOption({ label: 'logowanie i hasła' });
    await expect
      .poll(async () => new Set((await read()).map((r) => r.what)))
      .toEqual(new Set(['Zalogowano się.']));
    await page.getByRole('button', { name: 'Wyczyść filtry' }).click();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await page.getByLabel('Od dnia').fill(day(tomorrow));
    await page.getByText('Brak zdarzeń dla tych filtrów.').waitFor();
    // A first day after the last is said beside the filters, which stay to be mended.
    await page.getByLabel('Do dnia').fill(day(new Date()));
    await page.getByRole('alert').filter({ hasText: 'późniejszy niż' }).waitFor();
    expect(await page.getByLabel('Kto').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Wyczyść filtry' }).click();
    await rows.first().waitFor();

    // An entry about a report opens its case.
    await rows
      .filter({ hasText: 'Przyszło nowe zgłoszenie.' })
      .first()
      .getByRole('button', { name: 'Otwórz sprawę' })
      .click();
    await page.locator('.case__report').waitFor();
    expect(page.url()).toMatch(/\/staff\/reports\/[0-9a-f-]{36}$/);
    await page.goBack();
    await rows.first().waitFor();

    const found: string[] = [];
    for (const [code, button] of LANGS) {
      await page.getByRole('button', { name: button }).click();
      const signedIn = { pl: 'Zalogowano się.', uk: 'Виконано вхід.', en: 'Signed in.' }[code];
      await expect.poll(async () => (await read()).map((r) => r.what)).toContain(signedIn);
      found.push(...(await axeViolations(page, `audit ${code}`)));
    }
    expect(found).toEqual([]);
    await context.close();
  });

  it('asks before switching a member off, then leads to the new school key', async () => {
    const { context, page } = await staffVisit(1366, 768);
    await signIn(page, base, account(COUNSELLOR));
    await openMenu(page, 'Zespół');
    const login = `odchodzi.${Math.random().toString(36).slice(2, 8)}@demo.invalid`;
    await page.getByLabel('E-mail').fill(login);
    await page.getByLabel('Imię i nazwisko lub funkcja').fill('Odchodząca osoba');
    await page.getByRole('button', { name: 'Utwórz zaproszenie' }).click();
    const link = (await page.getByTestId('invite-link').textContent())!;
    const newcomer = await newVisit(browser);
    await acceptInvitation(newcomer.page, link, 'jeden-dwa-trzy-cztery');
    await newcomer.context.close();
    await page.getByRole('button', { name: 'Odśwież' }).click();
    await page
      .getByRole('button', { name: 'Potwierdź i przekaż klucz szkoły: Odchodząca osoba' })
      .click();
    const row = page.locator('.members li', { hasText: login });
    await expect.poll(() => row.textContent()).toContain('aktywny');
    // Nothing waits, so there is nothing to withdraw.
    expect(
      await page.getByRole('button', { name: 'Wycofaj czekającą wersję klucza' }).count(),
    ).toBe(0);

    await row.getByRole('button', { name: 'Wyłącz konto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Wyłączyć konto: Odchodząca osoba?' });
    expect(await dialog.textContent()).toContain('nowy klucz');
    expect(await axeViolations(page, 'deactivate dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row.textContent()).toContain('aktywny');

    await row.getByRole('button', { name: 'Wyłącz konto' }).click();
    await dialog.getByRole('button', { name: 'Wyłącz konto: Odchodząca osoba' }).click();
    await expect.poll(() => row.textContent()).toContain('wyłączony');
    const next = page.getByRole('region', { name: /Konto wyłączone: Odchodząca osoba/ });
    await next.waitFor();
    // The focus goes straight to the next step: making the new school key.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Utwórz nowy klucz szkoły');
    expect(await axeViolations(page, 'team after switching off')).toEqual([]);
    await context.close();
  });

  it("names the family centre's own key to its team and to the administrator", async () => {
    const cdr = await staffVisit(1366, 768);
    await signIn(cdr.page, base, account('psycholog.cdr@demo.invalid'));
    await openMenu(cdr.page, 'Zespół');
    await cdr.page.getByRole('button', { name: 'Utwórz nowy klucz CdR' }).waitFor();
    expect(await cdr.page.locator('main').textContent()).not.toContain('klucz szkoły');
    await cdr.context.close();

    const { context, page } = await staffVisit(1366, 768);
    await signIn(page, base, account('admin@demo.invalid'));
    await openMenu(page, 'Szkoły i CdR');
    const centre = page
      .locator('details.panel')
      .filter({ has: page.locator('summary', { hasText: 'Centrum dla Rodzin w ' }) });
    await centre.locator('summary').click();
    await centre.getByRole('button', { name: 'Wyłącz konto' }).first().click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('nowy klucz CdR');
    expect(await dialog.textContent()).not.toContain('szkoły');
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await context.close();
  });

  it('asks before deleting a help directory entry', async () => {
    const { context, page } = await staffVisit(1366, 768);
    await signIn(page, base, account('admin@demo.invalid'));
    await openMenu(page, 'Pomoc w gminie');
    const name = `Wpis próbny ${Math.random().toString(36).slice(2, 8)}`;
    await page.getByRole('button', { name: 'Dodaj wpis' }).click();
    await page.getByLabel('Nazwa').fill(name);
    for (const l of ['pl', 'uk', 'en']) await page.getByLabel(`Co oferuje (${l})`).fill('pomoc');
    await page.getByRole('button', { name: 'Zapisz' }).click();
    const entry = page.locator('.members li', { hasText: name });
    await entry.waitFor();
    await entry.getByRole('button', { name: 'Usuń' }).click();
    const dialog = page.getByRole('dialog', { name: `Usunąć wpis: ${name}?` });
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await entry.count()).toBe(1);
    await entry.getByRole('button', { name: 'Usuń' }).click();
    await dialog.getByRole('button', { name: 'Usuń wpis' }).click();
    await entry.waitFor({ state: 'detached' });
    await page.getByText('Wpis usunięty.').waitFor();
    await context.close();
  });
});
