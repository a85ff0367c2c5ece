// Never a false "sent", never a silent loss [Note: waiting report]: a report written without a
// connection is shown as waiting, never with a receipt, until the server has acknowledged it. On a
// kiosk it lives in the page's memory only; on an own phone it waits encrypted and survives a
// reload and the idle clear. Quick exit leaves nothing that opens a conversation.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { launchChromium } from '../tools/browser.ts';
import {
  newVisit,
  sendAndReadReceipt,
  storageSnapshot,
  TEXTS,
  writeReport,
} from './pupil-helpers.ts';

const base = inject('e2eBaseUrl');
const IDLE_MS = 3 * 60 * 1000;
const tx = TEXTS.pl;
const SENT = 'Wysłane!';
const WAITING = 'Twoja wiadomość jeszcze nie jest wysłana';
let browser: Browser;
let handle: DatabaseHandle;

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

const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';
const send = (page: Page) => page.getByRole('button', { name: tx.send, exact: true }).click();

/** The pupil API refuses to answer, as without a connection, while the page itself still loads. */
const cutApi = (context: BrowserContext) =>
  context.route(/\/api\/pupil\//, (route) => route.abort('internetdisconnected'));
const restoreApi = (context: BrowserContext) => context.unroute(/\/api\/pupil\//);

/** The browser reports the connection is back (the "online" event), as a phone does. */
async function backOnline(context: BrowserContext) {
  await context.setOffline(true);
  await context.setOffline(false);
}

async function ownPhone(page: Page, code: string) {
  await page.goto(`${base}/`);
  await page.locator('#school-code').fill(code);
  await page.getByRole('button', { name: 'Dalej' }).click();
  await page.getByRole('button', { name: tx.start }).waitFor();
}

describe('kiosk: a report written offline', () => {
  it('is never shown as sent; it goes out and the receipt appears when the network returns', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP6`);
    await writeReport(page, 'pl', 'Kiosk bez internetu.', true);
    const before = await reportCount();
    await context.setOffline(true);
    await send(page);
    await page.getByRole('heading', { name: WAITING }).waitFor();
    const shown = await mainText(page);
    expect(shown).not.toContain(SENT);
    expect(shown).toContain('Zostań przy tablecie');
    expect(shown).toContain('116 111');
    expect(await page.locator('.receipt__code').count()).toBe(0);
    expect(await reportCount()).toBe(before);

    await context.setOffline(false);
    await page.locator('.receipt__code').waitFor({ timeout: 30_000 });
    expect(await mainText(page)).toContain(SENT);
    expect(await reportCount()).toBe(before + 1);
    await context.close();
  });

  it('is not dropped by the idle clear: nothing shown to the next child, sent when the network returns', async () => {
    const { context, page } = await newVisit(browser);
    await page.clock.install();
    await page.goto(`${base}/s/SP6`);
    await page.getByRole('button', { name: tx.start }).waitFor();
    const storage = await storageSnapshot(page);
    const history = await page.evaluate(() => window.history.length);
    await writeReport(page, 'pl', 'Odszedłem od tabletu.', false);
    const before = await reportCount();
    await context.setOffline(true);
    await send(page);
    await page.getByRole('heading', { name: WAITING }).waitFor();

    await page.clock.fastForward(IDLE_MS + 1000);
    await page.getByRole('button', { name: tx.start }).waitFor();
    expect(await mainText(page)).not.toContain(WAITING);
    expect(await storageSnapshot(page)).toEqual(storage);
    expect(await page.evaluate(() => window.history.length)).toBe(history);

    await context.setOffline(false);
    await expect.poll(reportCount, { timeout: 30_000 }).toBe(before + 1);
    // Sent silently: the next child sees the start screen, never the previous child's code.
    await page.getByRole('button', { name: tx.start }).waitFor();
    expect(await page.locator('.receipt__code').count()).toBe(0);
    expect(await mainText(page)).not.toContain(SENT);
    expect(await storageSnapshot(page)).toEqual(storage);
    await context.close();
  });
});

describe('own phone: a report written offline', () => {
  it('waits encrypted through a reload and the idle clear, then is sent and the receipt shown', async () => {
    const { context, page } = await newVisit(browser);
    await page.clock.install();
    await ownPhone(page, 'SP7');
    const secret = 'Tajne-słowa-na-telefonie';
    await writeReport(page, 'pl', secret, true);
    const before = await reportCount();
    await cutApi(context);
    await send(page);
    await page.getByRole('heading', { name: WAITING }).waitFor();
    expect(await mainText(page)).not.toContain(SENT);
    expect(await mainText(page)).toContain('na tym telefonie');

    // Stored, but as ciphertext only: not the words, not the receipt code.
    const stored = await page.evaluate(async () => {
      const dbs = await indexedDB.databases();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('bezpieczny-glos-waiting');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error('open failed'));
      });
      const all = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction('reports').objectStore('reports').getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
      });
      const key = await new Promise<unknown>((resolve) => {
        const req = db.transaction('keys').objectStore('keys').get('wrap');
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      const bytes = JSON.stringify(all, (_, v: unknown) =>
        v instanceof Uint8Array ? Array.from(v).join(',') : v,
      );
      return {
        names: dbs.map((d) => d.name),
        count: all.length,
        plainHit: bytes.includes('Tajne'),
        keyExtractable: (key as CryptoKey).extractable,
      };
    });
    expect(stored).toEqual({
      names: ['bezpieczny-glos-waiting'],
      count: 1,
      plainHit: false,
      keyExtractable: false,
    });

    await page.reload();
    await page.getByRole('heading', { name: WAITING }).waitFor();
    await page.clock.fastForward(IDLE_MS + 1000);
    await page.getByRole('heading', { name: WAITING }).waitFor();
    expect(await reportCount()).toBe(before);

    await restoreApi(context);
    await backOnline(context);
    await page.locator('.receipt__code').waitFor({ timeout: 30_000 });
    expect(await mainText(page)).toContain(SENT);
    expect(await reportCount()).toBe(before + 1);
    // Sent: nothing is left on the phone.
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).length))
      .toBe(0);
    await context.close();
  });

  it('is tried again by itself when only the server was out of reach', async () => {
    const { context, page } = await newVisit(browser);
    await page.clock.install();
    await ownPhone(page, 'SP7');
    await writeReport(page, 'pl', 'Serwer nie odpowiadał.', false);
    const before = await reportCount();
    await cutApi(context);
    await send(page);
    await page.getByRole('heading', { name: WAITING }).waitFor();
    // The browser never reported a lost connection, so no "online" event will come.
    await restoreApi(context);
    await page.clock.fastForward(31_000);
    await page.locator('.receipt__code').waitFor({ timeout: 30_000 });
    expect(await reportCount()).toBe(before + 1);
    await context.close();
  });

  it('can be discarded on purpose, and then nothing is kept or sent', async () => {
    const { context, page } = await newVisit(browser);
    await ownPhone(page, 'SP7');
    await writeReport(page, 'pl', 'Jednak nie wysyłam.', false);
    const before = await reportCount();
    await cutApi(context);
    await send(page);
    await page.getByRole('button', { name: 'Nie wysyłaj. Usuń tę wiadomość.' }).click();
    await page.getByRole('button', { name: tx.start }).waitFor();
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).length))
      .toBe(0);
    await restoreApi(context);
    await page.reload();
    await page.locator('#school-code').waitFor();
    expect(await mainText(page)).not.toContain(WAITING);
    expect(await reportCount()).toBe(before);
    await context.close();
  });
});

describe('quick exit on an own phone', () => {
  it('forgets the remembered code: reopening the app offers no way into the thread', async () => {
    const { context, page } = await newVisit(browser);
    await ownPhone(page, 'SP1');
    await writeReport(page, 'pl', 'Zapamiętany kod.', false);
    await sendAndReadReceipt(page, 'pl');
    expect(await mainText(page)).toContain('każdy, kto weźmie ten telefon');
    await page.getByRole('button', { name: 'Zapamiętaj kod na tym telefonie' }).click();
    await page.getByRole('status').filter({ hasText: 'zapamiętany' }).waitFor();
    // The code, and the school the phone remembers by itself.
    expect(await page.evaluate(() => localStorage.length)).toBe(2);

    await page.getByRole('button', { name: 'Wyjdź szybko' }).click();
    await page.waitForURL(/\/neutral\.html$/);
    // The neutral page is the app's own: its storage is the app's, and it is empty.
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await ownPhone(page, 'SP1');
    await page.getByRole('button', { name: tx.back }).click();
    await page.locator('#receipt-code').waitFor();
    expect(await page.getByRole('button', { name: 'Użyj zapamiętanego kodu' }).count()).toBe(0);
    await context.close();
  });

  it('leaves a waiting report unreadable and unshown, and it is still sent on the next visit', async () => {
    const { context, page } = await newVisit(browser);
    await ownPhone(page, 'SP7');
    await writeReport(page, 'pl', 'Wyszłam szybko.', false);
    const before = await reportCount();
    await cutApi(context);
    await send(page);
    await page.getByRole('heading', { name: WAITING }).waitFor();
    await page.getByRole('button', { name: 'Wyjdź szybko' }).click();
    await page.waitForURL(/\/neutral\.html$/);

    await restoreApi(context);
    await page.goto(`${base}/`);
    await page.locator('#school-code').waitFor();
    await expect.poll(reportCount, { timeout: 30_000 }).toBe(before + 1);
    expect(await mainText(page)).not.toContain(WAITING);
    expect(await page.locator('.receipt__code').count()).toBe(0);
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).length))
      .toBe(0);
    await context.close();
  });

  it('comes first in the tab order, and Escape twice does it from anywhere', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP2`);
    await page.getByRole('button', { name: tx.start }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Wyjdź szybko');

    await writeReport(page, 'pl', 'Ktoś idzie.', false);
    await page.keyboard.press('Escape');
    expect(page.url()).toBe(`${base}/s/SP2`);
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/neutral\.html$/);
    await context.close();
  });
});

