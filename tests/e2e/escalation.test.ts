// The whole chain to the family centre in real Chromium: a pupil reports; the counsellor hands part
// of it to the CdR (a forged CdR certificate stops that first, with nothing sealed); a CdR
// specialist reads exactly what was handed over, writes to the school and to the pupil, records an
// outcome and closes; the pupil sees that a specialist helps, and the reply.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import {
  CryptoError,
  decryptItem,
  derivePasswordKeys,
  fromB64,
  openOrgKeys,
  openSealedKey,
  unwrapPersonalKeys,
} from '../../shared/crypto/index.ts';
import { launchChromium } from '../tools/browser.ts';
import { newVisit, sendAndReadReceipt, TEXTS, writeReport } from './pupil-helpers.ts';
import { openCaseShowing, signIn } from './staff-helpers.ts';
import { axeViolations } from './axe.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
const sodium = await loadSodium();
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

const signInAs = (page: Page, login: string) =>
  signIn(
    page,
    base,
    demo.accounts.find((x) => x.login === login)!,
  );

/** K_esc as the CdR specialist's own keys open it, straight from the database. */
async function cdrEscKey(escalationId: string): Promise<Uint8Array> {
  const a = demo.accounts.find((x) => x.login === 'psycholog.cdr@demo.invalid')!;
  const staff = await handle.db
    .selectFrom('staff')
    .selectAll()
    .where('login', '=', a.login)
    .executeTakeFirstOrThrow();
  const { wrapKey } = derivePasswordKeys(sodium, a.password, fromB64(staff.auth_salt), {
    opslimit: staff.auth_opslimit,
    memlimit: staff.auth_memlimit,
  });
  const personal = unwrapPersonalKeys(sodium, staff.wrapped_keys, wrapKey);
  const grant = await handle.db
    .selectFrom('org_key_grants')
    .selectAll()
    .where('staff_id', '=', staff.id)
    .executeTakeFirstOrThrow();
  const org = openOrgKeys(sodium, grant.sealed_keys, personal.boxPublicKey, personal.boxSecretKey);
  const esc = await handle.db
    .selectFrom('escalations')
    .selectAll()
    .where('id', '=', escalationId)
    .executeTakeFirstOrThrow();
  return openSealedKey(sodium, esc.esc_key_sealed_cdr, org.boxPublicKey, org.boxSecretKey);
}

