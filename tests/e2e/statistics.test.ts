// Prevention statistics in the browser: the administrator sees every school, a counsellor only
// their own; small counts read "<5"; the CSV download carries the cells shown on the screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../tools/browser.ts';
import { newVisit, sendAndReadReceipt, writeReport } from './pupil-helpers.ts';
import { signIn } from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

const account = (login: string) => demo.accounts.find((a) => a.login === login)!;

/** The table as [month, school, reports] triples. */
async function tableRows(page: Page): Promise<string[][]> {
  await page.locator('table.stats tbody tr').first().waitFor();
  return page.locator('table.stats tbody tr').evaluateAll((rows) =>
    rows.map((r) =>
      Array.from(r.querySelectorAll('td'))
        .slice(0, 3)
        .map((td) => td.textContent ?? ''),
    ),
  );
}

async function csvRows(page: Page): Promise<string[][]> {
  const href = (await page.getByRole('link', { name: 'Pobierz CSV' }).getAttribute('href'))!;
  const text = await page.evaluate(async (url) => (await fetch(url)).text(), href);
  const [header, ...lines] = text
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
  const col = (name: string) => header!.indexOf(name);
  return lines.map((l) => [
    l[col('month')] ?? '',
    l[col('schoolCode')] || 'wszystkie',
    l[col('reports')] ?? '',
  ]);
}

describe('statistics', () => {
  it('shows the administrator every school with small counts suppressed, as in the CSV', async () => {
    const pupil = await newVisit(browser);
    await pupil.page.goto(`${base}/s/SP3`);
    await writeReport(pupil.page, 'pl', 'Ktoś mnie popycha na przerwie.', false);
    await sendAndReadReceipt(pupil.page, 'pl');
    await pupil.context.close();

    const { context, page } = await newVisit(browser);
    await signIn(page, base, account('admin@demo.invalid'));
    await page.getByRole('button', { name: 'Statystyki' }).click();
    const shown = await tableRows(page);
    // The demo's seven schools, and any school another test file set up meanwhile.
    const schools = await page.evaluate(async () =>
      (
        (await (await fetch('/api/staff/admin/orgs')).json()) as {
          organisations: { kind: string; code: string }[];
        }
      ).organisations.flatMap((o) => (o.kind === 'school' ? [o.code] : [])),
    );
    expect(schools).toEqual(
      expect.arrayContaining(['SP1', 'SP2', 'SP3', 'SP4', 'SP5', 'SP6', 'SP7']),
    );
    expect(new Set(shown.map((r) => r[1]))).toEqual(new Set([...schools, 'wszystkie']));
    for (const [, , reports] of shown) expect(reports).toMatch(/^(0|<5|\*|[5-9]|\d{2,})$/);
    const thisMonth = new Date().toISOString().slice(0, 7);
    expect(shown.find((r) => r[0] === thisMonth && r[1] === 'SP3')?.[2]).toBe('<5');
    expect(await csvRows(page)).toEqual(shown);
    await expect.poll(() => page.locator('canvas').count()).toBe(1);
    await context.close();
  });

  it('shows a counsellor their own school only', async () => {
    const { context, page } = await newVisit(browser);
    await signIn(page, base, account('pedagog.sp3@demo.invalid'));
    await page.getByRole('button', { name: 'Statystyki' }).click();
    const shown = await tableRows(page);
    expect(new Set(shown.map((r) => r[1]))).toEqual(new Set(['SP3']));
    expect(await csvRows(page)).toEqual(shown);
    await context.close();
  });
});
