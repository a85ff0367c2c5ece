// The pinned root key at work in a real browser: schools verify, a swapped key is refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchChromium } from '../tools/browser.ts';

const base = inject('e2eBaseUrl');
let browser: Browser;
let page: Page;
let thirdParty: string[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());
beforeEach(async () => {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 768, height: 1024 },
  });
  page = await context.newPage();
  thirdParty = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) thirdParty.push(r.url());
  });
});

describe('pupil: reaching the school', () => {
  it('opens the kiosk URL in Polish and shows the verified school', async () => {
    await page.goto(`${base}/s/SP3`);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Szkoła Podstawowa nr 3');
    expect(await page.getAttribute('html', 'lang')).toBe('pl');
    // The numbers are one tap away, under the "call for help" strip.
    await page.getByRole('button', { name: 'Zadzwoń po pomoc' }).click();
    expect(await page.getByRole('link', { name: /116 111/ }).getAttribute('href')).toBe(
      'tel:116111',
    );
    expect(thirdParty).toEqual([]);
  });

  it('finds a school by a typed code and speaks Ukrainian on request', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Українська' }).click();
    await page.getByLabel('Код школи').fill('sp5');
    await page.getByRole('button', { name: 'Далі' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Szkoła Podstawowa nr 5');
    expect(await page.getAttribute('html', 'lang')).toBe('uk');
  });

  it('refuses a school whose key the server swapped', async () => {
    await page.route('**/api/orgs/by-code/**', async (route) => {
      const res = await route.fetch();
      const org = (await res.json()) as { certificate: { body: string } };
      const body = Buffer.from(org.certificate.body, 'base64url');
      body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 0xff;
      org.certificate.body = body.toString('base64url');
      await route.fulfill({ response: res, json: org });
    });
    await page.goto(`${base}/s/SP2`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Nie mogę bezpiecznie');
    expect(await page.getByRole('status').count()).toBe(0);
  });

  it('says a wrong code is unknown', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Kod szkoły').fill('XX99');
    await page.getByRole('button', { name: 'Dalej' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Nie znam takiej szkoły');
  });
});

describe('staff: key directory', () => {
  it('verifies every certificate against the pinned root key', async () => {
    await page.goto(`${base}/staff/`);
    // The demo's eight, and any organisation another test file set up meanwhile.
    const listed = await page.evaluate(
      async () =>
        ((await (await fetch('/api/orgs')).json()) as { organisations: unknown[] }).organisations
          .length,
    );
    expect(listed).toBeGreaterThanOrEqual(8);
    await page.getByRole('button', { name: 'Katalog kluczy' }).click();
    await expect.poll(() => page.locator('.directory li').count()).toBe(listed);
    expect(await page.locator('.directory li', { hasText: 'podpis poprawny' }).count()).toBe(
      listed,
    );
    expect(await page.getByText('PODPIS NIEPOPRAWNY').count()).toBe(0);
  });
});
