// Prevention statistics in the browser: the administrator sees every school, a counsellor only
// their own; small counts read "<5"; categories and risk levels are labelled columns in the app's
// language; the charts never draw a suppressed cell; the CSV download carries the cells shown on
// the screen under the table's own column names; axe finds nothing (the scrolling table region
// takes the keyboard focus).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../tools/browser.ts';
import { newVisit, sendAndReadReceipt, writeReport } from './pupil-helpers.ts';
import { axeViolations, openMenu, signIn } from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

const account = (login: string) => demo.accounts.find((a) => a.login === login)!;

/** The table as [month (YYYY-MM), school, reports] triples. */
async function tableRows(page: Page): Promise<string[][]> {
  await page.locator('table.stats tbody tr').first().waitFor();
  return page.locator('table.stats tbody tr').evaluateAll((rows) =>
    rows.map((r) => [
      r.querySelector('time')?.getAttribute('datetime') ?? '',
      ...Array.from(r.querySelectorAll('td'))
        .slice(0, 2)
        .map((td) => td.textContent ?? ''),
    ]),
  );
}

/** The downloaded CSV: its header and lines (the export has no quoted commas in these cells). */
async function csvFile(page: Page): Promise<[string[], string[][]]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^(Pobierz CSV|Download CSV|Завантажити CSV)$/ }).click(),
  ]);
  const text = readFileSync((await download.path())!, 'utf8');
  const [header, ...lines] = text
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
  return [header!, lines];
}

async function csvRows(page: Page): Promise<string[][]> {
  const [header, lines] = await csvFile(page);
  const col = (name: string) => header.indexOf(name);
  return lines.map((l) => [
    l[col('Miesiąc')] ?? '',
    l[col('Szkoła')] ?? '',
    l[col('Zgłoszenia')] ?? '',
  ]);
}

describe('statistics', () => {
  it('shows the administrator every school with small counts suppressed, as in the CSV', async () => {
    const pupil = await newVisit(browser);
    await pupil.page.goto(`${base}/s/SP3`);
    await writeReport(pupil.page, 'pl', 'Ktoś mnie popycha na przerwie.', false);
    await sendAndReadReceipt(pupil.page, 'pl');
    await pupil.context.close();

    const { context, page } = await newVisit(browser, { bypassCSP: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, base, account('admin@demo.invalid'));
    await openMenu(page, 'Statystyki');
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

    // Categories and risk levels are columns of their own, named in words, on screen and in the
    // CSV; no raw code ('domestic_violence', 'category.low') is left.
    const heads = await page.locator('table.stats thead th').allTextContents();
    expect(heads).toEqual(
      expect.arrayContaining(['Kategoria', 'Poziom ryzyka', 'przemoc domowa', 'wysokie']),
    );
    const [header] = await csvFile(page);
    expect(header).toEqual(
      expect.arrayContaining(['Kategoria: przemoc domowa', 'Poziom ryzyka: wysokie']),
    );
    for (const h of [...heads, ...header]) expect(h).not.toMatch(/^[a-z]+([._][a-z_]+)+$/);

    // Two charts (by category, by school); a suppressed cell is never drawn.
    await expect.poll(() => page.locator('canvas').count()).toBe(2);
    const drawn = await page.locator('canvas').evaluateAll((cs) =>
      cs.map((c) => ({
        labels: JSON.parse(c.getAttribute('data-labels') ?? '[]') as string[],
        values: JSON.parse(c.getAttribute('data-drawn') ?? '{}') as Record<
          string,
          (number | null)[]
        >,
      })),
    );
    const bySchool = drawn[1]!;
    const sp3 = bySchool.labels.indexOf('SP3');
    const monthName = new Intl.DateTimeFormat('pl', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${thisMonth}-01T00:00:00Z`));
    expect(bySchool.values[monthName]?.[sp3]).toBeNull();
    for (const chart of drawn)
      for (const values of Object.values(chart.values))
        for (const v of values) expect(v === null || typeof v === 'number').toBe(true);

    const found: string[] = [];
    for (const [button, category] of [
      ['Українська', 'Категорія'],
      ['English', 'Category'],
      ['Polski', 'Kategoria'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await expect
        .poll(() => page.locator('table.stats thead th').allTextContents())
        .toContain(category);
      found.push(...(await axeViolations(page, `statistics ${button}`)));
    }
    expect(found).toEqual([]);
    await context.close();
  });

  it('shows a counsellor their own school only', async () => {
    const { context, page } = await newVisit(browser);
    await signIn(page, base, account('pedagog.sp3@demo.invalid'));
    await openMenu(page, 'Statystyki');
    const shown = await tableRows(page);
    expect(new Set(shown.map((r) => r[1]))).toEqual(new Set(['SP3']));
    expect(await csvRows(page)).toEqual(shown);
    await context.close();
  });
});
