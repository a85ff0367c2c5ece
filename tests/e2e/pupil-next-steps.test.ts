// What a child is told about what happens next, and the helps for a child who does not read well:
// the summary before sending, the school's waiting time, coarse days, a thread that finds a new
// answer by itself, the school remembered on an own phone (never on a kiosk), the stale error,
// the photo button in the child's language, "read it to me" with on-device voices only, and quick
// exit to the deployment's neutral page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashAuthKey } from '../../server/auth-hash.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { deriveReceiptKeys, fromB64 } from '../../shared/crypto/index.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { launchChromium } from '../tools/browser.ts';
import { staffWriter, type StaffWriter } from '../tools/staff-writer.ts';
import { newVisit, photo, sendAndReadReceipt, TEXTS, writeReport } from './pupil-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
const dataDir = inject('e2eDataDir');
const tx = TEXTS.pl;
let browser: Browser;
let handle: DatabaseHandle;
let staff: StaffWriter;
const sodium = await loadSodium();

beforeAll(async () => {
  browser = await launchChromium();
  handle = openDatabase({ dataDir });
  const account = demo.accounts.find((a) => a.login === 'pedagog.sp1@demo.invalid');
  staff = await staffWriter(handle.db, sodium, account!.login, account!.password);
});
afterAll(async () => {
  await browser.close();
  await handle.close();
});

async function reportOf(code: string): Promise<string> {
  const school = await handle.db
    .selectFrom('organisations')
    .selectAll()
    .where('code', '=', 'SP1')
    .executeTakeFirstOrThrow();
  const { authKey } = deriveReceiptKeys(sodium, code, fromB64(school.receipt_salt));
  const report = await handle.db
    .selectFrom('reports')
    .select('id')
    .where('lookup_hash', '=', hashAuthKey(authKey))
    .executeTakeFirstOrThrow();
  return report.id;
}

const mainText = (page: Page) => page.locator('main').innerText();

async function toWords(page: Page) {
  await page.getByRole('button', { name: tx.start }).click();
  await page.getByRole('button', { name: tx.home }).click();
  await page.getByRole('button', { name: tx.me, exact: true }).click();
  await page.getByRole('button', { name: tx.urgent }).click();
  await page.locator('#report-text').waitFor();
}

