// One continuous case across the school and the CdR, in real Chromium, as a matrix: a case handed
// over with the conversation and one without, × who wrote last (the pupil, the school's
// counsellor, the CdR's specialist), × who looks (the pupil with the code, the counsellor, a
// colleague granted the school key after the hand-over, the school after a key rotation, the
// CdR). Every viewer sees every message meant for it, verified, with its author shown by
// organisation, and nothing of what is not meant for it. Runs on a demo instance of its own, so
// the rotation and the escalations touch no other test's school.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCertificate, signRequest } from '../../server/cli/admin/certificate.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { findOrganisationRow } from '../../server/db/repositories/organisations.ts';
import { findPendingKey } from '../../server/services/pending-keys.ts';
import { fromB64, unprotectRootKey, type RootKeyFile } from '../../shared/crypto/index.ts';
import { launchChromium } from '../tools/browser.ts';
import { startDemoServer, type DemoServer } from '../tools/demo-server.ts';
import { newVisit, sendAndReadReceipt, TEXTS, writeReport } from './pupil-helpers.ts';
import { acceptInvitation, signIn, type StaffAccount } from './staff-helpers.ts';

type Author = 'pupil' | 'counsellor' | 'cdr';
type Mode = 'with the conversation' | 'without the conversation';
interface Msg {
  author: Author;
  text: string;
}
interface Case {
  mode: Mode;
  story: string;
  receipt: string;
  reportId: string;
  escalationId: string;
  /** The pupil thread, in order. */
  pupil: Msg[];
  /** The CdR–school thread, in order. */
  cdr: Msg[];
}

const STAFF_LABEL: Record<Author, string> = { pupil: 'Uczeń', counsellor: 'Szkoła', cdr: 'CdR' };
const PUPIL_LABEL: Record<Author, string> = {
  pupil: 'Ty',
  counsellor: 'Szkoła',
  cdr: 'Centrum dla Rodzin',
};
const MODES: Mode[] = ['with the conversation', 'without the conversation'];
const WAIT = { timeout: 20_000, interval: 250 };

let server: DemoServer;
let handle: DatabaseHandle;
let browser: Browser;
let base = '';
const account = (login: string): StaffAccount => {
  const a = server.demo.accounts.find((x) => x.login === login);
  if (!a) throw new Error(`no demo account ${login}`);
  return a;
};
const pages: Partial<Record<'counsellor' | 'newcomer' | 'cdr', Page>> = {};
const page = (who: 'counsellor' | 'newcomer' | 'cdr'): Page => {
  const p = pages[who];
  if (!p) throw new Error(`${who} is not signed in`);
  return p;
};
const cases: Case[] = [];
let newcomer: StaffAccount | null = null;
let tag = 0;
const line = (what: string) => `${what} #${++tag}`;

beforeAll(async () => {
  server = await startDemoServer();
  base = server.baseUrl;
  handle = openDatabase({ dataDir: server.dataDir });
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await handle?.close();
  await server?.stop();
});

/** [author, text] of each bubble of a conversation list. */
const bubbles = (list: Locator) =>
  list
    .locator(':scope > li')
    .evaluateAll((lis) =>
      lis.map((li) => [
        li.querySelector('.bubble__author')?.textContent ?? '',
        li.querySelector('.bubble__text')?.textContent ?? '',
      ]),
    );
const expected = (msgs: Msg[], labels: Record<Author, string>) =>
  msgs.map((m) => [labels[m.author], m.text]);
/** The conversation list under a heading of the page (the heading's next sibling). */
const listAfter = (p: Page, heading: string) => p.locator(`h3:text-is("${heading}") + ol.messages`);

async function signInStaff(who: 'counsellor' | 'newcomer' | 'cdr', a: StaffAccount) {
  const existing = pages[who];
  if (existing) await existing.context().close();
  const { page: p } = await newVisit(browser);
  await signIn(p, base, a, handle.db);
  await p
    .getByRole('heading', { name: who === 'cdr' ? 'Przekazane do CdR' : 'Zgłoszenia' })
    .waitFor({ timeout: 60_000 });
  pages[who] = p;
}

