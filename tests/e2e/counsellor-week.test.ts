// A counsellor's real week in Chromium (issue 13), on a demo instance of its own so the inbox holds
// exactly the reports written here: three pupils write, the counsellor signs in and replies to
// the third report of the inbox, counting every step. The rows tell the reports apart (each
// shows what the pupil chose and their first line, opened in this browser), so the right report
// opens at once instead of one by one. Then the case keeps its address: a reload asks for the
// password only and comes back to it, Back returns to the inbox; the same TOTP code typed again
// after a logout says to wait for the next one. Axe finds no violation on the new screens.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { launchChromium } from '../tools/browser.ts';
import { startDemoServer, type DemoServer } from '../tools/demo-server.ts';
import { newVisit, sendAndReadReceipt } from './pupil-helpers.ts';
import { freshTotp, signIn, type StaffAccount } from './staff-helpers.ts';
import { seedSchoolReports } from '../tools/school-reports.ts';
import { reportContent } from '../bench/pupil-requests.ts';
import { axeViolations } from './axe.ts';

let server: DemoServer;
let handle: DatabaseHandle;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer();
  handle = openDatabase({ dataDir: server.dataDir });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await handle?.close();
  await server?.stop();
});

const REPORTS = [
  {
    choice: 'Ktoś w domu robi mi krzywdę',
    seen: 'Ktoś w domu',
    text: 'W domu jest głośno i się boję.',
  },
  {
    choice: 'Ktoś w szkole robi mi krzywdę',
    seen: 'Ktoś w szkole',
    text: 'Starsi chłopcy zabierają mi drugie śniadanie.',
  },
  {
    choice: 'Coś złego dzieje się w internecie',
    seen: 'Coś złego w internecie',
    text: 'Ktoś na czacie każe mi wysyłać zdjęcia.',
  },
];

async function pupilWrites(choice: string, text: string) {
  const { context, page } = await newVisit(browser);
  await page.goto(`${server.baseUrl}/s/SP4`);
  await page.getByRole('button', { name: 'Chcę poprosić o pomoc' }).click();
  await page.getByRole('button', { name: choice }).click();
  await page.getByRole('button', { name: 'Mnie', exact: true }).click();
  await page.getByRole('button', { name: 'Może chwilę poczekać' }).click();
  await page.locator('#report-text').fill(text);
  await page.getByRole('button', { name: 'Dalej', exact: true }).click();
  await sendAndReadReceipt(page, 'pl');
  await context.close();
}

/** What the counsellor does, counted: every field typed in, every click, every scroll. */
function counted(page: Page) {
  const steps = { fields: 0, clicks: 0, scrolls: 0 };
  return {
    steps,
    fill: async (label: string | RegExp, value: string) => {
      steps.fields++;
      await page.getByLabel(label, { exact: typeof label === 'string' }).fill(value);
    },
    click: async (target: ReturnType<Page['locator']>) => {
      steps.clicks++;
      // A target below the fold needs a scroll first, as it would for a person.
      const box = await target.boundingBox();
      const viewport = page.viewportSize();
      if (box && viewport && box.y + box.height > viewport.height) steps.scrolls++;
      await target.click();
    },
  };
}

