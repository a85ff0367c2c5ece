// No page of the app talks to anyone but its own server. Chromium visits every pupil screen (kiosk
// and own phone with its service worker, the wizard with a photo, sending, the receipt, coming
// back, the thread, the help directory, all three languages) and every staff screen (sign-in, key
// directory and poster, an invitation link, then as a counsellor, the CdR and the
// administrator every screen of their menu, a case and the hand-over form), and records every
// request of the pages, their workers and service workers, and every CSP refusal the browser logs.
// All must stay on the app's origin (data: and blob: allowed). The quick exit, which leaves for a
// neutral outside page on purpose, is the one thing not pressed here (pupil-safety.test.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { fingerprint } from '../../shared/crypto/index.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import { launchChromium } from '../tools/browser.ts';
import { certBody } from '../tools/hostile-server.ts';
import { signInFresh } from './malicious-helpers.ts';
import { LANG_BUTTON, sendAndReadReceipt, TEXTS, writeReport } from './pupil-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
const sodium = await loadSodium();
let browser: Browser;
let handle: DatabaseHandle;
const requested: { url: string; from: string }[] = [];
const refusedByCsp: string[] = [];
const visited: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  handle = openDatabase({ dataDir: inject('e2eDataDir') });
});
afterAll(async () => {
  await browser.close();
  await handle.close();
});

async function visit(options: { serviceWorkers: 'allow' | 'block' }): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    locale: 'pl-PL',
    viewport: { width: 768, height: 1024 },
    ...options,
  });
  context.on('request', (r) =>
    requested.push({ url: r.url(), from: r.serviceWorker() ? 'service worker' : 'page' }),
  );
  context.on('serviceworker', (w) => requested.push({ url: w.url(), from: 'service worker' }));
  const page = await context.newPage();
  page.on('worker', (w) => requested.push({ url: w.url(), from: 'worker' }));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refusedByCsp.push(m.text());
  });
  return page;
}

/** Clicks a staff menu entry and waits for its screen's heading. */
async function screen(page: Page, label: string, heading = label) {
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('heading', { name: heading }).first().waitFor();
  visited.push(`staff: ${heading}`);
}

const account = (login: string) => demo.accounts.find((a) => a.login === login)!;
let receipt = '';