/** A list page loads when it is shown: pass by another page so it loads afresh. */
async function showList(p: Page, name: string) {
  await p.getByRole('button', { name: 'Ustawienia', exact: true }).click();
  await p.getByRole('button', { name, exact: true }).click();
}

async function openSchoolCase(p: Page, c: Case) {
  await showList(p, 'Zgłoszenia');
  await p.locator(`li[data-report-id="${c.reportId}"] button`).click();
  await p.locator('.case__report').waitFor({ timeout: 20_000 });
}

async function openCdrCase(p: Page, c: Case) {
  await showList(p, 'Przekazane do CdR');
  await p.locator(`li[data-escalation-id="${c.escalationId}"] button`).click();
  await p.getByRole('heading', { name: 'Rozmowa CdR ze szkołą' }).waitFor({ timeout: 20_000 });
}

/** The pupil comes back with the code on the school's tablet. */
async function pupilVisit(c: Case) {
  const visit = await newVisit(browser);
  await visit.page.goto(`${base}/s/SP1`);
  await visit.page.getByRole('button', { name: TEXTS.pl.back }).click();
  await visit.page.locator('#receipt-code').fill(c.receipt);
  await visit.page.getByRole('button', { name: TEXTS.pl.check, exact: true }).click();
  await visit.page.locator('.thread').waitFor({ timeout: 30_000 });
  return visit;
}