describe('before and after sending', () => {
  it('sums up what will go, says when an answer usually comes, and shows days, not hours', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP1`);
    await toWords(page);
    // The photo control speaks the child's language, not the browser's.
    expect(await mainText(page)).not.toMatch(/Choose Files|No file chosen/);
    expect(await page.locator('label.file-button').innerText()).toBe('Wybierz zdjęcie');
    expect(await page.locator('#report-photos-status').innerText()).toBe('Nie dodano zdjęcia.');
    await page.locator('#report-text').fill('Boję się wracać do domu.');
    await page.locator('#report-grade').selectOption('4');
    await page.locator('#report-photos').setInputFiles(photo());
    await expect
      .poll(() => page.locator('#report-photos-status').innerText())
      .toBe('Dodane zdjęcia: 1 z 5.');
    await page.getByRole('button', { name: tx.next, exact: true }).click();

    const summary = await page.locator('.summary').innerText();
    expect(summary).toContain(tx.home);
    expect(summary).toMatch(/Pomoc teraz:?\s+Tak/);
    expect(summary).toMatch(/Klasa:?\s+4/);
    expect(summary).toMatch(/Zdjęcia:?\s+1\b/);
    expect(summary).not.toContain('Boję się'); // the words themselves are one step back
    // Who will read it, told truly: the school, and the family centre if needed.
    expect(await mainText(page)).toContain('specjaliście z Centrum dla Rodzin');

    const code = await sendAndReadReceipt(page, 'pl');
    expect(code).toMatch(/^\d{16}$/);
    // The demo school's target is the default 24 hours.
    expect(await mainText(page)).toContain('Pedagog zwykle odpowiada w ciągu 1 dnia.');
    // Help is needed now: an answer takes time, so the receipt gives the numbers to call.
    expect(await page.locator('.receipt a[href="tel:112"]').count()).toBe(1);
    expect(await page.locator('.receipt a[href="tel:116111"]').count()).toBe(1);
    await page.getByRole('button', { name: tx.done }).click();
    await page.locator('.thread').waitFor();
    const thread = await mainText(page);
    expect(thread).toContain('Pedagog zwykle odpowiada w ciągu 1 dnia.');
    expect(thread).toMatch(/Twoja wiadomość\s+dziś/);
    expect(thread).not.toMatch(/\d{1,2}:\d{2}/);
    await context.close();
  });

  it('finds a new answer by itself while the thread is open, and says so', async () => {
    const { context, page } = await newVisit(browser);
    await page.clock.install();
    await page.goto(`${base}/s/SP1`);
    await writeReport(page, 'pl', 'Czekam na odpowiedź.', false);
    const code = await sendAndReadReceipt(page, 'pl');
    await page.getByRole('button', { name: tx.done }).click();
    await page.locator('.thread').waitFor();
    expect(await page.locator('.notice--new').count()).toBe(0);

    const report = await reportOf(code);
    await staff.reply(report, { v: 1, text: 'Jestem tu. Porozmawiajmy.' }, new Date());
    // Nobody taps "check": the first look comes after 30 seconds.
    await page.clock.fastForward('00:31');
    await page.getByText('Jest nowa odpowiedź! Przeczytaj ją poniżej.').waitFor();
    expect(await page.locator('.bubble--them').innerText()).toContain('Jestem tu.');
    expect(await page.locator('.bubble--them .bubble__when').innerText()).toBe('dziś');
    await context.close();
  });
});

describe('the school on an own phone', () => {
  it('is remembered after a reload until the child forgets it; a kiosk remembers nothing', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/`);
    await page.locator('#school-code').fill('sp 1');
    await page.getByRole('button', { name: 'Dalej' }).click();
    await page.getByRole('button', { name: tx.start }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: tx.start }).waitFor();
    // "Change school" asks for a code, and does not open the remembered one again by itself.
    await page.getByRole('button', { name: 'Zmień szkołę' }).click();
    await page.locator('#school-code').fill('SP2');
    await page.getByRole('button', { name: 'Dalej' }).click();
    await page.getByRole('button', { name: tx.start }).waitFor();
    expect(await page.locator('.start').innerText()).toContain('nr 2');
    await page.reload();
    await page.getByRole('button', { name: tx.start }).waitFor();
    expect(await page.locator('.start').innerText()).toContain('nr 2');
    await page.getByRole('button', { name: 'Zapomnij moją szkołę na tym telefonie' }).click();
    await page.locator('#school-code').waitFor();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.reload();
    await page.locator('#school-code').waitFor();
    expect(await page.locator('#school-code').inputValue()).toBe('');

    await page.goto(`${base}/s/SP1`);
    await page.getByRole('button', { name: tx.start }).waitFor();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await context.close();
  });
});

describe('the language', () => {
  it('is Ukrainian on a Ukrainian device, its words loaded after the first screen', async () => {
    const context = await browser.newContext({ locale: 'uk-UA', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${base}/s/SP1`);
    await page.getByRole('button', { name: TEXTS.uk.start }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: TEXTS.en.start }).waitFor();
    await context.close();
  });
});

describe('the own words', () => {
  it('lose the "write a few words" error as soon as the child types', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP1`);
    await toWords(page);
    await page.getByRole('button', { name: tx.next, exact: true }).click();
    const error = page.getByRole('alert').filter({ hasText: 'Napisz choć kilka słów' });
    await error.waitFor();
    await page.locator('#report-text').pressSequentially('Ja');
    await expect.poll(() => error.count()).toBe(0);
    await context.close();
  });
});

/** A stand-in for the device's speech engine (headless Chromium has none to hear): one local
 * Polish voice and one network English voice; what is spoken is recorded, with the voice. */
const SPEECH_ENGINE = `(() => {
  const voices = [
    { name: 'Local Polish', lang: 'pl-PL', localService: true, default: true, voiceURI: 'local-pl' },
    { name: 'Cloud English', lang: 'en-US', localService: false, default: false, voiceURI: 'cloud-en' },
  ];
  window.__spoken = [];
  class Utterance { constructor(text) { this.text = text; } }
  window.SpeechSynthesisUtterance = Utterance;
  const engine = new EventTarget();
  engine.getVoices = () => voices;
  engine.speak = (u) => {
    window.__spoken.push({ text: u.text, voice: u.voice && u.voice.voiceURI, lang: u.lang });
    setTimeout(() => u.onend && u.onend(), 0);
  };
  engine.cancel = () => {};
  Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
})();`;

const spoken = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __spoken: { text: string; voice: string }[] }).__spoken,
  );

