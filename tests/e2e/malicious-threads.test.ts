// A malicious server against the real apps' thread and attachment checks, in Chromium: the real
// demo server answers and page.route() rewrites its answers. It drops, reorders, renumbers and
// replays messages of a conversation, flips a bit of a message or a signature, withholds the
// newest message, and serves a photo with a flipped byte, cut short, with chunks swapped or bytes
// added, or drops the photo or moves it to a message [Note: attachment binding]. The pupil app and
// the counsellor's case page must refuse each with a visible alert and show nothing the server
// altered as if it were genuine.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import type { PupilThreadDto } from '../../shared/protocol/pupil.ts';
import type { CaseDto } from '../../shared/protocol/staff.ts';
import { launchChromium } from '../tools/browser.ts';
import {
  ATTACHMENT_TAMPERING,
  chunkCount,
  dropNewest,
  noisePixel,
  THREAD_TAMPERING,
} from '../tools/hostile-server.ts';
import { encodePng } from '../tools/png.ts';
import { api, honest, rewriteBytes, rewriteJson, signInFresh } from './malicious-helpers.ts';
import { newVisit, TEXTS } from './pupil-helpers.ts';
import { realThread, type RealThread } from './real-thread.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
const sodium = await loadSodium();
const COUNSELLOR = 'pedagog.sp5@demo.invalid';
const PUPIL_REFUSAL = 'Nie mogę sprawdzić, czy ta rozmowa jest prawdziwa';
let browser: Browser;
let handle: DatabaseHandle;
let thread: RealThread;

const threadCases = Object.entries(THREAD_TAMPERING);
type Served = Pick<PupilThreadDto, 'messages' | 'attachments'>;
/** Where the server puts the report's photo: nowhere, or on the pupil's message. */
const PLACEMENT_TAMPERING: [string, (t: Served) => Served['attachments']][] = [
  ['dropped', () => []],
  [
    'moved to a message',
    (t) => {
      const pupils = t.messages.find((m) => m.authorRole === 'pupil');
      return t.attachments.map((a) => ({ ...a, messageId: pupils?.id ?? null }));
    },
  ],
];
const attachmentCases = Object.entries(ATTACHMENT_TAMPERING);

beforeAll(async () => {
  browser = await launchChromium();
  handle = openDatabase({ dataDir: inject('e2eDataDir') });
  const bytes = new Uint8Array(encodePng(220, noisePixel(7)));
  thread = await realThread(sodium, {
    base,
    db: handle.db,
    demo,
    code: 'SP5',
    counsellor: COUNSELLOR,
    photo: { name: 'zdjecie-1.png', type: 'image/png', bytes },
  });
  // The stream as stored, in its chunk rows [Note: attachment chunks].
  const rows = await handle.db
    .selectFrom('attachment_chunks as c')
    .innerJoin('attachments as a', 'a.id', 'c.attachment_id')
    .select('c.data')
    .where('a.report_id', '=', thread.reportId)
    .orderBy('c.seq')
    .execute();
  const stored = Buffer.concat(rows.map((r) => r.data));
  // Swapping two chunks and cutting the final one need a stream of at least three.
  expect(chunkCount(new Uint8Array(stored))).toBeGreaterThanOrEqual(3);
});
afterAll(async () => {
  await browser.close();
  await handle.close();
});

/** The texts the page shows as the conversation, in order. */
const shownMessages = (page: Page) => page.locator('.messages .bubble__text').allTextContents();
const honestMessages = () => thread.texts.slice(1);
const photoShown = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((imgs) =>
      imgs.some((i) => i instanceof HTMLImageElement && i.complete && i.naturalWidth > 0),
    );