async function write(c: Case, author: Author) {
  const text = line(`${author} writes (${c.mode})`);
  if (author === 'pupil') {
    const { context, page: p } = await pupilVisit(c);
    await p.getByLabel('Twoja odpowiedź').fill(text);
    await p.getByRole('button', { name: TEXTS.pl.reply }).click();
    await expect.poll(() => p.locator('.thread .messages').textContent(), WAIT).toContain(text);
    await context.close();
    c.pupil.push({ author, text });
  } else if (author === 'counsellor') {
    const p = page('counsellor');
    await openSchoolCase(p, c);
    await p.getByLabel(/Odpowiedź dla ucznia/).fill(text);
    await p.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await expect
      .poll(() => p.locator('.case__thread > ol.messages').textContent(), WAIT)
      .toContain(text);
    c.pupil.push({ author, text });
  } else {
    const p = page('cdr');
    await openCdrCase(p, c);
    if (c.mode === 'with the conversation') {
      await p.getByLabel(/Odpowiedź dla ucznia/).fill(text);
      await p.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
      c.pupil.push({ author, text });
    } else {
      await p.getByLabel(/Wiadomość \(podpisana/).fill(text);
      await p.getByRole('button', { name: 'Wyślij', exact: true }).click();
      c.cdr.push({ author, text });
    }
    await expect.poll(() => p.locator('.case').textContent(), WAIT).toContain(text);
  }
}

async function pupilSees(c: Case) {
  const { context, page: p } = await pupilVisit(c);
  await expect
    .poll(() => bubbles(p.locator('.thread ol.messages')), WAIT)
    .toEqual(expected(c.pupil, PUPIL_LABEL));
  const body = (await p.locator('body').textContent()) ?? '';
  for (const m of c.cdr) expect(body).not.toContain(m.text);
  expect(await p.getByRole('alert').count()).toBe(0);
  expect(body).toContain('Pomaga Ci też specjalista z Centrum dla Rodzin.');
  await context.close();
}

async function schoolSees(who: 'counsellor' | 'newcomer', c: Case) {
  const p = page(who);
  await openSchoolCase(p, c);
  await expect
    .poll(() => bubbles(listAfter(p, 'Rozmowa z uczniem')), WAIT)
    .toEqual(expected(c.pupil, STAFF_LABEL));
  expect(await p.getByRole('alert').count()).toBe(0);
  expect(await p.locator('.case__report').textContent()).toContain(c.story);
  expect(await p.locator('.case h2').textContent()).toContain('przekazane do CdR');
  expect(await p.locator('.history').textContent()).toContain(
    'Przekazano zgłoszenie do Centrum dla Rodzin.',
  );
  if (c.cdr.length > 0) {
    await p.locator('#esc-title + ul').getByRole('button', { name: 'Otwórz' }).click();
    await expect
      .poll(() => bubbles(listAfter(p, 'Rozmowa CdR ze szkołą')), WAIT)
      .toEqual(expected(c.cdr, STAFF_LABEL));
    expect(await p.getByRole('alert').count()).toBe(0);
  }
}

async function cdrSees(c: Case) {
  const p = page('cdr');
  await openCdrCase(p, c);
  await expect
    .poll(() => bubbles(listAfter(p, 'Rozmowa CdR ze szkołą')), WAIT)
    .toEqual(expected(c.cdr, STAFF_LABEL));
  if (c.mode === 'with the conversation') {
    await expect
      .poll(() => bubbles(listAfter(p, 'Rozmowa z uczniem')), WAIT)
      .toEqual(expected(c.pupil, STAFF_LABEL));
  } else {
    expect(await listAfter(p, 'Rozmowa z uczniem').count()).toBe(0);
    for (const m of c.pupil) expect(await p.locator('.case').textContent()).not.toContain(m.text);
  }
  const handedOver = (await p.locator('#pkg-title + *').locator('..').textContent()) ?? '';
  expect(handedOver).toContain('Ocena szkoły: przemoc domowa · Poziom ryzyka: wysokie');
  expect(await p.getByRole('alert').count()).toBe(0);
}

async function everyoneSees(c: Case) {
  await pupilSees(c);
  await schoolSees('counsellor', c);
  await schoolSees('newcomer', c);
  await cdrSees(c);
}

describe('one case across the school and the CdR', () => {
  it('a pupil reports twice; the counsellor triages and hands each case over', async () => {
    await signInStaff('counsellor', account('pedagog.sp1@demo.invalid'));
    await signInStaff('cdr', account('psycholog.cdr@demo.invalid'));
    for (const mode of MODES) {
      const story = line(`Tata krzyczy i bije (${mode})`);
      const visit = await newVisit(browser);
      await visit.page.goto(`${base}/s/SP1`);
      await writeReport(visit.page, 'pl', story, false);
      const receipt = await sendAndReadReceipt(visit.page, 'pl');
      await visit.context.close();
      // This instance's SP1 has only this test's reports: the new one is the one not yet known.
      const known = new Set(cases.map((c) => c.reportId));
      const fresh = (await handle.db.selectFrom('reports').select('id').execute())
        .map((r) => r.id)
        .filter((id) => !known.has(id));
      expect(fresh).toHaveLength(1);
      const reportId = fresh[0] ?? '';

      const p = page('counsellor');
      await showList(p, 'Zgłoszenia');
      await p.locator(`li[data-report-id="${reportId}"] button`).click();
      await p.locator('.case__report').waitFor();
      await p.getByLabel('Kategoria').selectOption('domestic_violence');
      await p.getByLabel('Poziom ryzyka').selectOption('high');
      await expect
        .poll(() => p.locator('.history').textContent(), WAIT)
        .toContain('Zmieniono kategorię zgłoszenia.');
      await p.getByRole('button', { name: 'Przekaż do Centrum dla Rodzin' }).click();
      await expect
        .poll(() => p.locator('#esc-title ~ form').textContent(), WAIT)
        .toContain(
          'Razem z przekazaniem idzie ocena szkoły: przemoc domowa · Poziom ryzyka: wysokie',
        );
      await p.getByLabel('Podsumowanie dla CdR').fill('Przemoc w domu.');
      await p.getByLabel(/Powód przekazania/).fill('Sprawa dla CdR.');
      if (mode === 'with the conversation') await p.getByLabel(/Przekaż też rozmowę/).check();
      await p.getByRole('button', { name: /Przekaż \(zaszyfrowane/ }).click();
      await expect
        .poll(() => p.locator('#esc-title + ul').textContent(), WAIT)
        .toContain('przekazane');
      // The case's title says so at once, without reopening it.
      await expect
        .poll(() => p.locator('.case h2').first().textContent(), WAIT)
        .toContain('przekazane do CdR');
      const esc = await handle.db
        .selectFrom('escalations')
        .select('id')
        .where('report_id', '=', reportId)
        .executeTakeFirstOrThrow();
      // The inbox marks the case as handed over.
      await showList(p, 'Zgłoszenia');
      await expect
        .poll(() => p.locator(`li[data-report-id="${reportId}"]`).textContent(), WAIT)
        .toContain('przekazane do CdR');
      cases.push({ mode, story, receipt, reportId, escalationId: esc.id, pupil: [], cdr: [] });
    }
  }, 240_000);

  it('a colleague joins after the hand-over and is granted the school key', async () => {
    const p = page('counsellor');
    await p.getByRole('button', { name: 'Zespół' }).click();
    await p.getByLabel('E-mail').fill('druga.pedagog.sp1@demo.invalid');
    await p.getByLabel('Imię i nazwisko lub funkcja').fill('Druga pedagog');
    await p.getByRole('button', { name: 'Utwórz zaproszenie' }).click();
    const link = (await p.getByTestId('invite-link').textContent()) ?? '';
    const visit = await newVisit(browser);
    const password = 'druga-pedagog-haslo-1';
    const totpSecret = await acceptInvitation(visit.page, link, password);
    await visit.context.close();
    await p.getByRole('button', { name: 'Odśwież' }).click();
    await p
      .getByRole('button', { name: /Potwierdź i przekaż klucz szkoły: Druga pedagog/ })
      .click();
    await expect
      .poll(() => p.locator('.notice--ok').first().textContent(), WAIT)
      .toContain('ma teraz dostęp');
    newcomer = { login: 'druga.pedagog.sp1@demo.invalid', password, totpSecret };
    await signInStaff('newcomer', newcomer);
  }, 180_000);

  for (const mode of MODES) {
    for (const author of ['pupil', 'counsellor', 'cdr'] as const) {
      it(`${mode}, the ${author} writing last: every party sees its view`, async () => {
        const c = cases.find((x) => x.mode === mode);
        if (!c) throw new Error('no case');
        await write(c, author);
        await everyoneSees(c);
      }, 240_000);
    }
  }

  it('the school rotates its key; the administrator certifies it; everyone signs in again', async () => {
    const p = page('counsellor');
    await p.getByRole('button', { name: 'Zespół' }).click();
    await p.getByRole('button', { name: 'Utwórz nowy klucz szkoły' }).click();
    await expect
      .poll(() => p.locator('main').textContent(), WAIT)
      .toContain('Nowy klucz (wersja 2) czeka');
    const sodium = await loadSodium();
    const org = await findOrganisationRow(handle.db, { code: 'SP1' });
    if (!org) throw new Error('no SP1');
    const pending = await findPendingKey(handle.db, org.id);
    if (!pending) throw new Error('no proposal');
    const root = unprotectRootKey(
      sodium,
      JSON.parse(server.demo.rootKeyFile) as RootKeyFile,
      server.demo.rootPassphrase,
    );
    const request = {
      orgId: org.id,
      kind: 'school' as const,
      name: org.name,
      boxPublicKey: fromB64(pending.boxPublicKey),
      signPublicKey: fromB64(pending.signPublicKey),
      version: pending.version,
    };
    await applyCertificate(
      handle,
      request,
      signRequest(sodium, root, request, new Date()),
      new Date(),
    );
    await signInStaff('counsellor', account('pedagog.sp1@demo.invalid'));
    if (!newcomer) throw new Error('no newcomer');
    await signInStaff('newcomer', newcomer);
  }, 180_000);

  for (const mode of MODES) {
    for (const author of ['pupil', 'counsellor', 'cdr'] as const) {
      it(`after the rotation, ${mode}, the ${author} writing last: every party sees its view`, async () => {
        const c = cases.find((x) => x.mode === mode);
        if (!c) throw new Error('no case');
        await write(c, author);
        await everyoneSees(c);
      }, 240_000);
    }
  }
});
