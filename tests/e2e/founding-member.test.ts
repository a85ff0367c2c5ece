// A new organisation set up from nothing in real Chromium [Note: founding member]: the
// administrator adds it on the schools page and invites its first member; the member's browser
// makes the key and shows its fingerprint; the root key certifies it (as `npm run admin --
// rotate-certificate --apply` does); the member checks the certificate and is in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyCertificate, signRequest } from '../../server/cli/admin/certificate.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { findOrganisationRow } from '../../server/db/repositories/organisations.ts';
import { findPendingKey } from '../../server/services/pending-keys.ts';
import {
  fingerprint,
  fromB64,
  unprotectRootKey,
  type RootKeyFile,
} from '../../shared/crypto/index.ts';
import { launchChromium } from '../tools/browser.ts';
import { newVisit } from './pupil-helpers.ts';
import { acceptInvitation, signIn } from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
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

describe('founding member', () => {
  it('takes a new organisation from the administrator form to its first member at work', async () => {
    const admin = await newVisit(browser);
    await signIn(
      admin.page,
      base,
      demo.accounts.find((a) => a.login === 'admin@demo.invalid')!,
    );
    await admin.page.getByRole('button', { name: 'Szkoły i CdR' }).click();
    const form = admin.page.locator('details', { hasText: 'Dodaj placówkę' });
    await form.locator('summary').click();
    await form.getByLabel('Rodzaj').selectOption('school');
    await form.getByLabel('Nazwa').fill('Szkoła Podstawowa nr 8 w Przykładowie');
    await form.getByLabel(/^Kod/).fill('sp8');
    await form.getByRole('button', { name: 'Dodaj placówkę' }).click();
    await expect
      .poll(() => admin.page.getByRole('status').first().textContent())
      .toContain('Placówka dodana');
    const branch = admin.page.locator('details', { hasText: '(SP8)' });
    await branch.locator('summary').click();
    await expect.poll(() => branch.textContent()).toContain('Brak klucza');
    await branch.getByLabel('E-mail').fill('pierwsza.sp8@demo.invalid');
    await branch.getByLabel('Imię i nazwisko lub funkcja').fill('Pedagog SP 8');
    await branch.getByRole('button', { name: 'Utwórz zaproszenie' }).click();
    const link = (await branch.getByTestId('admin-invite-link').textContent())!;
    await admin.context.close();

    const { context, page } = await newVisit(browser);
    const password = 'osiem-jeden-dwa-trzy';
    const totpSecret = await acceptInvitation(page, link, password);
    await signIn(page, base, { login: 'pierwsza.sp8@demo.invalid', password, totpSecret });
    await page.getByRole('button', { name: 'Utwórz klucz placówki' }).click();
    const shown = page.getByTestId('founding-fingerprint');
    await expect.poll(() => shown.textContent()).toMatch(/(\d{5} ){7}\d{5}/);

    // The administrator's offline step, with the fingerprint read aloud matching.
    const org = await findOrganisationRow(handle.db, { code: 'SP8' });
    const pending = org ? await findPendingKey(handle.db, org.id) : undefined;
    if (!org || !pending) throw new Error('no pending key for SP8');
    const sodium = await loadSodium();
    const boxPublicKey = fromB64(pending.boxPublicKey);
    expect(await shown.textContent()).toContain(fingerprint(sodium, boxPublicKey));
    const root = unprotectRootKey(
      sodium,
      JSON.parse(demo.rootKeyFile) as RootKeyFile,
      demo.rootPassphrase,
    );
    const request = {
      orgId: org.id,
      kind: org.kind,
      name: org.name,
      boxPublicKey,
      signPublicKey: fromB64(pending.signPublicKey),
      version: 1,
    };
    const now = new Date();
    await applyCertificate(handle, request, signRequest(sodium, root, request, now), now);

    await page.getByRole('button', { name: 'Sprawdź ponownie' }).click();
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Zespół' }).click();
    await page.getByRole('button', { name: 'Utwórz nowy klucz awaryjny' }).click();
    await expect
      .poll(() => page.getByTestId('school-recovery-key').textContent())
      .toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$/);
    await context.close();
  });
});
