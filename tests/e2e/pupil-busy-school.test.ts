// A busy school in real Chromium [Note: admission]: after a flood of reports the school's
// challenges ask for more work; the pupil sees a sentence and a moving bar instead of a refusal,
// gets the receipt, and when the difficulty rises again while the answer is on its way, the app
// solves a new challenge by itself. The flood comes from a Node client over HTTP, as an attacker's
// would; the pupil's request is held (not answered) by the test to look at the screen meanwhile.
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OrganisationListDto } from '../../shared/protocol/orgs.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { DEFAULT_RATE_LIMITS } from '../../server/middleware/rate-limit.ts';
import { launchChromium } from '../tools/browser.ts';
import { PupilClient, viaUrl } from '../tools/pupil-client.ts';
import { LANG_BUTTON, newVisit, TEXTS, writeReport } from './pupil-helpers.ts';
import { axeViolations } from './axe.ts';

const base = inject('e2eBaseUrl');
const sodium = await loadSodium();
let browser: Browser;
let attacker: PupilClient;

/** Valid reports with fresh proofs of work, as fast as a Node client makes them. */
async function flood(n: number) {
  for (let i = 0; i < n; i++) {
    const res = await attacker.submit(attacker.compose({ text: 'flood' }));
    expect(res.status).toBe(201);
  }
}

/** Holds the pupil's report requests until the test lets each one go. */
function holdReports(page: Page) {
  const held: Route[] = [];
  const statuses: number[] = [];
  page.on('response', (res) => {
    if (res.url().endsWith('/api/pupil/reports')) statuses.push(res.status());
  });
  return {
    statuses,
    ready: page.route('**/api/pupil/reports', (route) => void held.push(route)),
    async next(): Promise<Route> {
      await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
      return held.shift()!;
    },
  };
}

beforeAll(async () => {
  browser = await launchChromium();
  const orgs = ((await (await fetch(`${base}/api/orgs`)).json()) as OrganisationListDto)
    .organisations;
  const school = orgs.find((o) => o.code === 'SP1')!;
  attacker = new PupilClient(sodium, viaUrl(base), school);
});
afterAll(() => browser.close());

describe('a busy school', () => {
  it('shows the pupil progress while solving a raised difficulty, then the receipt', async () => {
    // Half again one step's worth, so the window's turn cannot bring the level back to 0.
    await flood(DEFAULT_RATE_LIMITS.reportsPerBit * 1.5);
    const { context, page } = await newVisit(browser, { bypassCSP: true });
    const reports = holdReports(page);
    await reports.ready;
    await page.goto(`${base}/s/SP1`);
    await writeReport(page, 'pl', 'Ktoś zabiera mi drugie śniadanie.', false);
    await page.getByRole('button', { name: TEXTS.pl.send, exact: true }).click();
    const request = await reports.next();
    // Solved, on its way: the sentence and the bar are on screen, and nothing says "refused".
    await expect
      .poll(() => page.locator('.work').textContent())
      .toContain('Dużo osób pisze teraz do szkoły.');
    expect(await page.getByRole('progressbar', { name: 'Ile już zrobione' }).count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await request.continue();
    await page.locator('.receipt__code').waitFor({ timeout: 30_000 });
    expect(reports.statuses).toEqual([201]);
    await context.close();
  });

  it('solves again by itself when the difficulty rose while the answer was on its way', async () => {
    const { context, page } = await newVisit(browser);
    const reports = holdReports(page);
    await reports.ready;
    await page.goto(`${base}/s/SP1`);
    await page.getByRole('button', { name: LANG_BUTTON.en }).click();
    await writeReport(page, 'en', 'Someone takes my lunch.', false);
    await page.getByRole('button', { name: TEXTS.en.send, exact: true }).click();
    const first = await reports.next();
    // Two more steps of load while the pupil's answer waits: it has gone stale.
    await flood(DEFAULT_RATE_LIMITS.reportsPerBit * 2);
    await first.continue();
    const second = await reports.next();
    await expect
      .poll(() => page.locator('.work').textContent())
      .toContain('Many people are writing to the school right now.');
    await second.continue();
    await page.locator('.receipt__code').waitFor({ timeout: 30_000 });
    expect(reports.statuses).toEqual([409, 201]);
    await context.close();
  });
});