describe('pupil app', () => {
  let page: Page;
  const comeBack = async () => {
    await page.getByRole('button', { name: TEXTS.pl.back }).click();
    await page.locator('#receipt-code').fill(thread.receipt);
    await page.getByRole('button', { name: TEXTS.pl.check, exact: true }).click();
  };
  const finish = () => page.getByRole('button', { name: TEXTS.pl.finish }).click();
  const refresh = () => page.getByRole('button', { name: 'Sprawdź, czy jest nowa odpowiedź' });

  beforeAll(async () => {
    ({ page } = await newVisit(browser));
    await page.goto(`${base}/s/SP5`);
  });

  it('refuses a reordered conversation when coming back with the code', async () => {
    await rewriteJson<{ thread: PupilThreadDto }>(page, api('pupil/receipts'), (b) => ({
      ...b,
      thread: {
        ...b.thread,
        messages: THREAD_TAMPERING['two messages swapped']!(b.thread.messages),
      },
    }));
    await comeBack();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(PUPIL_REFUSAL);
    const shown = (await page.locator('main').textContent()) ?? '';
    for (const text of thread.texts) expect(shown).not.toContain(text);
    await honest(page);
    await page.getByRole('button', { name: TEXTS.pl.check, exact: true }).click();
    await expect.poll(() => shownMessages(page)).toEqual(honestMessages());
    await expect.poll(() => photoShown(page, '.thread__photo')).toBe(true);
  });

  it.each([...threadCases, ['the newest message withheld', dropNewest] as const])(
    'refuses a refresh with %s and keeps showing only what it verified',
    async (_name, tamper) => {
      await rewriteJson<PupilThreadDto>(page, api('pupil/thread'), (t) => ({
        ...t,
        messages: tamper(t.messages),
      }));
      await refresh().click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain(PUPIL_REFUSAL);
      expect(await shownMessages(page)).toEqual(honestMessages());
      await honest(page);
      await refresh().click();
      await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    },
  );

  it.each(attachmentCases)('refuses a photo with %s', async (_name, tamper) => {
    await finish();
    await rewriteBytes(page, api(`pupil/attachments/${thread.attachmentId}`), tamper);
    await comeBack();
    await expect.poll(() => shownMessages(page)).toEqual(honestMessages());
    await expect
      .poll(() => page.locator('.bubble--me').first().getByRole('alert').textContent())
      .toContain(PUPIL_REFUSAL);
    expect(await page.locator('.thread__photo').count()).toBe(0);
    await honest(page);
  });

  it.each(PLACEMENT_TAMPERING)('refuses a photo %s', async (_name, tamper) => {
    await finish();
    await rewriteJson<{ thread: PupilThreadDto }>(page, api('pupil/receipts'), (b) => ({
      ...b,
      thread: { ...b.thread, attachments: tamper(b.thread) },
    }));
    await comeBack();
    await expect.poll(() => shownMessages(page)).toEqual(honestMessages());
    await expect
      .poll(() => page.locator('.bubble--me').first().getByRole('alert').textContent())
      .toContain(PUPIL_REFUSAL);
    expect(await page.locator('.thread__photo').count()).toBe(0);
    await honest(page);
  });
});