describe('a counsellor finds the right report and answers it', () => {
  const account = (): StaffAccount =>
    server.demo.accounts.find((a) => a.login === 'pedagog.sp4@demo.invalid')!;
  const reply = 'Dziękuję, że piszesz. Nie wysyłaj nikomu zdjęć. Porozmawiajmy jutro.';
  /** The case the first test answered: where an urgent alert would link. */
  let answered = { url: '', text: '' };
  /** Opens an address of the staff app and signs in there, as from an alert's link. */
  const signInAt = async (page: Page, url: string) => {
    await page.goto(url);
    await page.getByLabel('E-mail').fill(account().login);
    await page.getByLabel('Hasło', { exact: true }).fill(account().password);
    await page.getByLabel(/Kod z aplikacji/).fill(await freshTotp(handle.db, account()));
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
  };

  it('signs in, sees which report is which, replies to the third one, and stays in place', async () => {
    for (const r of REPORTS) await pupilWrites(r.choice, r.text);
    const { context, page } = await newVisit(browser, { bypassCSP: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    const me = counted(page);
    const code = await freshTotp(handle.db, account());

    await page.goto(`${server.baseUrl}/staff/`);
    await me.fill('E-mail', account().login);
    await me.fill('Hasło', account().password);
    await me.fill(/Kod z aplikacji/, code);
    await me.click(page.getByRole('button', { name: 'Zaloguj się' }));
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });

    // Every row shows what tells it apart, without opening any of them.
    const rows = page.locator('.inbox__row');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => page.locator('.inbox__preview').allTextContents()).toHaveLength(3);
    for (const r of REPORTS) {
      const row = rows.filter({ hasText: r.text });
      expect(await row.count()).toBe(1);
      expect(await row.locator('.inbox__choice').textContent()).toContain(r.seen);
    }
    const third = rows.nth(2);
    const thirdText = (await third.locator('.inbox__preview').textContent())!.trim();
    expect(REPORTS.map((r) => r.text)).toContain(thirdText);
    // Times to the hour read "dziś, ok. 7:00", never with seconds.
    expect(await third.textContent()).toMatch(/dziś, ok\. \d{1,2}:00/);
    expect(await third.textContent()).not.toMatch(/\d:\d\d:\d\d/);
    expect(await axeViolations(page)).toEqual([]);

    // Searching what this browser opened finds it too (nothing of it goes to the server).
    await page.getByLabel('Szukaj w treści').fill(thirdText.split(' ').slice(1, 3).join(' '));
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Szukaj w treści').fill('');
    await expect.poll(() => rows.count()).toBe(3);

    await me.click(third.getByRole('button'));
    await expect.poll(() => page.locator('.case__report').textContent()).toContain(thirdText);
    const caseUrl = page.url();
    answered = { url: caseUrl, text: thirdText };
    expect(caseUrl).toMatch(/\/staff\/reports\/[0-9a-f-]{36}$/);
    await me.fill(/Odpowiedź dla ucznia/, reply);
    await me.click(page.getByRole('button', { name: 'Wyślij odpowiedź' }));
    await expect.poll(() => page.locator('.messages').textContent()).toContain(reply);
    // Each message says when: the counsellor's own to the minute (a pupil's to the hour).
    expect(await page.locator('.messages time').last().textContent()).toMatch(
      /^dziś, \d{1,2}:\d{2}$/,
    );

    // Before: three fields and a click to sign in, then opening the reports one by one (open and
    // back for each of the first two, then the third: five clicks), a scroll to the reply box,
    // its field and the send button: 4 fields, 7 clicks, 1 scroll = 12 steps.
    expect(me.steps.fields).toBe(4);
    expect(me.steps.clicks).toBe(3);
    expect(me.steps.fields + me.steps.clicks + me.steps.scrolls).toBeLessThan(12);

    // A reload keeps the session: the password only, and back on the same case.
    await page.reload();
    await page.getByRole('heading', { name: 'Odblokuj klucze' }).waitFor({ timeout: 30_000 });
    expect(await page.getByLabel(/Kod z aplikacji/).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Hasło', { exact: true }).fill(account().password);
    await page.getByRole('button', { name: 'Odblokuj' }).click();
    await expect
      .poll(() => page.locator('.case__report').textContent(), { timeout: 30_000 })
      .toContain(thirdText);
    expect(page.url()).toBe(caseUrl);
    expect(await page.locator('.messages').textContent()).toContain(reply);

    // Back returns to the inbox, Forward to the case.
    await page.goBack();
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor();
    await page.goForward();
    await expect.poll(() => page.locator('.case__report').textContent()).toContain(thirdText);

    // The same code again after a logout: wait for the next one, not "wrong code".
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.getByLabel('E-mail').fill(account().login);
    await page.getByLabel('Hasło', { exact: true }).fill(account().password);
    await page.getByLabel(/Kod z aplikacji/).fill(code);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Ten kod został już użyty');
    await context.close();
  }, 120_000);

  it('warns before the idle lock, counts scrolling as reading, and keeps a half-written reply', async () => {
    const { context, page } = await newVisit(browser);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.clock.install();
    await signIn(page, server.baseUrl, account(), handle.db);
    await page.locator('.inbox__open').first().click({ timeout: 30_000 });
    await page.locator('.case__report').waitFor();
    const draft = 'Pół odpowiedzi, zanim zadzwonił dzwonek';
    await page.getByLabel(/Odpowiedź dla ucznia/).fill(draft);

    await page.clock.fastForward('14:01');
    await page.getByRole('alertdialog').waitFor();
    await page.mouse.wheel(0, 200);
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
    await page.clock.fastForward('14:01');
    await page.getByRole('alertdialog').waitFor();
    await page.clock.fastForward('01:00');
    await page.getByRole('heading', { name: 'Odblokuj klucze' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(draft);
    await page.getByLabel('Hasło', { exact: true }).fill(account().password);
    await page.getByRole('button', { name: 'Odblokuj' }).click();
    await expect
      .poll(() => page.getByLabel(/Odpowiedź dla ucznia/).inputValue(), { timeout: 30_000 })
      .toBe(draft);
    await context.close();
  }, 120_000);

  it('shows the inbox in Ukrainian and English with the same times and no axe violation', async () => {
    const { context, page } = await newVisit(browser, { bypassCSP: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, server.baseUrl, account(), handle.db);
    await page.locator('.inbox__preview').first().waitFor({ timeout: 30_000 });
    for (const [button, today] of [
      ['Українська', 'сьогодні'],
      ['English', 'today'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await expect.poll(() => page.locator('.inbox').textContent()).toContain(today);
      expect(await axeViolations(page)).toEqual([]);
    }
    await context.close();
  }, 120_000);

  it('opens the case an alert links to, once signed in', async () => {
    const { context, page } = await newVisit(browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInAt(page, answered.url);
    await expect
      .poll(() => page.locator('.case__report').textContent(), { timeout: 30_000 })
      .toContain(answered.text);
    expect(page.url()).toBe(answered.url);
    // An address of no report of this school says so, not that a report failed its checks.
    await page.evaluate(() => {
      history.pushState(null, '', '/staff/reports/00000000-0000-4000-8000-000000000000');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Nie ma takiego zgłoszenia w Twojej szkole');
    await context.close();
  }, 120_000);

  it('tells a counsellor a text is too long and sends nothing, so the case stays readable; counts wrong passwords down', async () => {
    const { context, page } = await newVisit(browser, { bypassCSP: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInAt(page, answered.url);
    await page.locator('.case__report').waitFor({ timeout: 30_000 });
    const stored = () =>
      handle.db
        .selectFrom('messages')
        .select('id')
        .execute()
        .then((r) => r.length);
    const before = await stored();
    const pasted = 'Długi tekst. '.repeat(700); // 9,100 characters, over the 8,000
    for (const [box, button] of [
      [/Odpowiedź dla ucznia/, 'Wyślij odpowiedź'],
      ['Nowa notatka', 'Dodaj notatkę'],
    ] as const) {
      await page.getByLabel(box).fill(pasted);
      await page.getByRole('button', { name: button }).click();
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: 'za długi' }).count())
        .toBe(1);
      // Kept whole in the box, to be shortened.
      expect(await page.getByLabel(box).inputValue()).toBe(pasted);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel(box).fill('');
    }
    expect(await stored()).toBe(before);
    await page.reload();
    await page.getByLabel('Hasło', { exact: true }).fill(account().password);
    await page.getByRole('button', { name: 'Odblokuj' }).click();
    await expect
      .poll(() => page.locator('.case__report').textContent(), { timeout: 30_000 })
      .toContain(answered.text);

    // Wrong passwords at the lock count down, and the fifth ends the session, saying why.
    await page.reload();
    for (let left = 4; left >= 0; left--) {
      await page.getByLabel('Hasło', { exact: true }).fill(`nie-to-haslo-${left}`);
      await page.getByRole('button', { name: 'Odblokuj' }).click();
      if (left > 0) {
        await expect
          .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
          .toContain(`Zostało prób: ${left}`);
      }
    }
    await page.getByLabel('E-mail').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Wylogowano po 5 błędnych hasłach',
    );
    await context.close();
  }, 120_000);

  it('searches every report, not only the page shown', async () => {
    const sp6 = server.demo.accounts.find((a) => a.login === 'pedagog.sp6@demo.invalid')!;
    const needle = 'Żyrafa z lodówki';
    // More than two pages of 50 (the rest is more than one request of previews), the one report
    // to find among them.
    await seedSchoolReports(server, 'SP6', 121, (i) => ({
      ...reportContent(i),
      urgent: false,
      text: i === 90 ? `${needle} mówi, że nikt mi nie uwierzy.` : reportContent(i).text,
    }));
    const { context, page } = await newVisit(browser, { bypassCSP: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, server.baseUrl, sp6, handle.db);
    const rows = page.locator('.inbox__row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(50);
    await page.getByLabel('Szukaj w treści').fill('zyrafa lodowki');
    const found = page.getByRole('status').filter({ hasText: 'Pasuje' });
    await expect.poll(() => found.textContent()).toMatch(/z 50 wczytanych/);
    await page.getByRole('button', { name: 'Szukaj we wszystkich zgłoszeniach' }).click();
    await expect.poll(() => found.textContent()).toBe('Pasuje 1 ze wszystkich 121 zgłoszeń.');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(needle);
    expect(await page.getByRole('button', { name: /Szukaj we wszystkich/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Szukaj w treści').fill('');
    await expect.poll(() => rows.count()).toBe(121);
    // Every row opened, those past the first page too.
    await expect
      .poll(async () =>
        (await page.locator('.inbox__preview').allTextContents()).filter(
          (t) => t === '…' || t.startsWith('Nie mogę otworzyć'),
        ),
      )
      .toEqual([]);
    await context.close();
  }, 120_000);
});