describe('the wizard', () => {
  it('keeps the draft when the browser’s Back is pressed, and stays in the app', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP2`);
    await page.getByRole('button', { name: tx.start }).waitFor();
    const history = await page.evaluate(() => window.history.length);
    await page.getByRole('button', { name: tx.start }).click();
    await page.getByRole('button', { name: tx.home }).click();
    await page.getByRole('button', { name: tx.me, exact: true }).click();
    await page.getByRole('button', { name: tx.urgent }).click();
    await page.locator('#report-text').fill('Nie zgub tego.');

    await page.goBack();
    await page.getByText('Krok 3 z 5').waitFor();
    expect(page.url()).toBe(`${base}/s/SP2`);
    await page.goBack();
    await page.getByText('Krok 2 z 5').waitFor();
    await page.getByRole('button', { name: tx.me, exact: true }).click();
    await page.getByRole('button', { name: tx.urgent }).click();
    expect(await page.locator('#report-text').inputValue()).toBe('Nie zgub tego.');

    for (const step of ['Krok 3 z 5', 'Krok 2 z 5', 'Krok 1 z 5']) {
      await page.goBack();
      await page.getByText(step).waitFor();
    }
    await page.goBack();
    await page.getByRole('button', { name: tx.start }).waitFor();
    expect(page.url()).toBe(`${base}/s/SP2`);

    // The kiosk's history is as long as when the page opened, whatever the child did.
    await page.getByRole('button', { name: tx.start }).click();
    await page.getByRole('button', { name: 'Wyjdź szybko' }).waitFor();
    expect(await page.evaluate(() => window.history.length)).toBe(history);
    await context.close();
  });

  it('never cuts a long text: the counter shows the limit and the text stays whole', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP2`);
    await page.getByRole('button', { name: tx.start }).click();
    await page.getByRole('button', { name: tx.home }).click();
    await page.getByRole('button', { name: tx.me, exact: true }).click();
    await page.getByRole('button', { name: tx.urgent }).click();
    const long = 'a'.repeat(19_990) + 'KONIEC-TXT';
    await page.locator('#report-text').fill(long);
    expect(await page.locator('#report-text').inputValue()).toBe(long);
    expect(await page.locator('#report-text-count').textContent()).toBe('Znaki: 20000 z 8000');
    expect(await page.getByRole('alert').textContent()).toContain('najwyżej 8000 znaków');
    await page.getByRole('button', { name: tx.next, exact: true }).click();
    expect(await page.locator('#report-text').inputValue()).toBe(long);
    expect(await page.getByRole('button', { name: tx.send, exact: true }).count()).toBe(0);

    await page.locator('#report-text').fill(long.slice(0, 8000));
    expect(await page.getByRole('alert').count()).toBe(0);
    // The optional name too: over its limit it is kept whole and the child is told.
    const name = 'Ala'.repeat(40);
    await page.locator('#report-name').fill(name);
    expect(await page.locator('#report-name').inputValue()).toBe(name);
    expect(await page.locator('#report-name-count').textContent()).toBe('Znaki: 120 z 100');
    await page.getByRole('button', { name: tx.next, exact: true }).click();
    expect(await page.getByRole('button', { name: tx.send, exact: true }).count()).toBe(0);
    await page.locator('#report-name').fill('Ala');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: tx.next, exact: true }).click();
    await page.getByRole('button', { name: tx.send, exact: true }).waitFor();
    await context.close();
  });
});

