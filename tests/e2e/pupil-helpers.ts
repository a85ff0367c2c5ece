// Shared steps of the pupil browser tests: a fresh context per visit (as a new tablet session),
// the wizard driven the way a child would, and the receipt read off the screen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { encodePng } from '../tools/png.ts';

export type Lang = 'pl' | 'uk' | 'en';
export const LANG_BUTTON: Record<Lang, string> = { pl: 'Polski', uk: 'Українська', en: 'English' };
type TextKey =
  | 'start'
  | 'home'
  | 'me'
  | 'urgent'
  | 'next'
  | 'send'
  | 'done'
  | 'back'
  | 'check'
  | 'reply'
  | 'finish'
  | 'school'
  | 'noReply';
export const TEXTS: Record<Lang, Record<TextKey, string>> = {
  pl: {
    start: 'Chcę poprosić o pomoc',
    home: 'Ktoś w domu robi mi krzywdę',
    me: 'Mnie',
    urgent: 'Tak, potrzebuję pomocy teraz',
    next: 'Dalej',
    send: 'Wyślij',
    done: 'Kod jest zapisany. Dalej',
    back: 'Mam kod. Chcę zobaczyć odpowiedź.',
    check: 'Sprawdź',
    reply: 'Wyślij odpowiedź',
    finish: 'Zakończ',
    school: 'Szkoła',
    noReply: 'Nie ma jeszcze odpowiedzi',
  },
  uk: {
    start: 'Я хочу попросити про допомогу',
    home: 'Хтось удома кривдить мене',
    me: 'Мене',
    urgent: 'Так, мені потрібна допомога зараз',
    next: 'Далі',
    send: 'Надіслати',
    done: 'Код записано. Далі',
    back: 'У мене є код. Хочу побачити відповідь.',
    check: 'Перевірити',
    reply: 'Надіслати відповідь',
    finish: 'Завершити',
    school: 'Школа',
    noReply: 'Відповіді ще немає',
  },
  en: {
    start: 'I want to ask for help',
    home: 'Someone at home hurts me',
    me: 'Me',
    urgent: 'Yes, I need help now',
    next: 'Next',
    send: 'Send',
    done: 'I wrote the code down. Next',
    back: 'I have a code. I want to see the answer.',
    check: 'Check',
    reply: 'Send answer',
    finish: 'Finish',
    school: 'School',
    noReply: 'No answer yet',
  },
};

/** A photo carrying metadata that must not survive the browser's re-encoding. */
export const PHOTO_CANARY = 'GPS-52.2297N-21.0122E-canary';
export const photo = () => ({
  name: 'IMG_20261123_101500.png',
  mimeType: 'image/png',
  buffer: encodePng(64, (x, y) => [Math.round(x * 255), Math.round(y * 255), 128, 255], {
    Comment: PHOTO_CANARY,
  }),
});

export async function newVisit(browser: Browser, options: { bypassCSP?: boolean } = {}) {
  const context: BrowserContext = await browser.newContext({
    locale: 'pl-PL',
    viewport: { width: 768, height: 1024 },
    serviceWorkers: 'block',
    ...options,
  });
  return { context, page: await context.newPage() };
}

export async function writeReport(page: Page, lang: Lang, text: string, withPhoto = true) {
  const tx = TEXTS[lang];
  await page.getByRole('button', { name: tx['start'] }).click();
  await page.getByRole('button', { name: tx['home'] }).click();
  await page.getByRole('button', { name: tx['me'], exact: true }).click();
  await page.getByRole('button', { name: tx['urgent'] }).click();
  await page.locator('#report-text').fill(text);
  if (withPhoto) {
    await page.locator('#report-photos').setInputFiles(photo());
    await expect.poll(() => page.locator('.photos img').count()).toBe(1);
  }
  await page.getByRole('button', { name: tx['next'], exact: true }).click();
}

export async function sendAndReadReceipt(page: Page, lang: Lang): Promise<string> {
  await page.getByRole('button', { name: TEXTS[lang]['send'], exact: true }).click();
  await page.locator('.receipt__code').waitFor({ timeout: 30_000 });
  const code = ((await page.locator('.receipt__code').textContent()) ?? '').replace(/\D/g, '');
  expect(code).toMatch(/^\d{16}$/);
  return code;
}

export async function storageSnapshot(page: Page) {
  return page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    cookies: document.cookie,
  }));
}