describe('every page the app has', () => {
  it('the pupil app on a kiosk: start, help, wizard, sending, receipt, thread, coming back', async () => {
    const page = await visit({ serviceWorkers: 'allow' });
    await page.goto(`${base}/s/SP2`);
    await page.getByRole('button', { name: 'Gdzie jeszcze szukać pomocy' }).click();
    await page.getByRole('heading', { name: 'Gdzie jeszcze możesz szukać pomocy' }).waitFor();
    await page.getByRole('button', { name: 'Wstecz', exact: true }).click();
    await writeReport(page, 'pl', 'Ktoś zabiera mi kanapki.');
    receipt = await sendAndReadReceipt(page, 'pl');
    await page.getByRole('button', { name: TEXTS.pl.done }).click();
    await page.locator('#reply-text').fill('Dziękuję.');
    await page.getByRole('button', { name: TEXTS.pl.reply }).click();
    await expect.poll(() => page.locator('.messages').textContent()).toContain('Dziękuję.');
    await page.getByRole('button', { name: TEXTS.pl.finish }).click();
    await page.getByRole('button', { name: TEXTS.pl.back }).click();
    await page.locator('#receipt-code').fill(receipt);
    await page.getByRole('button', { name: TEXTS.pl.check, exact: true }).click();
    await page.locator('.thread .thread__photo').waitFor();
    for (const lang of ['uk', 'en'] as const) {
      await page.getByRole('button', { name: LANG_BUTTON[lang] }).click();
      await page.getByRole('button', { name: TEXTS[lang].finish }).waitFor();
    }
    visited.push('pupil: kiosk start, help, wizard, receipt, thread, come back, uk, en');
  });

  it('the pupil app on an own phone, with its service worker, and from a poster link', async () => {
    const page = await visit({ serviceWorkers: 'allow' });
    await page.goto(`${base}/`);
    await page.locator('#school-code').fill('SP2');
    await page.getByRole('button', { name: 'Dalej' }).click();
    await page.getByRole('button', { name: TEXTS.pl.start }).waitFor();
    // The offline shell: wait until the service worker has precached it.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).length))
      .toBeGreaterThan(0);
    // A poster's QR link: the school's id and key fingerprint, then one with a wrong fingerprint.
    const sp2 = (await (await fetch(`${base}/api/orgs/by-code/SP2`)).json()) as OrganisationDto;
    const fp = fingerprint(sodium, certBody(sp2.certificate).boxPublicKey).replace(/\D/g, '');
    await page.goto(`${base}/?school=${sp2.id}&fp=${fp}`);
    await page.getByRole('button', { name: TEXTS.pl.start }).waitFor();
    await page.goto(`${base}/?school=${sp2.id}&fp=${'0'.repeat(40)}`);
    await page.getByRole('alert').waitFor();
    visited.push('pupil: own phone, service worker, poster link');
  });

  it('the staff app before sign-in: sign-in, key directory, poster, invitation link', async () => {
    const page = await visit({ serviceWorkers: 'allow' });
    await page.goto(`${base}/staff/`);
    await page.getByRole('heading', { name: 'Zaloguj się' }).waitFor();
    await page.getByRole('button', { name: 'Katalog kluczy' }).click();
    await page.getByRole('button', { name: /Plakat z kodem QR: SP2/ }).click();
    await page.locator('.poster__qr svg').waitFor();
    const fake = `${crypto.randomUUID()}.${'A'.repeat(43)}.${'B'.repeat(43)}`;
    // A fresh load: the link is read when the app starts, not on a change of the fragment.
    await page.goto('about:blank');
    await page.goto(`${base}/staff/#invite=${fake}`);
    await page.getByRole('alert').waitFor();
    visited.push('staff: sign-in, key directory, poster, invitation link');
  });

  it('the counsellor: every screen of the menu, a case and the hand-over form', async () => {
    const page = await visit({ serviceWorkers: 'allow' });
    await signInFresh(page, base, account('pedagog.sp2@demo.invalid'), handle.db);
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });
    await page.locator('.inbox__open').first().click();
    await page.locator('.case__report').waitFor();
    await page.getByRole('button', { name: 'Przekaż do Centrum dla Rodzin' }).click();
    await page.getByLabel(/Powód przekazania/).waitFor();
    for (const label of ['Przekazane do CdR', 'Zespół', 'Statystyki', 'Dziennik zdarzeń'])
      await screen(page, label);
    await screen(page, 'Pomoc w gminie', 'Gdzie jeszcze możesz szukać pomocy');
    await screen(page, 'Ustawienia');
    await screen(page, 'Katalog kluczy');
    await page.getByRole('button', { name: /Plakat z kodem QR: SP2/ }).click();
    await page.locator('.poster__qr svg').waitFor();
    await screen(page, 'Zgłoszenia');
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.getByRole('heading', { name: 'Zaloguj się' }).waitFor();
  });

  it('the CdR specialist and the administrator: every screen of their menus', async () => {
    const cdr = await visit({ serviceWorkers: 'allow' });
    await signInFresh(cdr, base, account('terapeuta.cdr@demo.invalid'), handle.db);
    await cdr.getByRole('heading', { name: 'Przekazane do CdR' }).waitFor({ timeout: 30_000 });
    for (const label of ['Zespół', 'Statystyki', 'Dziennik zdarzeń', 'Ustawienia'])
      await screen(cdr, label);
    const admin = await visit({ serviceWorkers: 'allow' });
    await signInFresh(admin, base, account('admin@demo.invalid'), handle.db);
    await admin.getByRole('heading', { name: 'Pomoc w gminie' }).waitFor({ timeout: 30_000 });
    for (const label of ['Szkoły i CdR', 'Przechowywanie danych', 'Statystyki'])
      await screen(admin, label);
    for (const label of ['Dziennik zdarzeń', 'Ustawienia', 'Katalog kluczy', 'Pomoc w gminie'])
      await screen(admin, label);
  });

  it('went nowhere but the app’s own origin', () => {
    const outside = requested.filter(
      (r) => !r.url.startsWith(`${base}/`) && !/^(data|blob):/.test(r.url),
    );
    expect(outside).toEqual([]);
    expect(refusedByCsp).toEqual([]);
    // The record is real: API calls, hashed assets, the crypto worker, the service worker.
    const urls = requested.map((r) => r.url);
    expect(urls.some((u) => u.includes('/api/pupil/reports'))).toBe(true);
    expect(urls.some((u) => u.includes('/api/staff/reports'))).toBe(true);
    expect(requested.some((r) => r.from === 'worker')).toBe(true);
    expect(requested.some((r) => r.from === 'service worker')).toBe(true);
    expect(visited.length).toBeGreaterThan(15);
  });
});