describe('school codes', () => {
  it.each(['sp1', 'SP 1', 'SP-1', ' sp–1 '])('finds SP1 when typed as %j', async (typed) => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/`);
    await page.locator('#school-code').fill(typed);
    await page.getByRole('button', { name: 'Dalej' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Szkoła Podstawowa nr 1');
    await context.close();
  });

  it.each([
    ['CDR', 'To nie jest kod szkoły'],
    ['NOPE', 'Nie znam takiej szkoły'],
    ['?!', 'litery i cyfry'],
  ])('answers %j clearly, never hangs', async (typed, message) => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/`);
    await page.locator('#school-code').fill(typed);
    await page.getByRole('button', { name: 'Dalej' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(message);
    expect(await page.getByText('Sprawdzam szkołę').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Dalej' }).isEnabled()).toBe(true);
    await context.close();
  });

  it.each([
    ['/s/CDR', 'To nie jest kod szkoły. Sprawdź kod na plakacie w Twojej szkole. Tego tabletu'],
    ['/s/sp-1', 'Szkoła Podstawowa nr 1'],
  ])('opens the kiosk address %s with a clear answer', async (path, shown) => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}${path}`);
    await expect.poll(() => mainText(page)).toContain(shown);
    expect(await page.getByText('Sprawdzam szkołę').count()).toBe(0);
    await context.close();
  });
});