describe('read it to me', () => {
  it("is shown only where Chromium has an on-device voice for the app's language", async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP1`);
    await page.getByRole('button', { name: tx.start }).waitFor();
    const hasLocalPolish = await page.evaluate(() =>
      speechSynthesis.getVoices().some((v) => v.localService && v.lang.startsWith('pl')),
    );
    const button = page.getByRole('button', { name: 'Przeczytaj mi' });
    expect(await button.count()).toBe(hasLocalPolish ? 1 : 0);
    await context.close();
  });

  it('reads the question and the choices with the local voice, never what the child typed', async () => {
    const { context, page } = await newVisit(browser);
    await context.addInitScript(SPEECH_ENGINE);
    await page.goto(`${base}/s/SP1`);
    await page.getByRole('button', { name: 'Przeczytaj mi' }).waitFor();
    await page.getByRole('button', { name: tx.start }).click();
    await page.getByRole('button', { name: 'Przeczytaj mi' }).click();
    await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(0);
    const texts = (await spoken(page)).map((s) => s.text.trim());
    expect(texts).toContain('Co się dzieje?');
    for (const choice of [tx.home, 'Robię sobie krzywdę albo jest mi bardzo źle']) {
      expect(texts).toContain(choice);
    }
    expect((await spoken(page)).every((s) => s.voice === 'local-pl')).toBe(true);

    // English has only a network voice here: no button.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Step 1 of 5').waitFor();
    expect(await page.getByRole('button', { name: 'Read it to me' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Polski' }).click();

    const secret = 'Sekret-którego-nikt-nie-słyszy';
    await page.getByRole('button', { name: tx.home }).click();
    await page.getByRole('button', { name: tx.me, exact: true }).click();
    await page.getByRole('button', { name: tx.urgent }).click();
    await page.locator('#report-text').fill(secret);
    await page.locator('#report-name').fill('Ola-imię');
    await page.getByRole('button', { name: 'Przeczytaj mi' }).click();
    await page.getByRole('button', { name: tx.next, exact: true }).click();
    await page.getByRole('button', { name: 'Przeczytaj mi' }).click();
    await expect
      .poll(async () => (await spoken(page)).some((s) => s.text.includes('Gotowe do wysłania')))
      .toBe(true);
    const beforeAsking = (await spoken(page)).map((s) => s.text).join(' ');
    expect(beforeAsking).not.toContain(secret);
    expect(beforeAsking).not.toContain('Ola-imię');

    // Only when the child asks, on the review step.
    await page.getByRole('button', { name: 'Przeczytaj moje słowa' }).click();
    await expect.poll(async () => (await spoken(page)).at(-1)?.text).toBe(secret);

    await sendAndReadReceipt(page, 'pl');
    await page.getByRole('button', { name: tx.done }).click();
    await page.locator('.thread').waitFor();
    const count = (await spoken(page)).length;
    await page.getByRole('button', { name: 'Przeczytaj mi' }).click();
    await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(count);
    const thread = (await spoken(page))
      .slice(count)
      .map((s) => s.text)
      .join(' ');
    expect(thread).toContain('Twoja sprawa');
    expect(thread).not.toContain(secret);
    await context.close();
  });
});

describe('quick exit and the icon', () => {
  it("leaves for the app's neutral page by default, and /favicon.ico is an icon", async () => {
    const favicon = await fetch(`${base}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect([...new Uint8Array(await favicon.arrayBuffer()).slice(0, 4)]).toEqual([0, 0, 1, 0]);

    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP1`);
    await page.getByRole('button', { name: tx.start }).waitFor();
    await page.getByRole('button', { name: 'Wyjdź szybko' }).click();
    await page.waitForURL(`${base}/neutral.html`);
    expect(await page.title()).toBe('Nowa karta');
    expect((await page.locator('body').innerText()).trim()).toBe('');
    await context.close();
  });
});
