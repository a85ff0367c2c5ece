// An own phone: the poster's QR link (school id and key fingerprint), the offline app shell, and a
// report written without a connection that waits (never shown as sent) and goes out when the
// connection returns.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { launchChromium } from '../tools/browser.ts';
import { newVisit, TEXTS, writeReport } from './pupil-helpers.ts';

const base = inject('e2eBaseUrl');
let browser: Browser;
let handle: DatabaseHandle;
let posterUrl = '';

beforeAll(async () => {
  browser = await launchChromium();
  handle = openDatabase({ dataDir: inject('e2eDataDir') });
});
afterAll(async () => {
  await browser.close();
  await handle.close();
});

const reportCount = async () =>
  Number(
    (
      await handle.db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the school poster', () => {
  it('prints a QR code whose link carries the school and its key fingerprint', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/staff/`);
    await page.getByRole('button', { name: 'Katalog kluczy' }).click();
    await page.getByRole('button', { name: 'Plakat z kodem QR: SP5' }).click();
    await page.locator('.poster__qr svg').waitFor();
    posterUrl = (await page.locator('.poster__url').textContent()) ?? '';
    expect(posterUrl).toMatch(/\/\?school=[0-9a-f-]{36}&fp=\d{40}$/);
    expect(await page.locator('.poster__code').textContent()).toBe('SP5');
    await context.close();
  });

  it('opens the pupil app for that school on a phone', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(posterUrl);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Szkoła Podstawowa nr 5');
    await context.close();
  });

  it('refuses the school when its key differs from the printed fingerprint', async () => {
    const { context, page } = await newVisit(browser);
    const tampered = posterUrl.replace(/fp=(\d)/, (_, d: string) => `fp=${(Number(d) + 1) % 10}`);
    await page.goto(tampered);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Nie mogę bezpiecznie');
    await context.close();
  });
});

describe('offline', () => {
  it('sends a report written offline once the connection returns', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(posterUrl);
    await writeReport(page, 'pl', 'Piszę bez internetu.', false);
    const before = await reportCount();
    await context.setOffline(true);
    await page.getByRole('button', { name: TEXTS.pl.send, exact: true }).click();
    // Waiting, never "sent": the receipt comes only with the server's answer.
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Nie ma internetu');
    expect(await page.locator('.receipt__code').count()).toBe(0);
    expect(await reportCount()).toBe(before);
    await context.setOffline(false);
    await expect.poll(reportCount, { timeout: 20_000 }).toBe(before + 1);
    await page.locator('.receipt__code').waitFor();
    expect(await page.locator('main').textContent()).toContain('Wysłane!');
    await page.getByRole('button', { name: TEXTS.pl.done }).waitFor();
    await context.close();
  });

  it('opens the app shell without a connection on a phone, and never registers a worker on a kiosk', async () => {
    const context = await browser.newContext({ locale: 'pl-PL', serviceWorkers: 'allow' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(posterUrl);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('.emergency').textContent()).toContain('116 111');
    await context.setOffline(false);

    const kiosk = await browser.newContext({ locale: 'pl-PL', serviceWorkers: 'allow' });
    const tablet = await kiosk.newPage();
    await tablet.goto(`${base}/s/SP1`);
    await tablet.getByRole('button', { name: TEXTS.pl.start }).waitFor();
    expect(
      await tablet.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
    ).toBe(0);
    expect(await tablet.evaluate(async () => (await caches.keys()).length)).toBe(0);
    await kiosk.close();
    await context.close();
  });
});
