// No trace on a shared tablet: quick exit and the idle clear leave the browser as it was, and
// every pupil screen passes axe-core's WCAG 2.1 AA rules.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../tools/browser.ts';
import {
  LANG_BUTTON,
  newVisit,
  sendAndReadReceipt,
  storageSnapshot,
  TEXTS,
  writeReport,
} from './pupil-helpers.ts';
import { axeViolations } from './axe.ts';

const base = inject('e2eBaseUrl');
const IDLE_MS = 3 * 60 * 1000;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

describe('no trace', () => {
  it('quick exit wipes the screen and leaves storage, cookies and history as they were', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP2`);
    await page.getByRole('button', { name: TEXTS.pl['start'] }).waitFor();
    const before = await storageSnapshot(page);
    const historyBefore = await page.evaluate(() => history.length);
    await writeReport(page, 'pl', 'Nikt nie może tego zobaczyć.', false);
    await sendAndReadReceipt(page, 'pl');

    await page.getByRole('button', { name: 'Wyjdź szybko' }).click();
    await page.waitForURL(/\/neutral\.html$/);
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    await page.goto(`${base}/s/SP2`);
    await page.getByRole('button', { name: TEXTS.pl['start'] }).waitFor();
    expect(await storageSnapshot(page)).toEqual(before);
    expect(await page.locator('body').textContent()).not.toContain('Nikt nie może');
    await context.close();
  });

  it('clears the screen by itself after a few idle minutes', async () => {
    const { context, page } = await newVisit(browser);
    await page.clock.install();
    await page.goto(`${base}/s/SP3`);
    const before = await storageSnapshot(page);
    const historyBefore = await page.evaluate(() => history.length);
    // A child who chose Ukrainian: the next one meets the tablet's Polish, no trace of the choice.
    await page.getByRole('button', { name: LANG_BUTTON.uk }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('uk');
    await writeReport(page, 'uk', 'Текст, який має зникнути.', false);
    // The page moving by itself (a shorter screen pulls the view up) is not a child at the tablet.
    await page.clock.fastForward(IDLE_MS - 10_000);
    await page.evaluate(() => document.dispatchEvent(new Event('scroll', { bubbles: true })));
    await page.clock.fastForward(11_000);
    await page.getByRole('button', { name: TEXTS.pl['start'] }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.locator('body').textContent()).not.toContain('має зникнути');
    expect(await storageSnapshot(page)).toEqual(before);
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    await context.close();
  });
});

describe('accessibility', () => {
  it.each([
    [360, 740],
    [768, 1024],
  ])('every pupil screen passes WCAG 2.1 AA at %ix%i', async (width, height) => {
    const { context, page } = await newVisit(browser, { bypassCSP: true });
    await page.setViewportSize({ width, height });
    const tx = TEXTS.pl;
    const found: string[] = [];
    await page.goto(`${base}/`);
    await page.locator('#school-code').waitFor();
    found.push(...(await axeViolations(page, 'school code')));
    await page.locator('#school-code').fill('CDR');
    await page.getByRole('button', { name: 'Dalej' }).click();
    await page.getByRole('alert').waitFor();
    found.push(...(await axeViolations(page, 'not a school code')));
    await page.locator('#school-code').fill('SP4');
    await page.getByRole('button', { name: 'Dalej' }).click();
    await page.getByRole('button', { name: tx['start'] }).waitFor();
    found.push(...(await axeViolations(page, 'start')));
    await page.getByRole('button', { name: tx['start'] }).click();
    found.push(...(await axeViolations(page, 'what')));
    await page.getByRole('button', { name: tx['home'] }).click();
    found.push(...(await axeViolations(page, 'who')));
    await page.getByRole('button', { name: tx['me'], exact: true }).click();
    found.push(...(await axeViolations(page, 'urgent')));
    await page.getByRole('button', { name: tx['urgent'] }).click();
    found.push(...(await axeViolations(page, 'words')));
    await page.locator('#report-text').fill('x'.repeat(8001));
    found.push(...(await axeViolations(page, 'words too long')));
    await page.locator('#report-text').fill('Test dostępności.');
    await page.getByRole('button', { name: tx['next'], exact: true }).click();
    found.push(...(await axeViolations(page, 'review')));
    await context.route(/\/api\/pupil\//, (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: tx['send'], exact: true }).click();
    await page.getByRole('button', { name: 'Spróbuj wysłać teraz' }).waitFor();
    found.push(...(await axeViolations(page, 'waiting')));
    await context.unroute(/\/api\/pupil\//);
    await page.getByRole('button', { name: 'Spróbuj wysłać teraz' }).click();
    await page.locator('.receipt__code').waitFor({ timeout: 30_000 });
    found.push(...(await axeViolations(page, 'receipt')));
    await page.getByRole('button', { name: tx['done'] }).click();
    await page.locator('#reply-text').waitFor();
    found.push(...(await axeViolations(page, 'thread')));
    await page.getByRole('button', { name: tx['finish'] }).click();
    await page.getByRole('button', { name: tx['back'] }).click();
    found.push(...(await axeViolations(page, 'come back')));
    for (const lang of ['Українська', 'English']) {
      await page.getByRole('button', { name: lang }).click();
      found.push(...(await axeViolations(page, `come back (${lang})`)));
    }
    expect(found).toEqual([]);
    await context.close();
  });
});
