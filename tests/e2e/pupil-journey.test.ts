// The pupil's whole journey in real Chromium, in each language: write a report with a photo, get
// the receipt, come back with it, read a reply written by a staff client, answer. Then the
// database file, its WAL and the server log are searched for what the pupil wrote.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { hashAuthKey } from '../../server/auth-hash.ts';
import {
  decryptAttachment,
  deriveReceiptKeys,
  fromB64,
  unwrapKey,
} from '../../shared/crypto/index.ts';
import { launchChromium } from '../tools/browser.ts';
import { staffWriter, type StaffWriter } from '../tools/staff-writer.ts';
import {
  newVisit,
  PHOTO_CANARY,
  sendAndReadReceipt,
  TEXTS,
  writeReport,
  type Lang,
} from './pupil-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
const dataDir = inject('e2eDataDir');
const sodium = await loadSodium();
let browser: Browser;
let handle: DatabaseHandle;
let staff: StaffWriter;
const canaries: string[] = [];

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

async function reportOf(code: string) {
  const school = await handle.db
    .selectFrom('organisations')
    .selectAll()
    .where('code', '=', 'SP1')
    .executeTakeFirstOrThrow();
  const { authKey } = deriveReceiptKeys(sodium, code, fromB64(school.receipt_salt));
  return handle.db
    .selectFrom('reports')
    .selectAll()
    .where('lookup_hash', '=', hashAuthKey(authKey))
    .executeTakeFirstOrThrow();
}

describe.each<Lang>(['pl', 'uk', 'en'])('pupil journey in %s', (lang) => {
  const tx = TEXTS[lang];
  const canary = `canary-${lang}-${Math.random().toString(36).slice(2)}`;
  const answer = `answer-${canary}`;
  canaries.push(canary, answer);

  it('sends a report with a photo, comes back with the receipt, reads the reply, answers', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP1`);
    await page
      .getByRole('button', { name: { pl: 'Polski', uk: 'Українська', en: 'English' }[lang] })
      .click();
    await writeReport(page, lang, `Tata krzyczy. ${canary}`);
    const code = await sendAndReadReceipt(page, lang);
    await page.getByRole('button', { name: tx['done'] }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain(tx['noReply']);

    const report = await reportOf(code);
    expect(report.urgent).toBe(1);
    expect(report.created_hour).toMatch(/T\d\d:00:00\.000Z$/);
    const threadKey = await staff.threadKey(report.id);
    const [att] = await handle.db
      .selectFrom('attachments')
      .selectAll()
      .where('report_id', '=', report.id)
      .execute();
    const fileKey = unwrapKey(sodium, att!.file_key_wrapped, threadKey, `file-key:${att!.id}`);
    // The stream is stored in chunk rows [Note: attachment chunks].
    const rows = await handle.db
      .selectFrom('attachment_chunks')
      .select('data')
      .where('attachment_id', '=', att!.id)
      .orderBy('seq')
      .execute();
    const stream = new Uint8Array(Buffer.concat(rows.map((r) => r.data)));
    const jpeg = decryptAttachment(sodium, fileKey, stream);
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    expect(Buffer.from(jpeg).includes(PHOTO_CANARY)).toBe(false);
    await staff.reply(report.id, { v: 1, text: `Dziękuję, że piszesz (${lang}).` }, new Date());

    await page.getByRole('button', { name: tx['finish'] }).click();
    // A school tablet starts again in its own Polish for the next child; this one chooses again.
    await page.getByRole('button', { name: TEXTS.pl['start'] }).waitFor();
    await page
      .getByRole('button', { name: { pl: 'Polski', uk: 'Українська', en: 'English' }[lang] })
      .click();
    await page.getByRole('button', { name: tx['back'] }).click();
    await page.locator('#receipt-code').fill(code.replace(/(\d{4})(?=\d)/g, '$1 '));
    await page.getByRole('button', { name: tx['check'], exact: true }).click();
    await expect
      .poll(() => page.locator('.bubble--them').textContent())
      .toContain(`Dziękuję, że piszesz (${lang}).`);
    expect(await page.locator('.bubble--them .bubble__author').textContent()).toBe(tx['school']);
    await page.locator('#reply-text').fill(answer);
    await page.getByRole('button', { name: tx['reply'] }).click();
    await expect.poll(() => page.locator('.messages .bubble--me').textContent()).toContain(answer);

    const messages = await handle.db
      .selectFrom('messages')
      .select(['seq', 'author_role'])
      .where('report_id', '=', report.id)
      .orderBy('seq')
      .execute();
    expect(messages).toEqual([
      { seq: 1, author_role: 'counsellor' },
      { seq: 2, author_role: 'pupil' },
    ]);
    await context.close();
  });
});

describe('what the server keeps', () => {
  it('has none of the pupil’s words in the database file, its WAL or the log', () => {
    const files = ['app.sqlite', 'app.sqlite-wal', 'server.log'].map((f) => join(dataDir, f));
    const bytes = files.map((f) => {
      try {
        return readFileSync(f);
      } catch {
        return Buffer.alloc(0);
      }
    });
    expect(bytes[0]!.length).toBeGreaterThan(0);
    expect(bytes[2]!.length).toBeGreaterThan(0);
    expect(canaries).toHaveLength(6);
    for (const canary of [...canaries, 'Tata krzyczy', PHOTO_CANARY]) {
      for (const [i, b] of bytes.entries())
        expect(b.includes(canary), `${canary} in ${files[i]}`).toBe(false);
    }
  });
});
