// The pupil app as a child meets it on a 360x740 phone, a 768x1024 school tablet and that tablet
// at 200 % zoom, in Polish, Ukrainian and English: every screen passes axe-core, spills nothing,
// offers only 44 px targets and shows no emoji; on the phone the frame above the first question
// takes at most a quarter of the screen and all six choices are in view. At 320 px wide nothing
// spills either.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../tools/browser.ts';
import { LANG_BUTTON, photo, sendAndReadReceipt, TEXTS, type Lang } from './pupil-helpers.ts';
import {
  axeViolations,
  emojiText,
  overflowing,
  questionPlace,
  smallTargets,
} from './pupil-screen-checks.ts';

const base = inject('e2eBaseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

const VIEWS = [
  { name: 'phone 360x740', width: 360, height: 740, scale: 1 },
  { name: 'tablet 768x1024', width: 768, height: 1024, scale: 1 },
  { name: 'tablet at 200 % zoom', width: 384, height: 512, scale: 2 },
  { name: 'small phone 320x640', width: 320, height: 640, scale: 1 },
];
const LANGS: Lang[] = ['pl', 'uk', 'en'];

async function check(page: Page, screen: string) {
  expect(await axeViolations(page), `axe on ${screen}`).toEqual([]);
  expect(await overflowing(page), `spilling on ${screen}`).toEqual([]);
  expect(await smallTargets(page), `small targets on ${screen}`).toEqual([]);
  expect(await emojiText(page), `emoji on ${screen}`).toEqual([]);
}

describe.each(VIEWS)('on a $name', (view) => {
  it.each(LANGS)('every pupil screen passes in %s', async (lang) => {
    const tx = TEXTS[lang];
    const context = await browser.newContext({
      viewport: { width: view.width, height: view.height },
      deviceScaleFactor: view.scale,
      locale: 'pl-PL',
      serviceWorkers: 'block',
      bypassCSP: true,
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${base}/s/SP1`);
    await page.getByRole('button', { name: LANG_BUTTON[lang] }).click();
    await page.getByRole('button', { name: tx['start'] }).waitFor();
    await check(page, 'start');

    // The numbers are one tap away, and each fits its card.
    await page.locator('.emergency__toggle').click();
    await page.locator('a[href="tel:800121212"]').waitFor();
    await check(page, 'the emergency numbers');
    await page.locator('.emergency__toggle').click();

    await page.getByRole('button', { name: tx['start'] }).click();
    await page.locator('.choice').first().waitFor();
    await check(page, 'step 1');
    if (view.width === 360) {
      const place = await questionPlace(page);
      expect(place.count).toBe(6);
      expect(place.top / place.height).toBeLessThanOrEqual(0.25);
      expect(place.lastBottom).toBeLessThanOrEqual(place.height);
    }
    await page.getByRole('button', { name: tx['home'] }).click();
    await page.getByRole('button', { name: tx['me'], exact: true }).click();
    await page.getByRole('button', { name: tx['urgent'] }).click();
    await page.locator('#report-text').fill('Test.');
    await page.locator('#report-photos').setInputFiles(photo());
    await expect.poll(() => page.locator('.photos img').count()).toBe(1);
    await check(page, 'own words');
    await page.getByRole('button', { name: tx['next'], exact: true }).click();
    await page.locator('.summary').waitFor();
    await check(page, 'the summary');
    await sendAndReadReceipt(page, lang);
    await check(page, 'the receipt');
    await page.getByRole('button', { name: tx['done'] }).click();
    await page.locator('.thread').waitFor();
    await check(page, 'the thread');
    await page.getByRole('button', { name: tx['finish'] }).click();
    // A school tablet: the next child meets the tablet's Polish, whatever this one chose.
    await page.getByRole('button', { name: TEXTS.pl['start'] }).waitFor();
    if (lang !== 'pl') await page.getByRole('button', { name: LANG_BUTTON[lang] }).click();
    await page.getByRole('button', { name: tx['back'] }).click();
    await page.locator('#receipt-code').waitFor();
    await check(page, 'coming back');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