describe('counsellor case page', () => {
  let page: Page;
  const openCase = async () => {
    await page.getByRole('button', { name: 'Zgłoszenia', exact: true }).click();
    // Other test files write to SP5 too: open this report's row, wherever the order puts it.
    await page.locator(`.inbox__row[data-report-id="${thread.reportId}"] .inbox__open`).click();
  };
  const refused = async () => {
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Nie mogę otworzyć ani zweryfikować tego zgłoszenia');
    const shown = (await page.locator('main').textContent()) ?? '';
    for (const text of thread.texts) expect(shown).not.toContain(text);
  };

  beforeAll(async () => {
    ({ page } = await newVisit(browser));
    const account = demo.accounts.find((a) => a.login === COUNSELLOR)!;
    await signInFresh(page, base, account, handle.db);
  });

  it('shows the genuine case', async () => {
    await openCase();
    await expect.poll(() => page.locator('.case__report').textContent()).toContain(thread.texts[0]);
    await expect.poll(() => shownMessages(page)).toEqual(honestMessages());
    await expect.poll(() => photoShown(page, '.case__photo')).toBe(true);
  });

  it.each([...threadCases, ['the newest message withheld', dropNewest] as const])(
    'refuses a case with %s',
    async (_name, tamper) => {
      await rewriteJson<CaseDto>(page, api(`staff/reports/${thread.reportId}`), (c) => ({
        ...c,
        messages: tamper(c.messages),
      }));
      await openCase();
      await refused();
      await honest(page);
    },
  );

  it.each(attachmentCases)('refuses a photo with %s', async (_name, tamper) => {
    const url = api(`staff/reports/${thread.reportId}/attachments/${thread.attachmentId}`);
    await rewriteBytes(page, url, tamper);
    await openCase();
    await expect.poll(() => shownMessages(page)).toEqual(honestMessages());
    await expect
      .poll(() => page.locator('.case__report').getByRole('alert').textContent())
      .toContain('Nie mogę otworzyć załącznika');
    expect(await page.locator('.case__photo').count()).toBe(0);
    await honest(page);
  });

  it.each(PLACEMENT_TAMPERING)('refuses a photo %s', async (_name, tamper) => {
    await rewriteJson<CaseDto>(page, api(`staff/reports/${thread.reportId}`), (c) => ({
      ...c,
      attachments: tamper(c),
    }));
    await openCase();
    await expect.poll(() => shownMessages(page)).toEqual(honestMessages());
    await expect
      .poll(() => page.locator('.case__report').getByRole('alert').textContent())
      .toContain('Nie mogę otworzyć załącznika');
    expect(await page.locator('.case__photo').count()).toBe(0);
    await honest(page);
  });
});

describe('counsellor case page, a file the pupil calls a web page', () => {
  // [Note: attachment types]: a pupil-chosen type and name (through the API anything goes).
  let page: Page;
  let other: RealThread;
  const HTML = '<script>document.title = "pwned"</script><h1>Faktura</h1>';

  beforeAll(async () => {
    other = await realThread(sodium, {
      base,
      db: handle.db,
      demo,
      code: 'SP5',
      counsellor: COUNSELLOR,
      photo: {
        name: '../../Faktura <pilne>.html',
        type: 'text/html',
        bytes: new TextEncoder().encode(HTML),
      },
    });
    ({ page } = await newVisit(browser));
    // Records the type of every blob the app makes a URL for (the CSP keeps fetch off blob:).
    await page.addInitScript(() => {
      const types: string[] = [];
      (window as unknown as { blobTypes: string[] }).blobTypes = types;
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (o: Blob | MediaSource) => {
        if (o instanceof Blob) types.push(o.type);
        return create(o);
      };
    });
    const account = demo.accounts.find((a) => a.login === COUNSELLOR)!;
    await signInFresh(page, base, account, handle.db);
  });

  it('offers it as a download with a clean name, never opened in the app', async () => {
    await page.getByRole('button', { name: 'Zgłoszenia', exact: true }).click();
    await page.locator(`.inbox__row[data-report-id="${other.reportId}"] .inbox__open`).click();
    const link = page.locator('.case__report .case__download');
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.getAttribute('download')).toBe('Faktura-pilne.bin');
    expect(await link.textContent()).toBe('Faktura-pilne.bin');
    expect(await page.locator('.case__photo, iframe, object, embed').count()).toBe(0);
    // The blob behind the link is typed as bytes, not as the pupil's text/html.
    const types = await page.evaluate(
      () => (window as unknown as { blobTypes: string[] }).blobTypes,
    );
    expect(types).toContain('application/octet-stream');
    expect(types).not.toContain('text/html');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Faktura-pilne.bin');
    expect(page.context().pages()).toHaveLength(1);
    expect(await page.title()).not.toBe('pwned');
  });
});