describe('escalation to the family centre', () => {
  const story = 'Tata bije mamę, a ja się boję wracać do domu.';
  const counsellorReply = `school-only-${Math.random().toString(36).slice(2)}`;
  const toPupil = 'Jestem psychologiem z Centrum dla Rodzin. Pomożemy Tobie i mamie.';
  let receipt = '';

  it('hands part of a case to the CdR, which reads it, answers both and closes it', async () => {
    const pupil = await newVisit(browser);
    await pupil.page.goto(`${base}/s/SP7`);
    await writeReport(pupil.page, 'pl', story);
    receipt = await sendAndReadReceipt(pupil.page, 'pl');
    await pupil.context.close();

    const school = await newVisit(browser);
    await signInAs(school.page, 'pedagog.sp7@demo.invalid');
    // Other test files write to SP7 too: open this story's case, wherever the order puts it.
    await openCaseShowing(school.page, story);
    await school.page.getByLabel(/Odpowiedź dla ucznia/).fill(counsellorReply);
    await school.page.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await expect
      .poll(() => school.page.locator('.messages').textContent())
      .toContain(counsellorReply);

    await school.page.getByRole('button', { name: 'Przekaż do Centrum dla Rodzin' }).click();
    // The keyboard's place moves into the form that opened.
    await expect
      .poll(() => school.page.evaluate(() => document.activeElement?.id))
      .toBe('esc-report');
    await school.page.getByLabel(/^Wiadomość 1/).uncheck();
    await school.page
      .getByLabel('Podsumowanie dla CdR')
      .fill('Przemoc domowa wobec matki, dziecko świadkiem.');
    await school.page.getByLabel(/Powód przekazania/).fill('Sprawa rodzinna, potrzebna pomoc CdR.');
    await school.page.getByLabel(/Przekaż też rozmowę/).check();

    // A server that forges the CdR's certificate is caught before anything is sealed.
    await school.page.route('**/api/orgs', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as {
        organisations: { kind: string; certificate: { signature: string } }[];
      };
      for (const o of body.organisations)
        if (o.kind === 'cdr')
          o.certificate.signature = o.certificate.signature.replace(/^./, (c) =>
            c === 'A' ? 'B' : 'A',
          );
      await route.fulfill({ response: res, json: body });
    });
    await school.page.getByRole('button', { name: /Przekaż \(zaszyfrowane/ }).click();
    await expect
      .poll(() => school.page.getByRole('alert').textContent())
      .toContain('nie jest podpisany kluczem gminy');
    expect(await handle.db.selectFrom('escalations').selectAll().execute()).toHaveLength(0);
    await school.page.unroute('**/api/orgs');
    await school.page.getByRole('button', { name: /Przekaż \(zaszyfrowane/ }).click();
    await expect
      .poll(() => school.page.locator('#esc-title + ul').textContent())
      .toContain('przekazane');

    const cdr = await newVisit(browser, { bypassCSP: true });
    await cdr.page.setViewportSize({ width: 1366, height: 768 });
    await signInAs(cdr.page, 'psycholog.cdr@demo.invalid');
    await cdr.page.locator('.inbox__open').first().click();
    await expect.poll(() => cdr.page.locator('.case').textContent()).toContain(story);
    const caseText = (await cdr.page.locator('.case').textContent()) ?? '';
    expect(caseText).toContain('Przemoc domowa wobec matki');
    expect(caseText).toContain('Sprawa rodzinna, potrzebna pomoc CdR.');
    // The counsellor's reply was not selected; it is in the pupil conversation handed over, though.
    const handedOver =
      (await cdr.page.locator('section[aria-labelledby="pkg-title"]').textContent()) ?? '';
    expect(handedOver).toContain('Przemoc domowa wobec matki');
    expect(handedOver).not.toContain(counsellorReply);
    // Two columns on a laptop: the reply to the pupil in view, what was handed over beside it;
    // no axe violation in any language.
    const replyBox = (await cdr.page.locator('#pupil-reply').boundingBox())!;
    const packageBox = (await cdr.page
      .locator('section[aria-labelledby="pkg-title"]')
      .boundingBox())!;
    expect(replyBox.y + replyBox.height).toBeLessThanOrEqual(768);
    expect(packageBox.x).toBeGreaterThan(replyBox.x + replyBox.width);
    const found: string[] = [];
    for (const [code, button] of [
      ['uk', 'Українська'],
      ['en', 'English'],
      ['pl', 'Polski'],
    ] as const) {
      await cdr.page.getByRole('button', { name: button }).click();
      await expect.poll(() => cdr.page.locator('html').getAttribute('lang')).toBe(code);
      found.push(...(await axeViolations(cdr.page, `escalation ${code}`)));
    }
    expect(found).toEqual([]);

    await cdr.page
      .getByLabel(/Wiadomość \(podpisana/)
      .fill('Przyjmujemy sprawę, kontakt z rodziną jutro.');
    await cdr.page.getByRole('button', { name: 'Wyślij', exact: true }).click();
    await cdr.page.getByLabel(/Odpowiedź dla ucznia/).fill(toPupil);
    await cdr.page.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await expect.poll(() => cdr.page.locator('.case').textContent()).toContain(toPupil);
    await cdr.page.getByLabel('Zaproponowane wsparcie').selectOption('family_therapy');
    await cdr.page
      .getByLabel(/Notatka \(opcjonalna/)
      .fill('Terapia rodzinna od przyszłego tygodnia.');
    await cdr.page.getByRole('button', { name: 'Zapisz', exact: true }).click();
    await expect
      .poll(() => cdr.page.locator('.notes').textContent())
      .toContain('Terapia rodzinna od przyszłego tygodnia.');
    // Closing is final: no result is chosen for the specialist, and the step asks first,
    // naming the result; cancelling closes nothing.
    const closeButton = cdr.page.getByRole('button', { name: 'Zakończ sprawę z tym wynikiem' });
    expect(await cdr.page.getByLabel('Wynik').inputValue()).toBe('');
    expect(await closeButton.isDisabled()).toBe(true);
    await cdr.page.getByLabel('Wynik').selectOption('support_provided');
    await closeButton.click();
    const dialog = cdr.page.getByRole('dialog', { name: 'Zakończyć sprawę?' });
    expect(await dialog.textContent()).toContain('„udzielono wsparcia”');
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(
      (await handle.db.selectFrom('escalations').select('status').execute())[0]?.status,
    ).not.toBe('closed');
    await closeButton.click();
    await dialog.getByRole('button', { name: 'Zakończ sprawę', exact: true }).click();
    await expect
      .poll(() => cdr.page.getByRole('status').first().textContent())
      .toContain('udzielono wsparcia');

    const [esc] = await handle.db.selectFrom('escalations').selectAll().execute();
    expect(esc).toMatchObject({ status: 'closed', result: 'support_provided' });
    // At the crypto level: K_esc opens the package, but not the report body nor the thread.
    const escKey = await cdrEscKey(esc!.id);
    const report = await handle.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', esc!.report_id)
      .executeTakeFirstOrThrow();
    const bodyAd = {
      reportId: report.id,
      kind: 'report' as const,
      itemId: report.id,
      authorRole: 'pupil' as const,
    };
    expect(() => decryptItem(sodium, escKey, report.body, bodyAd)).toThrow(CryptoError);
    expect(
      decryptItem(sodium, escKey, esc!.package, {
        reportId: report.id,
        kind: 'escalation',
        itemId: esc!.id,
        authorRole: 'counsellor',
      }),
    ).toMatchObject({ report: { text: story } });

    await school.page.reload();
    await cdr.context.close();
    await school.context.close();
  });

  it('tells the pupil a specialist helps, and shows the reply', async () => {
    const { context, page } = await newVisit(browser);
    await page.goto(`${base}/s/SP7`);
    await page.getByRole('button', { name: TEXTS.pl.back }).click();
    await page.locator('#receipt-code').fill(receipt);
    await page.getByRole('button', { name: TEXTS.pl.check, exact: true }).click();
    await expect
      .poll(() => page.locator('.thread').textContent())
      .toContain('Pomaga Ci też specjalista z Centrum dla Rodzin.');
    expect(await page.locator('.bubble--them').last().textContent()).toContain(toPupil);
    expect(await page.locator('.bubble--them').last().textContent()).toContain(
      'Centrum dla Rodzin',
    );
    await context.close();
  });
});
